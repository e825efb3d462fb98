//! International working groups: standing groups of authorities of two or more states (the prosecutor
//! general's offices of two countries meeting regularly, say), with a mandate, co-chairs, members from each
//! party with their roles, a meeting rhythm and a status. Their meetings, with agendas and protocols, are in
//! `meeting`; their action plans in `task`; the calendar export in `ics`.

pub mod ics;
pub mod meeting;
pub mod results;
pub mod task;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::validation::{FieldError, Invalid, opt_text, text};
use crate::{CountryCode, OrgId, UserId};

named_enum! {
    pub enum GroupStatus {
        Active = "active",
        /// Not meeting for now; its plan and history stay.
        Suspended = "suspended",
        /// Its mandate fulfilled or ended; read only.
        Closed = "closed",
    }
}

named_enum! {
    /// A member's place in a group.
    pub enum GroupRole {
        /// Chairs the group for one party; manages it with the secretary.
        CoChair = "co_chair",
        /// Keeps the group: plans meetings, orders the agenda, records protocols and the action plan.
        Secretary = "secretary",
        Member = "member",
        /// Takes part on a subject; proposes and reads like a member.
        Expert = "expert",
    }
}

impl GroupRole {
    /// Co-chairs and secretaries run the group: its members, meetings, protocols and plan.
    pub fn manages(self) -> bool {
        matches!(self, GroupRole::CoChair | GroupRole::Secretary)
    }
}

/// An authority taking part in a group, with the state it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub org: OrgId,
    pub country: CountryCode,
}

/// What a group is: the content its managers edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupBody {
    pub name: String,
    /// Mandate or terms of reference.
    pub mandate: String,
    pub established: Date,
    /// How often it meets, in words ("twice a year, alternately in each capital").
    #[serde(default)]
    pub rhythm: Option<String>,
    pub parties: Vec<Party>,
}

pub const MAX_MANDATE: usize = 20_000;

impl GroupBody {
    /// Trims and checks the group: a name, a mandate, and parties of at least two states, each once.
    pub fn check(mut self) -> Result<GroupBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "name", &mut self.name, true, 200);
        text(&mut inv, "mandate", &mut self.mandate, true, MAX_MANDATE);
        opt_text(&mut inv, "rhythm", &mut self.rhythm, 300);
        let mut orgs: Vec<OrgId> = self.parties.iter().map(|p| p.org).collect();
        orgs.sort();
        orgs.dedup();
        if orgs.len() != self.parties.len() {
            inv.push(FieldError::new("parties", "duplicate", "each authority takes part once"));
        }
        let mut states: Vec<CountryCode> = self.parties.iter().map(|p| p.country).collect();
        states.sort();
        states.dedup();
        if states.len() < 2 {
            inv.push(FieldError::new("parties", "too_few", "a working group has authorities of at least two states"));
        }
        inv.into_result().map(|()| self)
    }

    /// The states of the parties, each once, in order.
    pub fn states(&self) -> Vec<CountryCode> {
        let mut states: Vec<CountryCode> = self.parties.iter().map(|p| p.country).collect();
        states.sort();
        states.dedup();
        states
    }
}

/// A member of a group: a user of one of the parties, with a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user: UserId,
    pub org: OrgId,
    pub role: GroupRole,
}

/// Checks a group's members against its parties: every member belongs to a party's authority, each user is
/// a member once, and the group has someone to run it.
pub fn check_members(body: &GroupBody, members: &[Member]) -> Result<(), Invalid> {
    let mut inv = Invalid::default();
    for (i, m) in members.iter().enumerate() {
        if !body.parties.iter().any(|p| p.org == m.org) {
            inv.push(FieldError::new(
                format!("members[{i}].org"),
                "not_a_party",
                "a member belongs to one of the group's authorities",
            ));
        }
        if members.iter().take(i).any(|earlier| earlier.user == m.user) {
            inv.push(FieldError::new(format!("members[{i}].user"), "duplicate", "already a member"));
        }
    }
    if !members.iter().any(|m| m.role.manages()) {
        inv.push(FieldError::new("members", "no_manager", "a group needs a co-chair or a secretary"));
    }
    inv.into_result()
}

#[cfg(test)]
mod tests;
