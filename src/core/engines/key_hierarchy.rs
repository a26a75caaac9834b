//! `key-hierarchy`: a fleet's per-device keys are derived from one master key with HKDF-SHA256
//! (RFC 5869), info = "seclab device key v1|" + device id. The server can recompute any device
//! key; a device holds only its own, and leaking it reveals neither the master nor its siblings.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Inputs, ToolRun, HKDF_TOOL};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

pub static SPEC: EngineSpec = EngineSpec {
    kind: "key-hierarchy",
    title: M::KeyHierarchyTitle,
    teaches: M::KeyHierarchyTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "master", doc: "The fleet's master key (hex, 32 bytes), the HKDF input keying material." },
        VarSpec { name: "salt", doc: "The HKDF salt (hex, 16 bytes)." },
        VarSpec { name: "device", doc: "The device's id, `sensor-NNNN`." },
        VarSpec { name: "info", doc: "The HKDF info for this device: `seclab device key v1|` followed by the device id." },
    ],
    checks: &[CheckSpec { name: "device-key", doc: "The device's key: HKDF-SHA256(salt, master, info), 16 bytes, in hex.", answer: AnswerKind::Hex }],
    tools: &[HKDF_TOOL],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub const INFO_PREFIX: &str = "seclab device key v1|";
pub const DEVICE_KEY_LEN: usize = 16;

pub fn device_id(seed: &InstanceSeed) -> String {
    let v = seed.value("device-id", 2);
    format!("sensor-{:04}", u16::from_be_bytes([v[0], v[1]]) % 10_000)
}

/// The key of any device of the fleet.
pub fn device_key(seed: &InstanceSeed, device: &str) -> Vec<u8> {
    crypto::hkdf_sha256(&seed.value("salt", 16), &seed.value("master", 32), format!("{INFO_PREFIX}{device}").as_bytes(), DEVICE_KEY_LEN).expect("16 bytes")
}

pub struct Instance {
    master: Vec<u8>,
    salt: Vec<u8>,
    device: String,
    key: Vec<u8>,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    let device = device_id(seed);
    Instance { master: seed.value("master", 32), salt: seed.value("salt", 16), key: device_key(seed, &device), device }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("master".into(), hex::encode(&self.master)),
            ("salt".into(), hex::encode(&self.salt)),
            ("info".into(), format!("{INFO_PREFIX}{}", self.device)),
            ("device".into(), self.device.clone()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "device-key").then(|| hex::encode(&self.key))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "hkdf" => crate::core::tools::run_hkdf(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::LabVerdict;
    use crate::core::tools::{inputs_of, Value};

    /// The learner's path through the HKDF tool gives the device key; devices differ.
    #[test]
    fn the_tool_derives_the_device_key_and_devices_get_distinct_keys() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "key-hierarchy");
        let lab = build(&Params::default(), &seed);
        let vars = lab.variables();
        let mut inputs = inputs_of(&[("salt", &vars["salt"]), ("ikm", &vars["master"]), ("info", &vars["info"]), ("length", "16")]);
        let okm = |inputs: &Inputs| lab.run_tool("hkdf", inputs).unwrap().get(M::HkdfOkm).and_then(Value::plain).unwrap();
        assert_eq!(Some(okm(&inputs)), lab.reference("device-key"));
        assert_ne!(device_key(&seed, "sensor-0001"), device_key(&seed, "sensor-0002"));
        // A 32-byte answer (the default length) is not the 16-byte key: unreadable, not wrong.
        inputs.insert("length".into(), "32".into());
        assert!(matches!(lab.grade("device-key", &okm(&inputs)), LabVerdict::Unreadable(_)));
    }
}
