//! `ctr-nonce-reuse`: a meter restarts its CTR counter at every boot, so two frames are
//! encrypted with the same key and nonce. Then C₁ ⊕ C₂ = P₁ ⊕ P₂: knowing (or guessing) one
//! message gives the other, without the key. With `unique_nonce = true` the second frame has a
//! fresh nonce and the same computation gives noise.

use serde::{Deserialize, Serialize};

use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value, XOR_TOOL};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fixed meter: a fresh nonce for every frame.
    pub unique_nonce: bool,
}

impl super::Params for Params {}

const CRIB_FIELDS: &[Field] = &[Field::new("crib", M::CtrNonceReuseCribWord, FieldKind::Text), Field::new("position", M::CtrNonceReusePosition, FieldKind::Number { min: 0, max: 65_535 })];

/// The crib-dragging tool, shared with the GCM nonce-reuse engine (run it with [`run_crib`]).
pub const CRIB_TOOL: ToolSpec = ToolSpec { id: "crib", title: M::CtrNonceReuseCrib, help: M::CtrNonceReuseCribHelp, button: M::CtrNonceReuseCribButton, fields: CRIB_FIELDS, oracle: false, cost: Cost::Light, after_solving: false };

pub static SPEC: EngineSpec = EngineSpec {
    kind: "ctr-nonce-reuse",
    title: M::CtrNonceReuseTitle,
    teaches: M::CtrNonceReuseTeaches,
    params: &[ParamSpec { name: "unique_nonce", doc: "true: the fixed meter, which encrypts each frame under a fresh nonce; C₁ ⊕ C₂ ⊕ P₁ is then noise.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "c1", doc: "Frame 1, the encrypted beacon (hex)." },
        VarSpec { name: "c2", doc: "Frame 2, the encrypted alarm configuration (hex), no longer than frame 1." },
        VarSpec { name: "known", doc: "The beacon's text, whose format is public (frame 1's plaintext)." },
    ],
    checks: &[CheckSpec { name: "second-message", doc: "The full text of frame 2 (`alarm;pin=...;owner=...;zone=...`), as text.", answer: AnswerKind::Text }],
    tools: &[CRIB_TOOL, XOR_TOOL],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

fn frames(unique_nonce: bool, seed: &InstanceSeed) -> (Vec<u8>, Vec<u8>) {
    let key = seed.value("key", 16);
    let nonce1 = seed.value("nonce", 16);
    let nonce2 = if unique_nonce { seed.value("nonce-2", 16) } else { nonce1.clone() };
    let c1 = crypto::aes128_ctr_apply(&key, &nonce1, known_message(seed).as_bytes()).expect("16-byte key and counter");
    let c2 = crypto::aes128_ctr_apply(&key, &nonce2, secret_message(seed).as_bytes()).expect("16-byte key and counter");
    (c1, c2)
}

fn printable(bytes: &[u8]) -> String {
    bytes.iter().map(|b| if b.is_ascii_graphic() || *b == b' ' { *b as char } else { '·' }).collect()
}

/// C₁ ⊕ C₂, then the guessed word XORed in at the chosen position (empty position: 0).
pub fn run_crib(c1: &[u8], c2: &[u8], inputs: &Inputs) -> Result<ToolRun, Msg> {
    let x: Vec<u8> = c1.iter().zip(c2).map(|(a, b)| a ^ b).collect();
    let crib = raw(inputs, "crib");
    if crib.is_empty() {
        return Err(Msg::CtrNonceReuseCribEmpty());
    }
    let position = Some(raw(inputs, "position").trim()).filter(|p| !p.is_empty()).unwrap_or("0");
    let max = x.len().saturating_sub(crib.len());
    let position = position.parse::<usize>().ok().filter(|p| *p <= max).ok_or_else(|| Msg::CtrNonceReusePositionRange(max, x.len()))?;
    let other: Vec<u8> = crib.bytes().zip(&x[position..]).map(|(a, b)| a ^ b).collect();
    let mut line = vec![b'.'; x.len()];
    line[position..position + other.len()].copy_from_slice(&other);
    Ok(vec![
        Output::new(M::CtrNonceReuseXor, Value::Hex(x)),
        Output::new(M::CtrNonceReuseOther, Value::Text(printable(&other))),
        Output::new(M::CtrNonceReuseOverview, Value::Text(printable(&line))),
    ]
    .into())
}

pub struct Instance {
    c1: Vec<u8>,
    c2: Vec<u8>,
    known: String,
    secret: String,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let (c1, c2) = frames(params.unique_nonce, seed);
    Instance { c1, c2, known: known_message(seed), secret: secret_message(seed) }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([("c1".into(), hex::encode(&self.c1)), ("c2".into(), hex::encode(&self.c2)), ("known".into(), self.known.clone())])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "second-message").then(|| self.secret.clone())
    }

    /// The message is text: compared after trimming, in constant time.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), answer)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "crib" => run_crib(&self.c1, &self.c2, inputs),
            "xor" => crate::core::tools::run_xor(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
        a.iter().zip(b).map(|(x, y)| x ^ y).collect()
    }

    /// The attack: P₂ = C₁ ⊕ C₂ ⊕ P₁ when the nonce repeats.
    #[test]
    fn the_known_frame_reveals_the_other_when_the_nonce_repeats() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "ctr-nonce-reuse");
            let lab = build(&Params::default(), &seed);
            let vars = lab.variables();
            let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
            assert!(c1.len() >= c2.len(), "the known frame covers the secret one");
            let recovered = String::from_utf8(xor(&xor(&c1, &c2), vars["known"].as_bytes())).unwrap();
            assert_eq!(recovered, secret_message(&seed));
            assert_eq!(lab.grade("second-message", &format!(" {recovered} ")), LabVerdict::Correct);
            assert_eq!(lab.grade("second-message", "alarm;pin=0000"), LabVerdict::Wrong);
        }
    }

    /// With a fresh nonce per frame the same computation yields noise.
    #[test]
    fn a_unique_nonce_defeats_it() {
        let seed = InstanceSeed::derive(&[4; 32], "seclab-core", "ctr-nonce-reuse");
        let vars = build(&Params { unique_nonce: true }, &seed).variables();
        let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
        let guess = xor(&xor(&c1, &c2), vars["known"].as_bytes());
        assert_ne!(guess, secret_message(&seed).as_bytes());
        assert!(!guess.starts_with(b"alarm;"));
    }

    /// Crib dragging: sliding "alarm;" at position 0 reveals the start of the beacon.
    #[test]
    fn crib_dragging_shows_the_other_frame() {
        let seed = InstanceSeed::derive(&[5; 32], "seclab-core", "ctr-nonce-reuse");
        let lab = build(&Params::default(), &seed);
        let run = lab.run_tool("crib", &inputs_of(&[("crib", "alarm;"), ("position", "0")])).unwrap();
        assert_eq!(run.outputs[1].value, Value::Text("beacon".into()));
        assert_eq!(run.get(M::CtrNonceReuseOther), Some(&Value::Text("beacon".into())));
        // An empty position is position 0.
        assert_eq!(lab.run_tool("crib", &inputs_of(&[("crib", "alarm;"), ("position", "")])).unwrap(), run);
        let err = lab.run_tool("crib", &inputs_of(&[("crib", "alarm;"), ("position", "999")])).unwrap_err();
        assert!(err.en().starts_with("the position must be a whole number from 0 to"), "{}", err.en());
        assert_eq!(lab.run_tool("crib", &inputs_of(&[("crib", ""), ("position", "0")])).unwrap_err(), Msg::CtrNonceReuseCribEmpty());
    }
}
