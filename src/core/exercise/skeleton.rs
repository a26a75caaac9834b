//! The commented skeleton that `seclab new` prints: a valid exercise to edit, not to ship as is.

use crate::core::engines;
use crate::core::grading::HashedAnswer;

/// The `[lab]` block of a skeleton: every parameter of the engine, written with its default
/// (or its example when it has none), each with its doc; then the variables and checks.
fn lab_block(spec: &engines::EngineSpec) -> String {
    let defaults = engines::defaults(spec.kind).unwrap_or_default();
    let mut out = format!("\n[lab]                          # the interactive engine shown with the statement: {}\nkind = \"{}\"\n", spec.title.text(crate::core::i18n::Lang::En), spec.kind);
    for p in spec.params {
        match defaults.get(p.name) {
            Some(value) => out.push_str(&format!("# {} = {}   # {} (default; {})\n", p.name, value, p.doc, p.expect)),
            None => out.push_str(&format!("{} = {}   # {} (required; {})\n", p.name, p.example, p.doc, p.expect)),
        }
    }
    out.push_str(&format!("# variables for the statement: {}\n", spec.variables.iter().map(|v| format!("{{{{{}}}}}", v.name)).collect::<Vec<_>>().join(", ")));
    out.push_str(&format!("# checks for grading = \"lab\": {}\n", spec.check_names().join(", ")));
    out
}

pub fn skeleton(id: &str, lab: Option<&str>) -> Result<String, String> {
    let spec = match lab {
        None => None,
        Some(kind) => Some(engines::find(kind).ok_or_else(|| format!("unknown lab kind \"{kind}\"; known kinds: {}", engines::known_kinds().join(", ")))?),
    };
    let lab_block = spec.map(lab_block).unwrap_or_default();
    let lab_question = match spec.and_then(|s| s.checks.first()) {
        None => String::new(),
        Some(check) => format!("\n[[questions]]\nid = \"q3\"\nprompt = {{ fr = \"Que donne l'outil pour votre instance ?\", en = \"What does the tool give for your instance?\" }}\ngrading = \"lab\"               # the engine checks the answer against the learner's own instance\ncheck = \"{}\"                 # {}\n", check.name, check.doc),
    };
    let hashed = HashedAnswer::make(&format!("{id}-q1"), "42");
    let choice = HashedAnswer::make(&format!("{id}-q2"), "a");
    Ok(format!(
        r#"# Exercise skeleton made by `seclab new`. Format: EXERCISE_FORMAT.md (version 1).
# List this file in catalog.toml under a track, then run `seclab check`.
format = 1
id = "{id}"                    # kebab-case, unique in the pack, never renamed once published
difficulty = 1                 # 1 (first contact) .. 5 (capstone)
minutes = 10                   # estimated time
competencies = ["C14"]         # RNCP40345 competencies this exercise gives evidence of
requires = []                  # ids recommended before this one
tags = []

[title]
fr = "Titre en français"
en = "Title in English"

[statement]                    # Markdown; no raw HTML is rendered
fr = """
Énoncé en français.
"""
en = """
Statement in English.
"""
{lab_block}
[[questions]]
id = "q1"
prompt = {{ fr = "Question ?", en = "Question?" }}
grading = "hash"
# This line accepts the answer 42: make your own with `seclab hash --salt {id}-q1 ANSWER`.
answers = ["{hashed}"]
normalize = ["trim", "lowercase"]
points = 10

[[questions]]
id = "q2"
prompt = {{ fr = "Laquelle est juste ?", en = "Which one is right?" }}
grading = "choice"
multiple = false
choices = [
  {{ id = "a", fr = "Réponse A", en = "Answer A" }},
  {{ id = "b", fr = "Réponse B", en = "Answer B" }},
]
# Accepts "a": hash the sorted ids of the right choices joined by ",".
answers = ["{choice}"]
{lab_question}
[[hints]]
fr = "Un indice."
en = "A hint."
cost = 2

[solution]
fr = """
Pourquoi c'est la réponse.
"""
en = """
Why this is the answer.
"""
"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exercise::parse::parse_exercise;

    #[test]
    fn every_skeleton_is_a_valid_exercise() {
        let kinds = engines::known_kinds();
        for lab in std::iter::once(None).chain(kinds.iter().map(|k| Some(*k))) {
            let text = skeleton("my-first", lab).unwrap();
            let parsed = parse_exercise("p", "my-first.toml", "my-first.toml", &text).unwrap_or_else(|e| panic!("{lab:?}: {e:?}"));
            assert_eq!(parsed.exercise.id, "my-first");
            assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            assert_eq!(parsed.exercise.lab.map(|l| l.kind), lab.map(str::to_string));
        }
        assert_eq!(skeleton("x", Some("enigma")).unwrap_err(), format!("unknown lab kind \"enigma\"; known kinds: {}", engines::known_kinds().join(", ")));
    }
}
