//! `key-hierarchy`: a fleet's per-device keys are derived from one master key with HKDF-SHA256
//! (RFC 5869), info = "seclab device key v1|" + device id. The server can recompute any device
//! key; a device holds only its own, and leaking it reveals neither the master nor its siblings.

use std::collections::BTreeMap;

use super::{unknown_params, Engine, InstanceSeed, ParamError, Params, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct KeyHierarchy;

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

impl Engine for KeyHierarchy {
    fn kind(&self) -> &'static str {
        "key-hierarchy"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Clés par objet dérivées d'une clé maîtresse", en: "Per-device keys derived from a master key" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Dérivation HKDF-SHA256 d'une clé par objet. Sans paramètre. Variables : master, salt, device, info. Contrôle : device-key.",
            en: "HKDF-SHA256 derivation of one key per device. No parameter. Variables: master, salt, device, info. Check: device-key.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["master", "salt", "device", "info"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let device = device_id(seed);
        BTreeMap::from([
            ("master".to_string(), hex::encode(seed.value("master", 32))),
            ("salt".to_string(), hex::encode(seed.value("salt", 16))),
            ("info".to_string(), format!("{INFO_PREFIX}{device}")),
            ("device".to_string(), device),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["device-key"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "device-key").then(|| hex::encode(device_key(seed, &device_id(seed))))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![super::hkdf_tool()]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "hkdf" => super::run_hkdf(inputs).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The learner's path through the HKDF tool gives the device key; devices differ.
    #[test]
    fn the_tool_derives_the_device_key_and_devices_get_distinct_keys() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "key-hierarchy");
        let vars = KeyHierarchy.variables(&Params::new(), &seed);
        let inputs: BTreeMap<String, String> = [("salt", vars["salt"].clone()), ("ikm", vars["master"].clone()), ("info", vars["info"].clone()), ("length", "16".to_string())].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let out = KeyHierarchy.run_tool(&Params::new(), &seed, "hkdf", &inputs).unwrap();
        assert_eq!(Some(out.outputs[1].value.clone()), KeyHierarchy.reference(&Params::new(), &seed, "device-key"));
        assert_ne!(device_key(&seed, "sensor-0001"), device_key(&seed, "sensor-0002"));
        // A 32-byte answer (the default length) is not the 16-byte key: unreadable, not wrong.
        let mut long = inputs.clone();
        long.insert("length".into(), "32".into());
        let out32 = KeyHierarchy.run_tool(&Params::new(), &seed, "hkdf", &long).unwrap();
        assert!(matches!(KeyHierarchy.grade(&Params::new(), &seed, "device-key", &out32.outputs[1].value), super::super::LabVerdict::Unreadable(_)));
    }
}
