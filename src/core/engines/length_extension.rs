//! `sha256-length-extension`: a cloud API authenticates device requests with
//! token = SHA-256(key ‖ message). SHA-256's output is its whole internal state, so anyone can
//! continue hashing from a token: the learner appends `&admin=1` and forges a valid token
//! without the key. With `hmac = true` the API uses HMAC-SHA-256 and the forgery fails.
//!
//! The compression function comes from the `sha2` crate; only the padding (FIPS 180-4 §5.1.1)
//! is written out, because the attack is about it.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct LengthExtension;

pub const KEY_LEN: usize = 16;
pub const SUFFIX: &str = "&admin=1";

/// SHA-256 padding of a message of `len` bytes: 0x80, zeros, then the length in bits (64-bit BE).
pub fn padding(len: u64) -> Vec<u8> {
    let mut pad = vec![0x80];
    while (len as usize + pad.len()) % 64 != 56 {
        pad.push(0);
    }
    pad.extend_from_slice(&(len * 8).to_be_bytes());
    pad
}

/// Continues SHA-256 from a digest: `processed` bytes (a multiple of 64) were already hashed,
/// padding included; hashes `suffix` and the final padding.
pub fn extend(digest: &[u8; 32], processed: u64, suffix: &[u8]) -> [u8; 32] {
    let mut state = [0u32; 8];
    for (i, word) in state.iter_mut().enumerate() {
        *word = u32::from_be_bytes(digest[i * 4..i * 4 + 4].try_into().expect("4 bytes"));
    }
    let data = [suffix, &padding(processed + suffix.len() as u64)].concat();
    let blocks: Vec<[u8; 64]> = data.chunks_exact(64).map(|c| c.try_into().expect("64 bytes")).collect();
    sha2::block_api::compress256(&mut state, &blocks);
    let mut out = [0u8; 32];
    for (i, word) in state.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("key", KEY_LEN)
}

pub fn message(seed: &InstanceSeed) -> String {
    format!("device={}&cmd=status", hex::encode(seed.value("device", 4)))
}

fn uses_hmac(params: &Params) -> bool {
    params.get("hmac").and_then(|v| v.as_bool()).unwrap_or(false)
}

/// What the API computes for a message.
pub fn token(params: &Params, seed: &InstanceSeed, message: &[u8]) -> [u8; 32] {
    if uses_hmac(params) {
        crypto::hmac_sha256(&key(seed), message)
    } else {
        crypto::sha256(&[&key(seed)[..], message].concat())
    }
}

/// The forged message: original ‖ glue padding ‖ suffix.
pub fn forged_message(seed: &InstanceSeed) -> Vec<u8> {
    let m = message(seed).into_bytes();
    [&m[..], &padding((KEY_LEN + m.len()) as u64), SUFFIX.as_bytes()].concat()
}

const STATE: L10n = L10n { fr: "État de départ = un jeton (hex, 32 octets)", en: "Starting state = a token (hex, 32 bytes)" };
const PROCESSED: L10n = L10n { fr: "Octets déjà hachés, bourrage compris (multiple de 64)", en: "Bytes already hashed, padding included (a multiple of 64)" };
const SUFFIX_L: L10n = L10n { fr: "Texte à ajouter", en: "Text to append" };
const LENGTH: L10n = L10n { fr: "Longueur du message haché (octets)", en: "Length of the hashed message (bytes)" };
const MESSAGE: L10n = L10n { fr: "Message (hex)", en: "Message (hex)" };
const TOKEN: L10n = L10n { fr: "Jeton (hex, 32 octets)", en: "Token (hex, 32 bytes)" };

static PADDING_INPUTS: [InputSpec; 1] = [InputSpec { id: "length", label: LENGTH, kind: InputKind::Number, prefill: None }];
static EXTEND_INPUTS: [InputSpec; 3] = [
    InputSpec { id: "state", label: STATE, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("token") },
    InputSpec { id: "processed", label: PROCESSED, kind: InputKind::Number, prefill: None },
    InputSpec { id: "suffix", label: SUFFIX_L, kind: InputKind::Text, prefill: None },
];
static SEND_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "message", label: MESSAGE, kind: InputKind::Hex { bytes: None }, prefill: Some("message_hex") },
    InputSpec { id: "token", label: TOKEN, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("token") },
];

impl Engine for LengthExtension {
    fn kind(&self) -> &'static str {
        "sha256-length-extension"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Jeton SHA-256(clé ‖ message)", en: "SHA-256(key ‖ message) token" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Une API vérifie des jetons SHA-256(clé ‖ message). Paramètre : hmac (vrai : HMAC-SHA-256, le correctif). Variables : message, message_hex, token, key_length, suffix. Contrôle : forged-token.",
            en: "An API checks SHA-256(key ‖ message) tokens. Parameter: hmac (true: HMAC-SHA-256, the fix). Variables: message, message_hex, token, key_length, suffix. Check: forged-token.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["hmac"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        super::fixed_variant(params, "hmac", "the fixed API", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["message", "message_hex", "token", "key_length", "suffix"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let m = message(seed);
        BTreeMap::from([
            ("token".to_string(), hex::encode(token(params, seed, m.as_bytes()))),
            ("message_hex".to_string(), hex::encode(m.as_bytes())),
            ("message".to_string(), m),
            ("key_length".to_string(), KEY_LEN.to_string()),
            ("suffix".to_string(), SUFFIX.to_string()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["forged-token"]
    }

    /// The token the API accepts for message ‖ glue ‖ "&admin=1".
    fn reference(&self, params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "forged-token").then(|| hex::encode(token(params, seed, &forged_message(seed))))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "padding",
                title: L10n { fr: "Bourrage SHA-256 (la « colle »)", en: "SHA-256 padding (the \"glue\")" },
                help: L10n { fr: "0x80, des zéros, puis la longueur en bits sur 8 octets : ce que SHA-256 ajoute à un message de cette longueur.", en: "0x80, zeros, then the length in bits on 8 bytes: what SHA-256 appends to a message of this length." },
                inputs: &PADDING_INPUTS,
                button: L10n { fr: "Calculer le bourrage", en: "Compute the padding" },
                oracle: false,
            },
            ToolSpec {
                id: "extend",
                title: L10n { fr: "SHA-256 à état réglable", en: "SHA-256 with a settable state" },
                help: L10n { fr: "Reprend SHA-256 à partir d'un condensat (ses 8 mots de 32 bits sont tout l'état interne) et hache la suite.", en: "Resumes SHA-256 from a digest (its eight 32-bit words are the whole internal state) and hashes what follows." },
                inputs: &EXTEND_INPUTS,
                button: L10n { fr: "Continuer le hachage", en: "Continue hashing" },
                oracle: false,
            },
            ToolSpec {
                id: "send",
                title: L10n { fr: "Envoyer une requête à l'API", en: "Send a request to the API" },
                help: L10n { fr: "L'API recalcule le jeton du message avec sa clé et compare.", en: "The API recomputes the message's token with its key and compares." },
                inputs: &SEND_INPUTS,
                button: L10n { fr: "Envoyer", en: "Send" },
                oracle: true,
            },
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        let number = |id: &str, label: L10n| -> Result<u64, Bilingual> {
            inputs.get(id).and_then(|v| v.trim().parse::<u64>().ok()).filter(|n| *n < 1 << 40).ok_or_else(|| {
                Bilingual::new(format!("« {} » doit être un entier positif", label.fr), format!("\"{}\" must be a positive whole number", label.en))
            })
        };
        match tool {
            "padding" => {
                let len = number("length", LENGTH)?;
                Ok(vec![ToolOutput { label: L10n { fr: "Bourrage (hex)", en: "Padding (hex)" }, value: hex::encode(padding(len)) }].into())
            }
            "extend" => {
                let state: [u8; 32] = hex_input(inputs, "state", STATE)?.try_into().map_err(|_| Bilingual::new("l'état fait 32 octets (64 chiffres hexadécimaux)", "the state is 32 bytes (64 hex digits)"))?;
                let processed = number("processed", PROCESSED)?;
                if processed % 64 != 0 {
                    return Err(Bilingual::new(
                        format!("{processed} n'est pas un multiple de 64 : SHA-256 s'arrête toujours sur un bloc entier, bourrage compris"),
                        format!("{processed} is not a multiple of 64: SHA-256 always stops on a whole block, padding included"),
                    ));
                }
                let suffix = inputs.get("suffix").cloned().unwrap_or_default();
                Ok(vec![ToolOutput { label: L10n { fr: "Nouveau condensat (hex)", en: "New digest (hex)" }, value: hex::encode(extend(&state, processed, suffix.as_bytes())) }].into())
            }
            "send" => {
                let msg = hex_input(inputs, "message", MESSAGE)?;
                let given = hex_input(inputs, "token", TOKEN)?;
                let ok = bool::from(subtle::ConstantTimeEq::ct_eq(&given[..], &token(params, seed, &msg)[..]));
                let admin = msg.windows(SUFFIX.len()).any(|w| w == SUFFIX.as_bytes());
                let label = match (ok, admin) {
                    (false, _) => L10n { fr: "Réponse de l'API : jeton invalide, requête rejetée", en: "API answer: invalid token, request rejected" },
                    (true, false) => L10n { fr: "Réponse de l'API : requête acceptée", en: "API answer: request accepted" },
                    (true, true) => L10n { fr: "Réponse de l'API : requête acceptée AVEC les droits administrateur", en: "API answer: request accepted WITH administrator rights" },
                };
                Ok(ToolRun { outputs: vec![ToolOutput { label, value: if ok { "200".into() } else { "403".into() } }], queries: 1 })
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FIPS 180-2 B.1: continuing from SHA-256's initial state over "abc" with our padding gives
    /// SHA-256("abc"), which checks the padding against the published vector.
    #[test]
    fn padding_and_compression_match_fips_180_2_b1() {
        let h0: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        let mut iv = [0u8; 32];
        for (i, w) in h0.iter().enumerate() {
            iv[i * 4..i * 4 + 4].copy_from_slice(&w.to_be_bytes());
        }
        assert_eq!(hex::encode(extend(&iv, 0, b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(hex::encode(extend(&iv, 0, b"abd")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(padding(3).len(), 61);
        assert_eq!(padding(55).len(), 9);
        assert_eq!(padding(56).len(), 72);
    }

    /// The attack forges a token the API accepts with admin rights, without the key.
    #[test]
    fn length_extension_forges_an_admin_token() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "length-extension");
            let p = Params::new();
            let vars = LengthExtension.variables(&p, &seed);
            let token: [u8; 32] = hex::decode(&vars["token"]).unwrap().try_into().unwrap();
            let processed = (KEY_LEN + vars["message"].len() + padding((KEY_LEN + vars["message"].len()) as u64).len()) as u64;
            let forged = extend(&token, processed, SUFFIX.as_bytes());
            let send: BTreeMap<String, String> = [("message", hex::encode(forged_message(&seed))), ("token", hex::encode(forged))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let answer = LengthExtension.run_tool(&p, &seed, "send", &send).unwrap();
            assert_eq!(answer.outputs[0].value, "200");
            assert!(answer.outputs[0].label.en.contains("administrator"));
            assert_eq!(LengthExtension.grade(&p, &seed, "forged-token", &hex::encode(forged)), super::super::LabVerdict::Correct);
        }
    }

    /// HMAC is not extendable: the same forgery is rejected.
    #[test]
    fn hmac_defeats_the_extension() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "length-extension");
        let mut p = Params::new();
        p.insert("hmac".into(), toml::Value::Boolean(true));
        let vars = LengthExtension.variables(&p, &seed);
        let token: [u8; 32] = hex::decode(&vars["token"]).unwrap().try_into().unwrap();
        let processed = (KEY_LEN + vars["message"].len() + padding((KEY_LEN + vars["message"].len()) as u64).len()) as u64;
        let forged = extend(&token, processed, SUFFIX.as_bytes());
        let send: BTreeMap<String, String> = [("message", hex::encode(forged_message(&seed))), ("token", hex::encode(forged))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(LengthExtension.run_tool(&p, &seed, "send", &send).unwrap().outputs[0].value, "403");
    }
}
