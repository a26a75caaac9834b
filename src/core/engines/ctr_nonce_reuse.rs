//! `ctr-nonce-reuse`: a meter restarts its CTR counter at every boot, so two frames are
//! encrypted with the same key and nonce. Then C₁ ⊕ C₂ = P₁ ⊕ P₂: knowing (or guessing) one
//! message gives the other, without the key. With `unique_nonce = true` the second frame has a
//! fresh nonce and the same computation gives noise.

use std::collections::BTreeMap;

use super::{unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct CtrNonceReuse;

const OWNERS: &[&str] = &["alice", "bastien", "chloe", "dmitri", "emma", "farid", "gaelle", "hugo", "ines", "jules", "karim", "lea"];
const ZONES: &[&str] = &["garage", "cellar", "office", "garden", "attic", "lobby"];

/// The beacon every meter sends after boot: its format is public.
pub fn known_message(seed: &InstanceSeed) -> String {
    let id = hex::encode(seed.value("meter-id", 3));
    format!("beacon;meter={id};status=ok;firmware=2.4.1;uptime=0000012s")
}

/// The frame that follows: the alarm configuration, which the attacker wants.
pub fn secret_message(seed: &InstanceSeed) -> String {
    let v = seed.value("alarm", 4);
    let pin = u16::from_be_bytes([v[0], v[1]]) % 10_000;
    format!("alarm;pin={pin:04};owner={};zone={}", OWNERS[v[2] as usize % OWNERS.len()], ZONES[v[3] as usize % ZONES.len()])
}

fn unique_nonce(params: &Params) -> bool {
    params.get("unique_nonce").and_then(|v| v.as_bool()).unwrap_or(false)
}

fn frames(params: &Params, seed: &InstanceSeed) -> (Vec<u8>, Vec<u8>) {
    let key = seed.value("key", 16);
    let nonce1 = seed.value("nonce", 16);
    let nonce2 = if unique_nonce(params) { seed.value("nonce-2", 16) } else { nonce1.clone() };
    let c1 = crypto::aes128_ctr_apply(&key, &nonce1, known_message(seed).as_bytes()).expect("16-byte key and counter");
    let c2 = crypto::aes128_ctr_apply(&key, &nonce2, secret_message(seed).as_bytes()).expect("16-byte key and counter");
    (c1, c2)
}

const CRIB: L10n = L10n { fr: "Mot supposé (texte)", en: "Guessed word (text)" };
const POSITION: L10n = L10n { fr: "Position (octet, à partir de 0)", en: "Position (byte, from 0)" };
static CRIB_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "crib", label: CRIB, kind: InputKind::Text, prefill: None },
    InputSpec { id: "position", label: POSITION, kind: InputKind::Number, prefill: None },
];

fn printable(bytes: &[u8]) -> String {
    bytes.iter().map(|b| if b.is_ascii_graphic() || *b == b' ' { *b as char } else { '·' }).collect()
}

/// The crib-dragging tool, shared with the GCM nonce-reuse engine.
pub fn crib_tool() -> ToolSpec {
    ToolSpec {
        id: "crib",
        title: L10n { fr: "Glisser un mot supposé (crib dragging)", en: "Slide a guessed word (crib dragging)" },
        help: L10n {
            fr: "Calcule C₁ ⊕ C₂ = P₁ ⊕ P₂, puis le XOR avec votre mot à la position donnée : si le mot est dans une trame, le texte de l'autre trame apparaît à cet endroit.",
            en: "Computes C₁ ⊕ C₂ = P₁ ⊕ P₂, then XORs your word in at the given position: if the word is in one frame, the other frame's text shows there.",
        },
        inputs: &CRIB_INPUTS,
        button: L10n { fr: "Glisser", en: "Slide" },
        oracle: false,
    }
}

/// C₁ ⊕ C₂, then the guessed word XORed in at the chosen position.
pub fn run_crib(c1: &[u8], c2: &[u8], inputs: &BTreeMap<String, String>) -> Result<Vec<ToolOutput>, Bilingual> {
    let x: Vec<u8> = c1.iter().zip(c2).map(|(a, b)| a ^ b).collect();
    let crib = inputs.get("crib").map(String::as_str).unwrap_or("");
    if crib.is_empty() {
        return Err(Bilingual::new("écrivez un mot supposé, par exemple « alarm; »", "write a guessed word, for example \"alarm;\""));
    }
    let position = inputs.get("position").map(|p| p.trim()).filter(|p| !p.is_empty()).unwrap_or("0");
    let max = x.len().saturating_sub(crib.len());
    let position = position.parse::<usize>().ok().filter(|p| *p <= max).ok_or_else(|| {
        Bilingual::new(format!("la position doit être un entier de 0 à {max} (le mot doit tenir dans les {} octets communs)", x.len()), format!("the position must be a whole number from 0 to {max} (the word must fit in the {} common bytes)", x.len()))
    })?;
    let other: Vec<u8> = crib.bytes().zip(&x[position..]).map(|(a, b)| a ^ b).collect();
    let mut line = vec![b'.'; x.len()];
    line[position..position + other.len()].copy_from_slice(&other);
    Ok(vec![
        ToolOutput { label: L10n { fr: "C₁ ⊕ C₂ (hex)", en: "C₁ ⊕ C₂ (hex)" }, value: hex::encode(&x) },
        ToolOutput { label: L10n { fr: "L'autre trame à cette position", en: "The other frame at this position" }, value: printable(&other) },
        ToolOutput { label: L10n { fr: "Vue d'ensemble", en: "Overview" }, value: printable(&line) },
    ])
}

impl Engine for CtrNonceReuse {
    fn kind(&self) -> &'static str {
        "ctr-nonce-reuse"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Deux trames CTR, un seul nonce", en: "Two CTR frames, one nonce" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Deux trames AES-128-CTR chiffrées avec la même clé et le même nonce. Paramètre : unique_nonce (vrai : le correctif). Variables : c1, c2, known. Contrôle : second-message (texte).",
            en: "Two AES-128-CTR frames encrypted with the same key and nonce. Parameter: unique_nonce (true: the fix). Variables: c1, c2, known. Check: second-message (text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["unique_nonce"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "unique_nonce", "the fixed meter", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["c1", "c2", "known"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let (c1, c2) = frames(params, seed);
        BTreeMap::from([("c1".to_string(), hex::encode(c1)), ("c2".to_string(), hex::encode(c2)), ("known".to_string(), known_message(seed))])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["second-message"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "second-message").then(|| secret_message(seed))
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        super::grade_text(self.reference(params, seed, check), answer)
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            crib_tool(),
            super::xor_tool(),
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "crib" => {
                let (c1, c2) = frames(params, seed);
                run_crib(&c1, &c2, inputs).map(Into::into)
            }
            "xor" => super::run_xor(inputs).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
        a.iter().zip(b).map(|(x, y)| x ^ y).collect()
    }

    /// The attack: P₂ = C₁ ⊕ C₂ ⊕ P₁ when the nonce repeats.
    #[test]
    fn the_known_frame_reveals_the_other_when_the_nonce_repeats() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ctr-nonce-reuse");
            let p = Params::new();
            let vars = CtrNonceReuse.variables(&p, &seed);
            let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
            assert!(c1.len() >= c2.len(), "the known frame covers the secret one");
            let recovered = String::from_utf8(xor(&xor(&c1, &c2), vars["known"].as_bytes())).unwrap();
            assert_eq!(recovered, secret_message(&seed));
            assert_eq!(CtrNonceReuse.grade(&p, &seed, "second-message", &format!(" {recovered} ")), LabVerdict::Correct);
            assert_eq!(CtrNonceReuse.grade(&p, &seed, "second-message", "alarm;pin=0000"), LabVerdict::Wrong);
        }
    }

    /// With a fresh nonce per frame the same computation yields noise.
    #[test]
    fn a_unique_nonce_defeats_it() {
        let seed = InstanceSeed::derive(&[4; 32], "seclab-core", "ctr-nonce-reuse");
        let mut p = Params::new();
        p.insert("unique_nonce".into(), toml::Value::Boolean(true));
        let vars = CtrNonceReuse.variables(&p, &seed);
        let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
        let guess = xor(&xor(&c1, &c2), vars["known"].as_bytes());
        assert_ne!(guess, secret_message(&seed).as_bytes());
        assert!(!guess.starts_with(b"alarm;"));
    }

    /// Crib dragging: sliding "alarm;" at position 0 reveals the start of the beacon.
    #[test]
    fn crib_dragging_shows_the_other_frame() {
        let seed = InstanceSeed::derive(&[5; 32], "seclab-core", "ctr-nonce-reuse");
        let inputs: BTreeMap<String, String> = crate::core::engines::inputs_of(&[("crib", "alarm;"), ("position", "0")]);
        let run = CtrNonceReuse.run_tool(&Params::new(), &seed, "crib", &inputs).unwrap();
        assert_eq!(run.outputs[1].value, "beacon");
        let too_far: BTreeMap<String, String> = crate::core::engines::inputs_of(&[("crib", "alarm;"), ("position", "999")]);
        assert!(CtrNonceReuse.run_tool(&Params::new(), &seed, "crib", &too_far).unwrap_err().en.starts_with("the position must be a whole number from 0 to"));
    }
}
