# Liaison interface, English (reference: every other language has the same message ids).

## Shell and navigation
nav-skip = Skip to content
nav-main = Main navigation
nav-home = Home
nav-organisations = Organisations
nav-users = Users
nav-audit = Audit trail
nav-account = My account
nav-language = Language
nav-set-language = Change
nav-logout = Log out
footer-text = Liaison — secure international cooperation in criminal matters. Every action is recorded in a tamper-evident audit trail.

## Login
login-title = Log in
login-submit = Log in
second-factor-title = Second factor
second-factor-text = Enter the six-digit code from your authenticator app, or one of your recovery codes.
second-factor-submit = Confirm

## Home
home-title = Home
home-welcome = Welcome, { $name }.
home-orgs-text = Authorities and international bodies using Liaison.
home-users-text = The people of your organisation and their roles.
home-audit-text = Who did what, when, from where: the tamper-evident record.
home-account-text = Your language, password, second factor, sessions and API tokens.

## Account
account-title = My account
account-security = Security
account-totp-on = Second factor is active. Unused recovery codes: { $count }.
account-totp-off = No second factor yet. Enrol one to protect your account.
account-totp-enrol = Enrol a second factor
account-totp-replace = Replace my second factor
account-change-password = Change password
account-sessions = Active sessions
account-this-session = this session
account-logout-everywhere = Log out everywhere
account-tokens = API tokens
token-shown-once = Copy this token now; it will not be shown again:
token-create = Create token
token-revoke = Revoke
token-active = active
token-revoked = revoked
token-expired = expired
password-title = Change password
password-forced = An administrator set your password. Choose your own before you continue.
password-hint = At least 12 characters. A phrase of several words is best; common passwords are refused.
password-submit = Change password
password-mismatch = the two new passwords differ
enrol-title = Second factor
enrol-required = Your role or organisation requires a second factor. Enrol one to continue.
enrol-replace = You already have a second factor; confirming a new one replaces it and your recovery codes.
enrol-text = Scan this code with an authenticator app (for example FreeOTP or Aegis), then enter the code it shows.
enrol-manual = Or enter this key by hand:
enrol-submit = Activate
recovery-title = Recovery codes
recovery-text = Keep these single-use codes somewhere safe. Each one lets you log in once if you lose your device. They are shown only now.
recovery-done = I have stored them

## Administration
users-title = Users
users-search = Search by name
users-new = New user
users-create = Create user
users-back = Back to the list
user-new-title = New user
user-title = User
user-edit = Edit
user-disabled = Account disabled (ends all its sessions and tokens)
user-reset-password = Reset password
user-clear-second-factor = Also remove the second factor (lost device)
user-revoke-sessions = End all sessions of this user
orgs-title = Organisations
orgs-new = New organisation
orgs-create = Create organisation
org-title = Organisation
org-operator = operator
notice-saved = Saved.
notice-password-reset = Password reset. The user must change it at the next login.
notice-sessions-ended = Sessions ended: { $count }.
action-search = Search
action-filter = Filter
action-save = Save

## Audit
audit-title = Audit trail
audit-export = Export (JSON lines)
outcome-success = success
outcome-denied = denied
outcome-failure = failure

## Paging
pager-label = Pages
pager-prev = Previous
pager-next = Next

## Fields
field-username = User name
field-password = Password
field-code = Code
field-display-name = Name
field-email = E-mail
field-roles = Roles
field-role = Role
field-organisation = Organisation
field-org-id = Organisation
field-status = Status
field-second-factor = Second factor
field-last-login = Last login
field-created = Created
field-name = Name
field-country = Country
field-kind = Kind
field-require-totp = Second factor required for all users
field-language = Language
field-locale = Language
field-initial-password = Initial password
field-current-password = Current password
field-new-password = New password
field-confirm-password = Repeat the new password
field-started = Started
field-last-seen = Last activity
field-client = Address
field-browser = Browser
field-prefix = Beginning
field-scopes = Scopes
field-expires = Expires
field-expires-in-days = Valid for (days)
field-last-used = Last used
field-actor = Actor
field-action = Action
field-outcome = Outcome
field-object = Object
field-object-id = Object
field-from = From
field-to = To
field-time = Time
field-details = Details
field-limit = Page size
field-offset = Offset

## Roles
role-administrator = Administrator
role-central-authority-officer = Central authority officer
role-prosecutor = Prosecutor
role-liaison-officer = Liaison officer
role-working-group-secretary = Working group secretary
role-analyst = Analyst
role-auditor = Auditor
role-observer = Observer
role-data-steward = Data steward

## Kinds of organisation
kind-central-authority = Central authority
kind-prosecutor = Prosecutor's office
kind-court = Court
kind-ministry = Ministry
kind-police = Police
kind-fiu = Financial intelligence unit
kind-asset-recovery-office = Asset recovery office
kind-customs = Customs
kind-investigative-committee = Investigative committee
kind-international = International body
kind-network-secretariat = Network secretariat
kind-operator = Operator of this installation

## Account states
status-active = active
status-disabled = disabled
status-locked = locked

## Errors
error-title = Error
error-back-home = Back to the home page
problem-unauthenticated = Please log in.
problem-invalid-credentials = The user name or password is wrong.
problem-invalid-second-factor = The code is wrong or was already used.
problem-not-found = Not found.
problem-forbidden = Your role does not allow this.
problem-insufficient-scope = The token used does not allow this.
problem-validation = Some fields are not valid.
problem-bad-request = The request could not be read
problem-conflict = This already exists.
problem-csrf = The form's security token is missing or does not match your session. Reload the page and try again.
problem-rate-limited = Too many attempts. Try again in { $seconds } seconds.
problem-account-locked = The account is locked after repeated failed logins. Try again in { $seconds } seconds.
problem-password-change-required = You must change your password first.
problem-payload-too-large = The request is too large.
problem-unsupported-media-type = Unsupported content type.
problem-method-not-allowed = Method not allowed.
problem-unavailable = The service is temporarily unavailable.
problem-internal = Something went wrong on our side. The error has been logged.

## Directory and legal basis
nav-legal-basis = Legal basis
nav-directory = Directory
directory-title = Directory of authorities
directory-stale = not confirmed for a year
directory-stale-text = This entry has not been confirmed for more than a year. Check it with the authority before relying on it.
authority-title = Authority
authority-competences = Competences
authority-contacts = Contact points
authority-no-contacts = No contact point is recorded yet.
authority-confirm = Confirm this entry is still right
authority-edit = Edit the entry
authority-entry = Entry (JSON)
network-title = Network
network-authorities = Authorities of its members
finder-title = Legal basis
finder-from = Requesting state
finder-to = Requested state
finder-date = On the date
finder-measure = Measure sought
finder-offence = Offence
finder-submit = Find the legal basis
finder-articles = Articles
finder-channel = Channel
finder-language = Language of the request
finder-dual-criminality = Dual criminality
finder-time-limits = Time limits
finder-send-to = Send the request to
finder-no-authority = No authority of the requested state for this kind of cooperation is in the directory yet.
finder-excluded = Instruments considered and set aside
finder-declarations = Declarations of the requested state
notice-confirmed = Confirmed today.
field-cooperation = Cooperation
field-type = Cooperation
field-network = Network
field-networks = Networks
field-languages = Languages
field-confirmed = Last confirmed
field-name-en = Name in English
field-website = Website
field-provenance = Provenance
field-stage = Stage
field-function = Function
field-phone = Telephone
field-sources = Sources
field-scope = Scope
field-secretariat = Secretariat
field-members = Members
field-participants = Taking part
field-date = Date
field-authority = Entry
role-central-authority = central authority
role-competent-authority = competent authority
coop-mla = Mutual legal assistance
coop-extradition = Extradition
coop-transfer-of-proceedings = Transfer of proceedings
coop-transfer-of-sentenced-persons = Transfer of sentenced persons
coop-confiscation = Freezing and confiscation
coop-recognition-of-judgment = Recognition of a judgment
level-bilateral = bilateral
level-regional = regional
level-universal = universal
channel-centralauthority = central authorities
channel-directjudicial = directly between judicial authorities
channel-diplomatic = diplomatic channel
channel-interpol = INTERPOL
dual-required = required
dual-mayrefuse = the requested state may refuse without it
dual-notrequired = not required
