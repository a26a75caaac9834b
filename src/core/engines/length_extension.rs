//! `sha256-length-extension`: a cloud API authenticates device requests with
//! token = SHA-256(key ‖ message). SHA-256's output is its whole internal state, so anyone can
//! continue hashing from a token: the learner appends `&admin=1` and forges a valid token
//! without the key. With `hmac = true` the API uses HMAC-SHA-256 and the forgery fails.
//!
//! The compression function comes from the `sha2` crate; only the padding (FIPS 180-4 §5.1.1)
//! is written out, because the attack is about it.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fixed API: HMAC-SHA-256 tokens.
    pub hmac: bool,
}

impl super::Params for Params {}

/// Lengths the tools accept: below 2⁴⁰ bytes.
const MAX_LENGTH: u64 = (1 << 40) - 1;

const PADDING_FIELDS: &[Field] = &[Field::new("length", M::LengthExtensionLength, FieldKind::Number { min: 0, max: MAX_LENGTH })];
const EXTEND_FIELDS: &[Field] = &[
    Field::new("state", M::LengthExtensionState, FieldKind::Hex { bytes: Some(32) }).prefill("token"),
    Field::new("processed", M::LengthExtensionProcessed, FieldKind::Number { min: 0, max: MAX_LENGTH }),
    Field::new("suffix", M::LengthExtensionSuffix, FieldKind::Text),
];
const SEND_FIELDS: &[Field] = &[
    Field::new("message", M::LengthExtensionMessage, FieldKind::Hex { bytes: None }).prefill("message_hex"),
    Field::new("token", M::LengthExtensionToken, FieldKind::Hex { bytes: Some(32) }).prefill("token"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "sha256-length-extension",
    title: M::LengthExtensionTitle,
    teaches: M::LengthExtensionTeaches,
    params: &[ParamSpec { name: "hmac", doc: "true: the fixed API, whose tokens are HMAC-SHA-256(key, message); the length extension fails.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "message", doc: "The captured request, as text (`device=...&cmd=status`)." },
        VarSpec { name: "message_hex", doc: "The same request in hex." },
        VarSpec { name: "token", doc: "The request's token (hex, 32 bytes)." },
        VarSpec { name: "key_length", doc: "The API key's length in bytes (16)." },
        VarSpec { name: "suffix", doc: "The text to append: `&admin=1`." },
    ],
    checks: &[CheckSpec { name: "forged-token", doc: "The token the API accepts for message ‖ glue padding ‖ `&admin=1`, in hex.", answer: AnswerKind::Hex }],
    tools: &[
        ToolSpec { id: "padding", title: M::LengthExtensionPadding, help: M::LengthExtensionPaddingHelp, button: M::LengthExtensionPaddingButton, fields: PADDING_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "extend", title: M::LengthExtensionExtend, help: M::LengthExtensionExtendHelp, button: M::LengthExtensionExtendButton, fields: EXTEND_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "send", title: M::LengthExtensionSend, help: M::LengthExtensionSendHelp, button: M::LengthExtensionSendButton, fields: SEND_FIELDS, oracle: true, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

pub fn message(seed: &InstanceSeed) -> String {
    format!("device={}&cmd=status", hex::encode(seed.value("device", 4)))
}

/// The forged message: original ‖ glue padding ‖ suffix.
pub fn forged_message(seed: &InstanceSeed) -> Vec<u8> {
    let m = message(seed).into_bytes();
    [&m[..], &padding((KEY_LEN + m.len()) as u64), SUFFIX.as_bytes()].concat()
}

/// A length field: a whole number below 2⁴⁰ (the old tools' reading, kept).
fn length_input(inputs: &Inputs, id: &str, label: M) -> Result<u64, Msg> {
    raw(inputs, id).trim().parse::<u64>().ok().filter(|n| *n <= MAX_LENGTH).ok_or_else(|| Msg::LengthExtensionNotNumber(label))
}

pub struct Instance {
    hmac: bool,
    key: Vec<u8>,
    message: String,
    forged: Vec<u8>,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { hmac: params.hmac, key: seed.value("key", KEY_LEN), message: message(seed), forged: forged_message(seed) }
}

impl Instance {
    /// What the API computes for a message.
    pub fn token(&self, message: &[u8]) -> [u8; 32] {
        if self.hmac {
            crypto::hmac_sha256(&self.key, message)
        } else {
            crypto::sha256(&[&self.key[..], message].concat())
        }
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("token".into(), hex::encode(self.token(self.message.as_bytes()))),
            ("message_hex".into(), hex::encode(self.message.as_bytes())),
            ("message".into(), self.message.clone()),
            ("key_length".into(), KEY_LEN.to_string()),
            ("suffix".into(), SUFFIX.into()),
        ])
    }

    /// The token the API accepts for message ‖ glue ‖ "&admin=1".
    fn reference(&self, check: &str) -> Option<String> {
        (check == "forged-token").then(|| hex::encode(self.token(&self.forged)))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "padding" => {
                let len = length_input(inputs, "length", M::LengthExtensionLength)?;
                Ok(vec![Output::new(M::LengthExtensionPaddingHex, Value::Hex(padding(len)))].into())
            }
            "extend" => {
                let state: [u8; 32] = hex_input(inputs, "state", M::LengthExtensionState)?.try_into().map_err(|_| Msg::LengthExtensionStateSize())?;
                let processed = length_input(inputs, "processed", M::LengthExtensionProcessed)?;
                if processed % 64 != 0 {
                    return Err(Msg::LengthExtensionNotBlock(processed));
                }
                let suffix = raw(inputs, "suffix");
                Ok(vec![Output::new(M::LengthExtensionDigest, Value::Hex(extend(&state, processed, suffix.as_bytes()).to_vec()))].into())
            }
            "send" => {
                let msg = hex_input(inputs, "message", M::LengthExtensionMessage)?;
                let given = hex_input(inputs, "token", M::LengthExtensionToken)?;
                let ok = bool::from(subtle::ConstantTimeEq::ct_eq(&given[..], &self.token(&msg)[..]));
                let admin = msg.windows(SUFFIX.len()).any(|w| w == SUFFIX.as_bytes());
                let label = match (ok, admin) {
                    (false, _) => M::LengthExtensionRejected,
                    (true, false) => M::LengthExtensionAccepted,
                    (true, true) => M::LengthExtensionAdmin,
                };
                Ok(ToolRun { outputs: vec![Output::new(label, Value::Text(if ok { "200" } else { "403" }.into()))], queries: 1 })
            }
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::LabVerdict;
    use crate::core::tools::inputs_of;

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
        // The same vector through the tools: the padding of "abc" and the extension from H0.
        let lab = build(&Params::default(), &InstanceSeed([0; 32]));
        let run = lab.run_tool("padding", &inputs_of(&[("length", "3")])).unwrap();
        assert_eq!(run.get(M::LengthExtensionPaddingHex), Some(&Value::Hex(padding(3))));
        let run = lab.run_tool("extend", &inputs_of(&[("state", &hex::encode(iv)), ("processed", "0"), ("suffix", "abc")])).unwrap();
        assert_eq!(run.get(M::LengthExtensionDigest).and_then(Value::plain).unwrap(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(lab.run_tool("extend", &inputs_of(&[("state", &hex::encode(iv)), ("processed", "3"), ("suffix", "abc")])).unwrap_err(), Msg::LengthExtensionNotBlock(3u64));
        assert_eq!(lab.run_tool("extend", &inputs_of(&[("state", "00"), ("processed", "0"), ("suffix", "abc")])).unwrap_err(), Msg::LengthExtensionStateSize());
        assert_eq!(lab.run_tool("padding", &inputs_of(&[("length", "-1")])).unwrap_err().en(), "\"Length of the hashed message (bytes)\" must be a positive whole number");
    }

    /// The attack forges a token the API accepts with admin rights, without the key.
    #[test]
    fn length_extension_forges_an_admin_token() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "length-extension");
            let lab = build(&Params::default(), &seed);
            let vars = lab.variables();
            let token: [u8; 32] = hex::decode(&vars["token"]).unwrap().try_into().unwrap();
            let processed = (KEY_LEN + vars["message"].len() + padding((KEY_LEN + vars["message"].len()) as u64).len()) as u64;
            let forged = extend(&token, processed, SUFFIX.as_bytes());
            let answer = lab.run_tool("send", &inputs_of(&[("message", &hex::encode(forged_message(&seed))), ("token", &hex::encode(forged))])).unwrap();
            assert_eq!(answer.outputs[0].value, Value::Text("200".into()));
            assert_eq!(answer.outputs[0].label, Msg::LengthExtensionAdmin());
            assert!(answer.outputs[0].label.en().contains("administrator"));
            assert_eq!(answer.queries, 1);
            assert_eq!(lab.grade("forged-token", &hex::encode(forged)), LabVerdict::Correct);
            // The genuine request passes without admin rights.
            let genuine = lab.run_tool("send", &inputs_of(&[("message", &vars["message_hex"]), ("token", &vars["token"])])).unwrap();
            assert_eq!(genuine.get(M::LengthExtensionAccepted), Some(&Value::Text("200".into())));
        }
    }

    /// HMAC is not extendable: the same forgery is rejected.
    #[test]
    fn hmac_defeats_the_extension() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "length-extension");
        let lab = build(&Params { hmac: true }, &seed);
        let vars = lab.variables();
        let token: [u8; 32] = hex::decode(&vars["token"]).unwrap().try_into().unwrap();
        let processed = (KEY_LEN + vars["message"].len() + padding((KEY_LEN + vars["message"].len()) as u64).len()) as u64;
        let forged = extend(&token, processed, SUFFIX.as_bytes());
        let answer = lab.run_tool("send", &inputs_of(&[("message", &hex::encode(forged_message(&seed))), ("token", &hex::encode(forged))])).unwrap();
        assert_eq!(answer.outputs[0].value, Value::Text("403".into()));
        assert_eq!(answer.outputs[0].label, Msg::LengthExtensionRejected());
    }
}
