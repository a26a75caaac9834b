//! The instructors' command line: check a pack, hash an answer, start a new exercise, re-verify
//! a learner's export. The same code as the browser reads the files, so messages match.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use seclab::core::exercise::{self, Pack, Severity};
use seclab::core::grading::seal::{Sealed, MAX_SEALED_LEN};
use seclab::core::grading::{normalize, HashedAnswer, Normalization};
use seclab::core::progress;

const USAGE: &str = "\
seclab: tools for SecLab exercise packs

usage:
  seclab check [PACK_DIR] [--solutions FILE]   check every file of a pack (default: exercises/)
  seclab hash --salt SALT [--normalize a,b] ANSWER
                                               print the hashed-answer line for ANSWER
  seclab seal --salt SALT --answer ANSWER TEXT  print the sealed line of TEXT (a grid cell's reason),
                                               opened only by ANSWER (the cell's right option id)
  seclab new ID [--lab KIND]                   print a commented skeleton exercise (KIND: any engine)
  seclab verify EXPORT.json [PACK_DIR]         re-grade a learner's exported progress
  seclab docs engines                          print the engine reference (docs/engines.md)

`check` also reads the instructor's sidecar of plain answers, if there is one: PACK_DIR/solutions.toml,
or a file named like the pack folder with .solutions.toml beside it (exercises.solutions.toml).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("hash") => hash(&args[1..]),
        Some("seal") => seal(&args[1..]),
        Some("new") => new(&args[1..]),
        Some("verify") => verify(&args[1..]),
        Some("docs") => match args.get(1).map(String::as_str) {
            Some("engines") => {
                print!("{}", seclab::core::engines::reference::markdown());
                Ok(ExitCode::SUCCESS)
            }
            _ => Err("expected `seclab docs engines`".to_string()),
        },
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("expected a command\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Splits `--name value` options from positional arguments.
fn options(args: &[String], names: &[&str]) -> Result<(Vec<String>, BTreeMap<String, String>), String> {
    let mut positional = Vec::new();
    let mut opts = BTreeMap::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(name) = a.strip_prefix("--") {
            if !names.contains(&name) {
                return Err(format!("unknown option --{name}; this command takes {}", names.iter().map(|n| format!("--{n}")).collect::<Vec<_>>().join(", ")));
            }
            let value = args.get(i + 1).ok_or_else(|| format!("--{name} needs a value"))?;
            opts.insert(name.to_string(), value.clone());
            i += 2;
        } else {
            positional.push(a.clone());
            i += 1;
        }
    }
    Ok((positional, opts))
}

fn load_pack(dir: &Path) -> Result<Pack, Vec<exercise::Diagnostic>> {
    exercise::pack::load_dir(dir)
}

fn sidecar(dir: &Path) -> Option<PathBuf> {
    let inside = dir.join("solutions.toml");
    if inside.is_file() {
        return Some(inside);
    }
    let name = dir.canonicalize().ok()?.file_name()?.to_string_lossy().to_string();
    let beside = dir.join("..").join(format!("{name}.solutions.toml"));
    beside.is_file().then_some(beside)
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let (positional, opts) = options(args, &["solutions"])?;
    let dir = PathBuf::from(positional.first().map(String::as_str).unwrap_or("exercises"));
    if !dir.is_dir() {
        return Err(format!("{} is not a folder; expected a pack folder holding catalog.toml", dir.display()));
    }
    let mut diagnostics = Vec::new();
    let pack = match load_pack(&dir) {
        Ok(pack) => Some(pack),
        Err(d) => {
            diagnostics.extend(d);
            None
        }
    };
    if let Some(pack) = &pack {
        diagnostics.extend(pack.diagnostics.iter().cloned());
        let solutions = opts.get("solutions").map(PathBuf::from).or_else(|| sidecar(&dir));
        if let Some(path) = solutions {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            diagnostics.extend(exercise::check_solutions(pack, &path.display().to_string(), &text));
        }
    }
    for d in &diagnostics {
        println!("{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    let loaded = pack.as_ref().map(|p| p.exercises.len()).unwrap_or(0);
    println!("{}: {loaded} exercises loaded, {errors} errors, {warnings} warnings", dir.display());
    Ok(if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn hash(args: &[String]) -> Result<ExitCode, String> {
    let (positional, opts) = options(args, &["salt", "normalize"])?;
    let salt = opts.get("salt").ok_or("--salt is required (any text without \":\", one per question, e.g. ecb-leak-q1)")?;
    if salt.is_empty() || salt.contains(':') {
        return Err("the salt must be non-empty and contain no \":\"".into());
    }
    let answer = positional.join(" ");
    if answer.is_empty() {
        return Err("give the answer to hash, e.g. seclab hash --salt demo-q1 8439 (for choices: the sorted ids, \"a,c\")".into());
    }
    let steps: Vec<Normalization> = match opts.get("normalize") {
        None => vec![Normalization::Trim],
        Some(list) => list
            .split(',')
            .map(|n| Normalization::parse(n.trim()).ok_or_else(|| format!("unknown normalisation \"{n}\"; expected trim, lowercase, collapse-spaces, no-spaces or hex")))
            .collect::<Result<_, _>>()?,
    };
    let normalized = normalize(&steps, &answer);
    println!("answers = [\"{}\"]", HashedAnswer::make(salt, &normalized));
    if normalized != answer {
        eprintln!("(hashed the normalised answer \"{normalized}\"; put the same `normalize` list in the question)");
    }
    Ok(ExitCode::SUCCESS)
}

fn seal(args: &[String]) -> Result<ExitCode, String> {
    let (positional, opts) = options(args, &["salt", "answer"])?;
    let salt = opts.get("salt").ok_or("--salt is required (any text without \":\", one per sealed text and language, e.g. security-matrix-mqtt-tls-integrity-en)")?;
    if salt.is_empty() || salt.contains(':') {
        return Err("the salt must be non-empty and contain no \":\"".into());
    }
    let answer = opts.get("answer").ok_or("--answer is required: the right option id of the cell, which alone opens the text")?;
    let text = positional.join(" ");
    if text.is_empty() {
        return Err("give the text to seal, e.g. seclab seal --salt demo-r1-c1-en --answer yes \"TLS stops at the broker.\"".into());
    }
    let line = Sealed::make(salt, answer.trim(), &text).ok_or_else(|| format!("the text is longer than {MAX_SEALED_LEN} bytes; shorten it"))?;
    println!("\"{line}\"");
    if answer.trim() != answer {
        eprintln!("(sealed under the trimmed answer \"{}\")", answer.trim());
    }
    Ok(ExitCode::SUCCESS)
}

fn new(args: &[String]) -> Result<ExitCode, String> {
    let (positional, opts) = options(args, &["lab"])?;
    let id = positional.first().ok_or("give the new exercise's id, e.g. seclab new ecb-leak")?;
    if !exercise::parse::is_kebab_case(id) {
        return Err(format!("\"{id}\" is not kebab-case; try \"{}\"", exercise::parse::suggest_kebab(id)));
    }
    let lab = opts.get("lab").map(String::as_str);
    print!("{}", seclab::core::exercise::skeleton::skeleton(id, lab).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}

fn verify(args: &[String]) -> Result<ExitCode, String> {
    let (positional, _) = options(args, &[])?;
    let export = positional.first().ok_or("give the exported progress file, e.g. seclab verify progress.json exercises/")?;
    let dir = PathBuf::from(positional.get(1).map(String::as_str).unwrap_or("exercises"));
    let text = std::fs::read_to_string(export).map_err(|e| format!("cannot read {export}: {e}"))?;
    let progress = progress::decode(&text).map_err(|e| format!("{export}: {}", e.msg().en()))?;
    let pack = load_pack(&dir).map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?;
    let lines = progress::verify::reverify(&progress, &pack);
    let mut disputed = 0;
    for line in &lines {
        use progress::verify::Finding::*;
        let what = match line.finding {
            Confirmed => "confirmed",
            ClaimedRightButWrong => {
                disputed += 1;
                "DISPUTED: claimed right, grades wrong"
            }
            ClaimedWrongButRight => "claimed wrong, grades right (the exercise changed?)",
            Unknown => "not in this pack",
        };
        println!("{} {}: {what}", line.exercise, line.question);
    }
    println!("{export}: {} answers re-graded, {disputed} disputed", lines.len());
    Ok(if disputed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
