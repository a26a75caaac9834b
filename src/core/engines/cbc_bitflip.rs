//! `cbc-bitflip`: a smart lock accepts AES-128-CBC encrypted commands without authentication.
//! The learner knows the plaintext of a captured command and changes the IV so that the lock
//! decrypts another command (CBC: flipping a bit of C₀ = IV flips the same bit of P₁). With
//! `mac = true` the lock checks an HMAC over IV‖ciphertext first, and the forgery is refused.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, xor_tool, Engine, InputKind, InputSpec, InstanceSeed, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct CbcBitflip;

/// What the captured frame says (one block, known to the attacker from the protocol's format).
pub const CAPTURED: &str = "cmd=set_temp:21;";
/// What the learner must make the lock do.
pub const TARGET: &str = "cmd=unlock_door;";

fn rest(seed: &InstanceSeed) -> Vec<u8> {
    format!("dev={};ts={}", hex::encode(seed.value("device", 4)), u32::from_be_bytes(seed.value("ts", 4).try_into().expect("4 bytes")) % 1_000_000).into_bytes()
}

fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("key", 16)
}

fn mac_key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("mac-key", 32)
}

pub fn iv(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("iv", 16)
}

pub fn ciphertext(seed: &InstanceSeed) -> Vec<u8> {
    let pt = crypto::pkcs7_pad(&[CAPTURED.as_bytes(), &rest(seed)].concat());
    crypto::aes128_cbc_encrypt(&key(seed), &iv(seed), &pt).expect("whole blocks")
}

fn uses_mac(params: &Params) -> bool {
    params.get("mac").and_then(|v| v.as_bool()).unwrap_or(false)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockAnswer {
    /// The command the lock executed (the first block, read as text).
    Executed(String),
    Unreadable,
    Rejected,
}

/// The lock: checks the tag if it is the fixed model, decrypts, and runs the first block.
pub fn lock(params: &Params, seed: &InstanceSeed, iv: &[u8], ct: &[u8], tag: Option<&[u8]>) -> LockAnswer {
    if uses_mac(params) {
        if !crypto::hmac_sha256_verify(&mac_key(seed), &[iv, ct].concat(), tag) {
            return LockAnswer::Rejected;
        }
    }
    let Ok(pt) = crypto::aes128_cbc_decrypt(&key(seed), iv, ct) else { return LockAnswer::Unreadable };
    match std::str::from_utf8(&pt[..16]) {
        Ok(cmd) if cmd.starts_with("cmd=") => LockAnswer::Executed(cmd.trim_end_matches(';').trim_start_matches("cmd=").to_string()),
        _ => LockAnswer::Unreadable,
    }
}

/// The IV that makes the first block read TARGET: IV ⊕ CAPTURED ⊕ TARGET.
pub fn forged_iv(seed: &InstanceSeed) -> Vec<u8> {
    iv(seed).iter().zip(CAPTURED.as_bytes()).zip(TARGET.as_bytes()).map(|((v, p), t)| v ^ p ^ t).collect()
}

const IV: L10n = L10n { fr: "IV (hex, 16 octets)", en: "IV (hex, 16 bytes)" };
const CT: L10n = L10n { fr: "Chiffré (hex)", en: "Ciphertext (hex)" };
const TAG: L10n = L10n { fr: "Étiquette HMAC (hex, si la serrure en demande une)", en: "HMAC tag (hex, if the lock asks for one)" };

static SEND_INPUTS: [InputSpec; 3] = [
    InputSpec { id: "iv", label: IV, kind: InputKind::Hex { bytes: Some(16) }, prefill: Some("iv") },
    InputSpec { id: "ciphertext", label: CT, kind: InputKind::Hex { bytes: None }, prefill: Some("ciphertext") },
    InputSpec { id: "tag", label: TAG, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("tag") },
];

impl Engine for CbcBitflip {
    fn kind(&self) -> &'static str {
        "cbc-bitflip"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Serrure commandée en AES-CBC", en: "AES-CBC controlled lock" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Une serrure exécute des commandes chiffrées en AES-128-CBC sans authentification. Paramètre : mac (vrai : la serrure corrigée). Variables : iv, ciphertext, tag, captured, target. Contrôle : forged-iv.",
            en: "A lock runs AES-128-CBC encrypted commands without authentication. Parameter: mac (true: the fixed lock). Variables: iv, ciphertext, tag, captured, target. Check: forged-iv.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["mac"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "mac", "the fixed lock", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["iv", "ciphertext", "tag", "captured", "target"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let (iv, ct) = (iv(seed), ciphertext(seed));
        BTreeMap::from([
            ("iv".to_string(), hex::encode(&iv)),
            ("ciphertext".to_string(), hex::encode(&ct)),
            ("tag".to_string(), if uses_mac(params) { hex::encode(crypto::hmac_sha256(&mac_key(seed), &[iv, ct].concat())) } else { String::new() }),
            ("captured".to_string(), CAPTURED.to_string()),
            ("target".to_string(), TARGET.to_string()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["forged-iv"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "forged-iv").then(|| hex::encode(forged_iv(seed)))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "send",
                title: L10n { fr: "Envoyer une commande à la serrure", en: "Send a command to the lock" },
                help: L10n { fr: "La serrure déchiffre IV‖chiffré et exécute le premier bloc.", en: "The lock decrypts IV‖ciphertext and runs the first block." },
                inputs: &SEND_INPUTS,
                button: L10n { fr: "Envoyer", en: "Send" },
                oracle: true,
            },
            xor_tool(),
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "send" => {
                let iv = hex_input(inputs, "iv", IV)?;
                let ct = hex_input(inputs, "ciphertext", CT)?;
                let tag = super::optional_hex_input(inputs, "tag", TAG)?;
                let (label, value) = match lock(params, seed, &iv, &ct, tag.as_deref()) {
                    LockAnswer::Executed(cmd) => (L10n { fr: "La serrure a exécuté", en: "The lock executed" }, cmd),
                    LockAnswer::Unreadable => (L10n { fr: "La serrure n'a pas compris la commande", en: "The lock did not understand the command" }, "-".into()),
                    LockAnswer::Rejected => (L10n { fr: "Commande rejetée (authentification)", en: "Command rejected (authentication)" }, "401".into()),
                };
                Ok(ToolRun { outputs: vec![ToolOutput { label, value }], queries: 1 })
            }
            "xor" => super::run_xor(inputs).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(mac: bool) -> Params {
        crate::core::engines::params_with("mac", mac)
    }

    #[test]
    fn the_captured_command_runs_and_the_forged_iv_unlocks() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "cbc-bitflip");
            let p = params(false);
            assert_eq!(lock(&p, &seed, &iv(&seed), &ciphertext(&seed), None), LockAnswer::Executed("set_temp:21".into()));
            // The attack: IV' = IV ⊕ known ⊕ wanted, through the learner's XOR tool.
            let x = |a: &[u8], b: &[u8]| {
                let inputs: BTreeMap<String, String> = [("a", hex::encode(a)), ("b", hex::encode(b))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                hex::decode(&CbcBitflip.run_tool(&p, &seed, "xor", &inputs).unwrap().outputs[0].value).unwrap()
            };
            let delta = x(CAPTURED.as_bytes(), TARGET.as_bytes());
            let forged = x(&iv(&seed), &delta);
            assert_eq!(lock(&p, &seed, &forged, &ciphertext(&seed), None), LockAnswer::Executed("unlock_door".into()));
            assert_eq!(CbcBitflip.grade(&p, &seed, "forged-iv", &hex::encode(&forged)), super::super::LabVerdict::Correct);
            assert_eq!(CbcBitflip.grade(&p, &seed, "forged-iv", &hex::encode(iv(&seed))), super::super::LabVerdict::Wrong);
        }
    }

    /// The fixed lock checks an HMAC over IV‖ciphertext: the genuine frame runs, the forgery does not.
    #[test]
    fn the_mac_stops_the_forgery() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "cbc-bitflip");
        let p = params(true);
        let tag = hex::decode(&CbcBitflip.variables(&p, &seed)["tag"]).unwrap();
        assert_eq!(lock(&p, &seed, &iv(&seed), &ciphertext(&seed), Some(&tag)), LockAnswer::Executed("set_temp:21".into()));
        assert_eq!(lock(&p, &seed, &forged_iv(&seed), &ciphertext(&seed), Some(&tag)), LockAnswer::Rejected);
        assert_eq!(lock(&p, &seed, &forged_iv(&seed), &ciphertext(&seed), None), LockAnswer::Rejected);
    }
}
