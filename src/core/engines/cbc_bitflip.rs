//! `cbc-bitflip`: a smart lock accepts AES-128-CBC encrypted commands without authentication.
//! The learner knows the plaintext of a captured command and changes the IV so that the lock
//! decrypts another command (CBC: flipping a bit of C₀ = IV flips the same bit of P₁). With
//! `mac = true` the lock checks an HMAC over IV‖ciphertext first, and the forgery is refused.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, optional_hex_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value, XOR_TOOL};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fixed lock: checks an HMAC over IV‖ciphertext before decrypting.
    pub mac: bool,
}

impl super::Params for Params {}

const SEND_FIELDS: &[Field] = &[
    Field::new("iv", M::CbcBitflipIv, FieldKind::Hex { bytes: Some(16) }).prefill("iv"),
    Field::new("ciphertext", M::CbcBitflipCiphertext, FieldKind::Hex { bytes: None }).prefill("ciphertext"),
    Field::new("tag", M::CbcBitflipTag, FieldKind::Hex { bytes: Some(32) }).prefill("tag"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "cbc-bitflip",
    title: M::CbcBitflipTitle,
    teaches: M::CbcBitflipTeaches,
    params: &[ParamSpec { name: "mac", doc: "true: the fixed lock, which checks an HMAC over IV and ciphertext before decrypting; the forged IV is refused.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "iv", doc: "The captured command's IV (hex, 16 bytes)." },
        VarSpec { name: "ciphertext", doc: "The captured command's ciphertext (hex, whole blocks)." },
        VarSpec { name: "tag", doc: "The command's HMAC tag with `mac = true` (hex, 32 bytes), empty otherwise." },
        VarSpec { name: "captured", doc: "The captured command's first block, known from the protocol: `cmd=set_temp:21;`." },
        VarSpec { name: "target", doc: "The command the learner must make the lock run: `cmd=unlock_door;`." },
    ],
    checks: &[CheckSpec { name: "forged-iv", doc: "The IV that makes the lock run `target`: IV ⊕ captured ⊕ target, in hex.", answer: AnswerKind::Hex }],
    tools: &[ToolSpec { id: "send", title: M::CbcBitflipSend, help: M::CbcBitflipSendHelp, button: M::CbcBitflipSendButton, fields: SEND_FIELDS, oracle: true, cost: Cost::Light, after_solving: false }, XOR_TOOL],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

/// The IV that makes the first block read TARGET: IV ⊕ CAPTURED ⊕ TARGET.
pub fn forged_iv(seed: &InstanceSeed) -> Vec<u8> {
    iv(seed).iter().zip(CAPTURED.as_bytes()).zip(TARGET.as_bytes()).map(|((v, p), t)| v ^ p ^ t).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockAnswer {
    /// The command the lock executed (the first block, read as text).
    Executed(String),
    Unreadable,
    Rejected,
}

pub struct Instance {
    mac: bool,
    key: Vec<u8>,
    mac_key: Vec<u8>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    forged_iv: Vec<u8>,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { mac: params.mac, key: key(seed), mac_key: mac_key(seed), iv: iv(seed), ciphertext: ciphertext(seed), forged_iv: forged_iv(seed) }
}

impl Instance {
    /// The lock: checks the tag if it is the fixed model, decrypts, and runs the first block.
    pub fn lock(&self, iv: &[u8], ct: &[u8], tag: Option<&[u8]>) -> LockAnswer {
        if self.mac && !crypto::hmac_sha256_verify(&self.mac_key, &[iv, ct].concat(), tag) {
            return LockAnswer::Rejected;
        }
        let Ok(pt) = crypto::aes128_cbc_decrypt(&self.key, iv, ct) else { return LockAnswer::Unreadable };
        match std::str::from_utf8(&pt[..16]) {
            Ok(cmd) if cmd.starts_with("cmd=") => LockAnswer::Executed(cmd.trim_end_matches(';').trim_start_matches("cmd=").to_string()),
            _ => LockAnswer::Unreadable,
        }
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let tag = if self.mac { hex::encode(crypto::hmac_sha256(&self.mac_key, &[self.iv.as_slice(), &self.ciphertext].concat())) } else { String::new() };
        Vars::from([
            ("iv".into(), hex::encode(&self.iv)),
            ("ciphertext".into(), hex::encode(&self.ciphertext)),
            ("tag".into(), tag),
            ("captured".into(), CAPTURED.into()),
            ("target".into(), TARGET.into()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "forged-iv").then(|| hex::encode(&self.forged_iv))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "send" => {
                let iv = hex_input(inputs, "iv", M::CbcBitflipIv)?;
                let ct = hex_input(inputs, "ciphertext", M::CbcBitflipCiphertext)?;
                let tag = optional_hex_input(inputs, "tag", M::CbcBitflipTag)?;
                let output = match self.lock(&iv, &ct, tag.as_deref()) {
                    LockAnswer::Executed(cmd) => Output::new(M::CbcBitflipExecuted, Value::Text(cmd)),
                    LockAnswer::Unreadable => Output::new(M::CbcBitflipUnreadable, Value::Text("-".into())),
                    LockAnswer::Rejected => Output::new(M::CbcBitflipRejected, Value::Text("401".into())),
                };
                Ok(ToolRun { outputs: vec![output], queries: 1 })
            }
            "xor" => crate::core::tools::run_xor(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::LabVerdict;
    use crate::core::tools::inputs_of;

    fn lab(mac: bool, seed: &InstanceSeed) -> Instance {
        build(&Params { mac }, seed)
    }

    #[test]
    fn the_captured_command_runs_and_the_forged_iv_unlocks() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "cbc-bitflip");
            let l = lab(false, &seed);
            assert_eq!(l.lock(&iv(&seed), &ciphertext(&seed), None), LockAnswer::Executed("set_temp:21".into()));
            // The attack: IV' = IV ⊕ known ⊕ wanted, through the learner's XOR tool.
            let x = |a: &[u8], b: &[u8]| match l.run_tool("xor", &inputs_of(&[("a", &hex::encode(a)), ("b", &hex::encode(b))])).unwrap().get(M::XorHex) {
                Some(Value::Hex(bytes)) => bytes.clone(),
                other => panic!("{other:?}"),
            };
            let delta = x(CAPTURED.as_bytes(), TARGET.as_bytes());
            let forged = x(&iv(&seed), &delta);
            assert_eq!(l.lock(&forged, &ciphertext(&seed), None), LockAnswer::Executed("unlock_door".into()));
            assert_eq!(l.grade("forged-iv", &hex::encode(&forged)), LabVerdict::Correct);
            assert_eq!(l.grade("forged-iv", &hex::encode(iv(&seed))), LabVerdict::Wrong);
        }
    }

    /// The send tool: the lock runs the forged command and says so; one query per frame.
    #[test]
    fn the_send_tool_reports_what_the_lock_did() {
        let seed = InstanceSeed::derive(&[2; 32], "seclab-core", "cbc-bitflip");
        let l = lab(false, &seed);
        let vars = l.variables();
        let run = l.run_tool("send", &inputs_of(&[("iv", &hex::encode(forged_iv(&seed))), ("ciphertext", &vars["ciphertext"]), ("tag", "")])).unwrap();
        assert_eq!(run.queries, 1);
        assert_eq!(run.get(M::CbcBitflipExecuted), Some(&Value::Text("unlock_door".into())));
        // A scrambled first block is not a command.
        let run = l.run_tool("send", &inputs_of(&[("iv", &"00".repeat(16)), ("ciphertext", &vars["ciphertext"])])).unwrap();
        assert_eq!(run.get(M::CbcBitflipUnreadable), Some(&Value::Text("-".into())));
    }

    /// The fixed lock checks an HMAC over IV‖ciphertext: the genuine frame runs, the forgery does not.
    #[test]
    fn the_mac_stops_the_forgery() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "cbc-bitflip");
        let l = lab(true, &seed);
        let tag = hex::decode(&l.variables()["tag"]).unwrap();
        assert_eq!(l.lock(&iv(&seed), &ciphertext(&seed), Some(&tag)), LockAnswer::Executed("set_temp:21".into()));
        assert_eq!(l.lock(&forged_iv(&seed), &ciphertext(&seed), Some(&tag)), LockAnswer::Rejected);
        assert_eq!(l.lock(&forged_iv(&seed), &ciphertext(&seed), None), LockAnswer::Rejected);
        let run = l.run_tool("send", &inputs_of(&[("iv", &hex::encode(forged_iv(&seed))), ("ciphertext", &hex::encode(ciphertext(&seed))), ("tag", &hex::encode(&tag))])).unwrap();
        assert_eq!(run.get(M::CbcBitflipRejected), Some(&Value::Text("401".into())));
    }
}
