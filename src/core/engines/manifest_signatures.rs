//! `manifest-signatures`: six firmware manifests reach a device, each with a signature (Ed25519
//! or ECDSA P-256) and the public key of whoever signed it. Only some are genuine: others were
//! edited after signing, carry a corrupted or swapped signature, or are validly signed by a key
//! that is not the vendor's. The lesson: verify against the pinned vendor key, never against the
//! key that travels with the manifest.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct ManifestSignatures;

pub const COUNT: usize = 6;
pub const ALGORITHMS: &[&str] = &["ed25519", "ecdsa-p256"];

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
/// Each key is derived once: the page builds this on the main thread.
pub fn manifests(seed: &InstanceSeed) -> Vec<Manifest> {
    build(seed).1
}

/// The vendor's public keys by algorithm, and the manifests.
fn build(seed: &InstanceSeed) -> (Vec<(&'static str, Vec<u8>)>, Vec<Manifest>) {
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

const ALGORITHM: L10n = L10n { fr: "Algorithme", en: "Algorithm" };
const KEY: L10n = L10n { fr: "Clé publique (hex)", en: "Public key (hex)" };
const MESSAGE: L10n = L10n { fr: "Manifeste (texte exact)", en: "Manifest (exact text)" };
const SIGNATURE: L10n = L10n { fr: "Signature (hex, 64 octets)", en: "Signature (hex, 64 bytes)" };
static VERIFY_INPUTS: [InputSpec; 4] = [
    InputSpec { id: "algorithm", label: ALGORITHM, kind: InputKind::Select(ALGORITHMS), prefill: None },
    InputSpec { id: "key", label: KEY, kind: InputKind::Hex { bytes: None }, prefill: Some("vendor_ed25519") },
    InputSpec { id: "message", label: MESSAGE, kind: InputKind::Text, prefill: None },
    InputSpec { id: "signature", label: SIGNATURE, kind: InputKind::Hex { bytes: Some(64) }, prefill: None },
];

impl Engine for ManifestSignatures {
    fn kind(&self) -> &'static str {
        "manifest-signatures"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Vérifier des manifestes de firmware signés", en: "Verify signed firmware manifests" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Six manifestes signés en Ed25519 ou ECDSA P-256, dont certains sont faux. Sans paramètre. Variables : vendor_ed25519, vendor_p256, puis pour i de 1 à 6 : alg_i, manifest_i, sig_i, key_i. Contrôle : valid-manifests (numéros séparés par des virgules).",
            en: "Six manifests signed with Ed25519 or ECDSA P-256, some of them false. No parameter. Variables: vendor_ed25519, vendor_p256, then for i from 1 to 6: alg_i, manifest_i, sig_i, key_i. Check: valid-manifests (numbers separated by commas).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        let mut names = vec!["vendor_ed25519", "vendor_p256"];
        names.extend(["alg_1", "alg_2", "alg_3", "alg_4", "alg_5", "alg_6"]);
        names.extend(["manifest_1", "manifest_2", "manifest_3", "manifest_4", "manifest_5", "manifest_6"]);
        names.extend(["sig_1", "sig_2", "sig_3", "sig_4", "sig_5", "sig_6"]);
        names.extend(["key_1", "key_2", "key_3", "key_4", "key_5", "key_6"]);
        names
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let (vendor, manifests) = build(seed);
        let mut vars = BTreeMap::from([("vendor_ed25519".to_string(), hex::encode(&vendor[0].1)), ("vendor_p256".to_string(), hex::encode(&vendor[1].1))]);
        for (i, m) in manifests.into_iter().enumerate() {
            vars.insert(format!("alg_{}", i + 1), m.algorithm.to_string());
            vars.insert(format!("manifest_{}", i + 1), m.text);
            vars.insert(format!("sig_{}", i + 1), hex::encode(m.signature));
            vars.insert(format!("key_{}", i + 1), hex::encode(m.bundled_key));
        }
        vars
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["valid-manifests"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "valid-manifests").then(|| genuine_list(seed))
    }

    /// Any order, any separator among commas and spaces. A list with no number is unreadable;
    /// anything else that is not exactly the genuine set is wrong.
    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(params, seed, check) else { return super::grade_text(None, answer) };
        let tokens: Vec<&str> = answer.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()).collect();
        if tokens.is_empty() {
            return LabVerdict::Unreadable(Bilingual::new("donnez les numéros des manifestes valides, par exemple « 1, 4 »", "give the numbers of the valid manifests, for example \"1, 4\""));
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

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![ToolSpec {
            id: "verify",
            title: L10n { fr: "Vérifier une signature", en: "Verify a signature" },
            help: L10n {
                fr: "Ed25519 (RFC 8032) ou ECDSA P-256 avec SHA-256. Clé Ed25519 : 32 octets ; clé P-256 : point SEC1 non compressé de 65 octets (04 ‖ x ‖ y). La signature couvre le texte exact du manifeste.",
                en: "Ed25519 (RFC 8032) or ECDSA P-256 with SHA-256. Ed25519 key: 32 bytes; P-256 key: 65-byte uncompressed SEC1 point (04 ‖ x ‖ y). The signature covers the manifest's exact text.",
            },
            inputs: &VERIFY_INPUTS,
            button: L10n { fr: "Vérifier", en: "Verify" },
            oracle: false,
        }]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        if tool != "verify" {
            return Err(super::unknown_tool(tool));
        }
        let algorithm = inputs.get("algorithm").map(|a| a.trim()).filter(|a| !a.is_empty()).unwrap_or(ALGORITHMS[0]);
        if !ALGORITHMS.contains(&algorithm) {
            return Err(Bilingual::new(format!("algorithme inconnu « {algorithm} » ; valeurs possibles : {}", ALGORITHMS.join(", ")), format!("unknown algorithm \"{algorithm}\"; valid values: {}", ALGORITHMS.join(", "))));
        }
        let key = hex_input(inputs, "key", KEY)?;
        let expected_key = if algorithm == "ed25519" { 32 } else { 65 };
        if key.len() != expected_key {
            return Err(Bilingual::new(
                format!("la clé fait {} octets ; une clé {algorithm} en fait {expected_key}", key.len()),
                format!("the key is {} bytes; an {algorithm} key is {expected_key}", key.len()),
            ));
        }
        let signature = hex_input(inputs, "signature", SIGNATURE)?;
        if signature.len() != 64 {
            return Err(Bilingual::new(format!("la signature fait {} octets ; attendu : 64", signature.len()), format!("the signature is {} bytes; expected 64", signature.len())));
        }
        let message = inputs.get("message").cloned().unwrap_or_default();
        let valid = verify(algorithm, &key, message.as_bytes(), &signature);
        Ok(vec![ToolOutput {
            label: L10n { fr: "Verdict", en: "Verdict" },
            value: if valid { "VALID / VALIDE" } else { "INVALID / INVALIDE" }.to_string(),
        }]
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::inputs_of;

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
        let reference = genuine_list(&s);
        let reversed: Vec<&str> = reference.split(',').rev().collect();
        assert_eq!(ManifestSignatures.grade(&Params::new(), &s, "valid-manifests", &reversed.join(" ; ")), LabVerdict::Correct);
        assert_eq!(ManifestSignatures.grade(&Params::new(), &s, "valid-manifests", "1,2,3,4,5,6"), LabVerdict::Wrong);
        assert_eq!(ManifestSignatures.grade(&Params::new(), &s, "valid-manifests", &format!("{reference},7")), LabVerdict::Wrong);
        assert!(matches!(ManifestSignatures.grade(&Params::new(), &s, "valid-manifests", " , "), LabVerdict::Unreadable(_)));
    }

    #[test]
    fn the_tool_verifies_and_names_bad_inputs() {
        let s = seed(2);
        let vars = ManifestSignatures.variables(&Params::new(), &s);
        let ms = manifests(&s);
        let i = ms.iter().position(|m| m.flaw == Flaw::Genuine).unwrap() + 1;
        let vendor = if vars[&format!("alg_{i}")] == "ed25519" { &vars["vendor_ed25519"] } else { &vars["vendor_p256"] };
        let run = |message: &str| {
            ManifestSignatures
                .run_tool(&Params::new(), &s, "verify", &inputs_of(&[("algorithm", &vars[&format!("alg_{i}")]), ("key", vendor), ("message", message), ("signature", &vars[&format!("sig_{i}")])]))
                .unwrap()
                .outputs[0]
                .value
                .clone()
        };
        assert_eq!(run(&vars[&format!("manifest_{i}")]), "VALID / VALIDE");
        assert_eq!(run(&format!("{} ", vars[&format!("manifest_{i}")])), "INVALID / INVALIDE");
        let err = ManifestSignatures.run_tool(&Params::new(), &s, "verify", &inputs_of(&[("algorithm", "ecdsa-p256"), ("key", &vars["vendor_ed25519"]), ("signature", &"00".repeat(64))])).unwrap_err();
        assert_eq!(err.en, "the key is 32 bytes; an ecdsa-p256 key is 65");
        let err = ManifestSignatures.run_tool(&Params::new(), &s, "verify", &inputs_of(&[("algorithm", "rsa"), ("key", "00")])).unwrap_err();
        assert_eq!(err.en, "unknown algorithm \"rsa\"; valid values: ed25519, ecdsa-p256");
    }
}
