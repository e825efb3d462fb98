//! From the domain's notices to what screening compares: every name of the person (Latin, original script,
//! further names, aliases), the dates of birth, the nationalities.

use liaison_domain::notice::NoticePerson;

use crate::evidence::BirthDate;
use crate::person::Person;

impl From<&NoticePerson> for Person {
    fn from(p: &NoticePerson) -> Person {
        let dates = std::iter::once(&p.date_of_birth).chain(p.aliases.iter().map(|a| &a.date_of_birth)).flatten();
        let mut birth_dates: Vec<BirthDate> = dates.filter_map(|d| BirthDate::parse(d)).collect();
        birth_dates.dedup();
        Person { names: p.all_names(), birth_dates, nationalities: p.nationalities.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_domain::notice::Alias;

    #[test]
    fn every_name_and_date_is_carried_over() {
        let p = NoticePerson {
            forename: Some("Sergei".into()),
            name: Some("Plokhov".into()),
            name_in_original_script: Some("Плохов".into()),
            forename_in_original_script: Some("Сергей".into()),
            aliases: vec![Alias {
                name: Some("Serge Plokh".into()),
                date_of_birth: Some("1976".into()),
                ..Alias::default()
            }],
            date_of_birth: Some("1975/03/05".into()),
            nationalities: vec!["RU".into()],
            ..NoticePerson::default()
        };
        let person = Person::from(&p);
        assert_eq!(person.names, vec!["Sergei Plokhov", "Сергей Плохов", "Serge Plokh"]);
        assert_eq!(person.birth_dates.len(), 2);
        assert_eq!(person.nationalities, vec!["RU"]);
    }
}
