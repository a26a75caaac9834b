//! `manifest-signatures`: six firmware manifests reach a device, each with a signature (Ed25519
//! or ECDSA P-256) and the public key of whoever signed it. Only some are genuine: others were
//! edited after signing, carry a corrupted or swapped signature, or are validly signed by a key
//! that is not the vendor's. The lesson: verify against the pinned vendor key, never against the
//! key that travels with the manifest.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Arg, Msg, M};
use crate::core::tools::{hex_input, raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

pub const COUNT: usize = 6;
pub const ALGORITHMS: &[&str] = &["ed25519", "ecdsa-p256"];

const VERIFY_FIELDS: &[Field] = &[
    Field::new("algorithm", M::ManifestSignaturesAlgorithm, FieldKind::Select(ALGORITHMS)).default("ed25519"),
    Field::new("key", M::ManifestSignaturesKey, FieldKind::Hex { bytes: None }).prefill("vendor_ed25519"),
    Field::new("message", M::ManifestSignaturesMessage, FieldKind::Text),
    Field::new("signature", M::ManifestSignaturesSignature, FieldKind::Hex { bytes: Some(64) }),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "manifest-signatures",
    title: M::ManifestSignaturesTitle,
    teaches: M::ManifestSignaturesTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "vendor_ed25519", doc: "The vendor's pinned Ed25519 public key (hex, 32 bytes)." },
        VarSpec { name: "vendor_p256", doc: "The vendor's pinned ECDSA P-256 public key (hex, 65-byte uncompressed SEC1 point)." },
        VarSpec { name: "alg_1", doc: "Manifest 1's algorithm: `ed25519` or `ecdsa-p256` (alg_2 to alg_6 likewise)." },
        VarSpec { name: "alg_2", doc: "Manifest 2's algorithm." },
        VarSpec { name: "alg_3", doc: "Manifest 3's algorithm." },
        VarSpec { name: "alg_4", doc: "Manifest 4's algorithm." },
        VarSpec { name: "alg_5", doc: "Manifest 5's algorithm." },
        VarSpec { name: "alg_6", doc: "Manifest 6's algorithm." },
        VarSpec { name: "manifest_1", doc: "Manifest 1's exact text, as received (manifest_2 to manifest_6 likewise)." },
        VarSpec { name: "manifest_2", doc: "Manifest 2's text." },
        VarSpec { name: "manifest_3", doc: "Manifest 3's text." },
        VarSpec { name: "manifest_4", doc: "Manifest 4's text." },
        VarSpec { name: "manifest_5", doc: "Manifest 5's text." },
        VarSpec { name: "manifest_6", doc: "Manifest 6's text." },
        VarSpec { name: "sig_1", doc: "Manifest 1's signature (hex, 64 bytes; sig_2 to sig_6 likewise)." },
        VarSpec { name: "sig_2", doc: "Manifest 2's signature." },
        VarSpec { name: "sig_3", doc: "Manifest 3's signature." },
        VarSpec { name: "sig_4", doc: "Manifest 4's signature." },
        VarSpec { name: "sig_5", doc: "Manifest 5's signature." },
        VarSpec { name: "sig_6", doc: "Manifest 6's signature." },
        VarSpec { name: "key_1", doc: "The public key shipped beside manifest 1, the signer's claim (hex; key_2 to key_6 likewise)." },
        VarSpec { name: "key_2", doc: "The key shipped beside manifest 2." },
        VarSpec { name: "key_3", doc: "The key shipped beside manifest 3." },
        VarSpec { name: "key_4", doc: "The key shipped beside manifest 4." },
        VarSpec { name: "key_5", doc: "The key shipped beside manifest 5." },
        VarSpec { name: "key_6", doc: "The key shipped beside manifest 6." },
    ],
    checks: &[CheckSpec { name: "valid-manifests", doc: "The numbers (1 to 6) of the genuine manifests, separated by commas, in any order.", answer: AnswerKind::Text }],
    tools: &[ToolSpec { id: "verify", title: M::ManifestSignaturesVerify, help: M::ManifestSignaturesVerifyHelp, button: M::ManifestSignaturesVerifyButton, fields: VERIFY_FIELDS, oracle: false, cost: Cost::Light, after_solving: false }],
    cost: Cost::Light,
    view: None,
    rule: None,
};

/// How a manifest was spoiled, if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    Genuine,
    /// The text was changed after signing (a version bumped).
    Edited,
    /// Validly signed, but by a key that is not the vendor's; that key travels with it.
    ForeignKey,
    /// One bit of the signature changed in transit.
    CorruptedSignature,
    /// The signature of another manifest.
    Swapped,
}

pub struct Manifest {
    pub algorithm: &'static str,
    pub text: String,
    pub signature: Vec<u8>,
    /// The public key shipped beside the manifest (the signer's claim).
    pub bundled_key: Vec<u8>,
    pub flaw: Flaw,
}

fn secret(seed: &InstanceSeed, name: &str) -> Vec<u8> {
    // A P-256 scalar must be below n; a value at or above it (probability ≈ 2⁻³²) is redrawn.
    (0u8..).map(|i| seed.value(&format!("{name}-{i}"), 32)).find(|s| crypto::p256_scalar_is_valid(s)).expect("a scalar below n")
}

fn public(algorithm: &str, secret: &[u8]) -> Vec<u8> {
    match algorithm {
        "ed25519" => crypto::ed25519_public(secret).expect("32 bytes").to_vec(),
        _ => crypto::p256_public(secret).expect("checked scalar"),
    }
}

fn sign(algorithm: &str, secret: &[u8], message: &[u8]) -> Vec<u8> {
    match algorithm {
        "ed25519" => crypto::ed25519_sign(secret, message).expect("32 bytes").to_vec(),
        _ => crypto::ecdsa_p256_sign(secret, message).expect("checked scalar").to_vec(),
    }
}

pub fn verify(algorithm: &str, public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    match algorithm {
        "ed25519" => crypto::ed25519_verify(public, message, signature),
        _ => crypto::ecdsa_p256_verify(public, message, signature),
    }
}

pub fn vendor_public(seed: &InstanceSeed, algorithm: &str) -> Vec<u8> {
    public(algorithm, &secret(seed, &format!("vendor-{algorithm}")))
}

fn manifest_text(seed: &InstanceSeed, i: usize) -> String {
    let v = seed.value(&format!("manifest-{i}"), 34);
    format!("device=thermo-x{};version={}.{}.{};image=sha256:{}", 1 + v[0] % 4, 2 + v[1] % 2, v[0] % 10, v[1] % 20, hex::encode(&v[2..34]))
}

/// Which manifest is spoiled and how, and each one's algorithm: cheap, no key is computed.
pub fn layout(seed: &InstanceSeed) -> [(Flaw, &'static str); COUNT] {
    let pick = seed.value("layout", 8);
    let genuine = 2 + pick[0] as usize % 3;
    // Shuffle positions 0..6 with the instance bytes (a few swaps are enough for a lesson).
    let mut order: Vec<usize> = (0..COUNT).collect();
    for (i, b) in pick[1..7].iter().enumerate() {
        order.swap(i, *b as usize % COUNT);
    }
    let flaws = [Flaw::ForeignKey, Flaw::Edited, Flaw::CorruptedSignature, Flaw::Swapped];
    let algorithms = seed.value("algorithms", COUNT);
    let mut out = [(Flaw::Genuine, ALGORITHMS[0]); COUNT];
    for (i, slot) in out.iter_mut().enumerate() {
        slot.1 = ALGORITHMS[(algorithms[i] % 2) as usize];
    }
    for (n, pos) in order.iter().enumerate().skip(genuine) {
        // The first spoiled manifest always has the foreign key: it is the point of the lesson.
        let k = n - genuine;
        out[*pos].0 = if k == 0 { Flaw::ForeignKey } else { flaws[(k + pick[7] as usize) % flaws.len()] };
    }
    out
}

/// The six manifests of an instance: two to four genuine, the others each with one flaw.
pub fn manifests(seed: &InstanceSeed) -> Vec<Manifest> {
    make(seed).1
}

/// The vendor's public keys by algorithm, and the manifests; each key is derived once.
fn make(seed: &InstanceSeed) -> (Vec<(&'static str, Vec<u8>)>, Vec<Manifest>) {
    let keys: Vec<(&str, Vec<u8>, Vec<u8>)> = ALGORITHMS
        .iter()
        .map(|a| {
            let s = secret(seed, &format!("vendor-{a}"));
            let p = public(a, &s);
            (*a, s, p)
        })
        .collect();
    let vendor = |algorithm: &str| keys.iter().find(|k| k.0 == algorithm).map(|k| (k.1.clone(), k.2.clone())).expect("listed");
    let texts: Vec<String> = (0..COUNT).map(|i| manifest_text(seed, i)).collect();
    let manifests = layout(seed)
        .into_iter()
        .enumerate()
        .map(|(i, (flaw, algorithm))| {
            let (vendor_secret, vendor_public) = vendor(algorithm);
            let text = texts[i].clone();
            let (signature, bundled_key, shown_text) = match flaw {
                Flaw::Genuine => (sign(algorithm, &vendor_secret, text.as_bytes()), vendor_public, text),
                Flaw::Edited => {
                    let edited = text.replacen("version=", "version=9", 1);
                    (sign(algorithm, &vendor_secret, text.as_bytes()), vendor_public, edited)
                }
                Flaw::ForeignKey => {
                    let attacker = secret(seed, &format!("attacker-{algorithm}"));
                    (sign(algorithm, &attacker, text.as_bytes()), public(algorithm, &attacker), text)
                }
                Flaw::CorruptedSignature => {
                    let mut s = sign(algorithm, &vendor_secret, text.as_bytes());
                    s[20] ^= 0x04;
                    (s, vendor_public, text)
                }
                Flaw::Swapped => (sign(algorithm, &vendor_secret, texts[(i + 1) % COUNT].as_bytes()), vendor_public, text),
            };
            Manifest { algorithm, text: shown_text, signature, bundled_key, flaw }
        })
        .collect();
    (keys.into_iter().map(|(a, _, p)| (a, p)).collect(), manifests)
}

/// The genuine manifests' numbers (1-based), ascending, comma-separated.
pub fn genuine_list(seed: &InstanceSeed) -> String {
    layout(seed).iter().enumerate().filter(|(_, m)| m.0 == Flaw::Genuine).map(|(i, _)| (i + 1).to_string()).collect::<Vec<_>>().join(",")
}

pub struct Instance {
    vendor: Vec<(&'static str, Vec<u8>)>,
    manifests: Vec<Manifest>,
    genuine: String,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    let (vendor, manifests) = make(seed);
    Instance { vendor, manifests, genuine: genuine_list(seed) }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let mut vars = Vars::from([("vendor_ed25519".into(), hex::encode(&self.vendor[0].1)), ("vendor_p256".into(), hex::encode(&self.vendor[1].1))]);
        for (i, m) in self.manifests.iter().enumerate() {
            vars.insert(format!("alg_{}", i + 1), m.algorithm.to_string());
            vars.insert(format!("manifest_{}", i + 1), m.text.clone());
            vars.insert(format!("sig_{}", i + 1), hex::encode(&m.signature));
            vars.insert(format!("key_{}", i + 1), hex::encode(&m.bundled_key));
        }
        vars
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "valid-manifests").then(|| self.genuine.clone())
    }

    /// Any order, any separator among commas, semicolons and spaces. A list with no number is
    /// unreadable; anything else that is not exactly the genuine set is wrong.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(check) else { return LabVerdict::Unreadable(Msg::UnknownCheck(check)) };
        let tokens: Vec<&str> = answer.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return LabVerdict::Unreadable(Msg::ManifestSignaturesNoNumber());
        }
        let mut given: Vec<usize> = Vec::new();
        for t in tokens {
            match t.parse::<usize>() {
                Ok(n) if (1..=COUNT).contains(&n) => given.push(n),
                _ => return LabVerdict::Wrong,
            }
        }
        given.sort_unstable();
        given.dedup();
        let expected: Vec<usize> = reference.split(',').filter_map(|t| t.parse().ok()).collect();
        if given == expected { LabVerdict::Correct } else { LabVerdict::Wrong }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        if tool != "verify" {
            return Err(Msg::UnknownTool(tool));
        }
        let algorithm = Some(raw(inputs, "algorithm").trim()).filter(|a| !a.is_empty()).unwrap_or(ALGORITHMS[0]);
        if !ALGORITHMS.contains(&algorithm) {
            return Err(Msg::ManifestSignaturesUnknownAlgorithm(algorithm, ALGORITHMS.join(", ")));
        }
        let key = hex_input(inputs, "key", M::ManifestSignaturesKey)?;
        let expected_key = if algorithm == "ed25519" { 32usize } else { 65 };
        if key.len() != expected_key {
            return Err(Msg::ManifestSignaturesKeyLength(Arg::bytes(key.len()), algorithm, expected_key));
        }
        let signature = hex_input(inputs, "signature", M::ManifestSignaturesSignature)?;
        if signature.len() != 64 {
            return Err(Msg::ManifestSignaturesSignatureLength(Arg::bytes(signature.len())));
        }
        let valid = verify(algorithm, &key, raw(inputs, "message").as_bytes(), &signature);
        let text = if valid { Msg::ManifestSignaturesValid() } else { Msg::ManifestSignaturesInvalid() };
        Ok(vec![Output::new(M::ManifestSignaturesVerdict, Value::Verdict { ok: valid, text })].into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "manifest-signatures")
    }

    /// Verifying against the pinned vendor key sorts the manifests exactly; verifying against
    /// the bundled key (the naive check) lets the foreign-key manifest through.
    #[test]
    fn the_pinned_key_separates_genuine_from_false_and_the_bundled_key_does_not() {
        for n in 0..30 {
            let s = seed(n);
            let ms = manifests(&s);
            let genuine = ms.iter().filter(|m| m.flaw == Flaw::Genuine).count();
            assert!((2..=4).contains(&genuine), "{genuine} genuine");
            assert!(ms.iter().any(|m| m.flaw == Flaw::ForeignKey), "seed {n} lacks the foreign key");
            for m in &ms {
                let pinned = verify(m.algorithm, &vendor_public(&s, m.algorithm), m.text.as_bytes(), &m.signature);
                assert_eq!(pinned, m.flaw == Flaw::Genuine, "{:?}", m.flaw);
                let naive = verify(m.algorithm, &m.bundled_key, m.text.as_bytes(), &m.signature);
                assert_eq!(naive, matches!(m.flaw, Flaw::Genuine | Flaw::ForeignKey), "{:?}", m.flaw);
            }
        }
    }

    #[test]
    fn the_answer_is_a_set_in_any_order() {
        let s = seed(1);
        let lab = build(&Params {}, &s);
        let reference = genuine_list(&s);
        let reversed: Vec<&str> = reference.split(',').rev().collect();
        assert_eq!(lab.grade("valid-manifests", &reversed.join(" ; ")), LabVerdict::Correct);
        assert_eq!(lab.grade("valid-manifests", "1,2,3,4,5,6"), LabVerdict::Wrong);
        assert_eq!(lab.grade("valid-manifests", &format!("{reference},7")), LabVerdict::Wrong);
        assert_eq!(lab.grade("valid-manifests", " , "), LabVerdict::Unreadable(Msg::ManifestSignaturesNoNumber()));
    }

    #[test]
    fn the_tool_verifies_and_names_bad_inputs() {
        let s = seed(2);
        let lab = build(&Params {}, &s);
        let vars = lab.variables();
        let ms = manifests(&s);
        let i = ms.iter().position(|m| m.flaw == Flaw::Genuine).unwrap() + 1;
        let vendor = if vars[&format!("alg_{i}")] == "ed25519" { &vars["vendor_ed25519"] } else { &vars["vendor_p256"] };
        let run = |message: &str| {
            let inputs = inputs_of(&[("algorithm", &vars[&format!("alg_{i}")]), ("key", vendor), ("message", message), ("signature", &vars[&format!("sig_{i}")])]);
            lab.run_tool("verify", &inputs).unwrap().get(M::ManifestSignaturesVerdict).cloned().unwrap()
        };
        assert_eq!(run(&vars[&format!("manifest_{i}")]), Value::Verdict { ok: true, text: Msg::ManifestSignaturesValid() });
        assert_eq!(run(&format!("{} ", vars[&format!("manifest_{i}")])), Value::Verdict { ok: false, text: Msg::ManifestSignaturesInvalid() });
        let err = lab.run_tool("verify", &inputs_of(&[("algorithm", "ecdsa-p256"), ("key", &vars["vendor_ed25519"]), ("signature", &"00".repeat(64))])).unwrap_err();
        assert_eq!(err.en(), "the key is 32 bytes; an ecdsa-p256 key is 65");
        let err = lab.run_tool("verify", &inputs_of(&[("algorithm", "rsa"), ("key", "00")])).unwrap_err();
        assert_eq!(err.en(), "unknown algorithm \"rsa\"; valid values: ed25519, ecdsa-p256");
        let err = lab.run_tool("verify", &inputs_of(&[("key", &vars["vendor_ed25519"]), ("signature", "00")])).unwrap_err();
        assert_eq!(err.en(), "the signature is 1 byte; expected 64");
    }

    /// Published vectors through the tool: RFC 8032 §7.1 TEST 1 (Ed25519, empty message) and
    /// RFC 6979 A.2.5 (ECDSA P-256, SHA-256, message "sample"), then each with a tampered message.
    #[test]
    fn the_tool_verifies_rfc8032_and_rfc6979_vectors() {
        let lab = build(&Params {}, &seed(0));
        let verdict = |algorithm: &str, key: &str, message: &str, signature: &str| lab.run_tool("verify", &inputs_of(&[("algorithm", algorithm), ("key", key), ("message", message), ("signature", signature)])).unwrap().outputs[0].value.clone();
        let ed_key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        let ed_sig = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
        assert_eq!(verdict("ed25519", ed_key, "", ed_sig), Value::Verdict { ok: true, text: Msg::ManifestSignaturesValid() });
        assert_eq!(verdict("ed25519", ed_key, "x", ed_sig), Value::Verdict { ok: false, text: Msg::ManifestSignaturesInvalid() });
        let p_key = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
        let p_sig = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
        assert_eq!(verdict("ecdsa-p256", p_key, "sample", p_sig), Value::Verdict { ok: true, text: Msg::ManifestSignaturesValid() });
        assert_eq!(verdict("ecdsa-p256", p_key, "samplf", p_sig), Value::Verdict { ok: false, text: Msg::ManifestSignaturesInvalid() });
    }
}
