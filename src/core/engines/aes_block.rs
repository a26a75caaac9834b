//! `aes-block`: the learner computes AES-128 in ECB, CBC or CTR mode for their own key and
//! plaintext, with an embedded encryptor. In ECB the two plaintext blocks are equal, so the
//! learner sees the repeated ciphertext block that makes ECB leak.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, ParamKind, ParamSpec, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, select_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Ecb,
    Cbc,
    Ctr,
}

impl Mode {
    fn name(self) -> &'static str {
        MODES[self as usize]
    }
}

const MODES: &[&str] = &["ecb", "cbc", "ctr"];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Required: there is no sensible default mode for a lesson.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
}

impl super::Params for Params {}

const FIELDS: &[Field] = &[
    Field::new("mode", M::AesBlockMode, FieldKind::Select(MODES)).prefill("mode"),
    Field::new("key", M::AesBlockKey, FieldKind::Hex { bytes: Some(16) }).prefill("key"),
    Field::new("iv", M::AesBlockIv, FieldKind::Hex { bytes: Some(16) }).prefill("iv"),
    Field::new("plaintext", M::AesBlockPlaintext, FieldKind::Hex { bytes: None }).prefill("plaintext"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "aes-block",
    title: M::AesBlockTitle,
    teaches: M::AesBlockTeaches,
    params: &[ParamSpec { name: "mode", doc: "The block cipher mode of the instance and of its encryptor.", kind: ParamKind::OneOf(MODES), required: true, expect: "one of \"ecb\", \"cbc\", \"ctr\"", example: "\"ecb\"" }],
    variables: &[
        VarSpec { name: "mode", doc: "The mode, as written in the parameters." },
        VarSpec { name: "key", doc: "The learner's AES-128 key (hex, 16 bytes)." },
        VarSpec { name: "iv", doc: "The IV (CBC) or initial counter block (CTR), hex, 16 bytes; unused in ECB." },
        VarSpec { name: "plaintext", doc: "Two plaintext blocks (hex, 32 bytes); in ECB the same block twice." },
    ],
    checks: &[CheckSpec { name: "ciphertext", doc: "The encryption of `plaintext` under `key` (and `iv`), in hex.", answer: AnswerKind::Hex }],
    tools: &[ToolSpec { id: "encrypt", title: M::AesBlockEncrypt, help: M::AesBlockEncryptHelp, button: M::AesBlockEncryptButton, fields: FIELDS, oracle: false, cost: Cost::Light, after_solving: false }],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub fn encrypt(mode: &str, key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, crypto::CryptoError> {
    match mode {
        "cbc" => crypto::aes128_cbc_encrypt(key, iv, plaintext),
        "ctr" => crypto::aes128_ctr_apply(key, iv, plaintext),
        _ => crypto::aes128_ecb_encrypt(key, plaintext),
    }
}

pub struct Instance {
    mode: Mode,
    key: Vec<u8>,
    iv: Vec<u8>,
    plaintext: Vec<u8>,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let mode = params.mode.unwrap_or(Mode::Ecb);
    // Two blocks; in ECB the same block twice, so that the leak shows in the learner's own result.
    let plaintext = if mode == Mode::Ecb {
        let block = seed.value("plaintext", 16);
        [block.clone(), block].concat()
    } else {
        seed.value("plaintext", 32)
    };
    Instance { mode, key: seed.value("key", 16), iv: seed.value("iv", 16), plaintext }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("mode".into(), self.mode.name().into()),
            ("key".into(), hex::encode(&self.key)),
            ("iv".into(), hex::encode(&self.iv)),
            ("plaintext".into(), hex::encode(&self.plaintext)),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "ciphertext").then(|| hex::encode(encrypt(self.mode.name(), &self.key, &self.iv, &self.plaintext).expect("instance sizes are valid")))
    }

    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let (key, plaintext) = (hex::encode(&self.key), hex::encode(&self.plaintext));
        let iv = if self.mode == Mode::Ecb { String::new() } else { hex::encode(&self.iv) };
        let mut fields = vec![("operation", "encrypt"), ("mode", self.mode.name()), ("padding", "none"), ("key", key.as_str()), ("data", plaintext.as_str())];
        if !iv.is_empty() {
            fields.push(("iv", iv.as_str()));
        }
        Some(WorkbenchLink::new("aes", &fields))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        if tool != "encrypt" {
            return Err(Msg::UnknownTool(tool));
        }
        let mode = select_input(inputs, "mode", M::AesBlockMode, MODES)?;
        let key = hex_input(inputs, "key", M::AesBlockKey)?;
        let iv = if mode == "ecb" { vec![0; 16] } else { hex_input(inputs, "iv", M::AesBlockIv)? };
        let pt = hex_input(inputs, "plaintext", M::AesBlockPlaintext)?;
        let ct = encrypt(mode, &key, &iv, &pt).map_err(|e| e.msg())?;
        Ok(vec![Output::new(M::AesBlockCiphertext, Value::Blocks(ct))].into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn instance(mode: Mode, seed: &InstanceSeed) -> Instance {
        build(&Params { mode: Some(mode) }, seed)
    }

    fn ciphertext(run: ToolRun) -> String {
        run.get(M::AesBlockCiphertext).and_then(Value::plain).unwrap()
    }

    /// NIST SP 800-38A F.1.1 (ECB), F.2.1 (CBC) and F.5.1 (CTR), first block each.
    #[test]
    fn the_tool_reproduces_nist_sp800_38a_f11_f21_f51() {
        let lab = instance(Mode::Ecb, &InstanceSeed([0; 32]));
        let run = |mode: &str, iv: &str| ciphertext(lab.run_tool("encrypt", &inputs_of(&[("mode", mode), ("key", "2b7e151628aed2a6abf7158809cf4f3c"), ("iv", iv), ("plaintext", "6bc1bee22e409f96e93d7e117393172a")])).unwrap());
        assert_eq!(run("ecb", ""), "3ad77bb40d7a3660a89ecaf32466ef97");
        assert_eq!(run("cbc", "000102030405060708090a0b0c0d0e0f"), "7649abac8119b246cee98e9b12e9197d");
        assert_eq!(run("ctr", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"), "874d6191b620e3261bef6864990db6ce");
        // Tampered: a different counter block gives another result.
        assert_ne!(run("ctr", "f0f1f2f3f4f5f6f7f8f9fafbfcfdfefe"), "874d6191b620e3261bef6864990db6ce");
    }

    /// The workbench, opened from an instance, computes the same ciphertext as the engine.
    #[test]
    fn the_workbench_link_reproduces_the_reference() {
        for mode in [Mode::Ecb, Mode::Cbc, Mode::Ctr] {
            let lab = instance(mode, &InstanceSeed::derive(&[6; 32], "p", "e"));
            let link = lab.workbench_link().unwrap();
            let tool = crate::core::workbench::info(&link.tool).unwrap();
            let mut inputs = crate::core::workbench::defaults(tool);
            inputs.extend(link.fields);
            let run = crate::core::workbench::run(&link.tool, &inputs).unwrap();
            assert_eq!(run.outputs[0].value.plain().map(|v| v.replace(' ', "")), lab.reference("ciphertext"), "{mode:?}");
        }
    }

    #[test]
    fn ecb_instance_shows_the_repeated_block() {
        let seed = InstanceSeed::derive(&[3; 32], "p", "e");
        let ct = instance(Mode::Ecb, &seed).reference("ciphertext").unwrap();
        assert_eq!(&ct[..32], &ct[32..]);
        let ct = instance(Mode::Cbc, &seed).reference("ciphertext").unwrap();
        assert_ne!(&ct[..32], &ct[32..]);
    }

    #[test]
    fn tool_errors_name_the_field_and_the_valid_sizes() {
        let lab = instance(Mode::Cbc, &InstanceSeed([0; 32]));
        let mut inputs = inputs_of(&[("mode", "cbc"), ("key", "00"), ("iv", "00"), ("plaintext", "00")]);
        assert_eq!(lab.run_tool("encrypt", &inputs).unwrap_err().en(), "key is 1 byte; expected 16 bytes (32 hex digits) for AES-128");
        inputs.insert("key".into(), "xyz".into());
        assert_eq!(lab.run_tool("encrypt", &inputs).unwrap_err().en(), "\"AES-128 key (hex, 16 bytes)\" must be hexadecimal, an even number of digits 0-9 a-f");
    }
}
