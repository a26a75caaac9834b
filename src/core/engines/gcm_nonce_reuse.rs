//! `gcm-nonce-reuse`: a smart lock seals its frames with AES-128-GCM, but its firmware draws the
//! nonce from a generator that restarts at the same state on every boot. Two frames share the
//! key and nonce, so they share the CTR keystream (C₁ ⊕ C₂ = P₁ ⊕ P₂) and the tag mask
//! E_K(J₀): T₁ ⊕ T₂ = GHASH_H(C₁) ⊕ GHASH_H(C₂), an equation whose root is the hash key H, and
//! with H any frame can be forged. With `unique_nonce = true` the second frame gets a fresh nonce.

use serde::{Deserialize, Serialize};

use super::ctr_nonce_reuse::{run_crib, CRIB_TOOL};
use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Inputs, Output, ToolRun, ToolSpec, Value, XOR_TOOL};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fixed lock: a fresh nonce for the second frame.
    pub unique_nonce: bool,
}

impl super::Params for Params {}

const TAG_LEN: usize = 16;

pub static SPEC: EngineSpec = EngineSpec {
    kind: "gcm-nonce-reuse",
    title: M::GcmNonceReuseTitle,
    teaches: M::GcmNonceReuseTeaches,
    params: &[ParamSpec { name: "unique_nonce", doc: "true: the fixed lock, which seals the second frame under a fresh nonce; the keystream and the tag mask no longer cancel.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "nonce", doc: "The first frame's nonce (hex, 12 bytes)." },
        VarSpec { name: "nonce2", doc: "The second frame's nonce (hex, 12 bytes): the same as `nonce` unless `unique_nonce = true`." },
        VarSpec { name: "c1", doc: "The first (known, status) frame's ciphertext (hex)." },
        VarSpec { name: "t1", doc: "The first frame's GCM tag (hex, 16 bytes)." },
        VarSpec { name: "c2", doc: "The second (secret, unlock grant) frame's ciphertext (hex)." },
        VarSpec { name: "t2", doc: "The second frame's GCM tag (hex, 16 bytes)." },
        VarSpec { name: "known", doc: "The first frame's plaintext, a status message whose format is public (text)." },
    ],
    checks: &[CheckSpec { name: "second-message", doc: "The second frame's plaintext (the unlock grant), as text.", answer: AnswerKind::Text }],
    tools: &[CRIB_TOOL, XOR_TOOL, ToolSpec { id: "tags", title: M::GcmNonceReuseTags, help: M::GcmNonceReuseTagsHelp, button: M::GcmNonceReuseTagsButton, fields: &[], oracle: false, cost: Cost::Light, after_solving: false }],
    cost: Cost::Light,
    view: None,
    rule: None,
};

/// The status frame every lock sends when it wakes: its format is public.
pub fn known_message(seed: &InstanceSeed) -> String {
    let v = seed.value("lock-id", 3);
    format!("status;lock={};battery=87%;door=closed;bolt=engaged;rssi=-61dBm", hex::encode(v))
}

/// The frame the attacker wants: a one-time unlock code handed to a delivery driver.
pub fn secret_message(seed: &InstanceSeed) -> String {
    let v = seed.value("code", 4);
    let code = u32::from_be_bytes([v[0], v[1], v[2], v[3]]) % 1_000_000;
    format!("grant;code={code:06};valid=15min;for=courier")
}

pub fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("key", 16)
}

fn nonces(params: &Params, seed: &InstanceSeed) -> ([u8; 12], [u8; 12]) {
    let first: [u8; 12] = seed.value("nonce", 12).try_into().expect("12 bytes");
    let second = if params.unique_nonce { seed.value("nonce-2", 12).try_into().expect("12 bytes") } else { first };
    (first, second)
}

/// Both frames as (ciphertext, tag); no associated data.
pub fn frames(params: &Params, seed: &InstanceSeed) -> [(Vec<u8>, Vec<u8>); 2] {
    let (n1, n2) = nonces(params, seed);
    let k = key(seed);
    let split = |mut sealed: Vec<u8>| {
        let tag = sealed.split_off(sealed.len() - TAG_LEN);
        (sealed, tag)
    };
    [
        split(crypto::aes128_gcm_seal(&k, &n1, b"", known_message(seed).as_bytes()).expect("16-byte key")),
        split(crypto::aes128_gcm_seal(&k, &n2, b"", secret_message(seed).as_bytes()).expect("16-byte key")),
    ]
}


pub struct Instance {
    nonces: ([u8; 12], [u8; 12]),
    frames: [(Vec<u8>, Vec<u8>); 2],
    known: String,
    secret: String,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { nonces: nonces(params, seed), frames: frames(params, seed), known: known_message(seed), secret: secret_message(seed) }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let [(c1, t1), (c2, t2)] = &self.frames;
        Vars::from([
            ("nonce".into(), hex::encode(self.nonces.0)),
            ("nonce2".into(), hex::encode(self.nonces.1)),
            ("c1".into(), hex::encode(c1)),
            ("t1".into(), hex::encode(t1)),
            ("c2".into(), hex::encode(c2)),
            ("t2".into(), hex::encode(t2)),
            ("known".into(), self.known.clone()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "second-message").then(|| self.secret.clone())
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), answer)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let [(c1, t1), (c2, t2)] = &self.frames;
        match tool {
            "crib" => run_crib(c1, c2, inputs),
            "xor" => crate::core::tools::run_xor(inputs),
            "tags" => {
                let x: Vec<u8> = t1.iter().zip(t2).map(|(a, b)| a ^ b).collect();
                let same = if self.nonces.0 == self.nonces.1 { Msg::GcmNonceReuseSameYes() } else { Msg::GcmNonceReuseSameNo() };
                Ok(vec![Output::new(M::GcmNonceReuseTagXor, Value::Hex(x)), Output::new(M::GcmNonceReuseSameNonce, Value::Msg(same))].into())
            }
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;
    use ghash::universal_hash::UniversalHash;

    fn xor(a: &[u8], b: &[u8]) -> Vec<u8> {
        a.iter().zip(b).map(|(x, y)| x ^ y).collect()
    }

    /// GHASH_H(A = empty, C) with the lengths block, as in NIST SP 800-38D §7.1 step 5.
    fn ghash(h: &[u8], c: &[u8]) -> Vec<u8> {
        let mut g = ghash::GHash::new(h.try_into().unwrap());
        g.update_padded(c);
        let mut lengths = [0u8; 16];
        lengths[8..].copy_from_slice(&((c.len() as u64) * 8).to_be_bytes());
        g.update_padded(&lengths);
        g.finalize().to_vec()
    }

    fn fixed() -> Params {
        Params { unique_nonce: true }
    }

    /// The attack on confidentiality: P₂ = C₁ ⊕ C₂ ⊕ P₁ over the common length.
    #[test]
    fn the_known_frame_reveals_the_other_when_the_nonce_repeats() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "gcm-nonce-reuse");
            let lab = build(&Params::default(), &seed);
            let vars = lab.variables();
            assert_eq!(vars["nonce"], vars["nonce2"]);
            let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
            assert!(c1.len() >= c2.len(), "the known frame covers the secret one");
            let recovered = String::from_utf8(xor(&xor(&c1, &c2), vars["known"].as_bytes())).unwrap();
            assert_eq!(lab.grade("second-message", &recovered), LabVerdict::Correct);
            assert_eq!(lab.grade("second-message", "grant;code=000000"), LabVerdict::Wrong);
        }
    }

    /// The attack on integrity: the tag mask cancels, so H is a root of a known polynomial; an
    /// attacker holding H (the test reads it from the key, the attacker solves for it) forges a
    /// frame the lock accepts. Nothing of the kind holds with a fresh nonce.
    #[test]
    fn a_repeated_nonce_exposes_the_tag_mask_and_allows_a_forgery() {
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "gcm-nonce-reuse");
        let k = key(&seed);
        let h = crypto::aes128_ecb_encrypt(&k, &[0; 16]).unwrap();
        let [(c1, t1), (c2, t2)] = frames(&Params::default(), &seed);
        assert_eq!(xor(&t1, &t2), xor(&ghash(&h, &c1), &ghash(&h, &c2)), "T₁ ⊕ T₂ depends on H only");

        let mask = xor(&t1, &ghash(&h, &c1));
        let forged_text = secret_message(&seed).replace("courier", "burglar");
        let keystream = xor(&c1, known_message(&seed).as_bytes());
        let forged_c = xor(&keystream, forged_text.as_bytes());
        let forged_t = xor(&ghash(&h, &forged_c), &mask);
        let nonce: [u8; 12] = seed.value("nonce", 12).try_into().unwrap();
        let opened = crypto::aes128_gcm_open(&k, &nonce, b"", &[forged_c, forged_t.clone()].concat()).unwrap();
        assert_eq!(opened.as_deref(), Some(forged_text.as_bytes()), "the lock accepts the forgery");

        let [(f1, ft1), (f2, ft2)] = frames(&fixed(), &seed);
        assert_ne!(xor(&ft1, &ft2), xor(&ghash(&h, &f1), &ghash(&h, &f2)));
        // The tags tool says which case holds.
        let tags = build(&Params::default(), &seed).run_tool("tags", &Inputs::new()).unwrap();
        assert_eq!(tags.get(M::GcmNonceReuseTagXor), Some(&Value::Hex(xor(&t1, &t2))));
        assert!(tags.get(M::GcmNonceReuseSameNonce).unwrap().render(crate::core::i18n::Lang::En).starts_with("yes:"));
    }

    /// With a fresh nonce per frame the confidentiality attack yields noise.
    #[test]
    fn a_unique_nonce_defeats_it() {
        let seed = InstanceSeed::derive(&[4; 32], "seclab-core", "gcm-nonce-reuse");
        let lab = build(&fixed(), &seed);
        let vars = lab.variables();
        assert_ne!(vars["nonce"], vars["nonce2"]);
        let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
        assert!(!xor(&xor(&c1, &c2), vars["known"].as_bytes()).starts_with(b"grant;"));
        let tags = lab.run_tool("tags", &Inputs::new()).unwrap();
        assert_eq!(tags.outputs[1].value, Value::Msg(Msg::GcmNonceReuseSameNo()));
        assert!(tags.outputs[1].value.render(crate::core::i18n::Lang::En).starts_with("no:"));
    }

    /// Crib dragging: the known frame's opening word, slid at position 0, shows the grant's start.
    #[test]
    fn crib_dragging_shows_the_other_frame() {
        let seed = InstanceSeed::derive(&[5; 32], "seclab-core", "gcm-nonce-reuse");
        let lab = build(&Params::default(), &seed);
        let run = lab.run_tool("crib", &inputs_of(&[("crib", "status;"), ("position", "0")])).unwrap();
        assert_eq!(run.get(M::CtrNonceReuseOther), Some(&Value::Text("grant;c".into())));
        assert!(run.get(M::CtrNonceReuseOverview).and_then(Value::plain).unwrap().starts_with("grant;c...."));
        let err = lab.run_tool("crib", &inputs_of(&[("crib", "status;"), ("position", "999")])).unwrap_err();
        assert!(err.en().starts_with("the position must be a whole number from 0 to"), "{}", err.en());
        assert_eq!(lab.run_tool("crib", &inputs_of(&[("crib", "")])).unwrap_err(), Msg::CtrNonceReuseCribEmpty());
    }
}
