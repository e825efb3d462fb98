//! Networks of prosecutors and central authorities (CASC, WACAP, …; their members are states, in the
//! directory): each member state's focal point, handed over to a successor who takes the predecessor's open
//! items, and the network's workshops and conferences with organisers, objectives, programme, participants
//! by country and authority, and the attendance list.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::date::Date;
use crate::validation::{FieldError, Invalid, opt_text, text};
use crate::{CountryCode, UserId};

named_enum! {
    pub enum EventKind {
        Workshop = "workshop",
        Conference = "conference",
        Training = "training",
        /// A plenary or a meeting of focal points.
        Meeting = "meeting",
    }
}

named_enum! {
    pub enum EventStatus {
        Planned = "planned",
        Held = "held",
        Cancelled = "cancelled",
    }
}

/// Someone taking part in an event: a person of an authority of a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub country: CountryCode,
    pub authority: String,
    /// On the attendance list (recorded once the event is held).
    #[serde(default)]
    pub attended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBody {
    pub title: String,
    pub kind: EventKind,
    pub objectives: String,
    #[serde(default)]
    pub programme: Option<String>,
    pub starts: Date,
    pub ends: Date,
    #[serde(default)]
    pub place: Option<String>,
    /// The bodies organising it (the secretariat, UNODC, a host prosecutor's office…).
    pub organisers: Vec<String>,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

pub const MAX_PARTICIPANTS: usize = 2_000;

impl EventBody {
    pub fn check(mut self) -> Result<EventBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "title", &mut self.title, true, 300);
        text(&mut inv, "objectives", &mut self.objectives, true, 10_000);
        opt_text(&mut inv, "programme", &mut self.programme, 50_000);
        opt_text(&mut inv, "place", &mut self.place, 300);
        if self.ends < self.starts {
            inv.push(FieldError::new("ends", "before_start", "an event ends on or after the day it starts"));
        }
        self.organisers.retain(|o| !o.trim().is_empty());
        if self.organisers.is_empty() {
            inv.push(FieldError::new("organisers", "required", "who organises the event"));
        }
        for (i, o) in self.organisers.iter_mut().enumerate() {
            text(&mut inv, &format!("organisers[{i}]"), o, true, 300);
        }
        if self.participants.len() > MAX_PARTICIPANTS {
            inv.push(FieldError::new("participants", "too_many", format!("at most {MAX_PARTICIPANTS}")));
        }
        for (i, p) in self.participants.iter_mut().enumerate() {
            text(&mut inv, &format!("participants[{i}].name"), &mut p.name, true, 200);
            text(&mut inv, &format!("participants[{i}].authority"), &mut p.authority, true, 300);
        }
        inv.into_result().map(|()| self)
    }

    /// Participants per state: (registered, attended), by country code.
    pub fn by_country(&self) -> BTreeMap<CountryCode, (usize, usize)> {
        let mut out: BTreeMap<CountryCode, (usize, usize)> = BTreeMap::new();
        for p in &self.participants {
            let e = out.entry(p.country).or_default();
            e.0 += 1;
            if p.attended {
                e.1 += 1;
            }
        }
        out
    }
}

/// A state's focal point in a network for a period (`until` none: the current one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocalPoint {
    pub network: String,
    pub country: CountryCode,
    pub user: UserId,
    pub since: i64,
    #[serde(default)]
    pub until: Option<i64>,
}

/// What a handover changes: the predecessor's term ends (if there was one) and the successor's begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub predecessor: Option<FocalPoint>,
    pub successor: FocalPoint,
}

/// Hands the focal point of `country` in `network` to `successor` at `now`. Refused when the successor
/// already is the focal point.
pub fn hand_over(
    current: Option<&FocalPoint>,
    network: &str,
    country: CountryCode,
    successor: UserId,
    now: i64,
) -> Result<Handover, FieldError> {
    if current.is_some_and(|c| c.user == successor) {
        return Err(FieldError::new("user", "already_focal_point", "already the focal point"));
    }
    Ok(Handover {
        predecessor: current.map(|c| FocalPoint { until: Some(now), ..c.clone() }),
        successor: FocalPoint { network: network.to_owned(), country, user: successor, since: now, until: None },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn event() -> EventBody {
        EventBody {
            title: " Региональный семинар по выдаче ".into(),
            kind: EventKind::Workshop,
            objectives: "Обмен практикой".into(),
            programme: None,
            starts: d("2026-05-12"),
            ends: d("2026-05-14"),
            place: Some("Ташкент".into()),
            organisers: vec!["UNODC".into(), " ".into()],
            participants: vec![
                Participant {
                    name: "A".into(),
                    country: CountryCode::parse("UZ").unwrap(),
                    authority: "GPO".into(),
                    attended: true,
                },
                Participant {
                    name: "B".into(),
                    country: CountryCode::parse("UZ").unwrap(),
                    authority: "MoJ".into(),
                    attended: false,
                },
                Participant {
                    name: "C".into(),
                    country: CountryCode::parse("KZ").unwrap(),
                    authority: "GPO".into(),
                    attended: true,
                },
            ],
        }
    }

    #[test]
    fn events_are_checked_and_counted_by_country() {
        let e = event().check().unwrap();
        assert_eq!(e.title, "Региональный семинар по выдаче");
        assert_eq!(e.organisers, vec!["UNODC"]);
        let by = e.by_country();
        assert_eq!(by[&CountryCode::parse("UZ").unwrap()], (2, 1));
        assert_eq!(by[&CountryCode::parse("KZ").unwrap()], (1, 1));
        let mut bad = event();
        bad.ends = d("2026-05-01");
        bad.organisers.clear();
        let fields: Vec<String> = bad.check().unwrap_err().0.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["ends", "organisers"]);
    }

    #[test]
    fn a_handover_ends_one_term_and_starts_the_next() {
        let uz = CountryCode::parse("UZ").unwrap();
        let (a, b) = (UserId(uuid::Uuid::from_u128(1)), UserId(uuid::Uuid::from_u128(2)));
        let first = hand_over(None, "casc", uz, a, 10).unwrap();
        assert_eq!(first.predecessor, None);
        let second = hand_over(Some(&first.successor), "casc", uz, b, 20).unwrap();
        assert_eq!(second.predecessor.as_ref().and_then(|p| p.until), Some(20));
        assert_eq!((second.successor.user, second.successor.since, second.successor.until), (b, 20, None));
        assert_eq!(hand_over(Some(&second.successor), "casc", uz, b, 30).unwrap_err().code, "already_focal_point");
    }
}
