//! `password-crack`: a camera firmware image leaks its credential store, one salted SHA-256 per
//! account. The password is a factory default from the list the Mirai botnet tried in 2016, so a
//! dictionary attack finds it in a few dozen hashes. With `unique_password = true` (the fix of
//! ETSI EN 303 645 provision 5.1-1) each device has a random password printed on its label, and
//! the same dictionary finds nothing.

use std::collections::BTreeMap;

use subtle::ConstantTimeEq;

use super::{unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct PasswordCrack;

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

fn unique_password(params: &Params) -> bool {
    params.get("unique_password").and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The device's password: a factory default, or a random label password in the fixed variant.
pub fn password(params: &Params, seed: &InstanceSeed) -> String {
    if unique_password(params) {
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

const CANDIDATE: L10n = L10n { fr: "Mot de passe candidat", en: "Candidate password" };
const WORDLIST: L10n = L10n { fr: "Liste de mots (séparés par des virgules, espaces ou retours à la ligne)", en: "Word list (separated by commas, spaces or line breaks)" };
static TRY_INPUTS: [InputSpec; 1] = [InputSpec { id: "candidate", label: CANDIDATE, kind: InputKind::Text, prefill: None }];
static DICTIONARY_INPUTS: [InputSpec; 1] = [InputSpec { id: "words", label: WORDLIST, kind: InputKind::Text, prefill: Some("wordlist") }];

fn target(params: &Params, seed: &InstanceSeed) -> [u8; 32] {
    stored_hash(&salt(seed), &password(params, seed))
}

impl Engine for PasswordCrack {
    fn kind(&self) -> &'static str {
        "password-crack"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Mot de passe par défaut dans un firmware", en: "Default password in a firmware image" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Une empreinte SHA-256 salée d'un mot de passe d'usine, à casser par dictionnaire. Paramètre : unique_password (vrai : le correctif, un mot de passe aléatoire par objet). Variables : account, salt, hash, shadow, wordlist, wordcount. Contrôle : password (texte).",
            en: "A salted SHA-256 of a factory password, to crack with a dictionary. Parameter: unique_password (true: the fix, a random password per device). Variables: account, salt, hash, shadow, wordlist, wordcount. Check: password (text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["unique_password"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "unique_password", "devices with a random label password", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["account", "salt", "hash", "shadow", "wordlist", "wordcount"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let salt = salt(seed);
        let hash = hex::encode(target(params, seed));
        BTreeMap::from([
            ("account".to_string(), "root".to_string()),
            ("shadow".to_string(), format!("root:$sha256${salt}${hash}:0:0:root:/root:/bin/sh")),
            ("salt".to_string(), salt),
            ("hash".to_string(), hash),
            ("wordlist".to_string(), DEFAULT_PASSWORDS.join(", ")),
            ("wordcount".to_string(), DEFAULT_PASSWORDS.len().to_string()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["password"]
    }

    fn reference(&self, params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "password").then(|| password(params, seed))
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        super::grade_text(self.reference(params, seed, check), answer)
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "try",
                title: L10n { fr: "Essayer un mot de passe", en: "Try one password" },
                help: L10n { fr: "Calcule SHA-256(sel ‖ candidat) et le compare à l'empreinte volée.", en: "Computes SHA-256(salt ‖ candidate) and compares it with the stolen hash." },
                inputs: &TRY_INPUTS,
                button: L10n { fr: "Essayer", en: "Try" },
                oracle: false,
            },
            ToolSpec {
                id: "dictionary",
                title: L10n { fr: "Attaque par dictionnaire", en: "Dictionary attack" },
                help: L10n {
                    fr: "Essaie chaque mot de la liste, dans l'ordre, hors ligne : aucun compteur de tentatives ne protège une empreinte volée. Au plus 5 000 mots par clic.",
                    en: "Tries every word of the list in order, offline: no attempt counter protects a stolen hash. At most 5,000 words per click.",
                },
                inputs: &DICTIONARY_INPUTS,
                button: L10n { fr: "Lancer", en: "Run" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        let salt = salt(seed);
        let target = target(params, seed);
        match tool {
            "try" => {
                let candidate = inputs.get("candidate").map(String::as_str).unwrap_or("");
                if candidate.is_empty() {
                    return Err(Bilingual::new("écrivez un mot de passe candidat", "write a candidate password"));
                }
                let digest = stored_hash(&salt, candidate);
                let found = bool::from(digest.ct_eq(&target));
                Ok(vec![
                    ToolOutput { label: L10n { fr: "SHA-256(sel ‖ candidat)", en: "SHA-256(salt ‖ candidate)" }, value: hex::encode(digest) },
                    ToolOutput { label: L10n { fr: "Correspond à l'empreinte volée ?", en: "Matches the stolen hash?" }, value: if found { "yes / oui" } else { "no / non" }.to_string() },
                ]
                .into())
            }
            "dictionary" => {
                let words = candidates(inputs.get("words").map(String::as_str).unwrap_or(""));
                if words.is_empty() {
                    return Err(Bilingual::new("la liste de mots est vide", "the word list is empty"));
                }
                if words.len() > MAX_CANDIDATES {
                    return Err(Bilingual::new(
                        format!("{} mots : au plus {MAX_CANDIDATES} par clic ; coupez la liste", words.len()),
                        format!("{} words: at most {MAX_CANDIDATES} per click; split the list", words.len()),
                    ));
                }
                let (found, tried) = dictionary_attack(&salt, &target, &words);
                Ok(vec![
                    ToolOutput { label: L10n { fr: "Empreintes calculées", en: "Hashes computed" }, value: tried.to_string() },
                    ToolOutput {
                        label: L10n { fr: "Mot de passe trouvé", en: "Password found" },
                        value: found.unwrap_or_else(|| "none in this list / aucun dans cette liste".to_string()),
                    },
                ]
                .into())
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }

    /// The KDF the fix stores instead, at the OWASP 2023 cost, with this device's salt.
    fn workbench_link(&self, _params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        Some(("pbkdf2", vec![("salt", vars.get("salt")?.clone()), ("iterations", "600000".to_string()), ("length", "32".to_string())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::{inputs_of, params_with};

    /// The attack: the public default list finds every instance's password.
    #[test]
    fn the_default_list_cracks_the_leaked_hash() {
        for n in 0..20u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "default-password");
            let p = Params::new();
            let vars = PasswordCrack.variables(&p, &seed);
            let target: [u8; 32] = hex::decode(&vars["hash"]).unwrap().try_into().unwrap();
            let (found, tried) = dictionary_attack(&vars["salt"], &target, &candidates(&vars["wordlist"]));
            let found = found.expect("a factory default is in the list");
            assert!(tried <= DEFAULT_PASSWORDS.len());
            assert_eq!(PasswordCrack.grade(&p, &seed, "password", &found), LabVerdict::Correct);
            assert_eq!(PasswordCrack.grade(&p, &seed, "password", "admin"), LabVerdict::Wrong);
            assert!(vars["shadow"].contains(&vars["hash"]));
        }
    }

    /// The fix: a random per-device password is in no list, so the same attack finds nothing.
    #[test]
    fn a_unique_label_password_defeats_the_list() {
        let p = params_with("unique_password", true);
        for n in 0..20u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "default-password");
            let vars = PasswordCrack.variables(&p, &seed);
            let target: [u8; 32] = hex::decode(&vars["hash"]).unwrap().try_into().unwrap();
            assert_eq!(dictionary_attack(&vars["salt"], &target, DEFAULT_PASSWORDS), (None, DEFAULT_PASSWORDS.len()));
            assert_eq!(password(&p, &seed).len(), 12);
        }
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
        let p = Params::new();
        let secret = password(&p, &seed);
        let hit = PasswordCrack.run_tool(&p, &seed, "try", &inputs_of(&[("candidate", &secret)])).unwrap();
        assert_eq!(hit.outputs[1].value, "yes / oui");
        let miss = PasswordCrack.run_tool(&p, &seed, "try", &inputs_of(&[("candidate", "hunter2")])).unwrap();
        assert_eq!(miss.outputs[1].value, "no / non");
        let list = format!("hunter2\nletmein2, {secret} zzz");
        let run = PasswordCrack.run_tool(&p, &seed, "dictionary", &inputs_of(&[("words", &list)])).unwrap();
        assert_eq!((run.outputs[0].value.as_str(), run.outputs[1].value.as_str()), ("3", secret.as_str()));
        let too_many = vec!["x"; MAX_CANDIDATES + 1].join(",");
        assert!(PasswordCrack.run_tool(&p, &seed, "dictionary", &inputs_of(&[("words", &too_many)])).unwrap_err().en.ends_with("per click; split the list"));
    }
}
