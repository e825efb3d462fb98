//! Meetings of a working group: when (an instant, shown in the meeting's time zone), where (a place or an
//! online link), the agenda (items proposed by members and ordered by the secretary), attendance, and the
//! protocol with numbered decisions. A new meeting's agenda starts with what needs the group's attention:
//! overdue tasks of its action plan and requests between the parties' states left unanswered or overdue.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::validation::{FieldError, Invalid, opt_text, text};
use crate::{CountryCode, RequestId, TaskId, UserId};

named_enum! {
    pub enum MeetingStatus {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
}

/// When and where a meeting takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingBody {
    pub title: String,
    /// The start, milliseconds since the epoch (UTC).
    pub starts_at: i64,
    pub duration_minutes: u32,
    /// The IANA time zone the meeting is announced in (`Europe/Moscow`, `Asia/Tashkent`).
    pub time_zone: String,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub online_link: Option<String>,
}

/// A meeting lasts at most a week.
pub const MAX_DURATION_MINUTES: u32 = 7 * 24 * 60;

impl MeetingBody {
    /// Trims and checks the meeting. The time zone's name is checked by whoever knows the zone database.
    pub fn check(mut self) -> Result<MeetingBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "title", &mut self.title, true, 200);
        opt_text(&mut inv, "place", &mut self.place, 300);
        opt_text(&mut inv, "online_link", &mut self.online_link, 500);
        if let Some(link) = &self.online_link
            && !(link.starts_with("https://") && link.len() > "https://".len() && !link.contains(char::is_whitespace))
        {
            inv.push(FieldError::new("online_link", "invalid_link", "an online link is an https:// address"));
        }
        if !(1..=MAX_DURATION_MINUTES).contains(&self.duration_minutes) {
            inv.push(FieldError::new("duration_minutes", "out_of_range", "between one minute and one week"));
        }
        self.time_zone = self.time_zone.trim().to_owned();
        if self.time_zone.is_empty() {
            inv.push(FieldError::new("time_zone", "required", "the time zone the meeting is announced in"));
        }
        inv.into_result().map(|()| self)
    }

    pub fn ends_at(&self) -> i64 {
        self.starts_at + i64::from(self.duration_minutes) * 60_000
    }
}

named_enum! {
    /// Where an agenda item comes from.
    pub enum AgendaSource {
        /// Proposed by a member.
        Proposed = "proposed",
        /// A task of the action plan past its due date.
        OverdueTask = "overdue_task",
        /// A request between the parties' states, unanswered or past its deadline.
        UnansweredRequest = "unanswered_request",
    }
}

/// One item of an agenda. Items are numbered by their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub title: String,
    #[serde(default)]
    pub notes: Option<String>,
    pub source: AgendaSource,
    /// The task or request the item is about.
    #[serde(default)]
    pub task: Option<TaskId>,
    #[serde(default)]
    pub request: Option<RequestId>,
    #[serde(default)]
    pub proposed_by: Option<UserId>,
}

/// Checks an agenda: every item has a title; a task or request is on it at most once.
pub fn check_agenda(items: &mut [AgendaItem]) -> Result<(), Invalid> {
    let mut inv = Invalid::default();
    for i in 0..items.len() {
        let (before, rest) = items.split_at_mut(i);
        let Some(item) = rest.first_mut() else { continue };
        text(&mut inv, &format!("agenda[{i}].title"), &mut item.title, true, 500);
        opt_text(&mut inv, &format!("agenda[{i}].notes"), &mut item.notes, 4_000);
        let twice = before.iter().any(|b| {
            (item.task.is_some() && b.task == item.task) || (item.request.is_some() && b.request == item.request)
        });
        if twice {
            inv.push(FieldError::new(format!("agenda[{i}]"), "duplicate", "already on the agenda"));
        }
    }
    inv.into_result()
}

/// A decision of a meeting, numbered within its protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub n: u32,
    pub text: String,
}

/// The minutes of a held meeting and what it decided, in the language they were written in and, for a
/// protocol signed in two languages ("both texts being equally authentic"), in a second one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Protocol {
    pub minutes: String,
    pub decisions: Vec<Decision>,
    /// ISO 639 code of the language of `minutes` and `decisions` (protocols recorded before languages were
    /// kept have none).
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub translation: Option<Translation>,
}

/// The protocol's text in a second language: the minutes and each decision, in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Translation {
    pub language: String,
    pub minutes: String,
    pub decisions: Vec<String>,
}

/// Whether `s` has the shape of an ISO 639 code: two or three lowercase Latin letters.
pub fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

const MAX_MINUTES: usize = 100_000;
const MAX_DECISION: usize = 4_000;

impl Protocol {
    /// Trims and checks the protocol: decisions numbered 1, 2, 3… in order; a translation in another
    /// language than the original, with as many decisions.
    pub fn check(mut self) -> Result<Protocol, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "minutes", &mut self.minutes, false, MAX_MINUTES);
        for (i, d) in self.decisions.iter_mut().enumerate() {
            text(&mut inv, &format!("decisions[{i}].text"), &mut d.text, true, MAX_DECISION);
            if d.n as usize != i + 1 {
                inv.push(FieldError::new(
                    format!("decisions[{i}].n"),
                    "out_of_order",
                    format!("decision {} should be numbered {}", d.n, i + 1),
                ));
            }
        }
        if let Some(lang) = &self.language
            && !is_language_code(lang)
        {
            inv.push(FieldError::new("language", "invalid_language", format!("'{lang}' is not an ISO 639 code")));
        }
        if let Some(tr) = &mut self.translation {
            if !is_language_code(&tr.language) {
                let msg = format!("'{}' is not an ISO 639 code", tr.language);
                inv.push(FieldError::new("translation.language", "invalid_language", msg));
            } else if self.language.as_deref() == Some(tr.language.as_str()) {
                inv.push(FieldError::new(
                    "translation.language",
                    "same_language",
                    "the translation is in another language than the protocol",
                ));
            }
            text(&mut inv, "translation.minutes", &mut tr.minutes, false, MAX_MINUTES);
            tr.decisions.retain(|d| !d.trim().is_empty());
            for (i, d) in tr.decisions.iter_mut().enumerate() {
                text(&mut inv, &format!("translation.decisions[{i}]"), d, true, MAX_DECISION);
            }
            if tr.decisions.len() != self.decisions.len() {
                inv.push(FieldError::new(
                    "translation.decisions",
                    "count_mismatch",
                    format!("{} decisions translated for {} recorded", tr.decisions.len(), self.decisions.len()),
                ));
            }
        }
        inv.into_result().map(|()| self)
    }

    /// Numbers decisions given as plain texts, in order.
    pub fn numbered(minutes: String, decisions: Vec<String>) -> Protocol {
        let decisions = decisions
            .into_iter()
            .filter(|d| !d.trim().is_empty())
            .zip(1u32..)
            .map(|(text, n)| Decision { n, text })
            .collect();
        Protocol { minutes, decisions, language: None, translation: None }
    }

    /// The same protocol written in `language`, with a translation if one is given.
    pub fn in_language(self, language: Option<String>, translation: Option<Translation>) -> Protocol {
        Protocol { language, translation, ..self }
    }
}

/// A task of the plan, as the agenda needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTask {
    pub id: TaskId,
    pub description: String,
    pub due: Date,
}

/// A request between two of the parties' states, as the agenda needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRequest {
    pub id: RequestId,
    pub reference: String,
    pub from: CountryCode,
    pub to: CountryCode,
    /// When it was sent.
    pub sent: Date,
    /// Its answer deadline, if one was set.
    pub due: Option<Date>,
}

/// What a new agenda starts with, before the secretary orders it: the open tasks past their due date on the
/// meeting's day (oldest first), then the requests between the parties' states that are past their deadline,
/// or without one and unanswered for `unanswered_after_days` (oldest first). Items already on the agenda are
/// not repeated. Titles are left to the caller, who knows the reader's language.
pub fn prefill(
    existing: &[AgendaItem],
    tasks: &[OpenTask],
    requests: &[PendingRequest],
    meeting_day: Date,
    unanswered_after_days: i64,
) -> Vec<AgendaItem> {
    let mut overdue: Vec<&OpenTask> = tasks.iter().filter(|t| t.due < meeting_day).collect();
    overdue.sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    let mut late: Vec<&PendingRequest> = requests
        .iter()
        .filter(|r| match r.due {
            Some(due) => due < meeting_day,
            None => meeting_day.days_since(r.sent) >= unanswered_after_days,
        })
        .collect();
    late.sort_by(|a, b| a.sent.cmp(&b.sent).then(a.id.cmp(&b.id)));
    let on_agenda = |task: Option<TaskId>, request: Option<RequestId>| {
        existing.iter().any(|i| (task.is_some() && i.task == task) || (request.is_some() && i.request == request))
    };
    let tasks = overdue.into_iter().filter(|t| !on_agenda(Some(t.id), None)).map(|t| AgendaItem {
        title: t.description.clone(),
        notes: None,
        source: AgendaSource::OverdueTask,
        task: Some(t.id),
        request: None,
        proposed_by: None,
    });
    let requests = late.into_iter().filter(|r| !on_agenda(None, Some(r.id))).map(|r| AgendaItem {
        title: r.reference.clone(),
        notes: None,
        source: AgendaSource::UnansweredRequest,
        task: None,
        request: Some(r.id),
        proposed_by: None,
    });
    tasks.chain(requests).collect()
}
