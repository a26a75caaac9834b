//! The lab's own pack: it loads without a problem, every exercise is solved by its reference
//! solution for many learner seeds and failed by a wrong answer, and no shipped file holds an
//! answer in clear.

use std::collections::BTreeMap;
use std::path::Path;

use seclab::core::exercise::{self, Exercise, Grading, Pack};
use seclab::core::grading::{self, Answer, Verdict};

const SEEDS: u8 = 50;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pack() -> Pack {
    exercise::pack::load_dir(&root().join("exercises")).unwrap_or_else(|d| panic!("{d:#?}"))
}

/// The instructor's sidecar: plain answers of hash and choice questions.
fn solutions() -> BTreeMap<String, BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root().join("exercises.solutions.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table
        .into_iter()
        .map(|(ex, answers)| {
            // A grid's cells are kept in their stored form, "row.col=option;...".
            let answers = answers
                .as_table()
                .unwrap()
                .iter()
                .map(|(q, a)| {
                    let text = match a {
                        toml::Value::Table(_) => grading::grid::stored(&exercise::pack::grid_cells_of(a).unwrap()),
                        _ => a.as_str().map(str::to_string).unwrap_or_else(|| a.to_string()),
                    };
                    (q.clone(), text)
                })
                .collect();
            (ex, answers)
        })
        .collect()
}

fn reference(ex: &Exercise, qid: &str, seed: &[u8], sols: &BTreeMap<String, BTreeMap<String, String>>) -> Answer {
    let q = ex.question(qid).unwrap();
    match &q.grading {
        Grading::Hash { .. } => Answer::Text(sols[&ex.id][qid].clone()),
        Grading::Choice { .. } => Answer::Choices(sols[&ex.id][qid].split(',').map(str::to_string).collect()),
        Grading::Numeric { rule, .. } => Answer::Text(rule.value.to_string()),
        Grading::Lab { check } => Answer::Text(grading::build_lab(ex, seed).unwrap().reference(check).unwrap()),
        Grading::Grid { .. } => Answer::Grid(grading::grid::from_stored(&sols[&ex.id][qid])),
    }
}

fn wrong(ex: &Exercise, qid: &str, right: &Answer) -> Answer {
    let q = ex.question(qid).unwrap();
    match (&q.grading, right) {
        (Grading::Choice { choices, .. }, Answer::Choices(ids)) => {
            // Flip the first choice: tick it if it was not, untick it if it was.
            let first = &choices[0].id;
            let mut other: Vec<String> = ids.iter().filter(|i| *i != first).cloned().collect();
            if !ids.contains(first) {
                other.push(first.clone());
            }
            if other.is_empty() {
                other.push(choices[1].id.clone());
            }
            Answer::Choices(other)
        }
        (Grading::Numeric { rule, .. }, _) => Answer::Text((rule.value * 3.0 + 7.0).to_string()),
        // A grid with its last cell changed to another option.
        (Grading::Grid { options, .. }, Answer::Grid(cells)) => {
            let mut cells = cells.clone();
            let last = cells.values_mut().last().unwrap();
            *last = options.iter().find(|o| &o.id != last).unwrap().id.clone();
            Answer::Grid(cells)
        }
        // An integer answer that cannot be hex (textbook RSA): the next integer.
        (Grading::Lab { .. }, Answer::Text(text)) if text.len() % 2 == 1 && text.bytes().all(|b| b.is_ascii_digit()) => Answer::Text((text.parse::<num_bigint::BigUint>().unwrap() + 1u32).to_string()),
        (Grading::Lab { .. }, Answer::Text(text)) => match ::hex::decode(text) {
            Ok(mut bytes) => {
                bytes[0] ^= 0x01;
                Answer::Text(::hex::encode(bytes))
            }
            // A recovered secret in text: any other text.
            Err(_) => Answer::Text(format!("{text}x")),
        },
        (_, Answer::Text(t)) => Answer::Text(format!("{t}x")),
        _ => unreachable!(),
    }
}

#[test]
fn the_pack_loads_with_no_error_or_warning() {
    let pack = pack();
    assert!(pack.diagnostics.is_empty(), "{:#?}", pack.diagnostics);
    assert!(pack.exercises.len() >= 8);
    assert!(pack.tracks.len() >= 3);
    for track in &pack.tracks {
        assert!(!track.exercises.is_empty(), "track {} is empty", track.id);
    }
}

#[test]
fn the_pack_uses_every_grading_kind_and_both_languages() {
    let pack = pack();
    let mut kinds = std::collections::BTreeSet::new();
    for ex in pack.exercises.values() {
        for text in [&ex.title, &ex.statement].into_iter().chain(ex.solution.as_ref()) {
            assert!(text.fr.is_some() && text.en.is_some(), "{} lacks a language", ex.id);
        }
        assert!(!ex.hints.is_empty(), "{} has no hint", ex.id);
        assert!(ex.solution.is_some(), "{} has no solution", ex.id);
        assert!(!ex.competencies.is_empty(), "{} names no competency", ex.id);
        for q in &ex.questions {
            kinds.insert(match q.grading {
                Grading::Hash { .. } => "hash",
                Grading::Choice { .. } => "choice",
                Grading::Numeric { .. } => "numeric",
                Grading::Lab { .. } => "lab",
                Grading::Grid { .. } => "grid",
            });
        }
    }
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["choice", "grid", "hash", "lab", "numeric"]);
}

#[test]
fn every_exercise_is_solved_by_its_reference_for_many_seeds_and_failed_by_a_wrong_answer() {
    let pack = pack();
    let sols = solutions();
    let mut graded = 0;
    for seed_byte in 0..SEEDS {
        let seed = seclab::core::crypto::sha256(&[seed_byte]);
        for ex in pack.exercises.values() {
            for q in &ex.questions {
                let right = reference(ex, &q.id, &seed, &sols);
                assert_eq!(grading::grade(ex, q, &seed, &right), Verdict::Correct, "{}/{} seed {seed_byte}: {right:?}", ex.id, q.id);
                let bad = wrong(ex, &q.id, &right);
                assert_eq!(grading::grade(ex, q, &seed, &bad), Verdict::Wrong, "{}/{} seed {seed_byte}: {bad:?}", ex.id, q.id);
                graded += 2;
            }
        }
    }
    assert!(graded > 50 * 2 * 30, "{graded}");
}

#[test]
fn lab_instances_differ_between_learners() {
    let pack = pack();
    for ex in pack.exercises.values().filter(|e| e.lab.is_some()) {
        let a = grading::build_lab(ex, &[1; 32]).unwrap().variables();
        let b = grading::build_lab(ex, &[2; 32]).unwrap().variables();
        assert_ne!(a, b, "{}", ex.id);
    }
}

#[test]
fn the_sidecar_proves_every_hashed_answer() {
    let pack = pack();
    let path = root().join("exercises.solutions.toml");
    let diags = exercise::check_solutions(&pack, "exercises.solutions.toml", &std::fs::read_to_string(path).unwrap());
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn no_shipped_file_holds_an_answer_in_clear() {
    let sols = solutions();
    let pack = pack();
    let shipped: Vec<(String, String)> = pack.exercises.values().map(|ex| (ex.path.clone(), std::fs::read_to_string(root().join("exercises").join(&ex.path)).unwrap().to_lowercase())).collect();
    for (ex_id, answers) in &sols {
        let ex = pack.exercise(ex_id).unwrap();
        for (qid, answer) in answers {
            if !matches!(ex.question(qid).unwrap().grading, Grading::Hash { .. }) {
                continue;
            }
            let needle = answer.trim().to_lowercase();
            for (path, text) in &shipped {
                assert!(!text.contains(&needle), "the answer of {ex_id}/{qid} appears in clear in {path}");
            }
        }
    }
    // A grid cell's reason is sealed: none of them is in a shipped file in clear.
    let reasons: toml::Table = toml::from_str(&std::fs::read_to_string(root().join("scripts/grids/security-matrix.toml")).unwrap()).unwrap();
    let shipped_matrix = std::fs::read_to_string(root().join("exercises/protocols/security-matrix.toml")).unwrap();
    for (row, columns) in reasons["rows"].as_table().unwrap() {
        for (column, texts) in columns.as_table().unwrap() {
            for text in texts.as_table().unwrap().values() {
                let words: String = text.as_str().unwrap().chars().take(40).collect();
                assert!(!shipped_matrix.contains(&words), "the reason of {row}.{column} is in clear in the exercise");
            }
        }
    }
    assert!(!root().join("exercises/solutions.toml").exists(), "the sidecar must not sit inside the shipped folder");
}

#[test]
fn a_grid_answer_is_kept_as_text_and_re_graded_by_verify() {
    use seclab::core::progress::{verify, Progress};
    let pack = pack();
    let sols = solutions();
    let ex = pack.exercise("security-matrix").unwrap();
    let right = grading::grid::from_stored(&sols["security-matrix"]["matrix"]);
    let mut wrong_cells = right.clone();
    wrong_cells.insert("oscore.end-to-end".into(), "hop".into());
    let mut p = Progress::new([3; 32], 1.0);
    assert_eq!(p.answer(ex, "matrix", &Answer::Grid(wrong_cells), 2.0), Verdict::Wrong);
    assert!(p.get(ex).unwrap().questions["matrix"].answer.contains("oscore.end-to-end=hop;"));
    assert_eq!(p.answer(ex, "matrix", &Answer::Grid(right), 3.0), Verdict::Correct);
    assert_eq!(p.get(ex).unwrap().questions["matrix"].attempts, 2);
    let finding = |p: &Progress| verify::reverify(p, &pack).into_iter().find(|l| l.question == "matrix").unwrap().finding;
    assert_eq!(finding(&p), verify::Finding::Confirmed);
    // A forged export: a wrong grid claimed right.
    let mut forged = p.clone();
    forged.exercises.get_mut(&ex.key()).unwrap().questions.get_mut("matrix").unwrap().answer = p.get(ex).unwrap().questions["matrix"].answer.replace("oscore.end-to-end=yes", "oscore.end-to-end=no");
    assert_eq!(finding(&forged), verify::Finding::ClaimedRightButWrong);
}
