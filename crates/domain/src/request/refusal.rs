//! Grounds on which a requested state may refuse, with the article of each instrument that allows
//! them. A refusal cites codes from this list; the UI offers those of the instruments cited.

use crate::legal_basis::CooperationType;

pub struct Ground {
    pub code: &'static str,
    pub description: &'static str,
    /// (instrument id, article) where the instrument provides for it.
    pub articles: &'static [(&'static str, &'static str)],
    /// The kinds of request it applies to.
    pub kinds: &'static [CooperationType],
}

use CooperationType::{Extradition, Mla};

pub const GROUNDS: &[Ground] = &[
    Ground {
        code: "not_in_conformity",
        description: "The request does not conform to the instrument's requirements",
        articles: &[("untoc", "Art. 18(21)(a)"), ("uncac", "Art. 46(21)(a)")],
        kinds: &[Mla],
    },
    Ground {
        code: "sovereignty_security_public_order",
        description: "Execution would prejudice sovereignty, security, public order or other essential interests",
        articles: &[
            ("ets030", "Art. 2(b)"),
            ("untoc", "Art. 18(21)(b)"),
            ("uncac", "Art. 46(21)(b)"),
            ("vienna1988", "Art. 7(15)(b)"),
        ],
        kinds: &[Mla],
    },
    Ground {
        code: "political_offence",
        description: "The offence is a political offence or connected with one",
        articles: &[("ets030", "Art. 2(a)"), ("ets024", "Art. 3(1)")],
        kinds: &[Mla, Extradition],
    },
    Ground {
        code: "fiscal_offence",
        description: "The offence is a fiscal offence (where the state has not accepted assistance for it)",
        articles: &[("ets030", "Art. 2(a)"), ("ets024", "Art. 5")],
        kinds: &[Mla, Extradition],
    },
    Ground {
        code: "prohibited_by_domestic_law",
        description: "Domestic law would prohibit the action for a similar offence at home",
        articles: &[("untoc", "Art. 18(21)(c)"), ("uncac", "Art. 46(21)(c)")],
        kinds: &[Mla],
    },
    Ground {
        code: "contrary_to_legal_system",
        description: "Granting the request would be contrary to the legal system of the requested state",
        articles: &[("untoc", "Art. 18(21)(d)"), ("uncac", "Art. 46(21)(d)")],
        kinds: &[Mla],
    },
    Ground {
        code: "no_dual_criminality",
        description: "The conduct is not an offence under the requested state's law",
        articles: &[
            ("untoc", "Art. 18(9)"),
            ("uncac", "Art. 46(9)"),
            ("ets030", "Art. 5(1)(a)"),
            ("ets024", "Art. 2(1)"),
        ],
        kinds: &[Mla, Extradition],
    },
    Ground {
        code: "discrimination",
        description: "Substantial grounds to believe the request aims to prosecute or punish on account of race, religion, nationality or political opinion",
        articles: &[("ets024", "Art. 3(2)"), ("untoc", "Art. 16(14)"), ("uncac", "Art. 44(15)")],
        kinds: &[Extradition],
    },
    Ground {
        code: "military_offence",
        description: "A purely military offence",
        articles: &[("ets024", "Art. 4")],
        kinds: &[Extradition],
    },
    Ground {
        code: "own_national",
        description: "The person sought is a national of the requested state",
        articles: &[("ets024", "Art. 6(1)(a)"), ("minsk1993", "Art. 57")],
        kinds: &[Extradition],
    },
    Ground {
        code: "ne_bis_in_idem",
        description: "Final judgment already passed for the same offence",
        articles: &[("ets024", "Art. 9")],
        kinds: &[Extradition],
    },
    Ground {
        code: "lapse_of_time",
        description: "Prosecution or punishment is barred by lapse of time",
        articles: &[("ets024", "Art. 10")],
        kinds: &[Extradition],
    },
    Ground {
        code: "death_penalty",
        description: "The offence is punishable by death and no sufficient assurance was given",
        articles: &[("ets024", "Art. 11")],
        kinds: &[Extradition],
    },
    Ground {
        code: "insufficient_information",
        description: "The information supplied is insufficient and was not completed in time",
        articles: &[("ets024", "Art. 13")],
        kinds: &[Extradition],
    },
    Ground {
        code: "other",
        description: "Another ground, stated in the comment",
        articles: &[],
        kinds: &CooperationType::ALL,
    },
];

pub fn ground(code: &str) -> Option<&'static Ground> {
    GROUNDS.iter().find(|g| g.code == code)
}

/// The grounds that apply to a request of `kind` resting on `cited` instruments (all of the kind's
/// grounds when none is cited: reciprocity rests on domestic law), each with the articles of the cited ones.
pub fn applicable(kind: CooperationType, cited: &[String]) -> Vec<(&'static Ground, Vec<String>)> {
    GROUNDS
        .iter()
        .filter(|g| g.kinds.contains(&kind))
        .filter_map(|g| {
            let arts: Vec<String> = g
                .articles
                .iter()
                .filter(|(i, _)| cited.iter().any(|c| c == i))
                .map(|(i, a)| format!("{i} {a}"))
                .collect();
            (cited.is_empty() || !arts.is_empty() || g.articles.is_empty()).then_some((g, arts))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grounds_follow_the_instruments_cited() {
        let under_ets030: Vec<&str> = applicable(Mla, &["ets030".to_string()]).iter().map(|(g, _)| g.code).collect();
        assert!(under_ets030.contains(&"political_offence"));
        assert!(!under_ets030.contains(&"not_in_conformity"), "a UNTOC ground, not an ETS 030 one");
        assert!(under_ets030.contains(&"other"));
        let ext = applicable(Extradition, &["ets024".to_string()]);
        let (own, arts) = ext.iter().find(|(g, _)| g.code == "own_national").unwrap();
        assert_eq!((own.code, arts.as_slice()), ("own_national", &["ets024 Art. 6(1)(a)".to_string()][..]));
        assert!(ground("nonsense").is_none());
        let codes: std::collections::BTreeSet<_> = GROUNDS.iter().map(|g| g.code).collect();
        assert_eq!(codes.len(), GROUNDS.len(), "codes are unique");
    }
}
