//! The JSON shapes of the API, separate from storage records so either can change without the other.
//! Inputs refuse unknown fields.

use crate::clock::rfc3339;
use liaison_domain::audit::AuditEvent;
use liaison_domain::page::Page;
use liaison_store::orgs::Organisation;
use liaison_store::tokens::ApiToken;
use liaison_store::users::User;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct OrgOut {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub country_name: String,
    pub kind: String,
    pub is_operator: bool,
    pub require_totp: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Organisation> for OrgOut {
    fn from(o: &Organisation) -> Self {
        OrgOut {
            id: o.id.to_string(),
            name: o.name.to_string(),
            country: o.country.to_string(),
            country_name: o.country.english_name().to_string(),
            kind: o.kind.clone(),
            is_operator: o.is_operator,
            require_totp: o.require_totp,
            created_at: rfc3339(o.created_at),
            updated_at: rfc3339(o.updated_at),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgCreate {
    /// The organisation's name in its own language and script.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// One of: central_authority, prosecutor, court, ministry, police, fiu, asset_recovery_office,
    /// customs, investigative_committee, international, network_secretariat, operator.
    pub kind: String,
    #[serde(default)]
    pub require_totp: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgPatch {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub require_totp: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct UserOut {
    pub id: String,
    pub org_id: String,
    pub username: String,
    /// The person's name in their own script.
    pub display_name: String,
    pub email: Option<String>,
    pub roles: Vec<String>,
    pub locale: String,
    pub disabled: bool,
    pub second_factor: bool,
    pub must_change_password: bool,
    pub locked: bool,
    pub last_login_at: Option<String>,
    pub created_at: String,
}

impl UserOut {
    pub fn of(u: &User, now: i64) -> Self {
        UserOut {
            id: u.id.to_string(),
            org_id: u.org_id.to_string(),
            username: u.username.to_string(),
            display_name: u.display_name.to_string(),
            email: u.email.as_ref().map(|e| e.to_string()),
            roles: u.roles.iter().map(|r| r.as_str().to_string()).collect(),
            locale: u.locale.clone(),
            disabled: u.disabled,
            second_factor: u.has_totp(),
            must_change_password: u.must_change_password,
            locked: u.locked_until > now,
            last_login_at: u.last_login_at.map(rfc3339),
            created_at: rfc3339(u.created_at),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// The user's organisation; defaults to the caller's.
    pub org_id: Option<String>,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    /// Role names: administrator, central_authority_officer, prosecutor, liaison_officer,
    /// working_group_secretary, analyst, auditor, observer.
    pub roles: Vec<String>,
    /// Initial password; the user must change it at first login.
    pub password: String,
    pub locale: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub display_name: Option<String>,
    /// An empty string removes the address.
    pub email: Option<String>,
    pub roles: Option<Vec<String>>,
    pub disabled: Option<bool>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    pub new_password: String,
    /// Also remove the user's second factor (lost device); they enrol again at next login.
    #[serde(default)]
    pub clear_second_factor: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    pub id: String,
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    pub scopes: Vec<String>,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl From<&ApiToken> for TokenOut {
    fn from(t: &ApiToken) -> Self {
        TokenOut {
            id: t.id.to_string(),
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            scopes: t.scopes.iter().map(|s| s.as_str().to_string()).collect(),
            created_at: rfc3339(t.created_at),
            expires_at: rfc3339(t.expires_at),
            last_used_at: t.last_used_at.map(rfc3339),
            revoked_at: t.revoked_at.map(rfc3339),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenCreate {
    pub name: String,
    /// Any of read, write, admin, audit — no more than the user's roles allow.
    pub scopes: Vec<String>,
    pub expires_in_days: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TokenCreated {
    pub token: TokenOut,
    /// The secret, shown this once: send it as `Authorization: Bearer <secret>`.
    pub secret: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginOut {
    /// `second_factor` (send a code next), `must_enrol` (enrol a second factor first) or `full`.
    pub stage: String,
    /// Send as the `X-CSRF-Token` header on every write made with this session cookie.
    pub csrf_token: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeIn {
    /// Six-digit TOTP code, or a recovery code.
    pub code: String,
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentOut {
    /// Base32 secret for manual entry.
    pub secret: String,
    pub otpauth_uri: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesOut {
    /// Single-use codes, shown this once.
    pub recovery_codes: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocaleIn {
    /// en, ru, ar, fr, es or zh.
    pub locale: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    pub user: UserOut,
    pub organisation: OrgOut,
    /// `session` or `token`.
    pub authenticated_by: String,
    pub token_scopes: Option<Vec<String>>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    pub created_at: String,
    pub last_seen_at: String,
    pub client: Option<String>,
    pub user_agent: Option<String>,
    pub current: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CountOut {
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEventOut {
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub actor_user: Option<String>,
    pub actor_label: String,
    pub actor_org: Option<String>,
    pub action: String,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    pub object_org: Option<String>,
    pub client: Option<String>,
    pub outcome: String,
    /// Canonical JSON of the event's details.
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl From<&AuditEvent> for AuditEventOut {
    fn from(e: &AuditEvent) -> Self {
        let v = &e.event;
        AuditEventOut {
            seq: e.seq,
            id: v.id.clone(),
            at: rfc3339(v.at_ms),
            actor_user: v.actor_user.clone(),
            actor_label: v.actor_label.clone(),
            actor_org: v.actor_org.clone(),
            action: v.action.clone(),
            object_kind: v.object_kind.clone(),
            object_id: v.object_id.clone(),
            object_org: v.object_org.clone(),
            client: v.client.clone(),
            outcome: v.outcome.as_str().to_string(),
            details: v.details.clone(),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VerifyOut {
    pub intact: bool,
    pub events: Option<i64>,
    pub error: Option<String>,
}

macro_rules! page_type {
    ($name:ident, $item:ty) => {
        #[derive(Serialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Items matching the filter, over all pages.
            pub total: u64,
            pub limit: u32,
            pub offset: u64,
            /// Offset of the next page, absent on the last.
            pub next_offset: Option<u64>,
        }

        impl $name {
            pub fn of<T>(p: Page<T>, f: impl FnMut(T) -> $item) -> Self {
                let next_offset = p.next_offset();
                let (total, limit, offset) = (p.total, p.limit, p.offset);
                $name { items: p.items.into_iter().map(f).collect(), total, limit, offset, next_offset }
            }
        }
    };
}

page_type!(OrgPage, OrgOut);
page_type!(UserPage, UserOut);
page_type!(TokenPage, TokenOut);
page_type!(AuditPage, AuditEventOut);
page_type!(SessionPage, SessionOut);

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page size, 1–500 (default 50).
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Text to search for (user name or display name).
    pub q: Option<String>,
    /// ISO 3166-1 alpha-2 country filter (organisations).
    pub country: Option<String>,
    /// Organisation whose users to list (default: the caller's).
    pub org_id: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Fragment of the actor's user name.
    pub actor: Option<String>,
    /// Action name or prefix (`user.`).
    pub action: Option<String>,
    /// success, denied or failure.
    pub outcome: Option<String>,
    pub object_id: Option<String>,
    /// From this date (YYYY-MM-DD) or instant (RFC 3339), inclusive.
    pub from: Option<String>,
    /// Through this date (YYYY-MM-DD, inclusive) or until this instant (RFC 3339, exclusive).
    pub to: Option<String>,
}
