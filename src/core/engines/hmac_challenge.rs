//! `hmac-challenge`: a gateway authenticates a sensor by challenge-response. The learner is the
//! sensor: from its provisioned key and the gateway's challenge, it computes
//! HMAC-SHA-256(key, challenge) (RFC 2104), as the firmware would.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

const HMAC_FIELDS: &[Field] = &[
    Field::new("key", M::HmacChallengeKey, FieldKind::Hex { bytes: None }).prefill("device_key"),
    Field::new("data", M::HmacChallengeData, FieldKind::Hex { bytes: None }).prefill("challenge"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "hmac-challenge",
    title: M::HmacChallengeTitle,
    teaches: M::HmacChallengeTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "device_key", doc: "The sensor's provisioned key (hex, 16 bytes)." },
        VarSpec { name: "challenge", doc: "The gateway's challenge (hex, 16 bytes)." },
    ],
    checks: &[CheckSpec { name: "response", doc: "HMAC-SHA-256(device_key, challenge), in hex (32 bytes).", answer: AnswerKind::Hex }],
    tools: &[ToolSpec { id: "hmac", title: M::HmacChallengeTool, help: M::HmacChallengeToolHelp, button: M::HmacChallengeButton, fields: HMAC_FIELDS, oracle: false, cost: Cost::Light, after_solving: false }],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub struct Instance {
    device_key: Vec<u8>,
    challenge: Vec<u8>,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { device_key: seed.value("device-key", 16), challenge: seed.value("challenge", 16) }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([("device_key".into(), hex::encode(&self.device_key)), ("challenge".into(), hex::encode(&self.challenge))])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "response").then(|| hex::encode(crypto::hmac_sha256(&self.device_key, &self.challenge)))
    }

    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let (key, data) = (hex::encode(&self.device_key), hex::encode(&self.challenge));
        Some(WorkbenchLink::new("hmac", &[("algorithm", "sha-256"), ("key_encoding", "hex"), ("key", &key), ("encoding", "hex"), ("data", &data)]))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        if tool != "hmac" {
            return Err(Msg::UnknownTool(tool));
        }
        let key = hex_input(inputs, "key", M::HmacChallengeKey)?;
        let data = hex_input(inputs, "data", M::HmacChallengeData)?;
        Ok(vec![Output::new(M::HmacChallengeResponse, Value::Hex(crypto::hmac_sha256(&key, &data).to_vec()))].into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::LabVerdict;
    use crate::core::tools::inputs_of;

    fn response(run: ToolRun) -> String {
        run.get(M::HmacChallengeResponse).and_then(Value::plain).unwrap()
    }

    /// RFC 4231 §4.2 (Test Case 1): key = 20 × 0x0b, data "Hi There", through the tool.
    #[test]
    fn the_tool_reproduces_rfc4231_case1() {
        let lab = build(&Params::default(), &InstanceSeed([0; 32]));
        let out = lab.run_tool("hmac", &inputs_of(&[("key", &"0b".repeat(20)), ("data", &hex::encode("Hi There"))])).unwrap();
        assert_eq!(response(out), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        let tampered = lab.run_tool("hmac", &inputs_of(&[("key", &"0b".repeat(19)), ("data", &hex::encode("Hi There"))])).unwrap();
        assert_ne!(response(tampered), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    /// The learner's path: the prefilled tool gives the reference.
    #[test]
    fn the_prefilled_tool_gives_the_response() {
        let lab = build(&Params::default(), &InstanceSeed::derive(&[4; 32], "p", "hmac-challenge"));
        let vars = lab.variables();
        let out = lab.run_tool("hmac", &inputs_of(&[("key", &vars["device_key"]), ("data", &vars["challenge"])])).unwrap();
        assert_eq!(Some(response(out)), lab.reference("response"));
        let link = lab.workbench_link().unwrap();
        assert_eq!(link.tool, "hmac");
        assert!(link.fields.contains(&("key".to_string(), vars["device_key"].clone())) && link.fields.contains(&("data".to_string(), vars["challenge"].clone())));
    }

    /// Another device's key, or a replayed old challenge's answer, does not pass.
    #[test]
    fn another_key_or_challenge_gives_another_response() {
        let a = build(&Params::default(), &InstanceSeed::derive(&[1; 32], "p", "hmac-challenge"));
        let b = build(&Params::default(), &InstanceSeed::derive(&[2; 32], "p", "hmac-challenge"));
        let ra = a.reference("response").unwrap();
        assert_eq!(b.grade("response", &ra), LabVerdict::Wrong);
        assert_eq!(a.grade("response", &ra), LabVerdict::Correct);
    }
}
