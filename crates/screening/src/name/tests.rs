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
