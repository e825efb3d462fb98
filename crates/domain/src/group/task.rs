//! The action plan of a working group: tasks, mostly from the decisions of its meetings, each with the party
//! and member responsible, a due date, a status with progress notes, and links to the cases, requests and
//! notices it concerns. Reminders follow the calendar of request deadlines (`request::deadline::Stage`):
//! a week before, on the day, then every fortnight while overdue.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::request::deadline::{self, Stage};
use crate::validation::{FieldError, Invalid, text};
use crate::{MeetingId, OrgId, UserId};

named_enum! {
    pub enum TaskStatus {
        Open = "open",
        InProgress = "in_progress",
        Done = "done",
        /// No longer pursued (the group decided so).
        Dropped = "dropped",
    }
}

impl TaskStatus {
    /// Still to be done: reminded, and on the next agenda when overdue.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::InProgress)
    }
}

named_enum! {
    /// What a task may link to.
    pub enum LinkKind {
        Case = "case",
        Request = "request",
        Notice = "notice",
    }
}

/// A link from a task to an object elsewhere in Liaison (whoever follows it still needs the right to see it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    pub id: String,
}

/// The decision a task comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRef {
    pub meeting: MeetingId,
    pub n: u32,
}

/// What a task is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskBody {
    pub description: String,
    /// The party responsible.
    pub party: OrgId,
    /// The member responsible, when one is named.
    #[serde(default)]
    pub owner: Option<UserId>,
    pub due: Date,
    #[serde(default)]
    pub decision: Option<DecisionRef>,
    #[serde(default)]
    pub links: Vec<Link>,
}

impl TaskBody {
    pub fn check(mut self) -> Result<TaskBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "description", &mut self.description, true, 4_000);
        for (i, link) in self.links.iter_mut().enumerate() {
            link.id = link.id.trim().to_owned();
            if uuid::Uuid::parse_str(&link.id).is_err() {
                inv.push(FieldError::new(format!("links[{i}].id"), "invalid_id", "not an identifier"));
            }
        }
        let mut seen: Vec<&Link> = Vec::new();
        for (i, link) in self.links.iter().enumerate() {
            if seen.contains(&link) {
                inv.push(FieldError::new(format!("links[{i}]"), "duplicate", "linked already"));
            }
            seen.push(link);
        }
        inv.into_result().map(|()| self)
    }
}

/// Whether an open task is past its due date on `today`.
pub fn overdue(status: TaskStatus, due: Date, today: Date) -> bool {
    status.is_open() && due < today
}

/// The reminder owed on `today` for a task whose last reminder had ordinal `last_sent` (0 when none); none
/// for a task no longer open.
pub fn reminder_owed(status: TaskStatus, due: Date, today: Date, last_sent: i64) -> Option<Stage> {
    status.is_open().then(|| deadline::reminder_owed(due, today, last_sent)).flatten()
}
