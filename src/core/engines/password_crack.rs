//! `password-crack`: a camera firmware image leaks its credential store, one salted SHA-256 per
//! account. The password is a factory default from the list the Mirai botnet tried in 2016, so a
//! dictionary attack finds it in a few dozen hashes. With `unique_password = true` (the fix of
//! ETSI EN 303 645 provision 5.1-1) each device has a random password printed on its label, and
//! the same dictionary finds nothing.
//!
//! The dictionary tool is a long run in the worker: one SHA-256 per word (the fast hash is the
//! flaw), a slice of words per step with the count shown, at most 5,000 words per click, and a
//! stop button.

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Job, JobStep, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fix: a random password per device, printed on its label.
    pub unique_password: bool,
}

impl super::Params for Params {}

/// Factory passwords from the credential table of the Mirai source (2016, public), plus a few
/// other well-known device defaults. The teaching point is that such lists are short and public.
pub const DEFAULT_PASSWORDS: &[&str] = &[
    "xc3511", "vizxv", "admin", "888888", "xmhdipc", "default", "juantech", "123456", "54321", "support", "password", "root", "12345", "user", "pass",
    "admin1234", "1111", "smcadmin", "666666", "1234", "klv123", "service", "supervisor", "guest", "ubnt", "klv1234", "Zte521", "hi3518", "jvbzd", "anko",
    "zlxx.", "7ujMko0vizxv", "7ujMko0admin", "system", "ikwb", "dreambox", "realtek", "00000000", "1111111", "meinsm", "tech", "12345678", "changeme",
    "raspberry", "toor", "alpine", "camera", "letmein", "qwerty", "access",
];

/// The most candidates one click tries: enough for any teaching list, short enough not to
/// block the page (a few milliseconds of SHA-256).
pub const MAX_CANDIDATES: usize = 5_000;

const LABEL_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

const TRY_FIELDS: &[Field] = &[Field::new("candidate", M::PasswordCrackCandidate, FieldKind::Text)];
const DICTIONARY_FIELDS: &[Field] = &[Field::new("words", M::PasswordCrackWordlist, FieldKind::LongText).prefill("wordlist")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "password-crack",
    title: M::PasswordCrackTitle,
    teaches: M::PasswordCrackTeaches,
    params: &[ParamSpec { name: "unique_password", doc: "true: the fix (ETSI EN 303 645 provision 5.1-1), a random 12-character password per device printed on its label; the dictionary finds nothing.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "account", doc: "The account whose hash leaked (`root`)." },
        VarSpec { name: "salt", doc: "The device's salt, as text (`cam-` and 12 hex digits)." },
        VarSpec { name: "hash", doc: "The stored hash SHA-256(salt ‖ password) (hex, 32 bytes)." },
        VarSpec { name: "shadow", doc: "The leaked credential line, `root:$sha256$salt$hash:...`." },
        VarSpec { name: "wordlist", doc: "The public list of factory passwords, comma-separated." },
        VarSpec { name: "wordcount", doc: "How many words the list has." },
    ],
    checks: &[CheckSpec { name: "password", doc: "The device's password, as text.", answer: AnswerKind::Text }],
    tools: &[
        ToolSpec { id: "try", title: M::PasswordCrackTry, help: M::PasswordCrackTryHelp, button: M::PasswordCrackTryButton, fields: TRY_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "dictionary", title: M::PasswordCrackDictionary, help: M::PasswordCrackDictionaryHelp, button: M::PasswordCrackDictionaryButton, fields: DICTIONARY_FIELDS, oracle: false, cost: Cost::Long, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

/// The device's password: a factory default, or a random label password in the fixed variant.
pub fn password(params: &Params, seed: &InstanceSeed) -> String {
    if params.unique_password {
        return seed.value("label-password", 12).iter().map(|b| LABEL_ALPHABET[*b as usize % LABEL_ALPHABET.len()] as char).collect();
    }
    // Skip the first five entries so that guessing "admin" by hand is not the whole exercise.
    let v = seed.value("password", 2);
    let n = DEFAULT_PASSWORDS.len() - 5;
    DEFAULT_PASSWORDS[5 + usize::from(u16::from_be_bytes([v[0], v[1]])) % n].to_string()
}

/// The per-device salt, as text so that the workbench KDFs can take it as is.
pub fn salt(seed: &InstanceSeed) -> String {
    format!("cam-{}", hex::encode(seed.value("salt", 6)))
}

/// The stored hash: SHA-256(salt ‖ password), a fast hash, the flaw the fix replaces.
pub fn stored_hash(salt: &str, password: &str) -> [u8; 32] {
    crypto::sha256(format!("{salt}{password}").as_bytes())
}

/// Splits a word list on commas, spaces and line breaks.
pub fn candidates(list: &str) -> Vec<&str> {
    list.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect()
}

/// The dictionary attack: the first candidate whose salted hash matches, and how many were tried.
pub fn dictionary_attack(salt: &str, target: &[u8; 32], words: &[&str]) -> (Option<String>, usize) {
    for (i, word) in words.iter().enumerate() {
        if bool::from(stored_hash(salt, word).ct_eq(target)) {
            return (Some(word.to_string()), i + 1);
        }
    }
    (None, words.len())
}

/// Words hashed per step: a few milliseconds in wasm.
const WORDS_PER_STEP: usize = 200;

/// The dictionary attack as a job: the count first, then the password (or "none").
struct Dictionary {
    words: Vec<String>,
    tried: usize,
    salt: String,
    target: [u8; 32],
}

impl Job for Dictionary {
    fn step(&mut self) -> JobStep {
        let end = (self.tried + WORDS_PER_STEP).min(self.words.len());
        let slice: Vec<&str> = self.words[self.tried..end].iter().map(String::as_str).collect();
        let (found, n) = dictionary_attack(&self.salt, &self.target, &slice);
        self.tried += n;
        let total = self.words.len() as u64;
        let done = |found: Value, tried: usize| JobStep::Done(Ok(vec![Output::new(M::PasswordCrackHashesComputed, Value::int(tried)), Output::new(M::PasswordCrackFound, found)].into()));
        match found {
            Some(word) => done(Value::Text(word), self.tried),
            None if self.tried >= self.words.len() => done(Value::Msg(Msg::PasswordCrackNoneFound()), self.tried),
            None => JobStep::Progress { done: self.tried as u64, total, note: None },
        }
    }
}

pub struct Instance {
    password: String,
    salt: String,
    target: [u8; 32],
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let (password, salt) = (password(params, seed), salt(seed));
    let target = stored_hash(&salt, &password);
    Instance { password, salt, target }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let hash = hex::encode(self.target);
        Vars::from([
            ("account".into(), "root".into()),
            ("shadow".into(), format!("root:$sha256${}${hash}:0:0:root:/root:/bin/sh", self.salt)),
            ("salt".into(), self.salt.clone()),
            ("hash".into(), hash),
            ("wordlist".into(), DEFAULT_PASSWORDS.join(", ")),
            ("wordcount".into(), DEFAULT_PASSWORDS.len().to_string()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "password").then(|| self.password.clone())
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), answer)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "try" => {
                let candidate = raw(inputs, "candidate");
                if candidate.is_empty() {
                    return Err(Msg::PasswordCrackNoCandidate());
                }
                let digest = stored_hash(&self.salt, candidate);
                let found = bool::from(digest.ct_eq(&self.target));
                let answer = if found { Msg::PasswordCrackYes() } else { Msg::PasswordCrackNo() };
                Ok(vec![Output::new(M::PasswordCrackDigest, Value::Hex(digest.to_vec())), Output::new(M::PasswordCrackMatches, Value::Verdict { ok: found, text: answer })].into())
            }
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    /// The dictionary, a slice of words per step.
    fn start(&self, tool: &str, inputs: &Inputs) -> Result<Box<dyn Job>, Msg> {
        if tool != "dictionary" {
            return Err(Msg::UnknownTool(tool));
        }
        let words: Vec<String> = candidates(raw(inputs, "words")).into_iter().map(str::to_string).collect();
        if words.is_empty() {
            return Err(Msg::PasswordCrackEmptyList());
        }
        if words.len() > MAX_CANDIDATES {
            return Err(Msg::PasswordCrackTooMany(words.len(), MAX_CANDIDATES));
        }
        Ok(Box::new(Dictionary { words, tried: 0, salt: self.salt.clone(), target: self.target }))
    }

    /// The KDF the fix stores instead, at the OWASP 2023 cost, with this device's salt.
    fn workbench_link(&self) -> Option<WorkbenchLink> {
        Some(WorkbenchLink::new("pbkdf2", &[("salt", self.salt.as_str()), ("iterations", "600000"), ("length", "32")]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn fixed() -> Params {
        Params { unique_password: true }
    }

    /// The attack: the public default list finds every instance's password.
    #[test]
    fn the_default_list_cracks_the_leaked_hash() {
        for n in 0..20u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "default-password");
            let lab = build(&Params::default(), &seed);
            let vars = lab.variables();
            let target: [u8; 32] = hex::decode(&vars["hash"]).unwrap().try_into().unwrap();
            let (found, tried) = dictionary_attack(&vars["salt"], &target, &candidates(&vars["wordlist"]));
            let found = found.expect("a factory default is in the list");
            assert!(tried <= DEFAULT_PASSWORDS.len());
            assert_eq!(lab.grade("password", &found), LabVerdict::Correct);
            assert_eq!(lab.grade("password", "admin"), LabVerdict::Wrong);
            assert!(vars["shadow"].contains(&vars["hash"]));
        }
    }

    /// The fix: a random per-device password is in no list, so the same attack finds nothing.
    #[test]
    fn a_unique_label_password_defeats_the_list() {
        for n in 0..20u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "default-password");
            let vars = build(&fixed(), &seed).variables();
            let target: [u8; 32] = hex::decode(&vars["hash"]).unwrap().try_into().unwrap();
            assert_eq!(dictionary_attack(&vars["salt"], &target, DEFAULT_PASSWORDS), (None, DEFAULT_PASSWORDS.len()));
            assert_eq!(password(&fixed(), &seed).len(), 12);
        }
        // The dictionary tool says so.
        let lab = build(&fixed(), &InstanceSeed::derive(&[1; 32], "seclab-core", "default-password"));
        let run = crate::core::engines::run_job(&lab, "dictionary", &inputs_of(&[("words", &lab.variables()["wordlist"])])).unwrap();
        assert_eq!(run.get(M::PasswordCrackFound), Some(&Value::Msg(Msg::PasswordCrackNoneFound())));
        assert_eq!(run.get(M::PasswordCrackHashesComputed), Some(&Value::int(DEFAULT_PASSWORDS.len())));
    }

    /// A long list is hashed a slice per step, with the count so far, until the password.
    #[test]
    fn the_dictionary_runs_in_steps_with_progress() {
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "default-password");
        let lab = build(&Params::default(), &seed);
        let secret = password(&Params::default(), &seed);
        let mut words: Vec<String> = (0..1000).map(|i| format!("guess{i}")).collect();
        words.push(secret.clone());
        let mut job = lab.start("dictionary", &inputs_of(&[("words", &words.join(" "))])).unwrap();
        let mut seen = Vec::new();
        let run = loop {
            match job.step() {
                JobStep::Progress { done, total, .. } => seen.push((done, total)),
                JobStep::Done(result) => break result.unwrap(),
            }
        };
        assert_eq!(seen, vec![(200, 1001), (400, 1001), (600, 1001), (800, 1001), (1000, 1001)]);
        assert_eq!((run.outputs[0].value.clone(), run.outputs[1].value.clone()), (Value::int(1001), Value::Text(secret)));
    }

    /// The salt makes the same password hash differently on two devices (no shared rainbow table).
    #[test]
    fn the_salt_separates_devices() {
        let a = InstanceSeed::derive(&[1; 32], "seclab-core", "default-password");
        let b = InstanceSeed::derive(&[2; 32], "seclab-core", "default-password");
        assert_ne!(stored_hash(&salt(&a), "admin"), stored_hash(&salt(&b), "admin"));
        // FIPS 180-2 B.1: with an empty salt the stored hash is plain SHA-256.
        assert_eq!(hex::encode(stored_hash("", "abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(hex::encode(stored_hash("", "abd")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn the_tools_try_one_word_or_a_list() {
        let seed = InstanceSeed::derive(&[7; 32], "seclab-core", "default-password");
        let lab = build(&Params::default(), &seed);
        let secret = password(&Params::default(), &seed);
        let hit = lab.run_tool("try", &inputs_of(&[("candidate", &secret)])).unwrap();
        assert_eq!(hit.outputs[1].value, Value::Verdict { ok: true, text: Msg::PasswordCrackYes() });
        assert_eq!(hit.outputs[0].value, Value::Hex(stored_hash(&salt(&seed), &secret).to_vec()));
        let miss = lab.run_tool("try", &inputs_of(&[("candidate", "hunter2")])).unwrap();
        assert_eq!(miss.outputs[1].value, Value::Verdict { ok: false, text: Msg::PasswordCrackNo() });
        let list = format!("hunter2\nletmein2, {secret} zzz");
        let run = crate::core::engines::run_job(&lab, "dictionary", &inputs_of(&[("words", &list)])).unwrap();
        // The page reads the count first, then the password.
        assert_eq!((run.outputs[0].value.clone(), run.outputs[1].value.clone()), (Value::int(3), Value::Text(secret.clone())));
        let too_many = vec!["x"; MAX_CANDIDATES + 1].join(",");
        assert!(crate::core::engines::run_job(&lab, "dictionary", &inputs_of(&[("words", &too_many)])).unwrap_err().en().ends_with("per click; split the list"));
        assert_eq!(crate::core::engines::run_job(&lab, "dictionary", &inputs_of(&[("words", " , ")])).unwrap_err(), Msg::PasswordCrackEmptyList());
    }
}
