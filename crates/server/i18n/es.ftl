# Interfaz de Liaison, español.

## Estructura y navegación
nav-skip = Ir al contenido
nav-main = Navegación principal
nav-home = Inicio
nav-organisations = Organizaciones
nav-users = Usuarios
nav-audit = Registro de auditoría
nav-account = Mi cuenta
nav-language = Idioma
nav-set-language = Cambiar
nav-logout = Cerrar sesión
footer-text = Liaison: cooperación internacional segura en materia penal. Cada acción queda consignada en un registro de auditoría protegido contra manipulaciones.

## Inicio de sesión
login-title = Iniciar sesión
login-submit = Iniciar sesión
second-factor-title = Segundo factor
second-factor-text = Introduzca el código de seis dígitos de su aplicación de autenticación o uno de sus códigos de recuperación.
second-factor-submit = Confirmar

## Inicio
home-title = Inicio
home-welcome = Bienvenido/a, { $name }.
home-orgs-text = Autoridades y organismos internacionales que utilizan Liaison.
home-users-text = Las personas de su organización y sus funciones.
home-audit-text = Quién hizo qué, cuándo y desde dónde: el registro protegido contra manipulaciones.
home-account-text = Su idioma, contraseña, segundo factor, sesiones y tokens de API.

## Cuenta
account-title = Mi cuenta
account-security = Seguridad
account-totp-on = El segundo factor está activado. Códigos de recuperación sin usar: { $count }.
account-totp-off = Aún no tiene un segundo factor. Configure uno para proteger su cuenta.
account-totp-enrol = Configurar un segundo factor
account-totp-replace = Sustituir mi segundo factor
account-change-password = Cambiar la contraseña
account-sessions = Sesiones activas
account-this-session = esta sesión
account-logout-everywhere = Cerrar sesión en todos los dispositivos
account-tokens = Tokens de API
token-shown-once = Copie este token ahora; no se volverá a mostrar:
token-create = Crear token
token-revoke = Revocar
token-active = activo
token-revoked = revocado
token-expired = caducado
password-title = Cambiar la contraseña
password-forced = Un administrador ha establecido su contraseña. Elija una propia antes de continuar.
password-hint = Al menos 12 caracteres. Lo mejor es una frase de varias palabras; no se admiten contraseñas habituales.
password-submit = Cambiar la contraseña
password-mismatch = las dos contraseñas nuevas no coinciden
enrol-title = Segundo factor
enrol-required = Su función u organización exige un segundo factor. Configure uno para continuar.
enrol-replace = Ya tiene un segundo factor; si confirma uno nuevo, sustituirá al actual y a sus códigos de recuperación.
enrol-text = Escanee este código con una aplicación de autenticación (por ejemplo, FreeOTP o Aegis) e introduzca el código que muestre.
enrol-manual = O introduzca esta clave manualmente:
enrol-submit = Activar
recovery-title = Códigos de recuperación
recovery-text = Guarde estos códigos de un solo uso en un lugar seguro. Cada uno le permite iniciar sesión una vez si pierde su dispositivo. Solo se muestran ahora.
recovery-done = Ya los he guardado

## Administración
users-title = Usuarios
users-search = Buscar por nombre
users-new = Nuevo usuario
users-create = Crear usuario
users-back = Volver a la lista
user-new-title = Nuevo usuario
user-title = Usuario
user-edit = Editar
user-disabled = Cuenta desactivada (pone fin a todas sus sesiones y tokens)
user-reset-password = Restablecer la contraseña
user-clear-second-factor = Eliminar también el segundo factor (dispositivo perdido)
user-revoke-sessions = Cerrar todas las sesiones de este usuario
orgs-title = Organizaciones
orgs-new = Nueva organización
orgs-create = Crear organización
org-title = Organización
org-operator = operador
notice-saved = Guardado.
notice-password-reset = Contraseña restablecida. El usuario deberá cambiarla en su próximo inicio de sesión.
notice-sessions-ended = Sesiones cerradas: { $count }.
action-search = Buscar
action-filter = Filtrar
action-save = Guardar

## Auditoría
audit-title = Registro de auditoría
audit-export = Exportar (JSON lines)
outcome-success = éxito
outcome-denied = denegado
outcome-failure = fallo

## Paginación
pager-label = Páginas
pager-prev = Anterior
pager-next = Siguiente

## Campos
field-username = Nombre de usuario
field-password = Contraseña
field-code = Código
field-display-name = Nombre
field-email = Correo electrónico
field-roles = Funciones
field-role = Función
field-organisation = Organización
field-org-id = Organización
field-status = Estado
field-second-factor = Segundo factor
field-last-login = Último inicio de sesión
field-created = Fecha de creación
field-name = Nombre
field-country = País
field-kind = Tipo
field-require-totp = Segundo factor obligatorio para todos los usuarios
field-language = Idioma
field-locale = Idioma
field-initial-password = Contraseña inicial
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
field-confirm-password = Repita la nueva contraseña
field-started = Inicio
field-last-seen = Última actividad
field-client = Dirección
field-browser = Navegador
field-prefix = Comienzo
field-scopes = Ámbitos
field-expires = Caducidad
field-expires-in-days = Validez (días)
field-last-used = Último uso
field-actor = Autor
field-action = Acción
field-outcome = Resultado
field-object = Objeto
field-object-id = Objeto
field-from = Desde
field-to = Hasta
field-time = Fecha y hora
field-details = Detalles
field-limit = Tamaño de página
field-offset = Desplazamiento

## Funciones
role-administrator = Administrador
role-central-authority-officer = Funcionario de la autoridad central
role-prosecutor = Fiscal
role-liaison-officer = Oficial de enlace
role-working-group-secretary = Secretario del grupo de trabajo
role-analyst = Analista
role-auditor = Auditor
role-observer = Observador
role-data-steward = Responsable de datos de referencia

## Tipos de organización
kind-central-authority = Autoridad central
kind-prosecutor = Fiscalía
kind-court = Tribunal
kind-ministry = Ministerio
kind-police = Policía
kind-fiu = Unidad de inteligencia financiera
kind-asset-recovery-office = Oficina de recuperación de activos
kind-customs = Aduanas
kind-investigative-committee = Comité de investigación
kind-international = Organismo internacional
kind-network-secretariat = Secretaría de la red
kind-operator = Operador de esta instalación

## Estados de las cuentas
status-active = activa
status-disabled = desactivada
status-locked = bloqueada

## Errores
error-title = Error
error-back-home = Volver a la página de inicio
problem-unauthenticated = Inicie sesión.
problem-invalid-credentials = El nombre de usuario o la contraseña son incorrectos.
problem-invalid-second-factor = El código es incorrecto o ya se ha utilizado.
problem-not-found = No encontrado.
problem-forbidden = Su función no permite esta operación.
problem-insufficient-scope = El token utilizado no permite esta operación.
problem-validation = Algunos campos no son válidos.
problem-bad-request = No se ha podido leer la solicitud
problem-conflict = Este elemento ya existe.
problem-csrf = Falta el token de seguridad del formulario o no coincide con su sesión. Vuelva a cargar la página e inténtelo de nuevo.
problem-rate-limited = Demasiados intentos. Vuelva a intentarlo dentro de { $seconds } segundos.
problem-account-locked = La cuenta se ha bloqueado tras varios intentos fallidos de inicio de sesión. Vuelva a intentarlo dentro de { $seconds } segundos.
problem-password-change-required = Primero debe cambiar su contraseña.
problem-payload-too-large = La solicitud es demasiado grande.
problem-unsupported-media-type = Tipo de contenido no admitido.
problem-method-not-allowed = Método no permitido.
problem-unavailable = El servicio no está disponible temporalmente.
problem-internal = Se ha producido un error interno. El error ha quedado registrado.

## Directorio y base jurídica
nav-legal-basis = Base jurídica
nav-directory = Directorio
directory-title = Directorio de autoridades
directory-stale = sin confirmar desde hace más de un año
directory-stale-text = Esta ficha no se ha confirmado desde hace más de un año. Verifíquela con la autoridad antes de basarse en ella.
authority-title = Autoridad
authority-competences = Competencias
authority-contacts = Puntos de contacto
authority-no-contacts = Todavía no se ha registrado ningún punto de contacto.
authority-confirm = Confirmar que esta ficha sigue siendo correcta
authority-edit = Editar la ficha
authority-entry = Ficha (JSON)
network-title = Red
network-authorities = Autoridades de sus miembros
finder-title = Base jurídica
finder-from = Estado requirente
finder-to = Estado requerido
finder-date = A fecha de
finder-measure = Medida solicitada
finder-offence = Delito
finder-submit = Buscar la base jurídica
finder-articles = Artículos
finder-channel = Vía de transmisión
finder-language = Idioma de la solicitud
finder-dual-criminality = Doble incriminación
finder-time-limits = Plazos
finder-send-to = Enviar la solicitud a
finder-no-authority = El directorio todavía no contiene ninguna autoridad del Estado requerido para este tipo de cooperación.
finder-excluded = Instrumentos examinados y descartados
finder-declarations = Declaraciones del Estado requerido
notice-confirmed = Confirmada hoy.
field-cooperation = Tipo de cooperación
field-type = Tipo de cooperación
field-network = Red
field-networks = Redes
field-languages = Idiomas
field-confirmed = Última confirmación
field-name-en = Nombre en inglés
field-website = Sitio web
field-provenance = Procedencia
field-stage = Fase del procedimiento
field-function = Cargo
field-phone = Teléfono
field-sources = Fuentes
field-scope = Ámbito
field-secretariat = Secretaría
field-members = Miembros
field-participants = Participantes
field-date = Fecha
field-authority = Ficha
role-central-authority = autoridad central
role-competent-authority = autoridad competente
coop-mla = Asistencia judicial recíproca
coop-extradition = Extradición
coop-transfer-of-proceedings = Remisión de actuaciones penales
coop-transfer-of-sentenced-persons = Traslado de personas condenadas
coop-confiscation = Embargo preventivo y decomiso
coop-recognition-of-judgment = Reconocimiento de una sentencia
level-bilateral = bilateral
level-regional = regional
level-universal = universal
channel-centralauthority = autoridades centrales
channel-directjudicial = directamente entre autoridades judiciales
channel-diplomatic = vía diplomática
channel-interpol = INTERPOL
dual-required = exigida
dual-mayrefuse = el Estado requerido puede denegar la solicitud si no concurre
dual-notrequired = no exigida
