//! The malformed-file corpus: each file in tests/corpus/malformed must be refused, and its
//! first message must be, word for word, the one in tests/corpus/expected.txt (mdBook style).
//! Run with SECLAB_BLESS=1 to print the current messages (review them before copying them in).

use std::collections::BTreeMap;
use std::path::Path;

use seclab::core::exercise::parse::parse_exercise;

fn first_messages() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/malformed");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = std::fs::read_to_string(&path).unwrap();
        let display = format!("corpus/{name}");
        let diags = match parse_exercise("corpus", &name, &display, &source) {
            Ok(parsed) => panic!("{name} was accepted: {:?}", parsed.warnings),
            Err(diags) => diags,
        };
        let first = diags.iter().find(|d| d.is_error()).expect("an error").to_string();
        out.insert(name, first);
    }
    out
}

fn expected() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/expected.txt")).unwrap();
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            if let Some((n, lines)) = current.take() {
                out.insert(n, lines.join("\n"));
            }
            current = Some((name.trim().to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            if !line.is_empty() {
                lines.push(line.to_string());
            }
        }
    }
    if let Some((n, lines)) = current {
        out.insert(n, lines.join("\n"));
    }
    // The list of engines grows: the expected text names it by a placeholder.
    let kinds = seclab::core::engines::known_kinds().join(", ");
    out.into_iter().map(|(k, v)| (k, v.replace("{KNOWN_KINDS}", &kinds))).collect()
}

#[test]
fn every_malformed_file_gives_its_expected_message() {
    let actual = first_messages();
    if std::env::var("SECLAB_BLESS").is_ok() {
        for (name, message) in &actual {
            println!("== {name}\n{message}\n");
        }
        return;
    }
    let expected = expected();
    assert!(actual.len() >= 25, "the corpus has {} files; the issue asks for at least 25", actual.len());
    assert_eq!(actual.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "corpus files and expected.txt entries differ");
    for (name, message) in &actual {
        assert_eq!(message, &expected[name], "message for {name}");
    }
}

#[test]
fn the_base_of_the_corpus_is_valid() {
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid.toml")).unwrap();
    let parsed = parse_exercise("corpus", "valid.toml", "corpus/valid.toml", &source).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.exercise.questions.len(), 3);
}
