# واجهة Liaison، اللغة العربية.

## الإطار والتنقل
nav-skip = الانتقال إلى المحتوى
nav-main = التنقل الرئيسي
nav-home = الصفحة الرئيسية
nav-organisations = الجهات
nav-users = المستخدمون
nav-audit = سجل التدقيق
nav-account = حسابي
nav-language = اللغة
nav-set-language = تغيير
nav-logout = تسجيل الخروج
footer-text = Liaison — تعاون دولي آمن في المسائل الجنائية. يُسجَّل كل إجراء في سجل تدقيق محمي من التلاعب.

## تسجيل الدخول
login-title = تسجيل الدخول
login-submit = تسجيل الدخول
second-factor-title = عامل التحقق الثاني
second-factor-text = أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد الخاصة بك.
second-factor-submit = تأكيد

## الصفحة الرئيسية
home-title = الصفحة الرئيسية
home-welcome = مرحبًا، { $name }.
home-orgs-text = السلطات والهيئات الدولية التي تستخدم Liaison.
home-users-text = أعضاء جهتك وأدوارهم.
home-audit-text = من فعل ماذا، ومتى، ومن أين: السجل المحمي من التلاعب.
home-account-text = لغتك وكلمة المرور وعامل التحقق الثاني والجلسات ورموز API المميزة.

## الحساب
account-title = حسابي
account-security = الأمان
account-totp-on = عامل التحقق الثاني مفعَّل. رموز الاسترداد غير المستخدمة: { $count }.
account-totp-off = لم يُعدّ عامل تحقق ثانٍ بعد. أعدّ واحدًا لحماية حسابك.
account-totp-enrol = إعداد عامل تحقق ثانٍ
account-totp-replace = استبدال عامل التحقق الثاني
account-change-password = تغيير كلمة المرور
account-sessions = الجلسات النشطة
account-this-session = هذه الجلسة
account-logout-everywhere = تسجيل الخروج من جميع الأجهزة
account-tokens = رموز API المميزة
token-shown-once = انسخ هذا الرمز المميز الآن؛ لن يُعرض مرة أخرى:
token-create = إنشاء رمز مميز
token-revoke = إلغاء
token-active = ساري المفعول
token-revoked = ملغى
token-expired = منتهي الصلاحية
password-title = تغيير كلمة المرور
password-forced = عيّن أحد المسؤولين كلمة المرور الخاصة بك. اختر كلمة مرور خاصة بك قبل المتابعة.
password-hint = 12 حرفًا على الأقل. يُفضَّل استخدام عبارة من عدة كلمات؛ وتُرفض كلمات المرور الشائعة.
password-submit = تغيير كلمة المرور
password-mismatch = كلمتا المرور الجديدتان غير متطابقتين
enrol-title = عامل التحقق الثاني
enrol-required = يتطلب دورك أو جهتك عامل تحقق ثانيًا. أعدّ واحدًا للمتابعة.
enrol-replace = لديك عامل تحقق ثانٍ بالفعل؛ وتأكيد عامل جديد يحل محله ومحل رموز الاسترداد الخاصة بك.
enrol-text = امسح هذا الرمز ضوئيًا بتطبيق مصادقة (مثل FreeOTP أو Aegis)، ثم أدخل الرمز الذي يعرضه.
enrol-manual = أو أدخل هذا المفتاح يدويًا:
enrol-submit = تفعيل
recovery-title = رموز الاسترداد
recovery-text = احفظ رموز الاستخدام الواحد هذه في مكان آمن. يتيح لك كل رمز منها تسجيل الدخول مرة واحدة إذا فقدت جهازك. لن تُعرض إلا الآن.
recovery-done = لقد حفظتها

## الإدارة
users-title = المستخدمون
users-search = البحث بالاسم
users-new = مستخدم جديد
users-create = إنشاء مستخدم
users-back = العودة إلى القائمة
user-new-title = مستخدم جديد
user-title = المستخدم
user-edit = تعديل
user-disabled = الحساب معطَّل (يُنهي جميع جلساته ورموزه المميزة)
user-reset-password = إعادة تعيين كلمة المرور
user-clear-second-factor = إزالة عامل التحقق الثاني أيضًا (جهاز مفقود)
user-revoke-sessions = إنهاء جميع جلسات هذا المستخدم
orgs-title = الجهات
orgs-new = جهة جديدة
orgs-create = إنشاء جهة
org-title = الجهة
org-operator = المشغّل
notice-saved = تم الحفظ.
notice-password-reset = أُعيد تعيين كلمة المرور. يجب على المستخدم تغييرها عند تسجيل الدخول التالي.
notice-sessions-ended = الجلسات المنتهية: { $count }.
action-search = بحث
action-filter = تصفية
action-save = حفظ

## التدقيق
audit-title = سجل التدقيق
audit-export = تصدير (JSON lines)
outcome-success = نجاح
outcome-denied = مرفوض
outcome-failure = إخفاق

## الصفحات
pager-label = الصفحات
pager-prev = السابق
pager-next = التالي

## الحقول
field-username = اسم المستخدم
field-password = كلمة المرور
field-code = الرمز
field-display-name = الاسم
field-email = البريد الإلكتروني
field-roles = الأدوار
field-role = الدور
field-organisation = الجهة
field-org-id = الجهة
field-status = الحالة
field-second-factor = عامل التحقق الثاني
field-last-login = آخر تسجيل دخول
field-created = تاريخ الإنشاء
field-name = الاسم
field-country = البلد
field-kind = النوع
field-require-totp = عامل التحقق الثاني إلزامي لجميع المستخدمين
field-language = اللغة
field-locale = اللغة
field-initial-password = كلمة المرور الأولية
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-confirm-password = أعد إدخال كلمة المرور الجديدة
field-started = البداية
field-last-seen = آخر نشاط
field-client = العنوان
field-browser = المتصفح
field-prefix = البادئة
field-scopes = نطاقات الصلاحية
field-expires = تاريخ الانتهاء
field-expires-in-days = مدة الصلاحية (بالأيام)
field-last-used = آخر استخدام
field-actor = الفاعل
field-action = الإجراء
field-outcome = النتيجة
field-object = الكائن
field-object-id = الكائن
field-from = من
field-to = إلى
field-time = الوقت
field-details = التفاصيل
field-limit = حجم الصفحة
field-offset = الإزاحة

## الأدوار
role-administrator = مسؤول النظام
role-central-authority-officer = موظف السلطة المركزية
role-prosecutor = مدعٍ عام
role-liaison-officer = ضابط اتصال
role-working-group-secretary = أمين الفريق العامل
role-analyst = محلل
role-auditor = مدقق
role-observer = مراقب
role-data-steward = أمين البيانات المرجعية

## أنواع الجهات
kind-central-authority = السلطة المركزية
kind-prosecutor = النيابة العامة
kind-court = محكمة
kind-ministry = وزارة
kind-police = الشرطة
kind-fiu = وحدة الاستخبارات المالية
kind-asset-recovery-office = مكتب استرداد الأصول
kind-customs = الجمارك
kind-investigative-committee = لجنة التحقيق
kind-international = هيئة دولية
kind-network-secretariat = أمانة الشبكة
kind-operator = مشغّل هذا النظام

## حالات الحسابات
status-active = نشط
status-disabled = معطَّل
status-locked = مقفل

## الأخطاء
error-title = خطأ
error-back-home = العودة إلى الصفحة الرئيسية
problem-unauthenticated = يُرجى تسجيل الدخول.
problem-invalid-credentials = اسم المستخدم أو كلمة المرور غير صحيحة.
problem-invalid-second-factor = الرمز غير صحيح أو سبق استخدامه.
problem-not-found = غير موجود.
problem-forbidden = لا يسمح دورك بذلك.
problem-insufficient-scope = لا يسمح الرمز المميز المستخدم بذلك.
problem-validation = بعض الحقول غير صالحة.
problem-bad-request = تعذّرت قراءة الطلب
problem-conflict = هذا العنصر موجود بالفعل.
problem-csrf = رمز الأمان الخاص بالنموذج مفقود أو لا يطابق جلستك. أعد تحميل الصفحة وحاول مرة أخرى.
problem-rate-limited = محاولات كثيرة جدًا. حاول مرة أخرى بعد { $seconds } ثانية.
problem-account-locked = قُفل الحساب بعد تكرار محاولات تسجيل الدخول الفاشلة. حاول مرة أخرى بعد { $seconds } ثانية.
problem-password-change-required = يجب عليك تغيير كلمة المرور أولًا.
problem-payload-too-large = الطلب كبير جدًا.
problem-unsupported-media-type = نوع المحتوى غير مدعوم.
problem-method-not-allowed = الطريقة غير مسموح بها.
problem-unavailable = الخدمة غير متاحة مؤقتًا.
problem-internal = حدث خطأ من جانبنا. وقد سُجِّل الخطأ.

## الدليل والأساس القانوني
nav-legal-basis = الأساس القانوني
nav-directory = الدليل
directory-title = دليل السلطات
directory-stale = لم يُؤكَّد منذ أكثر من عام
directory-stale-text = لم يُؤكَّد هذا القيد منذ أكثر من عام. تحقّق منه لدى السلطة المعنية قبل الاعتماد عليه.
authority-title = السلطة
authority-competences = الاختصاصات
authority-contacts = جهات الاتصال
authority-no-contacts = لم تُسجَّل أي جهة اتصال بعد.
authority-confirm = تأكيد أن هذا القيد لا يزال صحيحًا
authority-edit = تعديل القيد
authority-entry = القيد (JSON)
network-title = الشبكة
network-authorities = سلطات أعضائها
finder-title = الأساس القانوني
finder-from = الدولة الطالبة
finder-to = الدولة متلقية الطلب
finder-date = في تاريخ
finder-measure = الإجراء المطلوب
finder-offence = الجريمة
finder-submit = البحث عن الأساس القانوني
finder-articles = المواد
finder-channel = قناة الإرسال
finder-language = لغة الطلب
finder-dual-criminality = ازدواجية التجريم
finder-time-limits = المهل الزمنية
finder-send-to = يُرسَل الطلب إلى
finder-no-authority = لا يتضمن الدليل بعدُ أي سلطة تابعة للدولة متلقية الطلب مختصة بهذا النوع من التعاون.
finder-excluded = الصكوك التي نُظر فيها واستُبعدت
finder-declarations = إعلانات الدولة متلقية الطلب
notice-confirmed = تم التأكيد اليوم.
field-cooperation = نوع التعاون
field-type = نوع التعاون
field-network = الشبكة
field-networks = الشبكات
field-languages = اللغات
field-confirmed = آخر تأكيد
field-name-en = الاسم بالإنكليزية
field-website = الموقع الإلكتروني
field-provenance = مصدر المعلومات
field-stage = مرحلة الإجراءات
field-function = المنصب
field-phone = الهاتف
field-sources = المصادر
field-scope = النطاق
field-secretariat = الأمانة
field-members = الأعضاء
field-participants = المشاركون
field-date = التاريخ
field-authority = القيد
role-central-authority = سلطة مركزية
role-competent-authority = سلطة مختصة
coop-mla = المساعدة القانونية المتبادلة
coop-extradition = تسليم المجرمين
coop-transfer-of-proceedings = نقل الإجراءات الجنائية
coop-transfer-of-sentenced-persons = نقل الأشخاص المحكوم عليهم
coop-confiscation = التجميد والمصادرة
coop-recognition-of-judgment = الاعتراف بحكم قضائي
level-bilateral = ثنائي
level-regional = إقليمي
level-universal = عالمي
channel-centralauthority = السلطات المركزية
channel-directjudicial = مباشرةً بين السلطات القضائية
channel-diplomatic = القناة الدبلوماسية
channel-interpol = INTERPOL
dual-required = مشترطة
dual-mayrefuse = يجوز للدولة متلقية الطلب الرفض في حال انتفائها
dual-notrequired = غير مشترطة
