//! Shows how the engine reads names: each part's script, forms, fine and consonant keys, and, given two
//! names, the comparison with its explanation.
//!
//! `cargo run -p liaison-screening --example keys -- "Сергей Плохов" ["Sergei Plohov"]`

use liaison_screening::name::analyse;
use liaison_screening::normalize::words;
use liaison_screening::translit::forms;
use liaison_screening::{Person, compare};

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    for name in &names {
        println!("{name}");
        for (word, token) in words(name).iter().zip(analyse(name)) {
            let spelled: Vec<String> = forms(word).into_iter().map(|f| format!("{} ({})", f.text, f.scheme)).collect();
            println!("  {} [{:?}, {:?}]", token.word, token.script, token.kind);
            println!("    forms: {}", spelled.join(", "));
            println!("    fine:  {}", token.fine.join(" "));
            println!("    cons:  {}", token.cons.join(" "));
        }
    }
    if let [a, b] = names.as_slice() {
        let person = |n: &str| Person { names: vec![n.to_owned()], ..Person::default() }.analyse();
        let c = compare(&person(a), &person(b));
        println!("score {:.3}", c.score);
        for p in &c.explanation.parts {
            println!("  {} ~ {}: {:.3} ({:?})", p.query, p.record, p.similarity, p.how);
        }
    }
}
