//! `hmac-challenge`: a gateway authenticates a sensor by challenge-response. The learner is the
//! sensor: from its provisioned key and the gateway's challenge, it computes
//! HMAC-SHA-256(key, challenge) (RFC 2104), as the firmware would.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct HmacChallenge;

const KEY: L10n = L10n { fr: "Clé (hex)", en: "Key (hex)" };
const DATA: L10n = L10n { fr: "Données (hex)", en: "Data (hex)" };
static HMAC_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "key", label: KEY, kind: InputKind::Hex { bytes: None }, prefill: Some("device_key") },
    InputSpec { id: "data", label: DATA, kind: InputKind::Hex { bytes: None }, prefill: Some("challenge") },
];

impl Engine for HmacChallenge {
    fn kind(&self) -> &'static str {
        "hmac-challenge"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Défi-réponse HMAC-SHA-256", en: "HMAC-SHA-256 challenge-response" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "L'apprenant est le capteur. Sans paramètre. Variables : device_key, challenge. Contrôle : response.",
            en: "The learner is the sensor. No parameter. Variables: device_key, challenge. Check: response.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["device_key", "challenge"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        BTreeMap::from([("device_key".to_string(), hex::encode(seed.value("device-key", 16))), ("challenge".to_string(), hex::encode(seed.value("challenge", 16)))])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["response"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "response").then(|| hex::encode(crypto::hmac_sha256(&seed.value("device-key", 16), &seed.value("challenge", 16))))
    }

    fn workbench_link(&self, _params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        Some(("hmac", vec![("algorithm", "sha-256".into()), ("key_encoding", "hex".into()), ("key", vars.get("device_key")?.clone()), ("encoding", "hex".into()), ("data", vars.get("challenge")?.clone())]))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![ToolSpec {
            id: "hmac",
            title: L10n { fr: "HMAC-SHA-256", en: "HMAC-SHA-256" },
            help: L10n { fr: "HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), RFC 2104.", en: "HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), RFC 2104." },
            inputs: &HMAC_INPUTS,
            button: L10n { fr: "Calculer", en: "Compute" },
            oracle: false,
        }]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        if tool != "hmac" {
            return Err(super::unknown_tool(tool));
        }
        let key = hex_input(inputs, "key", KEY)?;
        let data = hex_input(inputs, "data", DATA)?;
        Ok(vec![ToolOutput { label: L10n { fr: "Réponse HMAC (hex)", en: "HMAC response (hex)" }, value: hex::encode(crypto::hmac_sha256(&key, &data)) }].into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 §4.2 (Test Case 1): key = 20 × 0x0b, data "Hi There", through the tool.
    #[test]
    fn the_tool_reproduces_rfc4231_case1() {
        let seed = InstanceSeed([0; 32]);
        let inputs: BTreeMap<String, String> = [("key", "0b".repeat(20)), ("data", hex::encode("Hi There"))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let out = HmacChallenge.run_tool(&Params::new(), &seed, "hmac", &inputs).unwrap();
        assert_eq!(out.outputs[0].value, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        let tampered: BTreeMap<String, String> = [("key", "0b".repeat(19)), ("data", hex::encode("Hi There"))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_ne!(HmacChallenge.run_tool(&Params::new(), &seed, "hmac", &tampered).unwrap().outputs[0].value, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    /// Another device's key, or a replayed old challenge's answer, does not pass.
    #[test]
    fn another_key_or_challenge_gives_another_response() {
        let a = InstanceSeed::derive(&[1; 32], "p", "hmac-challenge");
        let b = InstanceSeed::derive(&[2; 32], "p", "hmac-challenge");
        let ra = HmacChallenge.reference(&Params::new(), &a, "response").unwrap();
        assert_eq!(HmacChallenge.grade(&Params::new(), &b, "response", &ra), super::super::LabVerdict::Wrong);
    }
}
