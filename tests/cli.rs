//! The instructors' command line, run as a person would: exit codes and printed lines.

use std::path::Path;
use std::process::Command;

fn seclab(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_seclab")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn check_passes_on_the_lab_pack_and_proves_the_sidecar() {
    let (code, out, _) = seclab(&["check", "exercises"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.trim_end().ends_with("exercises loaded, 0 errors, 0 warnings"), "{out}");
}

#[test]
fn check_names_file_line_column_and_fix_and_exits_non_zero() {
    let dir = std::env::temp_dir().join(format!("seclab-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("t")).unwrap();
    std::fs::write(
        dir.join("catalog.toml"),
        "format = 1\n[pack]\nid = \"tmp\"\ntitle = { fr = \"t\", en = \"t\" }\n[[tracks]]\nid = \"t\"\ntitle = { fr = \"t\", en = \"t\" }\nexercises = [\"t/bad.toml\", \"t/missing.toml\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("t/bad.toml"), "format = 1\nid = \"bad\"\ndifficulty = 9\n[title]\nfr = \"t\"\nen = \"t\"\n[statement]\nfr = \"s\"\nen = \"s\"\n[[questions]]\nid = \"q1\"\nprompt = { fr = \"?\", en = \"?\" }\ngrading = \"numeric\"\nvalue = 1\n").unwrap();
    let (code, out, _) = seclab(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let base = dir.display().to_string();
    assert!(
        out.contains(&format!("{base}/t/bad.toml:3:14: error: `difficulty` is 9; expected a whole number from 1 (first contact) to 5 (capstone)\n  fix: write a difficulty between 1 and 5")),
        "{out}"
    );
    assert!(out.contains(&format!("{base}/t/missing.toml: error: the file could not be read")), "{out}");
    assert!(out.contains("0 exercises loaded, 2 errors"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hash_prints_the_line_the_format_describes() {
    let (code, out, _) = seclab(&["hash", "--salt", "demo-q1", "8439"]);
    assert_eq!(code, 0);
    // printf '%s' 'demo-q1:8439' | sha256sum
    let digest = hex::encode(seclab::core::crypto::sha256(b"demo-q1:8439"));
    assert_eq!(out.trim(), format!("answers = [\"sha256:demo-q1:{digest}\"]"));
    let (code, _, err) = seclab(&["hash", "8439"]);
    assert_eq!(code, 2);
    assert!(err.contains("--salt is required"), "{err}");
}

#[test]
fn new_writes_a_skeleton_that_check_accepts() {
    let (code, skeleton, _) = seclab(&["new", "my-exercise", "--lab", "x25519"]);
    assert_eq!(code, 0);
    let parsed = seclab::core::exercise::parse::parse_exercise("p", "my-exercise.toml", "my-exercise.toml", &skeleton).unwrap();
    assert_eq!(parsed.exercise.id, "my-exercise");
    let (code, _, err) = seclab(&["new", "My Exercise"]);
    assert_eq!(code, 2);
    assert!(err.contains("try \"my-exercise\""), "{err}");
}

#[test]
fn verify_confirms_an_honest_export_and_disputes_a_forged_one() {
    use seclab::core::grading::Answer;
    use seclab::core::progress::{self, Progress};
    let pack = seclab::core::exercise::pack::load_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/exercises"))).unwrap();
    let ex = pack.exercise("aes-kat").unwrap();
    let mut p = Progress::new([7; 32], 1.0);
    p.answer(ex, "q1", &Answer::Text("wrong".into()), 2.0);
    let dir = std::env::temp_dir();
    let honest = dir.join(format!("seclab-honest-{}.json", std::process::id()));
    std::fs::write(&honest, progress::encode(&p)).unwrap();
    let (code, out, _) = seclab(&["verify", honest.to_str().unwrap(), "exercises"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("seclab-core/aes-kat q1: confirmed"), "{out}");
    let forged = progress::encode(&p).replace("\"correct\": false", "\"correct\": true");
    std::fs::write(&honest, forged).unwrap();
    let (code, out, _) = seclab(&["verify", honest.to_str().unwrap(), "exercises"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("DISPUTED"), "{out}");
    std::fs::remove_file(honest).unwrap();
}

#[test]
fn docs_engines_prints_the_reference_of_every_engine() {
    let (code, out, _) = seclab(&["docs", "engines"]);
    assert_eq!(code, 0);
    for spec in seclab::core::engines::SPECS {
        assert!(out.contains(&format!("\n## {}\n", spec.kind)), "{} is missing from the reference", spec.kind);
    }
    assert!(out.contains("`budget` (default `10000`"), "the padding oracle's default comes from its Params");
    let (code, _, err) = seclab(&["docs", "recipes"]);
    assert_eq!(code, 2);
    assert!(err.contains("seclab docs engines"), "{err}");
}

#[test]
fn seal_prints_a_line_that_opens_with_its_answer_only() {
    use seclab::core::grading::seal::Sealed;
    let (code, out, _) = seclab(&["seal", "--salt", "demo-r1-c1-en", "--answer", "hop", "TLS", "stops", "at", "the", "broker."]);
    assert_eq!(code, 0);
    let line = out.trim().trim_matches('"');
    assert!(line.starts_with("sealed:demo-r1-c1-en:"), "{out}");
    let sealed = Sealed::parse(line).unwrap();
    assert_eq!(sealed.open("hop").as_deref(), Some("TLS stops at the broker."));
    assert_eq!(sealed.open("yes"), None);
    let (code, _, err) = seclab(&["seal", "--salt", "s", "text"]);
    assert_eq!(code, 2);
    assert!(err.contains("--answer is required"), "{err}");
}

#[test]
fn check_opens_every_sealed_reason_with_the_sidecar_and_refuses_a_mismatch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sidecar = std::fs::read_to_string(root.join("exercises.solutions.toml")).unwrap();
    assert!(sidecar.contains("[security-matrix.matrix]"));
    let dir = std::env::temp_dir();
    // One cell changed: its hash and both its reasons are refused, at the row's line.
    let changed = sidecar.replacen("oscore = { confidentiality = \"yes\"", "oscore = { confidentiality = \"hop\"", 1);
    assert_ne!(changed, sidecar);
    let line = changed.lines().position(|l| l.starts_with("oscore = ")).unwrap() + 1;
    let path = dir.join(format!("seclab-grid-{}.toml", std::process::id()));
    std::fs::write(&path, &changed).unwrap();
    let (code, out, _) = seclab(&["check", "exercises", "--solutions", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let at = format!("{}:{line}:1: error: ", path.display());
    assert!(out.contains(&format!("{at}the reference answer of security-matrix/matrix, cell \"oscore.confidentiality\", does not grade right")), "{out}");
    assert!(out.contains(&format!("{at}the fr reason of security-matrix/matrix, cell \"oscore.confidentiality\", does not open with \"hop\"")), "{out}");
    assert!(out.contains("3 errors"), "{out}");
    // A cell left out is named; a sealed reason changed in the exercise is refused.
    let missing = sidecar.replacen(", end-to-end = \"yes\" }", " }", 1);
    std::fs::write(&path, &missing).unwrap();
    let (code, out, _) = seclab(&["check", "exercises", "--solutions", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("has no value for cell \"oscore.end-to-end\""), "{out}");
    std::fs::remove_file(path).unwrap();
}
