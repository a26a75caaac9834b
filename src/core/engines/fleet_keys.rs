//! `fleet-keys`: the blast radius of one compromised device (or of the server) under three key
//! schemes. Every device records one AES-128-GCM frame; an attacker who extracts a device's key
//! material tries, with real crypto, to open every recorded frame and to forge a frame in every
//! other device's name that the server accepts:
//! - `global`: one symmetric key in every device, and on the server;
//! - `derived`: per-device keys from a master key with HKDF-SHA256 (the `key-hierarchy`
//!   derivation), the master only on the server;
//! - `asymmetric`: per-device Ed25519 signing keys, the server holding only the public keys;
//!   frames are encrypted under per-session keys the server deletes after use (forward secrecy,
//!   as with the ephemeral X25519 of the key-exchange track).

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, select_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::{Fleet, ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

const COMPROMISE_FIELDS: &[Field] = &[Field::new("scheme", M::FleetKeysScheme, FieldKind::Select(SCHEMES)).default("global"), Field::new("device", M::FleetKeysDevice, FieldKind::Text).prefill("device")];
const SERVER_FIELDS: &[Field] = &[Field::new("scheme", M::FleetKeysScheme, FieldKind::Select(SCHEMES)).default("global")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "fleet-keys",
    title: M::FleetKeysTitle,
    teaches: M::FleetKeysTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "fleet_size", doc: "The number of devices in the fleet (24 to 48)." },
        VarSpec { name: "device", doc: "The device the statement asks the learner to compromise." },
        VarSpec { name: "first", doc: "The first device's name (e.g. meter-01)." },
        VarSpec { name: "last", doc: "The last device's name." },
    ],
    checks: &[CheckSpec { name: "global-exposed", doc: "How many devices are exposed (read or impersonated) when `device` is compromised under the global key, computed by running the attack: a whole number.", answer: AnswerKind::Integer }],
    tools: &[
        ToolSpec { id: "compromise", title: M::FleetKeysCompromise, help: M::FleetKeysCompromiseHelp, button: M::FleetKeysCompromiseButton, fields: COMPROMISE_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "server-breach", title: M::FleetKeysServerBreach, help: M::FleetKeysServerBreachHelp, button: M::FleetKeysServerBreachButton, fields: SERVER_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: Some("fleet"),
    rule: None,
};

/// A device's key under the derived scheme: the key-hierarchy engine's derivation.
pub use super::key_hierarchy::device_key;

pub const SCHEMES: &[&str] = &["global", "derived", "asymmetric"];
const PREFIXES: &[&str] = &["meter", "valve", "lock", "hvac", "pump", "gauge"];
pub const MIN_FLEET: usize = 24;
pub const MAX_FLEET: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Global,
    Derived,
    Asymmetric,
}

impl Scheme {
    pub fn parse(s: &str) -> Option<Scheme> {
        match s {
            "global" => Some(Scheme::Global),
            "derived" => Some(Scheme::Derived),
            "asymmetric" => Some(Scheme::Asymmetric),
            _ => None,
        }
    }
}

pub fn fleet_size(seed: &InstanceSeed) -> usize {
    let v = seed.value("fleet-size", 2);
    MIN_FLEET + usize::from(u16::from_be_bytes([v[0], v[1]])) % (MAX_FLEET - MIN_FLEET + 1)
}

pub fn devices(seed: &InstanceSeed) -> Vec<String> {
    let prefix = PREFIXES[seed.value("prefix", 1)[0] as usize % PREFIXES.len()];
    (1..=fleet_size(seed)).map(|i| format!("{prefix}-{i:02}")).collect()
}

/// The device the statement asks the learner to compromise.
pub fn target(seed: &InstanceSeed) -> String {
    let all = devices(seed);
    let v = seed.value("target", 2);
    all[usize::from(u16::from_be_bytes([v[0], v[1]])) % all.len()].clone()
}

fn global_key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("global-key", 16)
}

fn signing_secret(seed: &InstanceSeed, device: &str) -> Vec<u8> {
    seed.value(&format!("signing-key|{device}"), 32)
}

/// The key that encrypts a device's recorded frame.
fn traffic_key(seed: &InstanceSeed, scheme: Scheme, device: &str) -> Vec<u8> {
    match scheme {
        Scheme::Global => global_key(seed),
        Scheme::Derived => device_key(seed, device),
        Scheme::Asymmetric => seed.value(&format!("session-key|{device}"), 16),
    }
}

fn nonce(seed: &InstanceSeed, device: &str) -> [u8; 12] {
    seed.value(&format!("nonce|{device}"), 12).try_into().expect("12 bytes")
}

/// One frame each device sent, recorded by the attacker; the device name is the AAD.
fn recorded_frame(seed: &InstanceSeed, scheme: Scheme, device: &str) -> Vec<u8> {
    let reading = format!("{device}: reading={}", seed.value(&format!("reading|{device}"), 1)[0]);
    crypto::aes128_gcm_seal(&traffic_key(seed, scheme, device), &nonce(seed, device), device.as_bytes(), reading.as_bytes()).expect("16-byte key")
}

/// What the attacker took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    Device(String),
    Server,
}

/// The key material an attacker holds after the breach, for display and for the attack.
#[derive(Debug, Clone)]
pub struct Loot {
    /// Symmetric keys the attacker holds.
    pub symmetric: Vec<Vec<u8>>,
    /// An Ed25519 signing secret, when a device was opened under the asymmetric scheme.
    pub signing: Option<Vec<u8>>,
    /// Derived keys the attacker can compute for any device name (the master and salt).
    pub master: bool,
    pub description: Msg,
}

pub fn loot(seed: &InstanceSeed, scheme: Scheme, breach: &Breach) -> Loot {
    match (scheme, breach) {
        (Scheme::Global, _) => Loot {
            symmetric: vec![global_key(seed)],
            signing: None,
            master: false,
            description: if *breach == Breach::Server { Msg::FleetKeysLootGlobalServer(hex::encode(global_key(seed))) } else { Msg::FleetKeysLootGlobalDevice(hex::encode(global_key(seed))) },
        },
        (Scheme::Derived, Breach::Device(d)) => Loot { symmetric: vec![device_key(seed, d)], signing: None, master: false, description: Msg::FleetKeysLootDerived(d, hex::encode(device_key(seed, d))) },
        (Scheme::Derived, Breach::Server) => Loot { symmetric: Vec::new(), signing: None, master: true, description: Msg::FleetKeysLootMaster(hex::encode(seed.value("master", 32))) },
        (Scheme::Asymmetric, Breach::Device(d)) => Loot { symmetric: vec![traffic_key(seed, Scheme::Asymmetric, d)], signing: Some(signing_secret(seed, d)), master: false, description: Msg::FleetKeysLootSigning(d) },
        (Scheme::Asymmetric, Breach::Server) => Loot { symmetric: Vec::new(), signing: None, master: false, description: Msg::FleetKeysLootPublicKeys(fleet_size(seed)) },
    }
}

/// The attack, run for real: which recorded frames the loot opens, and in which devices' names
/// it forges a frame the server accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    pub read: Vec<String>,
    pub forged: Vec<String>,
}

impl Exposure {
    /// Devices whose traffic is read or forged.
    pub fn exposed(&self) -> Vec<String> {
        let mut all: Vec<String> = self.read.iter().chain(&self.forged).cloned().collect();
        all.sort();
        all.dedup();
        all
    }
}

pub fn attack(seed: &InstanceSeed, scheme: Scheme, breach: &Breach) -> Exposure {
    let loot = loot(seed, scheme, breach);
    let mut exposure = Exposure { read: Vec::new(), forged: Vec::new() };
    for device in devices(seed) {
        let mut keys = loot.symmetric.clone();
        if loot.master {
            keys.push(device_key(seed, &device));
        }
        let frame = recorded_frame(seed, scheme, &device);
        if keys.iter().any(|k| crypto::aes128_gcm_open(k, &nonce(seed, &device), device.as_bytes(), &frame).expect("16-byte key").is_some()) {
            exposure.read.push(device.clone());
        }
        let forged_text = format!("{device}: reading=255 (forged)");
        let accepted = match scheme {
            // The server opens a frame claiming `device` with the key it holds for that device.
            Scheme::Global | Scheme::Derived => keys.iter().any(|k| {
                let forged = crypto::aes128_gcm_seal(k, &[9; 12], device.as_bytes(), forged_text.as_bytes()).expect("16-byte key");
                crypto::aes128_gcm_open(&traffic_key(seed, scheme, &device), &[9; 12], device.as_bytes(), &forged).expect("16-byte key").is_some()
            }),
            // The server checks the signature with the public key it has on file for `device`.
            Scheme::Asymmetric => loot.signing.as_ref().is_some_and(|secret| {
                let signature = crypto::ed25519_sign(secret, forged_text.as_bytes()).expect("32-byte secret");
                let public = crypto::ed25519_public(&signing_secret(seed, &device)).expect("32-byte secret");
                crypto::ed25519_verify(&public, forged_text.as_bytes(), &signature)
            }),
        };
        if accepted {
            exposure.forged.push(device);
        }
    }
    exposure
}

/// A select field; empty means its first value, as the form starts.
fn select_or_first(inputs: &Inputs, id: &str, label: M, options: &[&'static str]) -> Result<&'static str, Msg> {
    if raw(inputs, id).trim().is_empty() { Ok(options[0]) } else { select_input(inputs, id, label, options) }
}

fn listing(names: &[String], total: usize) -> String {
    if names.is_empty() {
        format!("0 / {total}")
    } else {
        format!("{} / {total}: {}", names.len(), names.join(", "))
    }
}

fn report(seed: &InstanceSeed, scheme: Scheme, breach: &Breach) -> Vec<Output> {
    let total = fleet_size(seed);
    let loot = loot(seed, scheme, breach);
    let exposure = attack(seed, scheme, breach);
    vec![
        Output::new(M::FleetKeysAttackerGets, Value::Msg(loot.description)),
        Output::new(M::FleetKeysRead, Value::Text(listing(&exposure.read, total))),
        Output::new(M::FleetKeysForged, Value::Text(listing(&exposure.forged, total))),
        Output::new(M::FleetKeysExposed, Value::int(exposure.exposed().len())),
    ]
}

pub struct Instance {
    seed: InstanceSeed,
    devices: Vec<String>,
    target: String,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { seed: seed.clone(), devices: devices(seed), target: target(seed) }
}

impl Instance {
    /// A device of the fleet, or an error naming the field and the valid names.
    fn breach_of(&self, who: &str, field: M) -> Result<Breach, Msg> {
        if self.devices.iter().any(|d| d == who) {
            Ok(Breach::Device(who.to_string()))
        } else {
            Err(Msg::FleetKeysNotInFleet(field, who, &self.devices[0], &self.devices[self.devices.len() - 1]))
        }
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("fleet_size".into(), self.devices.len().to_string()),
            ("device".into(), self.target.clone()),
            ("first".into(), self.devices[0].clone()),
            ("last".into(), self.devices[self.devices.len() - 1].clone()),
        ])
    }

    /// Computed by running the attack, not by assuming its result.
    fn reference(&self, check: &str) -> Option<String> {
        (check == "global-exposed").then(|| attack(&self.seed, Scheme::Global, &Breach::Device(self.target.clone())).exposed().len().to_string())
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(check) else { return LabVerdict::Unreadable(Msg::UnknownCheck(check)) };
        match answer.trim().parse::<usize>() {
            Ok(n) if n.to_string() == reference => LabVerdict::Correct,
            Ok(_) => LabVerdict::Wrong,
            Err(_) => LabVerdict::Unreadable(Msg::FleetKeysWholeNumber()),
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "compromise" | "server-breach" => {
                let scheme = Scheme::parse(select_or_first(inputs, "scheme", M::FleetKeysScheme, SCHEMES)?).expect("checked by select");
                let breach = if tool == "server-breach" { Breach::Server } else { self.breach_of(raw(inputs, "device").trim(), M::FleetKeysDevice)? };
                Ok(report(&self.seed, scheme, &breach).into())
            }
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    /// The fleet grid: the devices, and after a breach (a device name or "server") under a
    /// scheme, which of them the attack exposes.
    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        let ViewRequest::Fleet { scheme, breach } = request else { return Err(Msg::LabUnavailable()) };
        let exposed = match breach {
            None => None,
            Some(who) => {
                let scheme = Scheme::parse(scheme.trim()).ok_or_else(|| Msg::FieldNotOption(M::FleetKeysScheme, SCHEMES.join(", ")))?;
                let breach = if who == "server" { Breach::Server } else { self.breach_of(who, M::FleetKeysBreach)? };
                let exposed = attack(&self.seed, scheme, &breach).exposed();
                Some(self.devices.iter().map(|d| exposed.contains(d)).collect())
            }
        };
        Ok(ViewData::Fleet(Fleet { schemes: SCHEMES.iter().map(|s| s.to_string()).collect(), devices: self.devices.clone(), target: self.target.clone(), exposed }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::tools::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "blast-radius")
    }

    fn lab(s: &InstanceSeed) -> Instance {
        build(&Params {}, s)
    }

    /// The derivation is key-hierarchy's, recomputed here with RFC 5869 HKDF-SHA256.
    #[test]
    fn derived_keys_are_the_key_hierarchy_derivation() {
        let s = seed(0);
        let expected = crypto::hkdf_sha256(&s.value("salt", 16), &s.value("master", 32), b"seclab device key v1|meter-01", 16).unwrap();
        assert_eq!(device_key(&s, "meter-01"), expected);
        assert_ne!(device_key(&s, "meter-02"), expected);
    }

    /// The flaw: one key extracted from any device opens and forges the whole fleet's traffic.
    #[test]
    fn one_device_under_the_global_key_exposes_the_whole_fleet() {
        for n in 0..8 {
            let s = seed(n);
            let all = devices(&s);
            assert!((MIN_FLEET..=MAX_FLEET).contains(&all.len()));
            let e = attack(&s, Scheme::Global, &Breach::Device(target(&s)));
            assert_eq!((e.read.clone(), e.forged.clone()), (all.clone(), all.clone()));
            assert_eq!(lab(&s).reference("global-exposed"), Some(all.len().to_string()));
        }
    }

    /// The fixes: a derived or asymmetric device key opens and forges only its own device.
    #[test]
    fn per_device_keys_limit_a_device_compromise_to_that_device() {
        for n in 0..8 {
            let s = seed(n);
            let t = target(&s);
            for scheme in [Scheme::Derived, Scheme::Asymmetric] {
                let e = attack(&s, scheme, &Breach::Device(t.clone()));
                assert_eq!((e.read, e.forged), (vec![t.clone()], vec![t.clone()]), "{scheme:?}");
            }
        }
    }

    /// A server breach: the global key and the master key give everything; public keys nothing.
    #[test]
    fn only_public_keys_on_the_server_survive_a_server_breach() {
        let s = seed(3);
        let all = devices(&s);
        assert_eq!(attack(&s, Scheme::Global, &Breach::Server).exposed(), all);
        assert_eq!(attack(&s, Scheme::Derived, &Breach::Server).exposed(), all);
        assert_eq!(attack(&s, Scheme::Asymmetric, &Breach::Server), Exposure { read: vec![], forged: vec![] });
    }

    #[test]
    fn the_tools_report_counts_and_name_bad_inputs() {
        let s = seed(5);
        let l = lab(&s);
        let n = fleet_size(&s);
        let t = target(&s);
        let run = l.run_tool("compromise", &inputs_of(&[("scheme", "derived"), ("device", &t)])).unwrap();
        assert_eq!(run.get(M::FleetKeysRead), Some(&Value::Text(format!("1 / {n}: {t}"))));
        assert_eq!(run.get(M::FleetKeysExposed), Some(&Value::int(1)));
        assert_eq!(run.outputs[0].value.render(Lang::En), format!("{t}'s derived key: {}", hex::encode(device_key(&s, &t))));
        let run = l.run_tool("compromise", &inputs_of(&[("scheme", "global"), ("device", &t)])).unwrap();
        assert_eq!(run.outputs[3].value, Value::int(n));
        // An empty scheme is the form's first, the global key.
        assert_eq!(l.run_tool("compromise", &inputs_of(&[("device", &t)])).unwrap(), run);
        let run = l.run_tool("server-breach", &inputs_of(&[("scheme", "asymmetric")])).unwrap();
        assert_eq!((run.outputs[1].value.clone(), run.outputs[3].value.clone()), (Value::Text(format!("0 / {n}")), Value::int(0)));
        assert_eq!(run.outputs[0].value.render(Lang::Fr), format!("{n} clés publiques Ed25519, aucune clé privée ; les clés de session sont effacées après usage"));
        let err = l.run_tool("compromise", &inputs_of(&[("scheme", "global"), ("device", "toaster-99")])).unwrap_err();
        assert!(err.en().starts_with("\"Device to compromise\": \"toaster-99\" is not in the fleet; write a name from"), "{}", err.en());
        let err = l.run_tool("server-breach", &inputs_of(&[("scheme", "quantum")])).unwrap_err();
        assert_eq!(err.en(), "\"Key scheme\" must be one of: global, derived, asymmetric");
        assert_eq!(l.run_tool("nope", &inputs_of(&[])).unwrap_err().en(), "unknown tool: nope");
    }

    #[test]
    fn the_check_reads_whole_numbers() {
        let s = seed(6);
        let l = lab(&s);
        let n = fleet_size(&s);
        assert_eq!(l.grade("global-exposed", &format!(" {n} ")), LabVerdict::Correct);
        assert_eq!(l.grade("global-exposed", "1"), LabVerdict::Wrong);
        assert_eq!(l.grade("global-exposed", &(n - 1).to_string()), LabVerdict::Wrong);
        assert!(matches!(l.grade("global-exposed", "all of them"), LabVerdict::Unreadable(_)));
    }

    fn fleet(l: &Instance, scheme: &str, breach: Option<&str>) -> Result<Fleet, Msg> {
        match l.view(&ViewRequest::Fleet { scheme: scheme.into(), breach: breach.map(String::from) })? {
            ViewData::Fleet(f) => Ok(f),
            other => panic!("{other:?}"),
        }
    }

    /// The grid: the fleet alone first, then one flag per device as the attack decides.
    #[test]
    fn the_fleet_view_marks_the_devices_the_attack_exposes() {
        let s = seed(7);
        let l = lab(&s);
        let (all, t) = (devices(&s), target(&s));
        let start = fleet(&l, "", None).unwrap();
        assert_eq!(start, Fleet { schemes: vec!["global".into(), "derived".into(), "asymmetric".into()], devices: all.clone(), target: t.clone(), exposed: None });
        assert_eq!(fleet(&l, "global", Some(&t)).unwrap().exposed, Some(vec![true; all.len()]));
        let derived = fleet(&l, "derived", Some(&t)).unwrap().exposed.unwrap();
        assert_eq!(derived.iter().filter(|e| **e).count(), 1);
        assert!(derived[all.iter().position(|d| *d == t).unwrap()]);
        assert_eq!(fleet(&l, "asymmetric", Some("server")).unwrap().exposed, Some(vec![false; all.len()]));
        assert_eq!(fleet(&l, "derived", Some("server")).unwrap().exposed, Some(vec![true; all.len()]));
        // Unknown scheme or device: a message, no grid.
        assert_eq!(fleet(&l, "quantum", Some(&t)).unwrap_err().en(), "\"Key scheme\" must be one of: global, derived, asymmetric");
        assert!(fleet(&l, "global", Some("toaster-99")).unwrap_err().en().starts_with("\"What the attacker compromises\": \"toaster-99\" is not in the fleet"));
        assert_eq!(l.view(&ViewRequest::Pictures), Err(Msg::LabUnavailable()));
        // It crosses the worker whole.
        let data = ViewData::Fleet(fleet(&l, "global", Some(&t)).unwrap());
        assert_eq!(serde_json::from_str::<ViewData>(&serde_json::to_string(&data).unwrap()).unwrap(), data);
    }
}
