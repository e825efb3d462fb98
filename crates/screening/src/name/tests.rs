use super::*;

fn score(a: &str, b: &str) -> f32 {
    compare(&analyse(a), &analyse(b)).score
}

#[test]
fn order_of_parts_does_not_matter() {
    assert_eq!(score("Sergei Plohov", "Plohov Sergei"), 1.0);
}

#[test]
fn a_missing_patronymic_costs_little_and_a_wrong_surname_a_lot() {
    assert!(score("Sergei Plokhov", "Plokhov Sergei Ivanovich") > 0.85);
    assert!(score("Sergei Petrov", "Sergei Plotnikov") < 0.5);
    assert!(score("Ivan Petrov", "Ivan Sidorov") < 0.5);
}

#[test]
fn initials_and_particles_weigh_less() {
    let initial = score("S. Plokhov", "Sergei Plokhov");
    assert!(initial > 0.7 && initial < 1.0, "{initial}");
    assert!(score("T. Plokhov", "Sergei Plokhov") < initial);
    let tokens = analyse("Rashid al Karimi");
    assert_eq!(tokens.iter().map(|t| t.kind).collect::<Vec<_>>(), vec![Kind::Regular, Kind::Particle, Kind::Regular]);
}

#[test]
fn compound_names_are_joined() {
    let m = compare(&analyse("Abd Ulla Karimov"), &analyse("Abdulla Karimov"));
    assert!(m.score > 0.85, "{m:?}");
    assert!(m.parts.iter().any(|p| p.how == How::Compound));
    assert_eq!(score("Petrova-Vodkina Anna", "Anna Petrova Vodkina"), 1.0);
}

#[test]
fn one_slip_still_matches() {
    assert!(score("Sergei Plotnikof", "Sergei Plotnikov") > 0.8);
}

#[test]
fn empty_names_score_zero() {
    assert_eq!(score("", "Sergei"), 0.0);
    assert_eq!(score("...", "..."), 0.0);
}

/// A token read without its summary, as the index's parts are.
struct Plain<'a>(&'a Token);

impl Keys for Plain<'_> {
    fn word(&self) -> &str {
        self.0.word()
    }
    fn kind(&self) -> Kind {
        self.0.kind()
    }
    fn vowelless(&self) -> bool {
        self.0.vowelless()
    }
    fn fine(&self) -> impl Iterator<Item = &str> {
        self.0.fine()
    }
    fn cons(&self) -> impl Iterator<Item = &str> {
        self.0.cons()
    }
}

#[test]
fn parts_compare_the_same_with_their_summaries_as_without() {
    let names = "Сергей Sergei Serguei Sergey Segrei Plokhov Плохов Plohov Plotnikov Plotnikof Юрий Yuriy Iurii Jurij \
                 محمد Muhammad Mohammed Mohamad Məmmədov Mammadov Mamedov Oʻtkir Utkir Ўткир გიორგი Giorgi Giorgii \
                 Արամ Aram Xudoyberdiyev Худойбердиев Khudoiberdiev Tojiyev Таджиев Ivanov Ivanova Ivanow S T Abd \
                 Ulla Abdulla al Karimi كريمي Karimi فاطمة Fatima Fatemeh Ibraimova Ibarimova";
    let tokens = analyse(names);
    let mut matched = 0;
    for a in &tokens {
        for b in &tokens {
            let with = compare_parts(a, b);
            assert_eq!(with, compare_parts(&Plain(a), &Plain(b)), "{} / {}", a.word, b.word);
            matched += usize::from(with.0 >= PART_FLOOR && a.word != b.word);
        }
    }
    assert!(matched > 30, "{matched}");
}
