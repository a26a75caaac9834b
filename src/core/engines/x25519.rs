//! `x25519`: the learner is Alice. From their own private key and Bob's public key they compute
//! their public key, the X25519 shared secret (RFC 7748) and a session key with HKDF-SHA256
//! (RFC 5869), as a sensor and its gateway would.

use std::collections::BTreeMap;

use super::{crypto_error, ToolRun, hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, Params, ParamError, ToolOutput, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct X25519Exchange;

const DEFAULT_INFO: &str = "seclab session v1";
const SESSION_KEY_LEN: usize = 32;

fn info(params: &Params) -> String {
    params.get("info").and_then(|v| v.as_str()).unwrap_or(DEFAULT_INFO).to_string()
}

const PRIVATE: L10n = L10n { fr: "Clé privée (hex, 32 octets)", en: "Private key (hex, 32 bytes)" };
const PUBLIC: L10n = L10n { fr: "Clé publique de l'autre partie (hex, 32 octets)", en: "Other party's public key (hex, 32 bytes)" };
static PUBLIC_INPUTS: [InputSpec; 1] =
    [InputSpec { id: "private", label: PRIVATE, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("alice_private") }];
static SHARED_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "private", label: PRIVATE, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("alice_private") },
    InputSpec { id: "public", label: PUBLIC, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("bob_public") },
];

impl X25519Exchange {
    fn alice_private(seed: &InstanceSeed) -> Vec<u8> {
        seed.value("alice_private", 32)
    }

    fn bob_public(seed: &InstanceSeed) -> [u8; 32] {
        crypto::x25519_public(&seed.value("bob_private", 32)).expect("32-byte scalar")
    }

    fn shared(seed: &InstanceSeed) -> [u8; 32] {
        crypto::x25519_shared(&Self::alice_private(seed), &Self::bob_public(seed)).expect("32-byte inputs")
    }
}

impl Engine for X25519Exchange {
    fn kind(&self) -> &'static str {
        "x25519"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Échange X25519 et clé de session HKDF", en: "X25519 exchange and HKDF session key" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "L'apprenant est Alice. Paramètre facultatif : info (texte passé à HKDF). Variables : alice_private, bob_public, salt, info. Contrôles : alice-public, shared-secret, session-key.",
            en: "The learner is Alice. Optional parameter: info (text given to HKDF). Variables: alice_private, bob_public, salt, info. Checks: alice-public, shared-secret, session-key.",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["info"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        if let Some(v) = params.get("info") {
            if !v.is_str() {
                errors.push(ParamError {
                    key: "info".into(),
                    message: format!("`info` is {v}; expected a quoted text"),
                    fix: "write `info = \"...\"`".into(),
                });
            }
        }
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["alice_private", "bob_public", "salt", "info"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("alice_private".to_string(), hex::encode(Self::alice_private(seed))),
            ("bob_public".to_string(), hex::encode(Self::bob_public(seed))),
            ("salt".to_string(), hex::encode(seed.value("salt", 16))),
            ("info".to_string(), info(params)),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["alice-public", "shared-secret", "session-key"]
    }

    fn reference(&self, params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        match check {
            "alice-public" => Some(hex::encode(crypto::x25519_public(&Self::alice_private(seed)).ok()?)),
            "shared-secret" => Some(hex::encode(Self::shared(seed))),
            "session-key" => {
                let key = crypto::hkdf_sha256(&seed.value("salt", 16), &Self::shared(seed), info(params).as_bytes(), SESSION_KEY_LEN).ok()?;
                Some(hex::encode(key))
            }
            _ => None,
        }
    }

    fn workbench_link(&self, _params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        Some((
            "hkdf",
            vec![
                ("salt", vars.get("salt")?.clone()),
                ("ikm", String::new()),
                ("info_encoding", "utf8".into()),
                ("info", vars.get("info")?.clone()),
                ("length", SESSION_KEY_LEN.to_string()),
            ],
        ))
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "public-key",
                title: L10n { fr: "Clé publique X25519", en: "X25519 public key" },
                help: L10n { fr: "Multiplie le point de base (u = 9) par la clé privée.", en: "Multiplies the base point (u = 9) by the private key." },
                inputs: &PUBLIC_INPUTS,
                button: L10n { fr: "Calculer la clé publique", en: "Compute the public key" },
                oracle: false,
            },
            ToolSpec {
                id: "shared-secret",
                title: L10n { fr: "Secret partagé X25519", en: "X25519 shared secret" },
                help: L10n { fr: "X25519(ma clé privée, sa clé publique), RFC 7748.", en: "X25519(my private key, their public key), RFC 7748." },
                inputs: &SHARED_INPUTS,
                button: L10n { fr: "Calculer le secret partagé", en: "Compute the shared secret" },
                oracle: false,
            },
            super::hkdf_tool(),
        ]
    }

    fn run_tool(&self, _params: &Params, _seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "public-key" => {
                let private = hex_input(inputs, "private", PRIVATE)?;
                let public = crypto::x25519_public(&private).map_err(crypto_error)?;
                Ok(vec![ToolOutput { label: L10n { fr: "Clé publique", en: "Public key" }, value: hex::encode(public) }].into())
            }
            "shared-secret" => {
                let private = hex_input(inputs, "private", PRIVATE)?;
                let public = hex_input(inputs, "public", PUBLIC)?;
                let shared = crypto::x25519_shared(&private, &public).map_err(crypto_error)?;
                Ok(vec![ToolOutput { label: L10n { fr: "Secret partagé", en: "Shared secret" }, value: hex::encode(shared) }].into())
            }
            "hkdf" => super::run_hkdf(inputs).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// RFC 7748 section 6.1, through the tools the learner uses.
    #[test]
    fn tools_reproduce_rfc7748_6_1() {
        let seed = InstanceSeed([0; 32]);
        let p = Params::new();
        let out = X25519Exchange
            .run_tool(&p, &seed, "public-key", &inputs(&[("private", "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")]))
            .unwrap();
        assert_eq!(out.outputs[0].value, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        let out = X25519Exchange
            .run_tool(
                &p,
                &seed,
                "shared-secret",
                &inputs(&[
                    ("private", "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"),
                    ("public", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
                ]),
            )
            .unwrap();
        assert_eq!(out.outputs[0].value, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        // Tampered public key: another secret.
        let out = X25519Exchange
            .run_tool(
                &p,
                &seed,
                "shared-secret",
                &inputs(&[
                    ("private", "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"),
                    ("public", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6b"),
                ]),
            )
            .unwrap();
        assert_ne!(out.outputs[0].value, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    /// RFC 5869 Appendix A.1 through the HKDF tool (info given as text here, so A.1's binary
    /// info is checked by the crypto tests; this checks the PRK and that the tool wiring is right).
    #[test]
    fn hkdf_tool_gives_the_rfc5869_a1_prk() {
        let seed = InstanceSeed([0; 32]);
        let out = X25519Exchange
            .run_tool(
                &Params::new(),
                &seed,
                "hkdf",
                &inputs(&[("salt", "000102030405060708090a0b0c"), ("ikm", &"0b".repeat(22)), ("info", ""), ("length", "42")]),
            )
            .unwrap();
        assert_eq!(out.outputs[0].value, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assert_eq!(out.outputs[1].value.len(), 84);
        let err = X25519Exchange
            .run_tool(&Params::new(), &seed, "hkdf", &inputs(&[("ikm", "00"), ("length", "0")]))
            .unwrap_err();
        assert_eq!(err.en, "the length must be a whole number from 1 to 8160");
    }

    #[test]
    fn the_learner_path_through_the_tools_gives_the_references() {
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "x25519-session");
        let p = Params::new();
        let vars = X25519Exchange.variables(&p, &seed);
        let shared = X25519Exchange
            .run_tool(&p, &seed, "shared-secret", &inputs(&[("private", &vars["alice_private"]), ("public", &vars["bob_public"])]))
            .unwrap().outputs[0]
            .value
            .clone();
        assert_eq!(Some(shared.clone()), X25519Exchange.reference(&p, &seed, "shared-secret"));
        let key = X25519Exchange
            .run_tool(&p, &seed, "hkdf", &inputs(&[("salt", &vars["salt"]), ("ikm", &shared), ("info", &vars["info"])]))
            .unwrap().outputs[1]
            .value
            .clone();
        assert_eq!(Some(key), X25519Exchange.reference(&p, &seed, "session-key"));
    }
}
