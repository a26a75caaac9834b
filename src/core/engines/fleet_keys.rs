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

use std::collections::BTreeMap;

use super::{key_hierarchy, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct FleetKeys;

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
        Scheme::Derived => key_hierarchy::device_key(seed, device),
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
    pub description: Bilingual,
}

pub fn loot(seed: &InstanceSeed, scheme: Scheme, breach: &Breach) -> Loot {
    match (scheme, breach) {
        (Scheme::Global, _) => {
            let where_fr = if *breach == Breach::Server { "dans la base du serveur" } else { "dans la flash de l'objet" };
            let where_en = if *breach == Breach::Server { "in the server's database" } else { "in the device's flash" };
            Loot {
                symmetric: vec![global_key(seed)],
                signing: None,
                master: false,
                description: Bilingual::new(
                    format!("la clé globale {} {where_fr}", hex::encode(global_key(seed))),
                    format!("the global key {} {where_en}", hex::encode(global_key(seed))),
                ),
            }
        }
        (Scheme::Derived, Breach::Device(d)) => Loot {
            symmetric: vec![key_hierarchy::device_key(seed, d)],
            signing: None,
            master: false,
            description: Bilingual::new(
                format!("la clé dérivée de {d} : {}", hex::encode(key_hierarchy::device_key(seed, d))),
                format!("{d}'s derived key: {}", hex::encode(key_hierarchy::device_key(seed, d))),
            ),
        },
        (Scheme::Derived, Breach::Server) => Loot {
            symmetric: Vec::new(),
            signing: None,
            master: true,
            description: Bilingual::new(
                format!("la clé maîtresse {} et le sel : toute clé d'objet se recalcule", hex::encode(seed.value("master", 32))),
                format!("the master key {} and the salt: every device key can be recomputed", hex::encode(seed.value("master", 32))),
            ),
        },
        (Scheme::Asymmetric, Breach::Device(d)) => Loot {
            symmetric: vec![traffic_key(seed, Scheme::Asymmetric, d)],
            signing: Some(signing_secret(seed, d)),
            master: false,
            description: Bilingual::new(
                format!("la clé privée Ed25519 de {d} et sa clé de session en cours", d = d),
                format!("{d}'s Ed25519 private key and its current session key"),
            ),
        },
        (Scheme::Asymmetric, Breach::Server) => Loot {
            symmetric: Vec::new(),
            signing: None,
            master: false,
            description: Bilingual::new(
                format!("{} clés publiques Ed25519, aucune clé privée ; les clés de session sont effacées après usage", fleet_size(seed)),
                format!("{} Ed25519 public keys, no private key; session keys are erased after use", fleet_size(seed)),
            ),
        },
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
            keys.push(key_hierarchy::device_key(seed, &device));
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

pub(super) fn select<'a>(inputs: &'a BTreeMap<String, String>, id: &str, allowed: &[&'a str], label: L10n) -> Result<&'a str, Bilingual> {
    let value = inputs.get(id).map(|v| v.trim()).unwrap_or("");
    let value = if value.is_empty() { allowed[0] } else { value };
    allowed.iter().find(|a| **a == value).map(|_| value).ok_or_else(|| {
        Bilingual::new(
            format!("« {} » vaut « {value} » ; valeurs possibles : {}", label.fr, allowed.join(", ")),
            format!("\"{}\" is \"{value}\"; valid values: {}", label.en, allowed.join(", ")),
        )
    })
}

const SCHEME: L10n = L10n { fr: "Schéma de clés", en: "Key scheme" };
const DEVICE: L10n = L10n { fr: "Objet à compromettre", en: "Device to compromise" };
static COMPROMISE_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "scheme", label: SCHEME, kind: InputKind::Select(SCHEMES), prefill: None },
    InputSpec { id: "device", label: DEVICE, kind: InputKind::Text, prefill: Some("device") },
];
static SERVER_INPUTS: [InputSpec; 1] = [InputSpec { id: "scheme", label: SCHEME, kind: InputKind::Select(SCHEMES), prefill: None }];

fn listing(names: &[String], total: usize) -> String {
    if names.is_empty() {
        format!("0 / {total}")
    } else {
        format!("{} / {total}: {}", names.len(), names.join(", "))
    }
}

fn report(seed: &InstanceSeed, scheme: Scheme, breach: &Breach) -> Vec<ToolOutput> {
    let total = fleet_size(seed);
    let loot = loot(seed, scheme, breach);
    let exposure = attack(seed, scheme, breach);
    vec![
        ToolOutput { label: L10n { fr: "L'attaquant obtient", en: "The attacker gets" }, value: format!("{} / {}", loot.description.en, loot.description.fr) },
        ToolOutput { label: L10n { fr: "Trames enregistrées déchiffrées", en: "Recorded frames decrypted" }, value: listing(&exposure.read, total) },
        ToolOutput { label: L10n { fr: "Objets usurpés (trame forgée acceptée par le serveur)", en: "Devices impersonated (forged frame accepted by the server)" }, value: listing(&exposure.forged, total) },
        ToolOutput { label: L10n { fr: "Objets exposés (lus ou usurpés)", en: "Devices exposed (read or impersonated)" }, value: exposure.exposed().len().to_string() },
    ]
}

impl Engine for FleetKeys {
    fn kind(&self) -> &'static str {
        "fleet-keys"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Rayon d'impact : une flotte sous trois schémas de clés", en: "Blast radius: a fleet under three key schemes" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Une flotte de 24 à 48 objets ; compromettre un objet ou le serveur sous une clé globale, des clés dérivées (HKDF) ou des paires Ed25519, et compter les objets exposés. Sans paramètre. Variables : fleet_size, device, first, last. Contrôle : global-exposed (nombre entier).",
            en: "A fleet of 24 to 48 devices; compromise one device or the server under a global key, derived keys (HKDF) or Ed25519 key pairs, and count the exposed devices. No parameter. Variables: fleet_size, device, first, last. Check: global-exposed (a whole number).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["fleet_size", "device", "first", "last"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let all = devices(seed);
        BTreeMap::from([
            ("fleet_size".to_string(), all.len().to_string()),
            ("device".to_string(), target(seed)),
            ("first".to_string(), all[0].clone()),
            ("last".to_string(), all[all.len() - 1].clone()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["global-exposed"]
    }

    /// Computed by running the attack, not by assuming its result.
    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "global-exposed").then(|| attack(seed, Scheme::Global, &Breach::Device(target(seed))).exposed().len().to_string())
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        let Some(reference) = self.reference(params, seed, check) else { return super::grade_text(None, answer) };
        match answer.trim().parse::<usize>() {
            Ok(n) if n.to_string() == reference => LabVerdict::Correct,
            Ok(_) => LabVerdict::Wrong,
            Err(_) => LabVerdict::Unreadable(Bilingual::new("écrivez un nombre entier d'objets, par exemple 12", "write a whole number of devices, for example 12")),
        }
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "compromise",
                title: L10n { fr: "Compromettre un objet", en: "Compromise a device" },
                help: L10n {
                    fr: "L'attaquant ouvre l'objet et lit sa mémoire. Avec ce qu'il y trouve, il essaie de déchiffrer la trame enregistrée de chaque objet de la flotte et de forger une trame au nom de chacun.",
                    en: "The attacker opens the device and reads its memory. With what it finds, it tries to decrypt every device's recorded frame and to forge a frame in each device's name.",
                },
                inputs: &COMPROMISE_INPUTS,
                button: L10n { fr: "Compromettre", en: "Compromise" },
                oracle: false,
            },
            ToolSpec {
                id: "server-breach",
                title: L10n { fr: "Compromettre le serveur", en: "Breach the server" },
                help: L10n {
                    fr: "L'attaquant vole la base de clés du serveur, puis mène les mêmes essais sur toute la flotte.",
                    en: "The attacker steals the server's key store, then makes the same attempts on the whole fleet.",
                },
                inputs: &SERVER_INPUTS,
                button: L10n { fr: "Compromettre", en: "Breach" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, _params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "compromise" | "server-breach" => {
                let scheme = Scheme::parse(select(inputs, "scheme", SCHEMES, SCHEME)?).expect("checked by select");
                let breach = if tool == "server-breach" {
                    Breach::Server
                } else {
                    let device = inputs.get("device").map(|d| d.trim()).unwrap_or("");
                    let all = devices(seed);
                    if !all.iter().any(|d| d == device) {
                        return Err(Bilingual::new(
                            format!("« {} » : « {device} » n'est pas dans la flotte ; écrivez un nom de {} à {}", DEVICE.fr, all[0], all[all.len() - 1]),
                            format!("\"{}\": \"{device}\" is not in the fleet; write a name from {} to {}", DEVICE.en, all[0], all[all.len() - 1]),
                        ));
                    }
                    Breach::Device(device.to_string())
                };
                Ok(report(seed, scheme, &breach).into())
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "blast-radius")
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
            assert_eq!(FleetKeys.reference(&Params::new(), &s, "global-exposed"), Some(all.len().to_string()));
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
        let p = Params::new();
        let n = fleet_size(&s);
        let t = target(&s);
        let run = FleetKeys.run_tool(&p, &s, "compromise", &inputs_of(&[("scheme", "derived"), ("device", &t)])).unwrap();
        assert_eq!(run.outputs[1].value, format!("1 / {n}: {t}"));
        assert_eq!(run.outputs[3].value, "1");
        let run = FleetKeys.run_tool(&p, &s, "compromise", &inputs_of(&[("scheme", "global"), ("device", &t)])).unwrap();
        assert_eq!(run.outputs[3].value, n.to_string());
        let run = FleetKeys.run_tool(&p, &s, "server-breach", &inputs_of(&[("scheme", "asymmetric")])).unwrap();
        assert_eq!((run.outputs[1].value.as_str(), run.outputs[3].value.as_str()), (format!("0 / {n}").as_str(), "0"));
        let err = FleetKeys.run_tool(&p, &s, "compromise", &inputs_of(&[("scheme", "global"), ("device", "toaster-99")])).unwrap_err();
        assert!(err.en.starts_with("\"Device to compromise\": \"toaster-99\" is not in the fleet; write a name from"), "{}", err.en);
        let err = FleetKeys.run_tool(&p, &s, "server-breach", &inputs_of(&[("scheme", "quantum")])).unwrap_err();
        assert_eq!(err.en, "\"Key scheme\" is \"quantum\"; valid values: global, derived, asymmetric");
        assert_eq!(FleetKeys.run_tool(&p, &s, "nope", &inputs_of(&[])).unwrap_err().en, "unknown tool: nope");
    }

    #[test]
    fn the_check_reads_whole_numbers() {
        let s = seed(6);
        let p = Params::new();
        let n = fleet_size(&s);
        assert_eq!(FleetKeys.grade(&p, &s, "global-exposed", &format!(" {n} ")), LabVerdict::Correct);
        assert_eq!(FleetKeys.grade(&p, &s, "global-exposed", "1"), LabVerdict::Wrong);
        assert_eq!(FleetKeys.grade(&p, &s, "global-exposed", &(n - 1).to_string()), LabVerdict::Wrong);
        assert!(matches!(FleetKeys.grade(&p, &s, "global-exposed", "all of them"), LabVerdict::Unreadable(_)));
    }
}
