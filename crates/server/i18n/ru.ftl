# Интерфейс Liaison, русский язык.

## Оболочка и навигация
nav-skip = Перейти к содержанию
nav-main = Главное меню
nav-home = Главная
nav-organisations = Организации
nav-users = Пользователи
nav-audit = Журнал аудита
nav-account = Моя учётная запись
nav-language = Язык
nav-set-language = Сменить
nav-logout = Выйти
footer-text = Liaison — защищённое международное сотрудничество по уголовным делам. Каждое действие записывается в защищённый от подделки журнал аудита.

## Вход
login-title = Вход
login-submit = Войти
second-factor-title = Второй фактор
second-factor-text = Введите шестизначный код из приложения-аутентификатора или один из резервных кодов.
second-factor-submit = Подтвердить

## Главная
home-title = Главная
home-welcome = Добро пожаловать, { $name }.
home-orgs-text = Ведомства и международные органы, работающие в Liaison.
home-users-text = Сотрудники вашей организации и их роли.
home-audit-text = Кто, что, когда и откуда сделал: защищённый от подделки журнал.
home-account-text = Язык, пароль, второй фактор, сеансы и API-токены.

## Учётная запись
account-title = Моя учётная запись
account-security = Безопасность
account-totp-on = Второй фактор включён. Неиспользованных резервных кодов: { $count }.
account-totp-off = Второй фактор не подключён. Подключите его, чтобы защитить учётную запись.
account-totp-enrol = Подключить второй фактор
account-totp-replace = Заменить второй фактор
account-change-password = Сменить пароль
account-sessions = Активные сеансы
account-this-session = текущий сеанс
account-logout-everywhere = Выйти на всех устройствах
account-tokens = API-токены
token-shown-once = Скопируйте токен сейчас — больше он показан не будет:
token-create = Создать токен
token-revoke = Отозвать
token-active = действует
token-revoked = отозван
token-expired = истёк
password-title = Смена пароля
password-forced = Пароль задан администратором. Прежде чем продолжить, выберите собственный.
password-hint = Не менее 12 символов. Лучше всего фраза из нескольких слов; распространённые пароли не принимаются.
password-submit = Сменить пароль
password-mismatch = новые пароли не совпадают
enrol-title = Второй фактор
enrol-required = Ваша роль или организация требует второй фактор. Подключите его, чтобы продолжить.
enrol-replace = Второй фактор уже подключён; подтверждение нового заменит его и резервные коды.
enrol-text = Отсканируйте код приложением-аутентификатором (например, FreeOTP или Aegis) и введите показанный им код.
enrol-manual = Или введите ключ вручную:
enrol-submit = Включить
recovery-title = Резервные коды
recovery-text = Сохраните эти одноразовые коды в надёжном месте. Каждый позволяет войти один раз, если устройство утеряно. Они показываются только сейчас.
recovery-done = Я их сохранил(а)

## Администрирование
users-title = Пользователи
users-search = Поиск по имени
users-new = Новый пользователь
users-create = Создать пользователя
users-back = Назад к списку
user-new-title = Новый пользователь
user-title = Пользователь
user-edit = Изменить
user-disabled = Учётная запись отключена (завершает все её сеансы и токены)
user-reset-password = Сбросить пароль
user-clear-second-factor = Также удалить второй фактор (утерянное устройство)
user-revoke-sessions = Завершить все сеансы пользователя
orgs-title = Организации
orgs-new = Новая организация
orgs-create = Создать организацию
org-title = Организация
org-operator = оператор
notice-saved = Сохранено.
notice-password-reset = Пароль сброшен. Пользователь должен сменить его при следующем входе.
notice-sessions-ended = Завершено сеансов: { $count }.
action-search = Найти
action-filter = Отобрать
action-save = Сохранить

## Аудит
audit-title = Журнал аудита
audit-export = Выгрузить (JSON lines)
outcome-success = успех
outcome-denied = отказано
outcome-failure = неудача

## Страницы
pager-label = Страницы
pager-prev = Назад
pager-next = Далее

## Поля
field-username = Имя пользователя
field-password = Пароль
field-code = Код
field-display-name = Имя
field-email = Эл. почта
field-roles = Роли
field-role = Роль
field-organisation = Организация
field-org-id = Организация
field-status = Состояние
field-second-factor = Второй фактор
field-last-login = Последний вход
field-created = Создан
field-name = Название
field-country = Страна
field-kind = Вид
field-require-totp = Второй фактор обязателен для всех пользователей
field-language = Язык
field-locale = Язык
field-initial-password = Начальный пароль
field-current-password = Текущий пароль
field-new-password = Новый пароль
field-confirm-password = Повторите новый пароль
field-started = Начат
field-last-seen = Последняя активность
field-client = Адрес
field-browser = Браузер
field-prefix = Начало
field-scopes = Права
field-expires = Действует до
field-expires-in-days = Срок действия (дней)
field-last-used = Последнее использование
field-actor = Субъект
field-action = Действие
field-outcome = Результат
field-object = Объект
field-object-id = Объект
field-from = С
field-to = По
field-time = Время
field-details = Подробности
field-limit = Размер страницы
field-offset = Смещение

## Роли
role-administrator = Администратор
role-central-authority-officer = Сотрудник центрального органа
role-prosecutor = Прокурор
role-liaison-officer = Офицер связи
role-working-group-secretary = Секретарь рабочей группы
role-analyst = Аналитик
role-auditor = Аудитор
role-observer = Наблюдатель
role-data-steward = Хранитель справочных данных

## Виды организаций
kind-central-authority = Центральный орган
kind-prosecutor = Прокуратура
kind-court = Суд
kind-ministry = Министерство
kind-police = Полиция
kind-fiu = Подразделение финансовой разведки
kind-asset-recovery-office = Служба по возврату активов
kind-customs = Таможня
kind-investigative-committee = Следственный комитет
kind-international = Международный орган
kind-network-secretariat = Секретариат сети
kind-operator = Оператор системы

## Состояния учётных записей
status-active = активна
status-disabled = отключена
status-locked = заблокирована

## Ошибки
error-title = Ошибка
error-back-home = На главную страницу
problem-unauthenticated = Пожалуйста, войдите в систему.
problem-invalid-credentials = Неверное имя пользователя или пароль.
problem-invalid-second-factor = Код неверен или уже использован.
problem-not-found = Не найдено.
problem-forbidden = Ваша роль не позволяет это сделать.
problem-insufficient-scope = Использованный токен не даёт такого права.
problem-validation = Некоторые поля заполнены неверно.
problem-bad-request = Запрос не удалось прочитать
problem-conflict = Такая запись уже существует.
problem-csrf = Защитный токен формы отсутствует или не соответствует сеансу. Обновите страницу и повторите.
problem-rate-limited = Слишком много попыток. Повторите через { $seconds } с.
problem-account-locked = Учётная запись заблокирована после нескольких неудачных попыток входа. Повторите через { $seconds } с.
problem-password-change-required = Сначала смените пароль.
problem-payload-too-large = Запрос слишком велик.
problem-unsupported-media-type = Неподдерживаемый тип содержимого.
problem-method-not-allowed = Метод не разрешён.
problem-unavailable = Сервис временно недоступен.
problem-internal = Произошла внутренняя ошибка. Она записана в журнал.

## Справочник и правовые основания
nav-legal-basis = Правовые основания
nav-directory = Справочник
directory-title = Справочник компетентных органов
directory-stale = не подтверждено больше года
directory-stale-text = Эта запись не подтверждалась больше года. Прежде чем полагаться на неё, уточните данные у самого органа.
authority-title = Орган
authority-competences = Компетенция
authority-contacts = Контактные лица
authority-no-contacts = Контактные лица пока не внесены.
authority-confirm = Подтвердить, что запись верна
authority-edit = Изменить запись
authority-entry = Запись (JSON)
network-title = Сеть
network-authorities = Органы её участников
finder-title = Правовые основания
finder-from = Запрашивающее государство
finder-to = Запрашиваемое государство
finder-date = На дату
finder-measure = Запрашиваемое действие
finder-offence = Преступление
finder-submit = Найти правовые основания
finder-articles = Статьи
finder-channel = Порядок сношений
finder-language = Язык запроса
finder-dual-criminality = Двойная криминальность
finder-time-limits = Сроки
finder-send-to = Куда направить запрос
finder-no-authority = Органа запрашиваемого государства для этого вида сотрудничества в справочнике пока нет.
finder-excluded = Рассмотренные и отклонённые договоры
finder-declarations = Заявления запрашиваемого государства
notice-confirmed = Подтверждено сегодня.
field-cooperation = Вид сотрудничества
field-type = Вид сотрудничества
field-network = Сеть
field-networks = Сети
field-languages = Языки
field-confirmed = Последнее подтверждение
field-name-en = Название на английском
field-website = Сайт
field-provenance = Источник сведений
field-stage = Стадия
field-function = Должность
field-phone = Телефон
field-sources = Источники
field-scope = Сфера
field-secretariat = Секретариат
field-members = Участники
field-participants = Принимают участие
field-date = Дата
field-authority = Запись
role-central-authority = центральный орган
role-competent-authority = компетентный орган
coop-mla = Правовая помощь
coop-extradition = Выдача (экстрадиция)
coop-transfer-of-proceedings = Передача уголовного преследования
coop-transfer-of-sentenced-persons = Передача осуждённых
coop-confiscation = Арест и конфискация
coop-recognition-of-judgment = Признание приговора
level-bilateral = двусторонний
level-regional = региональный
level-universal = универсальный
channel-centralauthority = через центральные органы
channel-directjudicial = напрямую между судебными органами
channel-diplomatic = дипломатическим путём
channel-interpol = через Интерпол
dual-required = требуется
dual-mayrefuse = запрашиваемое государство может отказать при её отсутствии
dual-notrequired = не требуется
