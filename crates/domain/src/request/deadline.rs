//! Deadlines and when to chase them. A request sent abroad owes an acknowledgement and an answer;
//! each deadline comes from the requesting authority, from the instrument where it sets one, or from
//! the urgency. Reminders go out before the deadline, on it, and while it is overdue.

use super::kind::Urgency;
use crate::date::Date;
use serde::Serialize;

named_enum! {
    /// What is owed by the deadline.
    pub enum DeadlineKind {
        /// The requested authority should confirm receipt.
        Acknowledgement = "acknowledgement",
        /// The requested authority should have executed (or answered) the request.
        Answer = "answer",
        /// The requesting authority must send the request (extradition after a provisional arrest).
        Sending = "sending",
    }
}

/// Where a deadline comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum DeadlineSource {
    /// The date the requesting authority set.
    Requester,
    /// A time limit the instrument sets.
    Instrument { instrument: String, article: String, days: i64 },
    /// Liaison's default for the urgency (configurable per installation).
    Urgency { urgency: Urgency, days: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Date,
    pub source: DeadlineSource,
}

/// Days the installation allows by default, per urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultDays {
    pub acknowledgement: [i64; 3],
    pub answer: [i64; 3],
}

impl Default for DefaultDays {
    fn default() -> Self {
        // normal, urgent, very urgent
        DefaultDays { acknowledgement: [20, 7, 2], answer: [120, 30, 10] }
    }
}

fn urgency_index(u: Urgency) -> usize {
    match u {
        Urgency::Normal => 0,
        Urgency::Urgent => 1,
        Urgency::VeryUrgent => 2,
    }
}

/// A time limit an instrument sets on a kind of request, with its article.
pub struct InstrumentLimit {
    pub instrument: &'static str,
    pub kind: DeadlineKind,
    pub days: i64,
    pub article: &'static str,
}

/// European Convention on Extradition, Art. 16(4): provisional arrest may end if the request and its
/// documents have not arrived within 18 days of the arrest (and may not exceed 40 days).
pub const PROVISIONAL_ARREST_LIMITS: [InstrumentLimit; 1] =
    [InstrumentLimit { instrument: "ets024", kind: DeadlineKind::Sending, days: 18, article: "Art. 16(4)" }];

/// The deadlines of a request sent on `sent` (acknowledgement and answer). The answer is due on the
/// requester's date when set (it may be earlier or later than the default), else on the urgency's default.
pub fn on_sending(sent: Date, urgency: Urgency, requested_by: Option<Date>, days: &DefaultDays) -> Vec<Deadline> {
    let i = urgency_index(urgency);
    let mut out = Vec::new();
    let ack = days.acknowledgement[i];
    if let Some(due) = sent.add_days(ack) {
        out.push(Deadline {
            kind: DeadlineKind::Acknowledgement,
            due,
            source: DeadlineSource::Urgency { urgency, days: ack },
        });
    }
    let answer = match requested_by {
        Some(d) => Some(Deadline { kind: DeadlineKind::Answer, due: d, source: DeadlineSource::Requester }),
        None => sent.add_days(days.answer[i]).map(|due| Deadline {
            kind: DeadlineKind::Answer,
            due,
            source: DeadlineSource::Urgency { urgency, days: days.answer[i] },
        }),
    };
    out.extend(answer);
    out
}

/// The deadline for sending an extradition request after a provisional arrest, from the first cited
/// instrument that sets one.
pub fn sending_after_arrest(arrested: Date, cited: &[String]) -> Option<Deadline> {
    PROVISIONAL_ARREST_LIMITS.iter().find(|l| cited.iter().any(|c| c == l.instrument)).and_then(|l| {
        Some(Deadline {
            kind: DeadlineKind::Sending,
            due: arrested.add_days(l.days)?,
            source: DeadlineSource::Instrument {
                instrument: l.instrument.to_string(),
                article: l.article.to_string(),
                days: l.days,
            },
        })
    })
}

/// How far a deadline has come: the reminder owed at that point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "stage", content = "n", rename_all = "snake_case")]
pub enum Stage {
    /// Within a week of the deadline.
    DueSoon,
    /// The deadline has come (up to a week past).
    Due,
    /// Overdue: the n-th reminder, one a fortnight from a week after the deadline.
    Overdue(u32),
}

impl Stage {
    pub const DUE_SOON_DAYS: i64 = 7;
    pub const OVERDUE_EVERY_DAYS: i64 = 14;

    /// The stage reached on `today`; `None` while the deadline is more than a week away.
    pub fn on(due: Date, today: Date) -> Option<Stage> {
        let left = due.days_since(today);
        if left > Self::DUE_SOON_DAYS {
            None
        } else if left > 0 {
            Some(Stage::DueSoon)
        } else if left > -Self::DUE_SOON_DAYS {
            Some(Stage::Due)
        } else {
            let n = (-left - Self::DUE_SOON_DAYS) / Self::OVERDUE_EVERY_DAYS + 1;
            Some(Stage::Overdue(u32::try_from(n).unwrap_or(u32::MAX)))
        }
    }

    /// A number that grows with every reminder owed (stored as the last one sent).
    pub fn ordinal(self) -> i64 {
        match self {
            Stage::DueSoon => 1,
            Stage::Due => 2,
            Stage::Overdue(n) => 2 + i64::from(n),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Stage::DueSoon => "due_soon",
            Stage::Due => "due",
            Stage::Overdue(_) => "overdue",
        }
    }
}

/// The reminder owed on `today` for a deadline whose last reminder had `last_sent` (0 when none):
/// only ever one, for the latest stage reached, so a reminder run that missed days sends no backlog.
pub fn reminder_owed(due: Date, today: Date, last_sent: i64) -> Option<Stage> {
    Stage::on(due, today).filter(|s| s.ordinal() > last_sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn deadlines_come_from_the_requester_or_the_urgency() {
        let ds = on_sending(d("2026-01-10"), Urgency::Urgent, None, &DefaultDays::default());
        assert_eq!(ds[0].due, d("2026-01-17"));
        assert_eq!(ds[1].due, d("2026-02-09"));
        assert_eq!(ds[1].source, DeadlineSource::Urgency { urgency: Urgency::Urgent, days: 30 });
        let ds = on_sending(d("2026-01-10"), Urgency::Normal, Some(d("2026-03-01")), &DefaultDays::default());
        assert_eq!((ds[1].due, &ds[1].source), (d("2026-03-01"), &DeadlineSource::Requester));
    }

    #[test]
    fn provisional_arrest_sets_a_sending_deadline_under_the_extradition_convention() {
        let cited = vec!["ets024".to_string()];
        let dl = sending_after_arrest(d("2026-05-01"), &cited).unwrap();
        assert_eq!(dl.due, d("2026-05-19"));
        assert!(sending_after_arrest(d("2026-05-01"), &["minsk1993".to_string()]).is_none());
    }

    #[test]
    fn stages_follow_the_calendar() {
        let due = d("2026-03-31");
        assert_eq!(Stage::on(due, d("2026-03-23")), None);
        assert_eq!(Stage::on(due, d("2026-03-24")), Some(Stage::DueSoon));
        assert_eq!(Stage::on(due, d("2026-03-31")), Some(Stage::Due));
        assert_eq!(Stage::on(due, d("2026-04-06")), Some(Stage::Due));
        assert_eq!(Stage::on(due, d("2026-04-07")), Some(Stage::Overdue(1)));
        assert_eq!(Stage::on(due, d("2026-04-21")), Some(Stage::Overdue(2)));
        assert_eq!(reminder_owed(due, d("2026-04-07"), Stage::Due.ordinal()), Some(Stage::Overdue(1)));
        assert_eq!(reminder_owed(due, d("2026-04-08"), Stage::Overdue(1).ordinal()), None);
        // A run that missed weeks sends one reminder for where things stand, not the backlog.
        assert_eq!(reminder_owed(due, d("2026-05-30"), 0), Some(Stage::Overdue(4)));
    }

    proptest! {
        #[test]
        fn stages_only_grow_with_time(due in 0i64..40_000, a in 0i64..40_000, b in 0i64..400) {
            let due = Date::from_days_from_epoch(due).unwrap();
            let t1 = Date::from_days_from_epoch(a).unwrap();
            let t2 = t1.add_days(b).unwrap();
            let s1 = Stage::on(due, t1).map_or(0, Stage::ordinal);
            let s2 = Stage::on(due, t2).map_or(0, Stage::ordinal);
            prop_assert!(s2 >= s1);
            // once a reminder for a stage is sent, it is never owed again
            prop_assert!(reminder_owed(due, t2, s2).is_none());
        }
    }
}
