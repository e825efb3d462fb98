# Interface de Liaison, français.

## Cadre et navigation
nav-skip = Aller au contenu
nav-main = Navigation principale
nav-home = Accueil
nav-organisations = Organisations
nav-users = Utilisateurs
nav-audit = Journal d'audit
nav-account = Mon compte
nav-language = Langue
nav-set-language = Changer
nav-logout = Se déconnecter
footer-text = Liaison — coopération internationale sécurisée en matière pénale. Chaque action est consignée dans un journal d'audit protégé contre toute falsification.

## Connexion
login-title = Connexion
login-submit = Se connecter
second-factor-title = Second facteur
second-factor-text = Saisissez le code à six chiffres affiché par votre application d'authentification, ou l'un de vos codes de secours.
second-factor-submit = Confirmer

## Accueil
home-title = Accueil
home-welcome = Bienvenue, { $name }.
home-orgs-text = Autorités et organismes internationaux utilisant Liaison.
home-users-text = Les membres de votre organisation et leurs rôles.
home-audit-text = Qui a fait quoi, quand et d'où : le journal protégé contre toute falsification.
home-account-text = Votre langue, votre mot de passe, votre second facteur, vos sessions et vos jetons API.

## Compte
account-title = Mon compte
account-security = Sécurité
account-totp-on = Le second facteur est activé. Codes de secours non utilisés : { $count }.
account-totp-off = Aucun second facteur pour l'instant. Configurez-en un pour protéger votre compte.
account-totp-enrol = Configurer un second facteur
account-totp-replace = Remplacer mon second facteur
account-change-password = Changer de mot de passe
account-sessions = Sessions actives
account-this-session = cette session
account-logout-everywhere = Se déconnecter partout
account-tokens = Jetons API
token-shown-once = Copiez ce jeton maintenant ; il ne sera plus affiché :
token-create = Créer un jeton
token-revoke = Révoquer
token-active = actif
token-revoked = révoqué
token-expired = expiré
password-title = Changer de mot de passe
password-forced = Votre mot de passe a été défini par un administrateur. Choisissez le vôtre avant de continuer.
password-hint = Au moins 12 caractères. Une phrase de plusieurs mots est idéale ; les mots de passe courants sont refusés.
password-submit = Changer de mot de passe
password-mismatch = les deux nouveaux mots de passe ne correspondent pas
enrol-title = Second facteur
enrol-required = Votre rôle ou votre organisation exige un second facteur. Configurez-en un pour continuer.
enrol-replace = Vous avez déjà un second facteur ; la confirmation d'un nouveau remplacera celui-ci ainsi que vos codes de secours.
enrol-text = Scannez ce code avec une application d'authentification (par exemple FreeOTP ou Aegis), puis saisissez le code qu'elle affiche.
enrol-manual = Ou saisissez cette clé manuellement :
enrol-submit = Activer
recovery-title = Codes de secours
recovery-text = Conservez ces codes à usage unique en lieu sûr. Chacun permet de vous connecter une fois si vous perdez votre appareil. Ils ne sont affichés qu'en ce moment.
recovery-done = Je les ai conservés

## Administration
users-title = Utilisateurs
users-search = Rechercher par nom
users-new = Nouvel utilisateur
users-create = Créer l'utilisateur
users-back = Retour à la liste
user-new-title = Nouvel utilisateur
user-title = Utilisateur
user-edit = Modifier
user-disabled = Compte désactivé (met fin à toutes ses sessions et à tous ses jetons)
user-reset-password = Réinitialiser le mot de passe
user-clear-second-factor = Supprimer également le second facteur (appareil perdu)
user-revoke-sessions = Mettre fin à toutes les sessions de cet utilisateur
orgs-title = Organisations
orgs-new = Nouvelle organisation
orgs-create = Créer l'organisation
org-title = Organisation
org-operator = opérateur
notice-saved = Enregistré.
notice-password-reset = Mot de passe réinitialisé. L'utilisateur devra le changer à sa prochaine connexion.
notice-sessions-ended = Sessions terminées : { $count }.
action-search = Rechercher
action-filter = Filtrer
action-save = Enregistrer

## Audit
audit-title = Journal d'audit
audit-export = Exporter (JSON lines)
outcome-success = réussite
outcome-denied = refusé
outcome-failure = échec

## Pagination
pager-label = Pages
pager-prev = Précédent
pager-next = Suivant

## Champs
field-username = Nom d'utilisateur
field-password = Mot de passe
field-code = Code
field-display-name = Nom
field-email = Courriel
field-roles = Rôles
field-role = Rôle
field-organisation = Organisation
field-org-id = Organisation
field-status = Statut
field-second-factor = Second facteur
field-last-login = Dernière connexion
field-created = Créé le
field-name = Nom
field-country = Pays
field-kind = Type
field-require-totp = Second facteur obligatoire pour tous les utilisateurs
field-language = Langue
field-locale = Langue
field-initial-password = Mot de passe initial
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-confirm-password = Répétez le nouveau mot de passe
field-started = Début
field-last-seen = Dernière activité
field-client = Adresse
field-browser = Navigateur
field-prefix = Début
field-scopes = Portées
field-expires = Expiration
field-expires-in-days = Durée de validité (jours)
field-last-used = Dernière utilisation
field-actor = Auteur
field-action = Action
field-outcome = Résultat
field-object = Objet
field-object-id = Objet
field-from = Du
field-to = Au
field-time = Date et heure
field-details = Détails
field-limit = Taille de page
field-offset = Décalage

## Rôles
role-administrator = Administrateur
role-central-authority-officer = Agent de l'autorité centrale
role-prosecutor = Procureur
role-liaison-officer = Officier de liaison
role-working-group-secretary = Secrétaire du groupe de travail
role-analyst = Analyste
role-auditor = Auditeur
role-observer = Observateur
role-data-steward = Gestionnaire des données de référence

## Types d'organisation
kind-central-authority = Autorité centrale
kind-prosecutor = Parquet
kind-court = Juridiction
kind-ministry = Ministère
kind-police = Police
kind-fiu = Cellule de renseignement financier
kind-asset-recovery-office = Bureau de recouvrement des avoirs
kind-customs = Douanes
kind-investigative-committee = Comité d'enquête
kind-international = Organisme international
kind-network-secretariat = Secrétariat du réseau
kind-operator = Opérateur de cette installation

## États des comptes
status-active = actif
status-disabled = désactivé
status-locked = verrouillé

## Erreurs
error-title = Erreur
error-back-home = Retour à la page d'accueil
problem-unauthenticated = Veuillez vous connecter.
problem-invalid-credentials = Le nom d'utilisateur ou le mot de passe est incorrect.
problem-invalid-second-factor = Le code est incorrect ou a déjà été utilisé.
problem-not-found = Introuvable.
problem-forbidden = Votre rôle ne le permet pas.
problem-insufficient-scope = Le jeton utilisé ne le permet pas.
problem-validation = Certains champs ne sont pas valides.
problem-bad-request = La requête n'a pas pu être lue
problem-conflict = Cet élément existe déjà.
problem-csrf = Le jeton de sécurité du formulaire est absent ou ne correspond pas à votre session. Rechargez la page et réessayez.
problem-rate-limited = Trop de tentatives. Réessayez dans { $seconds } secondes.
problem-account-locked = Le compte est verrouillé à la suite de plusieurs échecs de connexion. Réessayez dans { $seconds } secondes.
problem-password-change-required = Vous devez d'abord changer votre mot de passe.
problem-payload-too-large = La requête est trop volumineuse.
problem-unsupported-media-type = Type de contenu non pris en charge.
problem-method-not-allowed = Méthode non autorisée.
problem-unavailable = Le service est temporairement indisponible.
problem-internal = Une erreur s'est produite de notre côté. Elle a été consignée.

## Annuaire et base juridique
nav-legal-basis = Base juridique
nav-directory = Annuaire
directory-title = Annuaire des autorités
directory-stale = non confirmée depuis plus d'un an
directory-stale-text = Cette fiche n'a pas été confirmée depuis plus d'un an. Vérifiez-la auprès de l'autorité avant de vous y fier.
authority-title = Autorité
authority-competences = Compétences
authority-contacts = Points de contact
authority-no-contacts = Aucun point de contact n'est encore enregistré.
authority-confirm = Confirmer que cette fiche est toujours exacte
authority-edit = Modifier la fiche
authority-entry = Fiche (JSON)
network-title = Réseau
network-authorities = Autorités de ses membres
finder-title = Base juridique
finder-from = État requérant
finder-to = État requis
finder-date = À la date du
finder-measure = Mesure demandée
finder-offence = Infraction
finder-submit = Trouver la base juridique
finder-articles = Articles
finder-channel = Voie de transmission
finder-language = Langue de la demande
finder-dual-criminality = Double incrimination
finder-time-limits = Délais
finder-send-to = Adresser la demande à
finder-no-authority = L'annuaire ne contient encore aucune autorité de l'État requis pour ce type de coopération.
finder-excluded = Instruments examinés et écartés
finder-declarations = Déclarations de l'État requis
notice-confirmed = Confirmée aujourd'hui.
field-cooperation = Type de coopération
field-type = Type de coopération
field-network = Réseau
field-networks = Réseaux
field-languages = Langues
field-confirmed = Dernière confirmation
field-name-en = Nom en anglais
field-website = Site web
field-provenance = Provenance
field-stage = Stade de la procédure
field-function = Fonction
field-phone = Téléphone
field-sources = Sources
field-scope = Champ d'action
field-secretariat = Secrétariat
field-members = Membres
field-participants = Participants
field-date = Date
field-authority = Fiche
role-central-authority = autorité centrale
role-competent-authority = autorité compétente
coop-mla = Entraide judiciaire
coop-extradition = Extradition
coop-transfer-of-proceedings = Transmission des procédures répressives
coop-transfer-of-sentenced-persons = Transfèrement des personnes condamnées
coop-confiscation = Gel et confiscation
coop-recognition-of-judgment = Reconnaissance d'un jugement
level-bilateral = bilatéral
level-regional = régional
level-universal = universel
channel-centralauthority = autorités centrales
channel-directjudicial = directement entre autorités judiciaires
channel-diplomatic = voie diplomatique
channel-interpol = INTERPOL
dual-required = exigée
dual-mayrefuse = l'État requis peut refuser en son absence
dual-notrequired = non exigée
