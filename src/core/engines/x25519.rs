//! `x25519`: the learner is Alice. From their own private key and Bob's public key they compute
//! their public key, the X25519 shared secret (RFC 7748) and a session key with HKDF-SHA256
//! (RFC 5869), as a sensor and its gateway would.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, ParamKind, ParamSpec, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value, HKDF_TOOL};

const DEFAULT_INFO: &str = "seclab session v1";
const SESSION_KEY_LEN: usize = 32;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The text given to HKDF as info.
    pub info: String,
}

impl Default for Params {
    fn default() -> Params {
        Params { info: DEFAULT_INFO.into() }
    }
}

impl super::Params for Params {}

const PUBLIC_FIELDS: &[Field] = &[Field::new("private", M::X25519Private, FieldKind::Hex { bytes: Some(32) }).prefill("alice_private")];
const SHARED_FIELDS: &[Field] = &[
    Field::new("private", M::X25519Private, FieldKind::Hex { bytes: Some(32) }).prefill("alice_private"),
    Field::new("public", M::X25519PeerPublic, FieldKind::Hex { bytes: Some(32) }).prefill("bob_public"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "x25519",
    title: M::X25519Title,
    teaches: M::X25519Teaches,
    params: &[ParamSpec { name: "info", doc: "The text given to HKDF as info when deriving the session key (default \"seclab session v1\").", kind: ParamKind::Text, required: false, expect: "a quoted text", example: "\"seclab session v1\"" }],
    variables: &[
        VarSpec { name: "alice_private", doc: "Alice's (the learner's) X25519 private key (hex, 32 bytes)." },
        VarSpec { name: "bob_public", doc: "Bob's X25519 public key (hex, 32 bytes)." },
        VarSpec { name: "salt", doc: "The HKDF salt of the session key (hex, 16 bytes)." },
        VarSpec { name: "info", doc: "The HKDF info of the session key, as written in the parameters." },
    ],
    checks: &[
        CheckSpec { name: "alice-public", doc: "Alice's public key, X25519(alice_private, 9), in hex.", answer: AnswerKind::Hex },
        CheckSpec { name: "shared-secret", doc: "The X25519 shared secret of alice_private and bob_public, in hex.", answer: AnswerKind::Hex },
        CheckSpec { name: "session-key", doc: "HKDF-SHA256(salt, shared secret, info), 32 bytes, in hex.", answer: AnswerKind::Hex },
    ],
    tools: &[
        ToolSpec { id: "public-key", title: M::X25519PublicKeyTool, help: M::X25519PublicKeyHelp, button: M::X25519PublicKeyButton, fields: PUBLIC_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "shared-secret", title: M::X25519SharedTool, help: M::X25519SharedHelp, button: M::X25519SharedButton, fields: SHARED_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        HKDF_TOOL,
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub struct Instance {
    info: String,
    alice_private: Vec<u8>,
    alice_public: [u8; 32],
    bob_public: [u8; 32],
    salt: Vec<u8>,
    shared: [u8; 32],
    session_key: Vec<u8>,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let alice_private = seed.value("alice_private", 32);
    let bob_public = crypto::x25519_public(&seed.value("bob_private", 32)).expect("32-byte scalar");
    let shared = crypto::x25519_shared(&alice_private, &bob_public).expect("32-byte inputs");
    let salt = seed.value("salt", 16);
    let session_key = crypto::hkdf_sha256(&salt, &shared, params.info.as_bytes(), SESSION_KEY_LEN).expect("32 bytes is within HKDF's limit");
    Instance { info: params.info.clone(), alice_public: crypto::x25519_public(&alice_private).expect("32-byte scalar"), alice_private, bob_public, salt, shared, session_key }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("alice_private".into(), hex::encode(&self.alice_private)),
            ("bob_public".into(), hex::encode(self.bob_public)),
            ("salt".into(), hex::encode(&self.salt)),
            ("info".into(), self.info.clone()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        match check {
            "alice-public" => Some(hex::encode(self.alice_public)),
            "shared-secret" => Some(hex::encode(self.shared)),
            "session-key" => Some(hex::encode(&self.session_key)),
            _ => None,
        }
    }

    /// The workbench's HKDF, with the salt, info and length of the session key (the learner
    /// brings the shared secret).
    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let (salt, length) = (hex::encode(&self.salt), SESSION_KEY_LEN.to_string());
        Some(WorkbenchLink::new("hkdf", &[("salt", &salt), ("ikm", ""), ("info_encoding", "utf8"), ("info", &self.info), ("length", &length)]))
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "public-key" => {
                let private = hex_input(inputs, "private", M::X25519Private)?;
                let public = crypto::x25519_public(&private).map_err(|e| e.msg())?;
                Ok(vec![Output::new(M::X25519PublicKey, Value::Hex(public.to_vec()))].into())
            }
            "shared-secret" => {
                let private = hex_input(inputs, "private", M::X25519Private)?;
                let public = hex_input(inputs, "public", M::X25519PeerPublic)?;
                let shared = crypto::x25519_shared(&private, &public).map_err(|e| e.msg())?;
                Ok(vec![Output::new(M::X25519SharedSecret, Value::Hex(shared.to_vec()))].into())
            }
            "hkdf" => crate::core::tools::run_hkdf(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::LabVerdict;
    use crate::core::tools::inputs_of;

    fn hex_of(run: &ToolRun, label: M) -> String {
        run.get(label).and_then(Value::plain).unwrap()
    }

    fn lab(seed: &InstanceSeed) -> Instance {
        build(&Params::default(), seed)
    }

    /// RFC 7748 section 6.1, through the tools the learner uses.
    #[test]
    fn tools_reproduce_rfc7748_6_1() {
        let l = lab(&InstanceSeed([0; 32]));
        let out = l.run_tool("public-key", &inputs_of(&[("private", "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")])).unwrap();
        assert_eq!(hex_of(&out, M::X25519PublicKey), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        let out = l.run_tool("shared-secret", &inputs_of(&[("private", "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"), ("public", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")])).unwrap();
        assert_eq!(hex_of(&out, M::X25519SharedSecret), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        // Tampered public key: another secret.
        let out = l.run_tool("shared-secret", &inputs_of(&[("private", "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"), ("public", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6b")])).unwrap();
        assert_ne!(hex_of(&out, M::X25519SharedSecret), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        // A short key is refused with the crypto wrapper's message.
        assert_eq!(l.run_tool("public-key", &inputs_of(&[("private", "00")])).unwrap_err().en(), "key is 1 byte; expected 32 bytes (64 hex digits) for an X25519 private key");
    }

    /// RFC 5869 Appendix A.1 through the HKDF tool (info given as text here, so A.1's binary
    /// info is checked by the crypto tests; this checks the PRK and that the tool wiring is right).
    #[test]
    fn hkdf_tool_gives_the_rfc5869_a1_prk() {
        let l = lab(&InstanceSeed([0; 32]));
        let out = l.run_tool("hkdf", &inputs_of(&[("salt", "000102030405060708090a0b0c"), ("ikm", &"0b".repeat(22)), ("info", ""), ("length", "42")])).unwrap();
        assert_eq!(hex_of(&out, M::HkdfPrk), "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assert_eq!(hex_of(&out, M::HkdfOkm).len(), 84);
        let err = l.run_tool("hkdf", &inputs_of(&[("ikm", "00"), ("length", "0")])).unwrap_err();
        assert_eq!(err.en(), "\"Length (bytes)\" must be a whole number from 1 to 8160");
    }

    #[test]
    fn the_learner_path_through_the_tools_gives_the_references() {
        let l = lab(&InstanceSeed::derive(&[9; 32], "seclab-core", "x25519-session"));
        let vars = l.variables();
        let public = hex_of(&l.run_tool("public-key", &inputs_of(&[("private", &vars["alice_private"])])).unwrap(), M::X25519PublicKey);
        assert_eq!(Some(public), l.reference("alice-public"));
        let shared = hex_of(&l.run_tool("shared-secret", &inputs_of(&[("private", &vars["alice_private"]), ("public", &vars["bob_public"])])).unwrap(), M::X25519SharedSecret);
        assert_eq!(Some(shared.clone()), l.reference("shared-secret"));
        let key = hex_of(&l.run_tool("hkdf", &inputs_of(&[("salt", &vars["salt"]), ("ikm", &shared), ("info", &vars["info"])])).unwrap(), M::HkdfOkm);
        assert_eq!(Some(key.clone()), l.reference("session-key"));
        assert_eq!(l.grade("session-key", &key), LabVerdict::Correct);
    }

    /// The info parameter changes the session key, and only it.
    #[test]
    fn the_info_parameter_feeds_hkdf() {
        let seed = InstanceSeed::derive(&[9; 32], "seclab-core", "x25519-session");
        let (a, b) = (lab(&seed), build(&Params { info: "other v2".into() }, &seed));
        assert_eq!(b.variables()["info"], "other v2");
        assert_eq!(a.reference("shared-secret"), b.reference("shared-secret"));
        assert_ne!(a.reference("session-key"), b.reference("session-key"));
        let t = |s: &str| toml::from_str::<toml::Table>(s).unwrap();
        let err = super::super::parse_params::<Params>(&SPEC, &t("info = 3")).unwrap_err();
        assert_eq!((err.key.as_str(), err.message.as_str()), ("info", "`info` is 3; expected a quoted text"));
    }
}
