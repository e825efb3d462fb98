//! The access policy: the one place that decides who may do what to which object.
//! Every service asks `authorize` before acting and gets a `Permit` only when allowed; lists are
//! scoped by `OrgScope`, which only this module hands out. Deny by default.

use crate::group::GroupRole;
use crate::ids::{OrgId, UserId};
use crate::role::{Role, RoleSet};
use serde::{Deserialize, Serialize};

/// What an API token (or a session, which has all of them) may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read what the user may read.
    Read,
    /// Change what the user may change (not administration).
    Write,
    /// Administer users and organisations.
    Admin,
    /// Read and export the audit trail.
    Audit,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::Read, Scope::Write, Scope::Admin, Scope::Audit];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
            Scope::Audit => "audit",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Who is acting: a user of an organisation, with their roles, possibly through a scoped token.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    pub org: OrgId,
    /// The organisation that operates this installation; its administrators and auditors act on all.
    pub org_is_operator: bool,
    pub roles: RoleSet,
    /// `None` for an interactive session (all scopes); the token's scopes otherwise.
    pub token_scopes: Option<Vec<Scope>>,
}

/// An object an action is about: its owner organisation and, for personal objects, its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing particular (lists, creation of new organisations).
    None,
    Org(OrgId),
    /// A user account, belonging to an organisation.
    User {
        org: OrgId,
        user: UserId,
    },
    /// Something only its owner may see (API tokens, sessions).
    Personal {
        owner: UserId,
    },
    /// A directory entry, possibly describing an organisation using Liaison (its own entry).
    Authority {
        org: Option<OrgId>,
    },
    /// A notice: its owner, and whether it is addressed to the actor's country (to every member, or to that
    /// country among others).
    Notice {
        org: OrgId,
        addressed: bool,
    },
    /// A screening with its hits: the organisation that searched.
    Screening {
        org: OrgId,
    },
    /// A working group, its meetings and plan: the actor's role in it (none: not a member, who sees nothing).
    Group {
        role: Option<GroupRole>,
    },
    /// A task of a group's plan: the actor's role in the group, and whether the task is theirs.
    GroupTask {
        role: Option<GroupRole>,
        owner: bool,
    },
    /// A knowledge-base document: the organisation that published it, and whether it is open to the actor
    /// (open to all users, or restricted to a network the actor's state belongs to).
    Knowledge {
        org: OrgId,
        open: bool,
    },
    /// A network's members-only space (focal points, events): whether the actor's state is a member of the
    /// network or takes part in it.
    Network {
        member: bool,
    },
    /// An event of a network: whether the actor's state is in the network, and whether the actor's
    /// organisation planned it (it alone changes it).
    NetworkEvent {
        member: bool,
        own: bool,
    },
    /// A national case: its organisation, and whether the actor is on the case's team.
    Case {
        org: OrgId,
        on_team: bool,
    },
    /// A request: the requesting organisation (owner of its case), the requested organisation when it
    /// uses this installation, whether the actor is on the case's team, and whether it has been sent.
    Request {
        requesting: OrgId,
        requested: Option<OrgId>,
        on_team: bool,
        sent: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the directory of organisations (public fields).
    OrgList,
    OrgRead,
    OrgCreate,
    OrgUpdate,
    UserList,
    UserRead,
    UserCreate,
    UserUpdate,
    UserResetPassword,
    UserRevokeSessions,
    /// Read or export audit events.
    AuditRead,
    /// Verify the whole chain (covers every organisation's events).
    AuditVerify,
    /// Read the directory, the treaty data and the legal-basis finder (every signed-in user).
    ReferenceRead,
    /// Change a directory entry or confirm it is still right.
    DirectoryEdit,
    /// Load reference data files into the database.
    ReferenceImport,
    /// Open a case in one's organisation.
    CaseCreate,
    CaseRead,
    /// Change a case's offences, persons, assets and team.
    CaseUpdate,
    /// The organisation's cases the actor may see.
    CaseList,
    /// Start a request in a case.
    RequestCreate,
    RequestRead,
    /// Change a request's content while it is a draft.
    RequestEdit,
    /// Move a request along its lifecycle (the lifecycle decides which steps, by side and role).
    RequestTransition,
    /// The registry of requests, outgoing and incoming.
    RequestList,
    /// Counts, durations and charts of the organisation's requests.
    StatisticsRead,
    /// Keep the organisation's request templates.
    TemplateManage,
    /// Read a notice visible to the organisation (its own, or addressed to every member or to its country).
    NoticeRead,
    /// List the notices visible to the organisation.
    NoticeList,
    /// Publish notices of one's organisation: create and import.
    NoticePublish,
    /// Change, cancel or renew one's organisation's notice, and see who screened against it and why.
    NoticeUpdate,
    /// Screen a person, a document, a vehicle or a list against the notices.
    Screen,
    /// Read one's organisation's screenings and their hits.
    ScreeningRead,
    /// Decide whether a hit of one's organisation's screening is the same person or object.
    HitReview,
    /// Set up a working group (a working-group secretary, for their organisation).
    /// Search and read the knowledge base (what is open to the actor).
    KnowledgeRead,
    /// Publish a document to the knowledge base for one's organisation.
    KnowledgePublish,
    /// Change or withdraw a document one's organisation published.
    KnowledgeUpdate,
    /// See a network's focal points and events (its states' users).
    NetworkRead,
    /// Plan and keep a network's events (working-group secretaries of its states act as its secretariat).
    NetworkEventManage,
    /// Name or hand over one's state's focal point (the organisation's administrators and secretaries).
    FocalPointManage,
    GroupCreate,
    /// The groups the actor is a member of.
    GroupList,
    /// A group with its members, meetings, protocols and plan: its members only.
    GroupRead,
    /// Run a group: its details, members, meetings, agendas, protocols and tasks (co-chairs, secretary).
    GroupManage,
    /// Propose an agenda item (any member).
    GroupPropose,
    /// Report on a task: status and progress notes (the member responsible, or those who run the group).
    TaskUpdate,
    /// See one's own account, sessions and tokens.
    OwnAccountRead,
    /// Change one's own password, language, second factor; create and revoke own tokens.
    OwnAccountUpdate,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::OrgList => "org.list",
            Action::OrgRead => "org.read",
            Action::OrgCreate => "org.create",
            Action::OrgUpdate => "org.update",
            Action::UserList => "user.list",
            Action::UserRead => "user.read",
            Action::UserCreate => "user.create",
            Action::UserUpdate => "user.update",
            Action::UserResetPassword => "user.reset_password",
            Action::UserRevokeSessions => "user.revoke_sessions",
            Action::AuditRead => "audit.read",
            Action::AuditVerify => "audit.verify",
            Action::ReferenceRead => "reference.read",
            Action::DirectoryEdit => "directory.edit",
            Action::ReferenceImport => "reference.import",
            Action::CaseCreate => "case.create",
            Action::CaseRead => "case.read",
            Action::CaseUpdate => "case.update",
            Action::CaseList => "case.list",
            Action::RequestCreate => "request.create",
            Action::RequestRead => "request.read",
            Action::RequestEdit => "request.edit",
            Action::RequestTransition => "request.transition",
            Action::RequestList => "request.list",
            Action::StatisticsRead => "statistics.read",
            Action::TemplateManage => "template.manage",
            Action::NoticeRead => "notice.read",
            Action::NoticeList => "notice.list",
            Action::NoticePublish => "notice.publish",
            Action::NoticeUpdate => "notice.update",
            Action::Screen => "screening.run",
            Action::ScreeningRead => "screening.read",
            Action::HitReview => "screening.review",
            Action::KnowledgeRead => "knowledge.read",
            Action::KnowledgePublish => "knowledge.publish",
            Action::KnowledgeUpdate => "knowledge.update",
            Action::NetworkRead => "network.read",
            Action::NetworkEventManage => "network.event_manage",
            Action::FocalPointManage => "network.focal_point",
            Action::GroupCreate => "group.create",
            Action::GroupList => "group.list",
            Action::GroupRead => "group.read",
            Action::GroupManage => "group.manage",
            Action::GroupPropose => "group.propose",
            Action::TaskUpdate => "group.task_update",
            Action::OwnAccountRead => "account.read",
            Action::OwnAccountUpdate => "account.update",
        }
    }

    /// The token scope the action needs.
    pub fn scope(self) -> Scope {
        match self {
            Action::OrgList
            | Action::OrgRead
            | Action::UserList
            | Action::UserRead
            | Action::OwnAccountRead
            | Action::ReferenceRead
            | Action::CaseRead
            | Action::CaseList
            | Action::RequestRead
            | Action::RequestList
            | Action::StatisticsRead
            | Action::NoticeRead
            | Action::NoticeList
            | Action::ScreeningRead
            | Action::GroupList
            | Action::GroupRead
            | Action::KnowledgeRead
            | Action::NetworkRead => Scope::Read,
            Action::OwnAccountUpdate
            | Action::DirectoryEdit
            | Action::ReferenceImport
            | Action::CaseCreate
            | Action::CaseUpdate
            | Action::RequestCreate
            | Action::RequestEdit
            | Action::RequestTransition
            | Action::TemplateManage
            | Action::NoticePublish
            | Action::NoticeUpdate
            | Action::Screen
            | Action::HitReview
            | Action::GroupCreate
            | Action::GroupManage
            | Action::GroupPropose
            | Action::TaskUpdate
            | Action::KnowledgePublish
            | Action::KnowledgeUpdate
            | Action::NetworkEventManage
            | Action::FocalPointManage => Scope::Write,
            Action::OrgCreate
            | Action::OrgUpdate
            | Action::UserCreate
            | Action::UserUpdate
            | Action::UserResetPassword
            | Action::UserRevokeSessions => Scope::Admin,
            Action::AuditRead | Action::AuditVerify => Scope::Audit,
        }
    }
}

/// Why an action was refused. `NotFound` hides the object's existence from those outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("your role does not allow this action")]
    Role,
    #[error("the token used does not have the scope this action needs")]
    TokenScope,
    #[error("not found")]
    NotFound,
}

/// Proof that the policy allowed `action` on `target`; only `authorize` makes one.
#[derive(Debug, Clone, Copy)]
pub struct Permit {
    action: Action,
    target: Target,
}

impl Permit {
    pub fn action(&self) -> Action {
        self.action
    }
    pub fn target(&self) -> Target {
        self.target
    }
}

/// Which organisations' records a list may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgScope {
    All,
    Only(OrgId),
}

impl Actor {
    fn is(&self, r: Role) -> bool {
        self.roles.has(r)
    }

    fn token_allows(&self, s: Scope) -> bool {
        self.token_scopes.as_ref().is_none_or(|scopes| scopes.contains(&s))
    }

    /// Handles the organisation's international requests: sees all its cases and requests.
    fn handles_requests(&self) -> bool {
        self.is(Role::CentralAuthorityOfficer)
    }

    /// Reads notices: police liaison officers, and those who investigate, prosecute, handle requests or
    /// analyse; observers read what is shared.
    fn uses_notices(&self) -> bool {
        self.screens() || self.is(Role::Observer)
    }

    /// Screens people, documents and vehicles against notices.
    fn screens(&self) -> bool {
        self.is(Role::LiaisonOfficer)
            || self.is(Role::Analyst)
            || self.is(Role::Prosecutor)
            || self.is(Role::CentralAuthorityOfficer)
    }

    /// Prepares requests (a prosecutor) or handles them (a central authority officer).
    fn works_on_requests(&self) -> bool {
        self.is(Role::CentralAuthorityOfficer) || self.is(Role::Prosecutor)
    }

    /// Data stewards, central authority officers and working-group (network) secretaries keep the knowledge
    /// base: legislation, case law, practice guides, training material and model forms.
    fn publishes_knowledge(&self) -> bool {
        self.is(Role::DataSteward) || self.is(Role::CentralAuthorityOfficer) || self.is(Role::WorkingGroupSecretary)
    }

    /// Administrator of the given organisation (operator administrators administer all).
    fn administers(&self, org: OrgId) -> bool {
        self.is(Role::Administrator) && (self.org == org || self.org_is_operator)
    }
}

/// Decides whether `actor` may perform `action` on `target`.
pub fn authorize(actor: &Actor, action: Action, target: Target) -> Result<Permit, Denied> {
    let visible = match target {
        Target::None => true,
        Target::Org(_) => true,
        Target::User { org, .. } => org == actor.org || (actor.org_is_operator && actor.is(Role::Administrator)),
        Target::Personal { owner } => owner == actor.user,
        Target::Authority { .. } => true,
        // Need to know: a case and its requests are seen by its team and by the organisation's central
        // authority officers; the requested organisation's officers see a request once it is sent.
        // Nobody else — not administrators, not the operator.
        Target::Case { org, on_team } => org == actor.org && (on_team || actor.handles_requests()),
        Target::Request { requesting, requested, on_team, sent } => {
            (requesting == actor.org && (on_team || actor.handles_requests()))
                || (requested == Some(actor.org) && sent && actor.handles_requests())
        }
        // A diffusion or restricted notice is invisible outside its owner and addressees; a screening is
        // seen by the organisation that ran it only.
        Target::Notice { org, addressed } => (org == actor.org || addressed) && actor.uses_notices(),
        Target::Screening { org } => org == actor.org && actor.screens(),
        // A working group is seen by its members only: not by the parties' other users, not by the operator.
        Target::Group { role } | Target::GroupTask { role, .. } => role.is_some(),
        // A network's restricted material is seen by the network's states only (and its publisher).
        Target::Knowledge { org, open } => open || org == actor.org,
        // A network's own space is its states' business.
        Target::Network { member } | Target::NetworkEvent { member, .. } => member,
    };
    if !visible {
        return Err(Denied::NotFound);
    }
    let allowed = match (action, target) {
        (Action::OrgList, Target::None) => true,
        (Action::OrgRead, Target::Org(_)) => true,
        (Action::OrgCreate, Target::None) => actor.org_is_operator && actor.is(Role::Administrator),
        (Action::OrgUpdate, Target::Org(org)) => actor.administers(org),
        (Action::UserList, Target::Org(org)) => org == actor.org || actor.administers(org),
        (Action::UserRead, Target::User { org, user }) => {
            user == actor.user || org == actor.org || actor.administers(org)
        }
        (Action::UserCreate, Target::Org(org)) => actor.administers(org),
        (Action::UserUpdate | Action::UserResetPassword | Action::UserRevokeSessions, Target::User { org, .. }) => {
            actor.administers(org)
        }
        (Action::AuditRead, Target::None) => actor.is(Role::Auditor),
        (Action::AuditVerify, Target::None) => actor.is(Role::Auditor) && actor.org_is_operator,
        (Action::OwnAccountRead | Action::OwnAccountUpdate, Target::Personal { owner }) => owner == actor.user,
        (Action::ReferenceRead, Target::None | Target::Authority { .. }) => true,
        // Data stewards keep every entry; an organisation's administrators keep its own entry.
        (Action::DirectoryEdit, Target::Authority { org }) => {
            actor.is(Role::DataSteward) || org.is_some_and(|o| actor.administers(o))
        }
        (Action::ReferenceImport, Target::None) => actor.is(Role::DataSteward) && actor.org_is_operator,
        (Action::CaseCreate, Target::Org(org)) => org == actor.org && actor.works_on_requests(),
        (Action::CaseList, Target::Org(org)) => org == actor.org && actor.works_on_requests(),
        (Action::CaseRead, Target::Case { .. }) => true,
        (Action::CaseUpdate | Action::RequestCreate, Target::Case { .. }) => actor.works_on_requests(),
        (Action::RequestRead, Target::Request { .. }) => true,
        (Action::RequestEdit, Target::Request { requesting, .. }) => {
            requesting == actor.org && actor.works_on_requests()
        }
        (Action::RequestTransition, Target::Request { .. }) => actor.works_on_requests(),
        (Action::RequestList, Target::None) => actor.works_on_requests(),
        (Action::StatisticsRead, Target::None) => actor.handles_requests() || actor.is(Role::Analyst),
        (Action::TemplateManage, Target::Org(org)) => org == actor.org && actor.handles_requests(),
        (Action::NoticeList, Target::None) => actor.uses_notices(),
        (Action::NoticeRead, Target::Notice { .. }) => true,
        (Action::NoticePublish, Target::Org(org)) => org == actor.org && actor.is(Role::LiaisonOfficer),
        (Action::NoticeUpdate, Target::Notice { org, .. }) => org == actor.org && actor.is(Role::LiaisonOfficer),
        (Action::Screen, Target::Org(org)) => org == actor.org && actor.screens(),
        (Action::ScreeningRead | Action::HitReview, Target::Screening { .. }) => true,
        (Action::KnowledgeRead, Target::None | Target::Knowledge { .. }) => true,
        (Action::KnowledgePublish, Target::Org(org)) => org == actor.org && actor.publishes_knowledge(),
        (Action::KnowledgeUpdate, Target::Knowledge { org, .. }) => org == actor.org && actor.publishes_knowledge(),
        (Action::NetworkRead, Target::Network { .. } | Target::NetworkEvent { .. }) => true,
        (Action::NetworkEventManage, Target::Network { .. }) => actor.is(Role::WorkingGroupSecretary),
        (Action::NetworkEventManage, Target::NetworkEvent { own, .. }) => own && actor.is(Role::WorkingGroupSecretary),
        (Action::FocalPointManage, Target::Network { .. }) => {
            actor.is(Role::Administrator) || actor.is(Role::WorkingGroupSecretary)
        }
        (Action::GroupCreate, Target::Org(org)) => org == actor.org && actor.is(Role::WorkingGroupSecretary),
        (Action::GroupList, Target::None) => true,
        (Action::GroupRead | Action::GroupPropose, Target::Group { .. }) => true,
        (Action::GroupManage, Target::Group { role }) => role.is_some_and(GroupRole::manages),
        (Action::TaskUpdate, Target::GroupTask { role, owner }) => owner || role.is_some_and(GroupRole::manages),
        _ => false,
    };
    if !allowed {
        return Err(Denied::Role);
    }
    if !actor.token_allows(action.scope()) {
        return Err(Denied::TokenScope);
    }
    Ok(Permit { action, target })
}

/// A permit for the local command line (`liaison user add` …), run by whoever holds the database and
/// its files: policy cannot stop them, so it is not asked; the action is still audited as `cli`.
pub fn local_operator_permit(action: Action, target: Target) -> Permit {
    Permit { action, target }
}

/// The organisations whose users a permitted user list may show.
pub fn user_list_scope(actor: &Actor, permit: &Permit) -> OrgScope {
    match permit.target {
        Target::Org(org) => OrgScope::Only(org),
        _ => OrgScope::Only(actor.org),
    }
}

/// The organisations whose audit events a permitted audit read may show: events where the organisation
/// acted or was acted upon. Operator auditors see all.
pub fn audit_scope(actor: &Actor, _permit: &Permit) -> OrgScope {
    if actor.org_is_operator { OrgScope::All } else { OrgScope::Only(actor.org) }
}

/// Which requests and cases a permitted list may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestScope {
    pub org: OrgId,
    /// `Some(user)`: only cases whose team has this user (and no incoming requests); `None`: all of the
    /// organisation's cases and requests, and the requests sent to it.
    pub team_member: Option<UserId>,
}

/// The scope of a permitted case or request list.
pub fn request_scope(actor: &Actor, _permit: &Permit) -> RequestScope {
    RequestScope { org: actor.org, team_member: if actor.handles_requests() { None } else { Some(actor.user) } }
}

/// The scopes a user may give a token: never more than their roles allow.
pub fn grantable_scopes(actor: &Actor) -> Vec<Scope> {
    let mut s = vec![Scope::Read, Scope::Write];
    if actor.is(Role::Administrator) {
        s.push(Scope::Admin);
    }
    if actor.is(Role::Auditor) {
        s.push(Scope::Audit);
    }
    s.retain(|x| actor.token_allows(*x));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn org(n: u128) -> OrgId {
        OrgId(Uuid::from_u128(n))
    }
    fn actor(o: OrgId, operator: bool, roles: &[Role]) -> Actor {
        Actor {
            user: UserId(Uuid::from_u128(1000 + o.0.as_u128())),
            org: o,
            org_is_operator: operator,
            roles: RoleSet::of(roles.iter().copied()),
            token_scopes: None,
        }
    }

    #[test]
    fn administrators_manage_their_own_organisation_only() {
        let a = actor(org(1), false, &[Role::Administrator]);
        assert!(authorize(&a, Action::UserCreate, Target::Org(org(1))).is_ok());
        assert_eq!(authorize(&a, Action::UserCreate, Target::Org(org(2))).unwrap_err(), Denied::Role);
        let other_user = Target::User { org: org(2), user: UserId(Uuid::from_u128(7)) };
        assert_eq!(authorize(&a, Action::UserRead, other_user).unwrap_err(), Denied::NotFound);
        assert_eq!(authorize(&a, Action::OrgCreate, Target::None).unwrap_err(), Denied::Role);
    }

    #[test]
    fn operator_administrators_manage_every_organisation() {
        let op = actor(org(1), true, &[Role::Administrator]);
        assert!(authorize(&op, Action::OrgCreate, Target::None).is_ok());
        assert!(
            authorize(&op, Action::UserUpdate, Target::User { org: org(2), user: UserId(Uuid::from_u128(7)) }).is_ok()
        );
    }

    #[test]
    fn non_administrators_see_colleagues_but_change_nothing() {
        let p = actor(org(1), false, &[Role::Prosecutor]);
        let colleague = Target::User { org: org(1), user: UserId(Uuid::from_u128(7)) };
        assert!(authorize(&p, Action::UserRead, colleague).is_ok());
        assert_eq!(authorize(&p, Action::UserUpdate, colleague).unwrap_err(), Denied::Role);
        assert_eq!(authorize(&p, Action::AuditRead, Target::None).unwrap_err(), Denied::Role);
        assert_eq!(authorize(&p, Action::UserList, Target::Org(org(2))).unwrap_err(), Denied::Role);
    }

    #[test]
    fn a_network_space_is_its_states_and_kept_by_their_secretaries() {
        let secretary = actor(org(1), false, &[Role::WorkingGroupSecretary]);
        let outside = Target::Network { member: false };
        assert_eq!(authorize(&secretary, Action::NetworkRead, outside).unwrap_err(), Denied::NotFound);
        let inside = Target::Network { member: true };
        assert!(authorize(&secretary, Action::NetworkEventManage, inside).is_ok());
        assert!(authorize(&secretary, Action::FocalPointManage, inside).is_ok());
        let prosecutor = actor(org(1), false, &[Role::Prosecutor]);
        assert!(authorize(&prosecutor, Action::NetworkRead, inside).is_ok());
        assert_eq!(authorize(&prosecutor, Action::NetworkEventManage, inside).unwrap_err(), Denied::Role);
        assert_eq!(authorize(&prosecutor, Action::FocalPointManage, inside).unwrap_err(), Denied::Role);
        // An event is changed by the secretaries of the organisation that planned it only.
        let theirs = Target::NetworkEvent { member: true, own: false };
        assert!(authorize(&secretary, Action::NetworkRead, theirs).is_ok());
        assert_eq!(authorize(&secretary, Action::NetworkEventManage, theirs).unwrap_err(), Denied::Role);
        let ours = Target::NetworkEvent { member: true, own: true };
        assert!(authorize(&secretary, Action::NetworkEventManage, ours).is_ok());
        assert_eq!(authorize(&prosecutor, Action::NetworkEventManage, ours).unwrap_err(), Denied::Role);
        let hidden = Target::NetworkEvent { member: false, own: true };
        assert_eq!(authorize(&secretary, Action::NetworkRead, hidden).unwrap_err(), Denied::NotFound);
    }

    #[test]
    fn restricted_knowledge_is_seen_by_its_network_and_kept_by_its_publisher() {
        let steward = actor(org(1), false, &[Role::DataSteward]);
        let closed = Target::Knowledge { org: org(2), open: false };
        assert_eq!(authorize(&steward, Action::KnowledgeRead, closed).unwrap_err(), Denied::NotFound);
        assert!(authorize(&steward, Action::KnowledgeRead, Target::Knowledge { org: org(2), open: true }).is_ok());
        assert!(authorize(&steward, Action::KnowledgeRead, Target::Knowledge { org: org(1), open: false }).is_ok());
        assert!(authorize(&steward, Action::KnowledgePublish, Target::Org(org(1))).is_ok());
        assert_eq!(authorize(&steward, Action::KnowledgePublish, Target::Org(org(2))).unwrap_err(), Denied::Role);
        let open_other = Target::Knowledge { org: org(2), open: true };
        assert_eq!(authorize(&steward, Action::KnowledgeUpdate, open_other).unwrap_err(), Denied::Role);
        let prosecutor = actor(org(1), false, &[Role::Prosecutor]);
        assert!(authorize(&prosecutor, Action::KnowledgeRead, Target::None).is_ok());
        assert_eq!(authorize(&prosecutor, Action::KnowledgePublish, Target::Org(org(1))).unwrap_err(), Denied::Role);
    }

    #[test]
    fn working_groups_are_seen_by_their_members_and_run_by_co_chairs_and_secretaries() {
        let secretary = actor(org(1), false, &[Role::WorkingGroupSecretary]);
        assert!(authorize(&secretary, Action::GroupCreate, Target::Org(org(1))).is_ok());
        assert_eq!(authorize(&secretary, Action::GroupCreate, Target::Org(org(2))).unwrap_err(), Denied::Role);
        let prosecutor = actor(org(1), false, &[Role::Prosecutor]);
        assert_eq!(authorize(&prosecutor, Action::GroupCreate, Target::Org(org(1))).unwrap_err(), Denied::Role);
        // Outsiders — even the operator's administrators and auditors — do not learn the group exists.
        let operator = actor(org(9), true, &[Role::Administrator, Role::Auditor]);
        for a in [&operator, &prosecutor] {
            for action in [Action::GroupRead, Action::GroupManage, Action::GroupPropose] {
                assert_eq!(authorize(a, action, Target::Group { role: None }).unwrap_err(), Denied::NotFound);
            }
            let task = Target::GroupTask { role: None, owner: false };
            assert_eq!(authorize(a, Action::TaskUpdate, task).unwrap_err(), Denied::NotFound);
        }
        let member = Target::Group { role: Some(GroupRole::Member) };
        assert!(authorize(&prosecutor, Action::GroupRead, member).is_ok());
        assert!(authorize(&prosecutor, Action::GroupPropose, member).is_ok());
        assert_eq!(authorize(&prosecutor, Action::GroupManage, member).unwrap_err(), Denied::Role);
        for role in [GroupRole::CoChair, GroupRole::Secretary] {
            assert!(authorize(&prosecutor, Action::GroupManage, Target::Group { role: Some(role) }).is_ok());
        }
        let own_task = Target::GroupTask { role: Some(GroupRole::Expert), owner: true };
        let others_task = Target::GroupTask { role: Some(GroupRole::Expert), owner: false };
        assert!(authorize(&prosecutor, Action::TaskUpdate, own_task).is_ok());
        assert_eq!(authorize(&prosecutor, Action::TaskUpdate, others_task).unwrap_err(), Denied::Role);
    }

    #[test]
    fn personal_objects_are_visible_to_their_owner_only() {
        let p = actor(org(1), false, &[Role::Administrator]);
        let own = Target::Personal { owner: p.user };
        let someone_elses = Target::Personal { owner: UserId(Uuid::from_u128(99)) };
        assert!(authorize(&p, Action::OwnAccountRead, own).is_ok());
        assert_eq!(authorize(&p, Action::OwnAccountRead, someone_elses).unwrap_err(), Denied::NotFound);
    }

    #[test]
    fn token_scopes_restrict_what_the_user_could_otherwise_do() {
        let mut a = actor(org(1), false, &[Role::Administrator, Role::Auditor]);
        a.token_scopes = Some(vec![Scope::Read]);
        assert!(authorize(&a, Action::UserList, Target::Org(org(1))).is_ok());
        assert_eq!(authorize(&a, Action::UserCreate, Target::Org(org(1))).unwrap_err(), Denied::TokenScope);
        assert_eq!(authorize(&a, Action::AuditRead, Target::None).unwrap_err(), Denied::TokenScope);
        assert_eq!(grantable_scopes(&a), vec![Scope::Read]);
    }

    #[test]
    fn auditors_see_their_organisation_unless_operator() {
        let a = actor(org(1), false, &[Role::Auditor]);
        let p = authorize(&a, Action::AuditRead, Target::None).unwrap();
        assert_eq!(audit_scope(&a, &p), OrgScope::Only(org(1)));
        assert_eq!(authorize(&a, Action::AuditVerify, Target::None).unwrap_err(), Denied::Role);
        let op = actor(org(1), true, &[Role::Auditor]);
        let p = authorize(&op, Action::AuditRead, Target::None).unwrap();
        assert_eq!(audit_scope(&op, &p), OrgScope::All);
    }

    #[test]
    fn data_stewards_keep_the_directory_and_administrators_their_own_entry() {
        let steward = actor(org(1), false, &[Role::DataSteward]);
        let admin = actor(org(2), false, &[Role::Administrator]);
        let reader = actor(org(3), false, &[Role::Prosecutor]);
        let unlinked = Target::Authority { org: None };
        let own = Target::Authority { org: Some(org(2)) };
        assert!(authorize(&steward, Action::DirectoryEdit, unlinked).is_ok());
        assert!(authorize(&admin, Action::DirectoryEdit, own).is_ok());
        assert_eq!(authorize(&admin, Action::DirectoryEdit, unlinked).unwrap_err(), Denied::Role);
        assert_eq!(authorize(&reader, Action::DirectoryEdit, own).unwrap_err(), Denied::Role);
        assert!(authorize(&reader, Action::ReferenceRead, Target::None).is_ok());
        assert_eq!(
            authorize(&steward, Action::ReferenceImport, Target::None).unwrap_err(),
            Denied::Role,
            "imports are for the operator's stewards"
        );
        assert!(authorize(&actor(org(1), true, &[Role::DataSteward]), Action::ReferenceImport, Target::None).is_ok());
    }

    #[test]
    fn cases_and_requests_are_need_to_know() {
        let officer = actor(org(1), false, &[Role::CentralAuthorityOfficer]);
        let prosecutor = actor(org(1), false, &[Role::Prosecutor]);
        let admin = actor(org(1), false, &[Role::Administrator]);
        let operator = actor(org(9), true, &[Role::Administrator, Role::Auditor]);
        let foreign_officer = actor(org(2), false, &[Role::CentralAuthorityOfficer]);
        let case = |on_team| Target::Case { org: org(1), on_team };
        assert!(authorize(&officer, Action::CaseRead, case(false)).is_ok(), "officers see all the org's cases");
        assert!(authorize(&prosecutor, Action::CaseUpdate, case(true)).is_ok());
        assert_eq!(authorize(&prosecutor, Action::CaseRead, case(false)).unwrap_err(), Denied::NotFound);
        assert_eq!(authorize(&admin, Action::CaseRead, case(false)).unwrap_err(), Denied::NotFound);
        assert_eq!(authorize(&operator, Action::CaseRead, case(false)).unwrap_err(), Denied::NotFound);
        assert_eq!(authorize(&admin, Action::CaseCreate, Target::Org(org(1))).unwrap_err(), Denied::Role);
        let req = |sent| Target::Request { requesting: org(1), requested: Some(org(2)), on_team: false, sent };
        assert_eq!(authorize(&foreign_officer, Action::RequestRead, req(false)).unwrap_err(), Denied::NotFound);
        assert!(authorize(&foreign_officer, Action::RequestRead, req(true)).is_ok());
        assert!(authorize(&foreign_officer, Action::RequestTransition, req(true)).is_ok());
        assert_eq!(authorize(&foreign_officer, Action::RequestEdit, req(true)).unwrap_err(), Denied::Role);
        let foreign_prosecutor = actor(org(2), false, &[Role::Prosecutor]);
        assert_eq!(authorize(&foreign_prosecutor, Action::RequestRead, req(true)).unwrap_err(), Denied::NotFound);
        let p = authorize(&prosecutor, Action::RequestList, Target::None).unwrap();
        assert_eq!(request_scope(&prosecutor, &p).team_member, Some(prosecutor.user));
        let p = authorize(&officer, Action::RequestList, Target::None).unwrap();
        assert_eq!(request_scope(&officer, &p).team_member, None);
        let analyst = actor(org(1), false, &[Role::Analyst]);
        assert!(authorize(&analyst, Action::StatisticsRead, Target::None).is_ok());
        assert_eq!(authorize(&analyst, Action::RequestList, Target::None).unwrap_err(), Denied::Role);
    }

    #[test]
    fn actions_and_targets_that_do_not_fit_are_denied() {
        let op = actor(org(1), true, &[Role::Administrator, Role::Auditor]);
        assert_eq!(authorize(&op, Action::UserCreate, Target::None).unwrap_err(), Denied::Role);
        assert_eq!(authorize(&op, Action::OrgCreate, Target::Org(org(1))).unwrap_err(), Denied::Role);
    }
}
