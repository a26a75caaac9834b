//! `aes-block`: the learner computes AES-128 in ECB, CBC or CTR mode for their own key and
//! plaintext, with an embedded encryptor. In ECB the two plaintext blocks are equal, so the
//! learner sees the repeated ciphertext block that makes ECB leak.

use std::collections::BTreeMap;

use super::{crypto_error, ToolRun, hex_blocks, hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, Params, ParamError, ToolOutput, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct AesBlock;

const MODES: &[&str] = &["ecb", "cbc", "ctr"];

fn mode(params: &Params) -> &str {
    params.get("mode").and_then(|v| v.as_str()).unwrap_or("ecb")
}

const KEY: L10n = L10n { fr: "Clé AES-128 (hex, 16 octets)", en: "AES-128 key (hex, 16 bytes)" };
const IV: L10n = L10n { fr: "IV ou compteur initial (hex, 16 octets)", en: "IV or initial counter (hex, 16 bytes)" };
const PLAINTEXT: L10n = L10n { fr: "Clair (hex, multiple de 16 octets en ECB/CBC)", en: "Plaintext (hex, a multiple of 16 bytes in ECB/CBC)" };
const MODE: L10n = L10n { fr: "Mode", en: "Mode" };

static ENCRYPT_INPUTS: [InputSpec; 4] = [
    InputSpec { id: "mode", label: MODE, kind: InputKind::Select(MODES), prefill: Some("mode") },
    InputSpec { id: "key", label: KEY, kind: InputKind::Hex { bytes: Some(16) }, prefill: Some("key") },
    InputSpec { id: "iv", label: IV, kind: InputKind::Hex { bytes: Some(16) }, prefill: Some("iv") },
    InputSpec { id: "plaintext", label: PLAINTEXT, kind: InputKind::Hex { bytes: None }, prefill: Some("plaintext") },
];

pub fn encrypt(mode: &str, key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, crypto::CryptoError> {
    match mode {
        "cbc" => crypto::aes128_cbc_encrypt(key, iv, plaintext),
        "ctr" => crypto::aes128_ctr_apply(key, iv, plaintext),
        _ => crypto::aes128_ecb_encrypt(key, plaintext),
    }
}

impl Engine for AesBlock {
    fn kind(&self) -> &'static str {
        "aes-block"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Chiffreur AES-128 (ECB, CBC, CTR)", en: "AES-128 encryptor (ECB, CBC, CTR)" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Chiffre des blocs avec AES-128 dans le mode choisi. Paramètre : mode = \"ecb\" | \"cbc\" | \"ctr\". Variables : key, iv (sauf ECB), plaintext, mode. Contrôle : ciphertext.",
            en: "Encrypts blocks with AES-128 in the chosen mode. Parameter: mode = \"ecb\" | \"cbc\" | \"ctr\". Variables: key, iv (not in ECB), plaintext, mode. Check: ciphertext.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["mode"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        match params.get("mode") {
            None => errors.push(ParamError {
                key: String::new(),
                message: "the aes-block engine needs a `mode`; none was given".into(),
                fix: "add `mode = \"ecb\"`, `mode = \"cbc\"` or `mode = \"ctr\"` to the [lab] table".into(),
            }),
            Some(toml::Value::String(m)) if MODES.contains(&m.as_str()) => {}
            Some(other) => errors.push(ParamError {
                key: "mode".into(),
                message: format!("`mode` is {other}; expected one of \"ecb\", \"cbc\", \"ctr\""),
                fix: "write one of the three modes, in lower case and quoted".into(),
            }),
        }
        errors
    }

    fn variable_names(&self, params: &Params) -> Vec<&'static str> {
        if mode(params) == "ecb" {
            vec!["mode", "key", "plaintext"]
        } else {
            vec!["mode", "key", "iv", "plaintext"]
        }
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let mut vars = BTreeMap::new();
        let mode = mode(params);
        vars.insert("mode".into(), mode.to_string());
        vars.insert("key".into(), hex::encode(seed.value("key", 16)));
        if mode != "ecb" {
            vars.insert("iv".into(), hex::encode(seed.value("iv", 16)));
        }
        vars.insert("plaintext".into(), hex::encode(plaintext(mode, seed)));
        vars
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["ciphertext"]
    }

    fn reference(&self, params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        if check != "ciphertext" {
            return None;
        }
        let mode = mode(params);
        let ct = encrypt(mode, &seed.value("key", 16), &seed.value("iv", 16), &plaintext(mode, seed)).expect("instance sizes are valid");
        Some(hex::encode(ct))
    }

    fn workbench_link(&self, params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        let mut fields = vec![("operation", "encrypt".to_string()), ("mode", mode(params).to_string()), ("padding", "none".to_string())];
        for (field, var) in [("key", "key"), ("iv", "iv"), ("data", "plaintext")] {
            if let Some(v) = vars.get(var) {
                fields.push((field, v.clone()));
            }
        }
        Some(("aes", fields))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![ToolSpec {
            id: "encrypt",
            title: L10n { fr: "Chiffrer avec AES-128", en: "Encrypt with AES-128" },
            help: L10n {
                fr: "Le résultat est découpé en blocs de 16 octets. L'IV est ignoré en ECB.",
                en: "The result is split into 16-byte blocks. The IV is ignored in ECB.",
            },
            inputs: &ENCRYPT_INPUTS,
            button: L10n { fr: "Chiffrer", en: "Encrypt" },
                oracle: false,
        }]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        if tool != "encrypt" {
            return Err(super::unknown_tool(tool));
        }
        let mode = inputs.get("mode").map(|m| m.trim().to_lowercase()).unwrap_or_default();
        if !MODES.contains(&mode.as_str()) {
            return Err(Bilingual::new("choisissez le mode : ecb, cbc ou ctr", "choose the mode: ecb, cbc or ctr"));
        }
        let key = hex_input(inputs, "key", KEY)?;
        let iv = if mode == "ecb" { vec![0; 16] } else { hex_input(inputs, "iv", IV)? };
        let pt = hex_input(inputs, "plaintext", PLAINTEXT)?;
        let ct = encrypt(&mode, &key, &iv, &pt).map_err(crypto_error)?;
        Ok(vec![ToolOutput { label: L10n { fr: "Chiffré (hex, par blocs)", en: "Ciphertext (hex, by block)" }, value: hex_blocks(&ct) }].into())
    }
}

/// Two blocks; in ECB the same block twice, so that the leak shows in the learner's own result.
fn plaintext(mode: &str, seed: &InstanceSeed) -> Vec<u8> {
    if mode == "ecb" {
        let block = seed.value("plaintext", 16);
        [block.clone(), block].concat()
    } else {
        seed.value("plaintext", 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(mode: &str) -> Params {
        let mut p = Params::new();
        p.insert("mode".into(), toml::Value::String(mode.into()));
        p
    }

    #[test]
    fn the_tool_reproduces_nist_sp800_38a_f11_f21_f51() {
        let seed = InstanceSeed([0; 32]);
        let run = |mode: &str, iv: &str| {
            let inputs: BTreeMap<String, String> = [
                ("mode", mode),
                ("key", "2b7e151628aed2a6abf7158809cf4f3c"),
                ("iv", iv),
                ("plaintext", "6bc1bee22e409f96e93d7e117393172a"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            AesBlock.run_tool(&params(mode), &seed, "encrypt", &inputs).unwrap().outputs[0].value.clone()
        };
        assert_eq!(run("ecb", ""), "3ad77bb40d7a3660a89ecaf32466ef97");
        assert_eq!(run("cbc", "000102030405060708090a0b0c0d0e0f"), "7649abac8119b246cee98e9b12e9197d");
        assert_eq!(run("ctr", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), "874d6191b620e3261bef6864990db6ce");
        // Tampered: a different counter block gives another result.
        assert_ne!(run("ctr", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfefe"), "874d6191b620e3261bef6864990db6ce");
    }

    /// The workbench, opened from an instance, computes the same ciphertext as the engine.
    #[test]
    fn the_workbench_link_reproduces_the_reference() {
        for m in MODES {
            let seed = InstanceSeed::derive(&[6; 32], "p", "e");
            let vars = AesBlock.variables(&params(m), &seed);
            let (tool, fields) = AesBlock.workbench_link(&params(m), &vars).unwrap();
            let mut inputs = crate::core::workbench::defaults(crate::core::workbench::info(tool).unwrap());
            inputs.extend(fields.into_iter().map(|(k, v)| (k.to_string(), v)));
            let out = crate::core::workbench::run(tool, &inputs).unwrap();
            assert_eq!(Some(out[0].value.replace(' ', "")), AesBlock.reference(&params(m), &seed, "ciphertext"), "{m}");
        }
    }

    #[test]
    fn ecb_instance_shows_the_repeated_block() {
        let seed = InstanceSeed::derive(&[3; 32], "p", "e");
        let ct = AesBlock.reference(&params("ecb"), &seed, "ciphertext").unwrap();
        assert_eq!(&ct[..32], &ct[32..]);
        let ct = AesBlock.reference(&params("cbc"), &seed, "ciphertext").unwrap();
        assert_ne!(&ct[..32], &ct[32..]);
    }

    #[test]
    fn parameters_are_checked_with_the_fix() {
        assert_eq!(AesBlock.check_params(&params("ofb"))[0].message, "`mode` is \"ofb\"; expected one of \"ecb\", \"cbc\", \"ctr\"");
        assert_eq!(AesBlock.check_params(&Params::new())[0].fix, "add `mode = \"ecb\"`, `mode = \"cbc\"` or `mode = \"ctr\"` to the [lab] table");
        let mut p = params("ecb");
        p.insert("rounds".into(), toml::Value::Integer(10));
        assert_eq!(AesBlock.check_params(&p)[0].message, "unknown lab parameter `rounds`; this engine takes `mode`");
        assert!(AesBlock.check_params(&params("ctr")).is_empty());
    }

    #[test]
    fn tool_errors_name_the_field_and_the_valid_sizes() {
        let seed = InstanceSeed([0; 32]);
        let inputs: BTreeMap<String, String> = crate::core::engines::inputs_of(&[("mode", "cbc"), ("key", "00"), ("iv", "00"), ("plaintext", "00")]);
        let err = AesBlock.run_tool(&params("cbc"), &seed, "encrypt", &inputs).unwrap_err();
        assert_eq!(err.en, "key is 1 byte; expected 16 bytes (32 hex digits) for AES-128");
        let mut inputs = inputs;
        inputs.insert("key".into(), "xyz".into());
        let err = AesBlock.run_tool(&params("cbc"), &seed, "encrypt", &inputs).unwrap_err();
        assert_eq!(err.en, "\"AES-128 key (hex, 16 bytes)\" must be hexadecimal, an even number of digits 0-9 a-f");
    }
}
