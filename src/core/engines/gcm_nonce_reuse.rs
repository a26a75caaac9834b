//! `gcm-nonce-reuse`: a smart lock seals its frames with AES-128-GCM, but its firmware draws the
//! nonce from a generator that restarts at the same state on every boot. Two frames share the
//! key and nonce, so they share the CTR keystream (C₁ ⊕ C₂ = P₁ ⊕ P₂) and the tag mask
//! E_K(J₀): T₁ ⊕ T₂ = GHASH_H(C₁) ⊕ GHASH_H(C₂), an equation whose root is the hash key H, and
//! with H any frame can be forged. With `unique_nonce = true` the second frame gets a fresh nonce.

use std::collections::BTreeMap;

use super::ctr_nonce_reuse::{crib_tool, run_crib};
use super::{unknown_params, Engine, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct GcmNonceReuse;

const TAG_LEN: usize = 16;

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

fn unique_nonce(params: &Params) -> bool {
    params.get("unique_nonce").and_then(|v| v.as_bool()).unwrap_or(false)
}

pub fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("key", 16)
}

fn nonces(params: &Params, seed: &InstanceSeed) -> ([u8; 12], [u8; 12]) {
    let first: [u8; 12] = seed.value("nonce", 12).try_into().expect("12 bytes");
    let second = if unique_nonce(params) { seed.value("nonce-2", 12).try_into().expect("12 bytes") } else { first };
    (first, second)
}

/// Both frames as (ciphertext, tag); the lock authenticates the lock id as associated data.
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

impl Engine for GcmNonceReuse {
    fn kind(&self) -> &'static str {
        "gcm-nonce-reuse"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Deux trames AES-GCM, un seul nonce", en: "Two AES-GCM frames, one nonce" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Deux trames AES-128-GCM scellées avec la même clé et le même nonce. Paramètre : unique_nonce (vrai : le correctif). Variables : nonce, nonce2, c1, t1, c2, t2, known. Contrôle : second-message (texte).",
            en: "Two AES-128-GCM frames sealed with the same key and nonce. Parameter: unique_nonce (true: the fix). Variables: nonce, nonce2, c1, t1, c2, t2, known. Check: second-message (text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["unique_nonce"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "unique_nonce", "the fixed lock", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["nonce", "nonce2", "c1", "t1", "c2", "t2", "known"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let [(c1, t1), (c2, t2)] = frames(params, seed);
        let (n1, n2) = nonces(params, seed);
        BTreeMap::from([
            ("nonce".to_string(), hex::encode(n1)),
            ("nonce2".to_string(), hex::encode(n2)),
            ("c1".to_string(), hex::encode(c1)),
            ("t1".to_string(), hex::encode(t1)),
            ("c2".to_string(), hex::encode(c2)),
            ("t2".to_string(), hex::encode(t2)),
            ("known".to_string(), known_message(seed)),
        ])
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
            ToolSpec {
                id: "tags",
                title: L10n { fr: "Les deux étiquettes", en: "The two tags" },
                help: L10n {
                    fr: "T = GHASH_H(A, C) ⊕ E_K(J₀), et J₀ ne dépend que du nonce : avec un nonce répété, le masque s'annule dans T₁ ⊕ T₂.",
                    en: "T = GHASH_H(A, C) ⊕ E_K(J₀), and J₀ depends only on the nonce: with a repeated nonce, the mask cancels in T₁ ⊕ T₂.",
                },
                inputs: &[],
                button: L10n { fr: "Comparer", en: "Compare" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        let [(c1, t1), (c2, t2)] = frames(params, seed);
        match tool {
            "crib" => run_crib(&c1, &c2, inputs).map(Into::into),
            "xor" => super::run_xor(inputs).map(Into::into),
            "tags" => {
                let (n1, n2) = nonces(params, seed);
                let x: Vec<u8> = t1.iter().zip(&t2).map(|(a, b)| a ^ b).collect();
                let same = n1 == n2;
                Ok(vec![
                    ToolOutput { label: L10n { fr: "T₁ ⊕ T₂ (hex)", en: "T₁ ⊕ T₂ (hex)" }, value: hex::encode(x) },
                    ToolOutput {
                        label: L10n { fr: "Même nonce ?", en: "Same nonce?" },
                        value: if same {
                            "yes: T₁ ⊕ T₂ = GHASH_H(C₁) ⊕ GHASH_H(C₂), a polynomial in H alone / oui : un polynôme en H seul".to_string()
                        } else {
                            "no: the masks differ and do not cancel / non : les masques diffèrent".to_string()
                        },
                    },
                ]
                .into())
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// The attack on confidentiality: P₂ = C₁ ⊕ C₂ ⊕ P₁ over the common length.
    #[test]
    fn the_known_frame_reveals_the_other_when_the_nonce_repeats() {
        for n in 0..10u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "gcm-nonce-reuse");
            let p = Params::new();
            let vars = GcmNonceReuse.variables(&p, &seed);
            assert_eq!(vars["nonce"], vars["nonce2"]);
            let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
            assert!(c1.len() >= c2.len(), "the known frame covers the secret one");
            let recovered = String::from_utf8(xor(&xor(&c1, &c2), vars["known"].as_bytes())).unwrap();
            assert_eq!(GcmNonceReuse.grade(&p, &seed, "second-message", &recovered), LabVerdict::Correct);
            assert_eq!(GcmNonceReuse.grade(&p, &seed, "second-message", "grant;code=000000"), LabVerdict::Wrong);
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
        let [(c1, t1), (c2, t2)] = frames(&Params::new(), &seed);
        assert_eq!(xor(&t1, &t2), xor(&ghash(&h, &c1), &ghash(&h, &c2)), "T₁ ⊕ T₂ depends on H only");

        let mask = xor(&t1, &ghash(&h, &c1));
        let forged_text = secret_message(&seed).replace("courier", "burglar");
        let keystream = xor(&c1, known_message(&seed).as_bytes());
        let forged_c = xor(&keystream, forged_text.as_bytes());
        let forged_t = xor(&ghash(&h, &forged_c), &mask);
        let nonce: [u8; 12] = seed.value("nonce", 12).try_into().unwrap();
        let opened = crypto::aes128_gcm_open(&k, &nonce, b"", &[forged_c, forged_t.clone()].concat()).unwrap();
        assert_eq!(opened.as_deref(), Some(forged_text.as_bytes()), "the lock accepts the forgery");

        let fixed = params_with_unique();
        let [(f1, ft1), (f2, ft2)] = frames(&fixed, &seed);
        assert_ne!(xor(&ft1, &ft2), xor(&ghash(&h, &f1), &ghash(&h, &f2)));
    }

    fn params_with_unique() -> Params {
        crate::core::engines::params_with("unique_nonce", true)
    }

    /// With a fresh nonce per frame the confidentiality attack yields noise.
    #[test]
    fn a_unique_nonce_defeats_it() {
        let seed = InstanceSeed::derive(&[4; 32], "seclab-core", "gcm-nonce-reuse");
        let p = params_with_unique();
        let vars = GcmNonceReuse.variables(&p, &seed);
        assert_ne!(vars["nonce"], vars["nonce2"]);
        let (c1, c2) = (hex::decode(&vars["c1"]).unwrap(), hex::decode(&vars["c2"]).unwrap());
        assert!(!xor(&xor(&c1, &c2), vars["known"].as_bytes()).starts_with(b"grant;"));
        let tags = GcmNonceReuse.run_tool(&p, &seed, "tags", &BTreeMap::new()).unwrap();
        assert!(tags.outputs[1].value.starts_with("no:"));
    }
}
