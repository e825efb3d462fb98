//! A request's lifecycle: which status follows which, and who may move it. The requesting side
//! prepares, sends and withdraws; the requested side receives, acknowledges, executes or refuses.
//! When the requested authority does not use this installation, the requesting side records the
//! counterpart's steps from its letters (`on behalf`).

use crate::role::{Role, RoleSet};
use serde::{Deserialize, Serialize};

named_enum! {
    pub enum Status {
        Draft = "draft",
        /// Complete and approved for sending.
        Ready = "ready",
        Sent = "sent",
        /// Registered by the requested authority.
        Received = "received",
        /// Receipt confirmed to the requesting authority.
        Acknowledged = "acknowledged",
        InExecution = "in_execution",
        Executed = "executed",
        PartiallyExecuted = "partially_executed",
        Refused = "refused",
        Withdrawn = "withdrawn",
    }
}

impl Status {
    /// No transition leaves a final status.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Executed | Status::PartiallyExecuted | Status::Refused | Status::Withdrawn)
    }

    /// Sent and not yet answered: the requested side owes an answer.
    pub fn is_pending_abroad(self) -> bool {
        matches!(self, Status::Sent | Status::Received | Status::Acknowledged | Status::InExecution)
    }
}

named_enum! {
    pub enum Transition {
        MarkReady = "mark_ready",
        ReturnToDraft = "return_to_draft",
        Send = "send",
        Receive = "receive",
        Acknowledge = "acknowledge",
        StartExecution = "start_execution",
        Execute = "execute",
        ExecutePartially = "execute_partially",
        Refuse = "refuse",
        Withdraw = "withdraw",
    }
}

/// Which side of the request the actor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Requesting,
    Requested,
}

impl Transition {
    /// The side whose step this is.
    pub fn side(self) -> Side {
        match self {
            Transition::MarkReady | Transition::ReturnToDraft | Transition::Send | Transition::Withdraw => {
                Side::Requesting
            }
            _ => Side::Requested,
        }
    }

    /// The statuses it leaves from, and the one it leads to.
    pub fn edge(self) -> (&'static [Status], Status) {
        use Status::*;
        match self {
            Transition::MarkReady => (&[Draft], Ready),
            Transition::ReturnToDraft => (&[Ready], Draft),
            Transition::Send => (&[Ready], Sent),
            Transition::Receive => (&[Sent], Received),
            // An acknowledgement proves receipt, so it may come straight after sending.
            Transition::Acknowledge => (&[Sent, Received], Acknowledged),
            Transition::StartExecution => (&[Received, Acknowledged], InExecution),
            Transition::Execute => (&[Acknowledged, InExecution], Executed),
            Transition::ExecutePartially => (&[Acknowledged, InExecution], PartiallyExecuted),
            Transition::Refuse => (&[Received, Acknowledged, InExecution], Refused),
            Transition::Withdraw => (&[Draft, Ready, Sent, Received, Acknowledged, InExecution], Withdrawn),
        }
    }

    /// Roles that may take this step. Prosecutors prepare requests; central authority officers
    /// approve, send, and handle incoming ones.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Transition::MarkReady | Transition::ReturnToDraft => &[Role::CentralAuthorityOfficer, Role::Prosecutor],
            _ => &[Role::CentralAuthorityOfficer],
        }
    }

    /// A comment is required (refusal grounds, reason for withdrawal, what was partly not executed).
    pub fn needs_comment(self) -> bool {
        matches!(self, Transition::Refuse | Transition::Withdraw | Transition::ExecutePartially)
    }
}

/// The circumstances of an attempted step.
#[derive(Debug, Clone)]
pub struct StepContext<'a> {
    pub side: Side,
    pub roles: &'a RoleSet,
    /// The requested authority uses this installation (otherwise the requesting side records its steps).
    pub counterpart_on_installation: bool,
    /// The completeness check found nothing missing or inconsistent.
    pub complete: bool,
    pub comment: &'a str,
    /// For a refusal: the grounds cited.
    pub grounds: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the step '{attempted}' is not possible for a request that is {from}; it is possible from: {allowed}")]
    NotFromHere { from: Status, attempted: Transition, allowed: String },
    #[error("this step belongs to the {0:?} side of the request")]
    WrongSide(Side),
    #[error("your roles do not allow this step (needs {0})")]
    Role(String),
    #[error("the request still has missing or inconsistent content")]
    Incomplete,
    #[error("a comment is required for this step")]
    CommentRequired,
    #[error("a refusal must cite at least one ground")]
    GroundsRequired,
}

/// Decides whether `t` may be taken from `from` in context `cx`; returns the status it leads to.
pub fn step(from: Status, t: Transition, cx: &StepContext<'_>) -> Result<Status, TransitionError> {
    let (sources, to) = t.edge();
    if !sources.contains(&from) {
        return Err(TransitionError::NotFromHere {
            from,
            attempted: t,
            allowed: sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
        });
    }
    let side_ok = t.side() == cx.side
        || (t.side() == Side::Requested && cx.side == Side::Requesting && !cx.counterpart_on_installation);
    if !side_ok {
        return Err(TransitionError::WrongSide(t.side()));
    }
    if !t.roles().iter().any(|r| cx.roles.has(*r)) {
        return Err(TransitionError::Role(t.roles().iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" or ")));
    }
    if matches!(t, Transition::MarkReady | Transition::Send) && !cx.complete {
        return Err(TransitionError::Incomplete);
    }
    if t == Transition::Refuse && cx.grounds.is_empty() {
        return Err(TransitionError::GroundsRequired);
    }
    // The grounds cited are the substance of a refusal; other steps that need one need a comment.
    if t.needs_comment() && t != Transition::Refuse && cx.comment.trim().is_empty() {
        return Err(TransitionError::CommentRequired);
    }
    Ok(to)
}

/// The steps that could be taken from `from` by someone on `side` (for the UI's buttons).
pub fn next_steps(from: Status, side: Side, counterpart_on_installation: bool) -> Vec<Transition> {
    Transition::ALL
        .iter()
        .copied()
        .filter(|t| t.edge().0.contains(&from))
        .filter(|t| {
            t.side() == side
                || (t.side() == Side::Requested && side == Side::Requesting && !counterpart_on_installation)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cx<'a>(side: Side, roles: &'a RoleSet, external: bool) -> StepContext<'a> {
        StepContext { side, roles, counterpart_on_installation: !external, complete: true, comment: "c", grounds: &[] }
    }

    #[test]
    fn the_whole_road_from_draft_to_execution() {
        let officer = RoleSet::of([Role::CentralAuthorityOfficer]);
        let mut s = Status::Draft;
        for (t, side) in [
            (Transition::MarkReady, Side::Requesting),
            (Transition::Send, Side::Requesting),
            (Transition::Receive, Side::Requested),
            (Transition::Acknowledge, Side::Requested),
            (Transition::StartExecution, Side::Requested),
            (Transition::Execute, Side::Requested),
        ] {
            s = step(s, t, &cx(side, &officer, false)).unwrap();
        }
        assert_eq!(s, Status::Executed);
        assert!(s.is_final());
    }

    #[test]
    fn each_side_keeps_to_its_steps() {
        let officer = RoleSet::of([Role::CentralAuthorityOfficer]);
        let prosecutor = RoleSet::of([Role::Prosecutor]);
        assert_eq!(
            step(Status::Sent, Transition::Acknowledge, &cx(Side::Requesting, &officer, false)),
            Err(TransitionError::WrongSide(Side::Requested))
        );
        // …unless the counterpart is not on this installation: then its letters are recorded here.
        assert_eq!(
            step(Status::Sent, Transition::Acknowledge, &cx(Side::Requesting, &officer, true)),
            Ok(Status::Acknowledged)
        );
        assert_eq!(
            step(Status::Ready, Transition::Send, &cx(Side::Requested, &officer, false)),
            Err(TransitionError::WrongSide(Side::Requesting))
        );
        assert_eq!(
            step(Status::Draft, Transition::MarkReady, &cx(Side::Requesting, &prosecutor, false)),
            Ok(Status::Ready)
        );
        assert!(matches!(
            step(Status::Ready, Transition::Send, &cx(Side::Requesting, &prosecutor, false)),
            Err(TransitionError::Role(_))
        ));
    }

    #[test]
    fn guards_need_completeness_comments_and_grounds() {
        let officer = RoleSet::of([Role::CentralAuthorityOfficer]);
        let mut c = cx(Side::Requesting, &officer, false);
        c.complete = false;
        assert_eq!(step(Status::Draft, Transition::MarkReady, &c), Err(TransitionError::Incomplete));
        let mut c = cx(Side::Requested, &officer, false);
        c.comment = " ";
        assert_eq!(step(Status::Received, Transition::Refuse, &c), Err(TransitionError::GroundsRequired));
        let grounds = vec!["ets030:art2b".to_string()];
        c.grounds = &grounds;
        assert_eq!(step(Status::Received, Transition::Refuse, &c), Ok(Status::Refused));
        let c = StepContext { comment: "", ..cx(Side::Requesting, &officer, false) };
        assert_eq!(step(Status::Sent, Transition::Withdraw, &c), Err(TransitionError::CommentRequired));
    }

    #[test]
    fn next_steps_offer_only_what_step_accepts() {
        assert_eq!(
            next_steps(Status::Ready, Side::Requesting, true),
            [Transition::ReturnToDraft, Transition::Send, Transition::Withdraw]
        );
        assert_eq!(next_steps(Status::Sent, Side::Requested, true), [Transition::Receive, Transition::Acknowledge]);
        assert!(next_steps(Status::Executed, Side::Requesting, false).is_empty());
    }

    fn any_status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL)
    }
    fn any_transition() -> impl Strategy<Value = Transition> {
        proptest::sample::select(Transition::ALL)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// No illegal transition is ever accepted: whatever is accepted is an edge of the graph, taken by
        /// the right side (or on behalf of an absent counterpart), by a role allowed, with its guards met.
        #[test]
        fn no_illegal_transition_is_ever_accepted(
            from in any_status(), t in any_transition(),
            requesting in any::<bool>(), external in any::<bool>(), complete in any::<bool>(),
            roles in proptest::sample::subsequence(Role::ALL.to_vec(), 0..4),
            comment in "( |x)?", grounds in proptest::collection::vec("[a-z]{1,4}", 0..2),
        ) {
            let roles = RoleSet::of(roles);
            let side = if requesting { Side::Requesting } else { Side::Requested };
            let c = StepContext { side, roles: &roles, counterpart_on_installation: !external, complete, comment: &comment, grounds: &grounds };
            if let Ok(to) = step(from, t, &c) {
                prop_assert!(!from.is_final());
                prop_assert!(t.edge().0.contains(&from));
                prop_assert_eq!(to, t.edge().1);
                prop_assert!(t.side() == side || (external && side == Side::Requesting));
                prop_assert!(t.roles().iter().any(|r| roles.has(*r)));
                prop_assert!(roles.has(Role::CentralAuthorityOfficer) || roles.has(Role::Prosecutor));
                if matches!(t, Transition::MarkReady | Transition::Send) { prop_assert!(complete); }
                if t == Transition::Refuse { prop_assert!(!grounds.is_empty()); }
                if t == Transition::Send { prop_assert_eq!(from, Status::Ready); }
                prop_assert!(next_steps(from, side, !external).contains(&t));
            }
        }

        /// Any sequence of accepted steps only moves forward: once sent, a request never returns to draft;
        /// once final, it never changes.
        #[test]
        fn accepted_sequences_never_go_back(ts in proptest::collection::vec((any_transition(), any::<bool>()), 0..30)) {
            let roles = RoleSet::of([Role::CentralAuthorityOfficer]);
            let mut s = Status::Draft;
            let mut was_sent = false;
            for (t, requesting) in ts {
                let side = if requesting { Side::Requesting } else { Side::Requested };
                let before = s;
                if let Ok(to) = step(s, t, &cx(side, &roles, false)) { s = to; }
                if before.is_final() { prop_assert_eq!(s, before); }
                if was_sent { prop_assert!(!matches!(s, Status::Draft | Status::Ready)); }
                was_sent |= s == Status::Sent;
            }
        }
    }
}
