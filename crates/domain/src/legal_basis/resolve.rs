//! The legal-basis resolver: which instruments bind both states for a kind of cooperation on a date,
//! ranked, each with what follows from it and the reasons — or reciprocity, with a warning, when none.
//! Pure: the catalogue and the date come in, the answer goes out.

use super::model::*;
use crate::CountryCode;
use crate::date::Date;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Query {
    pub requesting: CountryCode,
    pub requested: CountryCode,
    pub kind: CooperationType,
    /// For MLA: the measure sought (free text from the request), shown with the answer.
    pub measure: Option<String>,
    /// Offence category (free text), shown with the answer: dual criminality is judged on it.
    pub offence: Option<String>,
    pub date: Date,
}

/// A state's position under an instrument on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Standing {
    /// Bound; since when, if the date of entry into force for it is known.
    Bound(Option<Date>),
    NotYet(Date),
    Denounced(Option<Date>),
    NotParty(String),
}

fn standing(inst: &Instrument, state: CountryCode, date: Date) -> Standing {
    let Some(p) = inst.party(state) else {
        return Standing::NotParty(format!(
            "no record of {state} as a party (the data is incomplete: unknown, not a refusal)"
        ));
    };
    if let Some(g) = inst.in_force
        && date < g
    {
        return Standing::NotYet(g);
    }
    match p.status {
        PartyStatus::NonParty => return Standing::NotParty(format!("{state} is listed as not a party")),
        PartyStatus::Signatory => {
            let when = p.signed.map(|d| format!(" on {d}")).unwrap_or_default();
            return Standing::NotParty(format!("{state} signed{when} but has not ratified"));
        }
        PartyStatus::SignatoryOrParty => {
            return Standing::NotParty(format!("{state} signed; ratification is not sourced"));
        }
        PartyStatus::Withdrawn if p.denounced.is_none() => return Standing::Denounced(None),
        PartyStatus::Party | PartyStatus::PartyPerDomesticLaw | PartyStatus::Withdrawn => {}
    }
    if let Some(d) = p.denounced
        && d <= date
    {
        return Standing::Denounced(Some(d));
    }
    match p.in_force {
        Some(f) if date < f => Standing::NotYet(f),
        Some(f) => Standing::Bound(Some(f)),
        None => Standing::Bound(None),
    }
}

fn describe_bound(state: CountryCode, since: Option<Date>) -> String {
    match since {
        Some(d) => format!("{state} since {d}"),
        None => format!("{state} (a party; the date of entry into force for it is not sourced)"),
    }
}

/// One instrument that binds both states, with what follows from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Basis {
    pub instrument: String,
    pub short: String,
    pub title: String,
    pub level: Level,
    /// The later of the two dates of entry into force, when both are known.
    pub since: Option<Date>,
    /// Both dates of entry into force are sourced.
    pub dated: bool,
    /// Why it applies, in one sentence ("UNTOC binds RU since 2004-05-26 and UZ since 2008-…").
    pub explanation: String,
    /// What the instrument says about this kind of cooperation, when the data has it.
    pub provision: Option<Provision>,
    /// The requested state's declarations under the instrument (languages it accepts, where to send).
    pub requested_declarations: Vec<Declaration>,
    /// The requesting state's declarations (reciprocity may apply to them).
    pub requesting_declarations: Vec<Declaration>,
}

/// An instrument considered and set aside, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub instrument: String,
    pub short: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub query: Query,
    /// Ranked: bilateral before regional before universal; dated before undated; then by id.
    pub bases: Vec<Basis>,
    pub excluded: Vec<Exclusion>,
    /// Set when nothing binds both states: the request can only rest on reciprocity (comity).
    pub reciprocity: Option<String>,
    pub warnings: Vec<String>,
}

/// Resolves the legal bases for `q` over `catalogue`.
pub fn resolve(catalogue: &Catalogue, q: &Query) -> Answer {
    let mut bases = Vec::new();
    let mut excluded = Vec::new();
    let mut warnings = Vec::new();
    if q.requesting == q.requested {
        warnings.push(format!(
            "requesting and requested state are both {}: this is not international cooperation",
            q.requesting
        ));
    }
    for inst in &catalogue.instruments {
        let exclude = |reason: String| Exclusion { instrument: inst.id.clone(), short: inst.short.clone(), reason };
        if !inst.scope.contains(&q.kind) {
            continue;
        }
        let a = standing(inst, q.requesting, q.date);
        let b = standing(inst, q.requested, q.date);
        match (&a, &b) {
            (Standing::Bound(sa), Standing::Bound(sb)) => {
                let since = match (sa, sb) {
                    (Some(x), Some(y)) => Some(*x.max(y)),
                    _ => None,
                };
                let explanation = format!(
                    "{} binds {} and {}; it covers {}.",
                    inst.short,
                    describe_bound(q.requesting, *sa),
                    describe_bound(q.requested, *sb),
                    q.kind
                );
                bases.push(Basis {
                    instrument: inst.id.clone(),
                    short: inst.short.clone(),
                    title: inst.title.clone(),
                    level: inst.level,
                    since,
                    dated: since.is_some(),
                    explanation,
                    provision: inst.provisions.get(&q.kind).cloned(),
                    requested_declarations: inst.party(q.requested).map(|p| p.declarations.clone()).unwrap_or_default(),
                    requesting_declarations: inst
                        .party(q.requesting)
                        .map(|p| p.declarations.clone())
                        .unwrap_or_default(),
                });
            }
            _ => {
                let why = |s: &Standing, state: CountryCode| match s {
                    Standing::Bound(_) => None,
                    Standing::NotYet(d) => Some(format!("not yet in force for {state} on {} (from {d})", q.date)),
                    Standing::Denounced(Some(d)) => Some(format!("{state} denounced it with effect from {d}")),
                    Standing::Denounced(None) => Some(format!("{state} has withdrawn (date not sourced)")),
                    Standing::NotParty(r) => Some(r.clone()),
                };
                let reasons: Vec<String> =
                    [why(&a, q.requesting), why(&b, q.requested)].into_iter().flatten().collect();
                excluded.push(exclude(reasons.join("; ")));
            }
        }
    }
    // An instrument that replaces another between states bound by both sets the older one aside.
    let superseded: Vec<(String, String, String)> = bases
        .iter()
        .filter_map(|b| catalogue.get(&b.instrument))
        .flat_map(|i| {
            i.supersedes.iter().filter_map(move |s| match &s.target {
                Superseded::Instrument(old) => Some((old.clone(), i.short.clone(), s.article.clone())),
                Superseded::Level(_) => None,
            })
        })
        .collect();
    for (old, by, article) in superseded {
        if let Some(pos) = bases.iter().position(|b| b.instrument == old) {
            let b = bases.remove(pos);
            let art = if article.is_empty() { String::new() } else { format!(" ({article})") };
            excluded.push(Exclusion {
                instrument: b.instrument,
                short: b.short.clone(),
                reason: format!("replaced by {by} between states bound by both{art}"),
            });
        }
    }
    // An instrument that replaces a whole level (a regional convention over bilateral treaties between its
    // parties) ranks with that level, ahead of the instruments it replaces.
    let rank = |b: &Basis| {
        let replaced = catalogue.get(&b.instrument).and_then(|i| {
            i.supersedes.iter().filter_map(|s| if let Superseded::Level(l) = s.target { Some(l) } else { None }).min()
        });
        match replaced {
            Some(l) if l < b.level => (l, 0u8),
            _ => (b.level, 1u8),
        }
    };
    bases.sort_by(|x, y| (rank(x), !x.dated, &x.instrument).cmp(&(rank(y), !y.dated, &y.instrument)));
    for b in bases.iter_mut() {
        if let Some(i) = catalogue.get(&b.instrument) {
            for s in &i.supersedes {
                if let Superseded::Level(l) = s.target {
                    b.explanation.push_str(&format!(
                        " Between its parties it replaces {} instruments ({}).",
                        l.as_str(),
                        s.article
                    ));
                }
            }
        }
    }
    if bases.iter().any(|b| !b.dated) {
        warnings.push(
            "some dates of entry into force are not sourced: confirm with the depositary before relying on them".into(),
        );
    }
    let reciprocity = bases.is_empty().then(|| {
        warnings.push(format!(
            "no instrument in the data binds both {} and {} for {} on {}: a request rests on reciprocity only, which the requested state may refuse",
            q.requesting, q.requested, q.kind, q.date
        ));
        format!(
            "Reciprocity (international comity): {} asks {} to assist and undertakes to assist in turn in similar cases; \
             send through diplomatic channels unless {} accepts another.",
            q.requesting, q.requested, q.requested
        )
    });
    Answer { query: q.clone(), bases, excluded, reciprocity, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }
    fn c(s: &str) -> CountryCode {
        CountryCode::parse(s).unwrap()
    }

    fn party(state: &str, in_force: Option<&str>, denounced: Option<&str>, status: PartyStatus) -> Party {
        Party {
            state: c(state),
            status,
            signed: None,
            ratified: None,
            in_force: in_force.map(d),
            denounced: denounced.map(d),
            notes: String::new(),
            source: String::new(),
            declarations: vec![],
        }
    }

    fn inst(id: &str, level: Level, parties: Vec<Party>) -> Instrument {
        Instrument {
            id: id.into(),
            short: id.to_uppercase(),
            title: id.into(),
            level,
            adopted: Some(d("1990-01-01")),
            in_force: Some(d("1991-01-01")),
            scope: vec![CooperationType::Mla, CooperationType::Extradition],
            parties,
            provisions: Default::default(),
            supersedes: vec![],
            sources: vec![],
        }
    }

    fn q(from: &str, to: &str, date: &str) -> Query {
        Query {
            requesting: c(from),
            requested: c(to),
            kind: CooperationType::Mla,
            measure: None,
            offence: None,
            date: d(date),
        }
    }

    #[test]
    fn ranks_bilateral_before_regional_before_universal_and_explains() {
        let cat = Catalogue {
            instruments: vec![
                inst(
                    "uni",
                    Level::Universal,
                    vec![
                        party("RU", Some("2004-05-26"), None, PartyStatus::Party),
                        party("UZ", Some("2008-07-09"), None, PartyStatus::Party),
                    ],
                ),
                inst(
                    "reg",
                    Level::Regional,
                    vec![
                        party("RU", Some("1995-01-01"), None, PartyStatus::Party),
                        party("UZ", None, None, PartyStatus::Party),
                    ],
                ),
                inst(
                    "bi",
                    Level::Bilateral,
                    vec![
                        party("RU", Some("2001-01-01"), None, PartyStatus::Party),
                        party("UZ", Some("2001-01-01"), None, PartyStatus::Party),
                    ],
                ),
            ],
        };
        let a = resolve(&cat, &q("RU", "UZ", "2020-01-01"));
        let ids: Vec<&str> = a.bases.iter().map(|b| b.instrument.as_str()).collect();
        assert_eq!(ids, ["bi", "reg", "uni"]);
        assert_eq!(a.bases[2].explanation, "UNI binds RU since 2004-05-26 and UZ since 2008-07-09; it covers mla.");
        assert_eq!(a.bases[2].since, Some(d("2008-07-09")));
        assert!(!a.bases[1].dated && a.warnings.iter().any(|w| w.contains("not sourced")));
        assert!(a.reciprocity.is_none());
    }

    #[test]
    fn signatories_denunciations_and_later_entry_into_force_are_excluded_with_reasons() {
        let cat = Catalogue {
            instruments: vec![
                inst(
                    "sig",
                    Level::Universal,
                    vec![
                        party("RU", Some("2000-01-01"), None, PartyStatus::Party),
                        party("IR", None, None, PartyStatus::Signatory),
                    ],
                ),
                inst(
                    "den",
                    Level::Regional,
                    vec![
                        party("RU", Some("2000-01-01"), Some("2022-03-16"), PartyStatus::Withdrawn),
                        party("IR", Some("2000-01-01"), None, PartyStatus::Party),
                    ],
                ),
                inst(
                    "late",
                    Level::Regional,
                    vec![
                        party("RU", Some("2000-01-01"), None, PartyStatus::Party),
                        party("IR", Some("2030-01-01"), None, PartyStatus::Party),
                    ],
                ),
            ],
        };
        let a = resolve(&cat, &q("RU", "IR", "2023-01-01"));
        assert!(a.bases.is_empty());
        let reason = |id: &str| a.excluded.iter().find(|e| e.instrument == id).unwrap().reason.clone();
        assert_eq!(reason("sig"), "IR signed but has not ratified");
        assert_eq!(reason("den"), "RU denounced it with effect from 2022-03-16");
        assert!(reason("late").contains("not yet in force for IR"));
        assert!(a.reciprocity.as_deref().unwrap().contains("Reciprocity"));
        assert!(a.warnings.iter().any(|w| w.contains("reciprocity only")));
        let before = resolve(&cat, &q("RU", "IR", "2021-01-01"));
        assert_eq!(before.bases.len(), 1, "before the denunciation it applied");
    }

    #[test]
    fn a_newer_instrument_replaces_an_older_one_between_parties_to_both() {
        let both = || {
            vec![
                party("KZ", Some("2010-01-01"), None, PartyStatus::Party),
                party("KG", Some("2010-01-01"), None, PartyStatus::Party),
            ]
        };
        let mut new = inst("chisinau", Level::Regional, both());
        new.supersedes.push(Supersession {
            target: Superseded::Instrument("minsk".into()),
            description: String::new(),
            article: "Art. 120(3)".into(),
            source: String::new(),
        });
        let old = inst("minsk", Level::Regional, both());
        let mut only_old = both();
        only_old.push(party("TJ", Some("1995-01-01"), None, PartyStatus::Party));
        let cat = Catalogue { instruments: vec![new, Instrument { parties: only_old, ..old }] };
        let a = resolve(&cat, &q("KZ", "KG", "2020-01-01"));
        assert_eq!(a.bases.iter().map(|b| b.instrument.as_str()).collect::<Vec<_>>(), ["chisinau"]);
        assert!(a.excluded.iter().any(|e| e.instrument == "minsk" && e.reason.contains("Art. 120(3)")));
        let a = resolve(&cat, &q("KZ", "TJ", "2020-01-01"));
        assert_eq!(
            a.bases.iter().map(|b| b.instrument.as_str()).collect::<Vec<_>>(),
            ["minsk"],
            "the old one continues with its other parties"
        );
    }

    #[test]
    fn a_regional_convention_that_replaces_bilateral_treaties_ranks_ahead_of_them() {
        let both = || {
            vec![
                party("AM", Some("2002-01-01"), None, PartyStatus::Party),
                party("GE", Some("2002-01-01"), None, PartyStatus::Party),
            ]
        };
        let mut ets030 = inst("ets030", Level::Regional, both());
        ets030.supersedes.push(Supersession {
            target: Superseded::Level(Level::Bilateral),
            description: String::new(),
            article: "Art. 26(1)".into(),
            source: String::new(),
        });
        let cat = Catalogue { instruments: vec![inst("am-ge", Level::Bilateral, both()), ets030] };
        let a = resolve(&cat, &q("AM", "GE", "2020-01-01"));
        assert_eq!(a.bases.iter().map(|b| b.instrument.as_str()).collect::<Vec<_>>(), ["ets030", "am-ge"]);
        assert!(
            a.bases[0].explanation.ends_with("Between its parties it replaces bilateral instruments (Art. 26(1))."),
            "{}",
            a.bases[0].explanation
        );
    }

    fn arb_date() -> impl Strategy<Value = Date> {
        (1990i32..2040, 1u8..=12, 1u8..=28).prop_map(|(y, m, dd)| Date::new(y, m, dd).unwrap())
    }

    proptest! {
        #[test]
        fn never_before_in_force_for_both_nor_after_denunciation(
            fa in arb_date(), fb in arb_date(), den in proptest::option::of(arb_date()), at in arb_date(),
        ) {
            let a = party("RU", Some(&fa.to_string()), None, PartyStatus::Party);
            let b = Party { denounced: den, status: if den.is_some() { PartyStatus::Withdrawn } else { PartyStatus::Party }, ..party("UZ", Some(&fb.to_string()), None, PartyStatus::Party) };
            let mut i = inst("x", Level::Universal, vec![a, b]);
            i.in_force = None;
            let cat = Catalogue { instruments: vec![i] };
            let ans = resolve(&cat, &q("RU", "UZ", &at.to_string()));
            let applies = !ans.bases.is_empty();
            let expected = at >= fa && at >= fb && den.is_none_or(|d| at < d);
            prop_assert_eq!(applies, expected);
        }

        #[test]
        fn monotone_in_the_parties_dates(fa in arb_date(), fb in arb_date(), earlier in 0i32..5, at in arb_date()) {
            // Moving a party's entry into force earlier can only make the instrument apply on more dates.
            let cat = |fa: Date| Catalogue { instruments: vec![inst("x", Level::Universal, vec![
                party("RU", Some(&fa.to_string()), None, PartyStatus::Party), party("UZ", Some(&fb.to_string()), None, PartyStatus::Party)])] };
            let fa_earlier = Date::new((fa.year() - earlier).max(1000), 1, 1).unwrap().min(fa);
            let later = !resolve(&cat(fa), &q("RU", "UZ", &at.to_string())).bases.is_empty();
            let sooner = !resolve(&cat(fa_earlier), &q("RU", "UZ", &at.to_string())).bases.is_empty();
            prop_assert!(!later || sooner);
        }
    }
}
