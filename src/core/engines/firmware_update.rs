//! `firmware-update`: signed update packages and rollback. A package is a text manifest (device
//! class, version, SHA-256 of the image, anti-rollback counter) followed by the vendor's 64-byte
//! Ed25519 signature over the manifest. Firmware 1.2 has a known vulnerability, 1.3 fixes it.
//! - The legacy device (running 1.3) checks the signature, the class and the image hash, but
//!   keeps no counter: a replayed, validly signed 1.2 package downgrades it.
//! - The fixed device keeps a monotonic counter (eFuse-like): it refuses a package whose counter is
//!   below the stored one and raises the stored one on install. It runs 1.2 (counter n) and must
//!   get a 1.3 package whose counter is above n, so that the 1.2 package can never come back.
//!
//! The vendor's signing service signs only approved images (1.3), never the withdrawn 1.2.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Arg, Msg, M};
use crate::core::tools::{hex_input, number_input, raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

const SIGN_FIELDS: &[Field] = &[
    Field::new("class", M::FirmwareUpdateClass, FieldKind::Text).prefill("class"),
    Field::new("version", M::FirmwareUpdateVersion, FieldKind::Text),
    Field::new("image", M::FirmwareUpdateImage, FieldKind::Hex { bytes: Some(32) }).prefill("hash_fixed"),
    Field::new("counter", M::FirmwareUpdateCounter, FieldKind::Number { min: 0, max: u32::MAX as u64 }).prefill("counter"),
];
const DEVICE_FIELDS: &[Field] = &[Field::new("packages", M::FirmwareUpdatePackages, FieldKind::LongText).prefill("captured")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "firmware-update",
    title: M::FirmwareUpdateTitle,
    teaches: M::FirmwareUpdateTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "class", doc: "The device class the packages must name (thermostat-thNNN)." },
        VarSpec { name: "vulnerable", doc: "The vulnerable version, 1.2." },
        VarSpec { name: "fixed", doc: "The fixed version, 1.3." },
        VarSpec { name: "hash_vulnerable", doc: "SHA-256 of the 1.2 image (hex, 32 bytes)." },
        VarSpec { name: "hash_fixed", doc: "SHA-256 of the 1.3 image (hex, 32 bytes), the only image the signing service approves." },
        VarSpec { name: "counter", doc: "The anti-rollback counter of the 1.2 release, stored in the counter device (3 to 22)." },
        VarSpec { name: "captured", doc: "The vendor's validly signed 1.2 package, recorded by the attacker (hex: manifest then 64-byte signature)." },
        VarSpec { name: "vendor_key", doc: "The vendor's Ed25519 public key (hex, 32 bytes)." },
    ],
    checks: &[
        CheckSpec { name: "downgrade", doc: "A package (hex) that the device without a counter installs and that leaves it on the vulnerable 1.2; graded by that device.", answer: AnswerKind::Hex },
        CheckSpec { name: "safe-package", doc: "A package (hex) that the counter device installs to reach 1.3 and after which it refuses the captured 1.2 package; graded by that device.", answer: AnswerKind::Hex },
    ],
    tools: &[
        ToolSpec { id: "legacy-device", title: M::FirmwareUpdateLegacy, help: M::FirmwareUpdateLegacyHelp, button: M::FirmwareUpdateInstall, fields: DEVICE_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "vendor-sign", title: M::FirmwareUpdateSign, help: M::FirmwareUpdateSignHelp, button: M::FirmwareUpdateSignButton, fields: SIGN_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "device", title: M::FirmwareUpdateDevice, help: M::FirmwareUpdateDeviceHelp, button: M::FirmwareUpdateInstall, fields: DEVICE_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

pub const VULNERABLE: &str = "1.2";
pub const FIXED: &str = "1.3";
const HEADER: &str = "seclab-fw-manifest 1";
const SIG_LEN: usize = 64;

fn vendor_secret(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("vendor-key", 32)
}

pub fn vendor_public(seed: &InstanceSeed) -> [u8; 32] {
    crypto::ed25519_public(&vendor_secret(seed)).expect("32 bytes")
}

pub fn class(seed: &InstanceSeed) -> String {
    let v = seed.value("class", 2);
    format!("thermostat-th{}", 200 + u16::from_be_bytes([v[0], v[1]]) % 800)
}

/// The counter of the 1.2 release, stored in the fixed device.
pub fn counter(seed: &InstanceSeed) -> u32 {
    3 + u32::from(seed.value("counter", 1)[0] % 20)
}

/// The image of a version, as the update server holds it.
pub fn image(seed: &InstanceSeed, version: &str) -> Vec<u8> {
    format!("firmware {} {version}\nbuild {}\n", class(seed), hex::encode(seed.value(&format!("build|{version}"), 8))).into_bytes()
}

pub fn image_hash(seed: &InstanceSeed, version: &str) -> [u8; 32] {
    crypto::sha256(&image(seed, version))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub class: String,
    pub version: String,
    pub image_sha256: String,
    pub counter: Option<u32>,
}

impl Manifest {
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER}\nclass={}\nversion={}\nimage-sha256={}\n", self.class, self.version, self.image_sha256);
        if let Some(c) = self.counter {
            text.push_str(&format!("counter={c}\n"));
        }
        text
    }

    pub fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let fields: BTreeMap<&str, &str> = lines.filter_map(|l| l.split_once('=')).collect();
        Some(Manifest {
            class: fields.get("class")?.to_string(),
            version: fields.get("version")?.to_string(),
            image_sha256: fields.get("image-sha256")?.to_string(),
            counter: match fields.get("counter") {
                None => None,
                Some(c) => Some(c.parse().ok()?),
            },
        })
    }
}

pub fn sign_package(secret: &[u8], manifest: &Manifest) -> Vec<u8> {
    let text = manifest.to_text();
    let signature = crypto::ed25519_sign(secret, text.as_bytes()).expect("32 bytes");
    [text.as_bytes(), &signature].concat()
}

/// The 1.2 package as the vendor published it, recorded by the attacker.
pub fn captured(seed: &InstanceSeed) -> Vec<u8> {
    release(seed, VULNERABLE, counter(seed))
}

fn release(seed: &InstanceSeed, version: &str, counter: u32) -> Vec<u8> {
    let manifest = Manifest { class: class(seed), version: version.into(), image_sha256: hex::encode(image_hash(seed, version)), counter: Some(counter) };
    sign_package(&vendor_secret(seed), &manifest)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// No version counter: the flaw.
    Legacy,
    /// A monotonic anti-rollback counter: the fix.
    AntiRollback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceState {
    pub version: String,
    pub counter: u32,
}

pub fn initial_state(seed: &InstanceSeed, model: Model) -> DeviceState {
    match model {
        Model::Legacy => DeviceState { version: FIXED.into(), counter: 0 },
        Model::AntiRollback => DeviceState { version: VULNERABLE.into(), counter: counter(seed) },
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Malformed,
    BadSignature,
    WrongClass(String),
    UnknownImage,
    VersionMismatch { manifest: String, image: String },
    NoCounter,
    Rollback { counter: u32, stored: u32 },
}

impl Refusal {
    fn describe(&self) -> Msg {
        match self {
            Refusal::Malformed => Msg::FirmwareUpdateMalformed(),
            Refusal::BadSignature => Msg::FirmwareUpdateBadSignature(),
            Refusal::WrongClass(c) => Msg::FirmwareUpdateWrongClass(c),
            Refusal::UnknownImage => Msg::FirmwareUpdateUnknownImage(),
            Refusal::VersionMismatch { manifest, image } => Msg::FirmwareUpdateVersionMismatch(manifest, image),
            Refusal::NoCounter => Msg::FirmwareUpdateNoCounterField(),
            Refusal::Rollback { counter, stored } => Msg::FirmwareUpdateRollback(*counter, *stored),
        }
    }
}

/// The device's update procedure. On success the state is the installed one.
pub fn install(seed: &InstanceSeed, model: Model, state: &mut DeviceState, package: &[u8]) -> Result<Manifest, Refusal> {
    if package.len() <= SIG_LEN {
        return Err(Refusal::Malformed);
    }
    let (text, signature) = package.split_at(package.len() - SIG_LEN);
    // Signature first: nothing in an unauthenticated manifest is worth reading.
    if !crypto::ed25519_verify(&vendor_public(seed), text, signature) {
        return Err(Refusal::BadSignature);
    }
    let manifest = std::str::from_utf8(text).ok().and_then(Manifest::parse).ok_or(Refusal::Malformed)?;
    if manifest.class != class(seed) {
        return Err(Refusal::WrongClass(manifest.class));
    }
    let image_version = [VULNERABLE, FIXED].into_iter().find(|v| hex::encode(image_hash(seed, v)) == manifest.image_sha256).ok_or(Refusal::UnknownImage)?;
    if manifest.version != image_version {
        return Err(Refusal::VersionMismatch { manifest: manifest.version, image: image_version.into() });
    }
    if model == Model::AntiRollback {
        let counter = manifest.counter.ok_or(Refusal::NoCounter)?;
        if counter < state.counter {
            return Err(Refusal::Rollback { counter, stored: state.counter });
        }
        state.counter = counter;
    }
    state.version = image_version.into();
    Ok(manifest)
}

fn decode_package(text: &str) -> Option<Vec<u8>> {
    hex::decode(crate::core::grading::Normalization::Hex.apply(text)).ok().filter(|p| p.len() > SIG_LEN)
}

/// Part 1: the legacy device accepts the package and ends up on the vulnerable version.
pub fn is_downgrade(seed: &InstanceSeed, package: &[u8]) -> bool {
    let mut state = initial_state(seed, Model::Legacy);
    install(seed, Model::Legacy, &mut state, package).is_ok() && state.version == VULNERABLE
}

/// Part 2: the fixed device installs the fixed version from the package, then refuses the replay.
pub fn is_safe(seed: &InstanceSeed, package: &[u8]) -> bool {
    let mut state = initial_state(seed, Model::AntiRollback);
    install(seed, Model::AntiRollback, &mut state, package).is_ok() && state.version == FIXED && install(seed, Model::AntiRollback, &mut state, &captured(seed)).is_err()
}


/// The counter as a device shows it: none on the legacy device.
fn counter_arg(model: Model, s: &DeviceState) -> Arg {
    if model == Model::Legacy { M::FirmwareUpdateNoCounter.into() } else { s.counter.into() }
}

fn state_value(model: Model, s: &DeviceState) -> Value {
    let text = if s.version == VULNERABLE { Msg::FirmwareUpdateStateVulnerable(&s.version, counter_arg(model, s)) } else { Msg::FirmwareUpdateState(&s.version, counter_arg(model, s)) };
    Value::Msg(text)
}

fn run_device(seed: &InstanceSeed, model: Model, inputs: &Inputs) -> Result<ToolRun, Msg> {
    let pieces: Vec<&str> = raw(inputs, "packages").split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    if pieces.is_empty() {
        return Err(Msg::FirmwareUpdatePackagesEmpty(M::FirmwareUpdatePackages));
    }
    if pieces.len() > 8 {
        return Err(Msg::FirmwareUpdateTooManyPackages());
    }
    let mut packages = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        packages.push(decode_package(piece).ok_or_else(|| Msg::FirmwareUpdateNotAPackage(i + 1))?);
    }
    let mut state = initial_state(seed, model);
    let mut outputs = vec![Output::new(M::FirmwareUpdateBefore, state_value(model, &state))];
    for (i, package) in packages.iter().enumerate() {
        let before = state.version.clone();
        let value = match install(seed, model, &mut state, package) {
            Ok(m) => {
                let counter: Arg = m.counter.map(Arg::from).unwrap_or_else(|| "—".into());
                let text = if state.version == VULNERABLE && before != VULNERABLE { Msg::FirmwareUpdateAcceptedDowngrade(i + 1, &m.version, counter) } else { Msg::FirmwareUpdateAccepted(i + 1, &m.version, counter) };
                Value::Verdict { ok: true, text }
            }
            Err(r) => Value::Verdict { ok: false, text: Msg::FirmwareUpdateRefused(i + 1, r.describe()) },
        };
        outputs.push(Output::new(M::FirmwareUpdatePackage, value));
    }
    outputs.push(Output::new(M::FirmwareUpdateAfter, state_value(model, &state)));
    Ok(outputs.into())
}

pub struct Instance {
    seed: InstanceSeed,
    captured: Vec<u8>,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { seed: seed.clone(), captured: captured(seed) }
}

impl Instance {
    fn sign(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let seed = &self.seed;
        if raw(inputs, "class").trim() != class(seed) {
            return Err(Msg::FirmwareUpdateClassOnly(M::FirmwareUpdateClass, class(seed)));
        }
        let image = hex_input(inputs, "image", M::FirmwareUpdateImage)?;
        let approved = hex::encode(image_hash(seed, FIXED));
        if image == image_hash(seed, VULNERABLE) {
            return Err(Msg::FirmwareUpdateWithdrawn(M::FirmwareUpdateImage));
        }
        if hex::encode(&image) != approved {
            return Err(Msg::FirmwareUpdateNotApproved(M::FirmwareUpdateImage, FIXED, &approved));
        }
        let version = raw(inputs, "version").trim();
        if version != FIXED {
            return Err(Msg::FirmwareUpdateVersionIs(M::FirmwareUpdateVersion, version, FIXED));
        }
        let counter = number_input(inputs, "counter", M::FirmwareUpdateCounter, 0, u32::MAX as u64)? as u32;
        let manifest = Manifest { class: class(seed), version: FIXED.into(), image_sha256: approved, counter: Some(counter) };
        let package = sign_package(&vendor_secret(seed), &manifest);
        Ok(vec![Output::new(M::FirmwareUpdateSignedManifest, Value::Text(manifest.to_text().trim_end().replace('\n', " | "))), Output::new(M::FirmwareUpdatePackageHex, Value::Hex(package))].into())
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let seed = &self.seed;
        Vars::from([
            ("class".into(), class(seed)),
            ("vulnerable".into(), VULNERABLE.into()),
            ("fixed".into(), FIXED.into()),
            ("hash_vulnerable".into(), hex::encode(image_hash(seed, VULNERABLE))),
            ("hash_fixed".into(), hex::encode(image_hash(seed, FIXED))),
            ("counter".into(), counter(seed).to_string()),
            ("captured".into(), hex::encode(&self.captured)),
            ("vendor_key".into(), hex::encode(vendor_public(seed))),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        match check {
            "downgrade" => Some(hex::encode(&self.captured)),
            "safe-package" => Some(hex::encode(release(&self.seed, FIXED, counter(&self.seed) + 1))),
            _ => None,
        }
    }

    /// Graded by the devices themselves: any package with the right effect is right.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        if !["downgrade", "safe-package"].contains(&check) {
            return LabVerdict::Unreadable(Msg::UnknownCheck(check));
        }
        let Some(package) = decode_package(answer) else {
            return LabVerdict::Unreadable(Msg::FirmwareUpdateOnePackage());
        };
        let right = if check == "downgrade" { is_downgrade(&self.seed, &package) } else { is_safe(&self.seed, &package) };
        if right { LabVerdict::Correct } else { LabVerdict::Wrong }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "legacy-device" => run_device(&self.seed, Model::Legacy, inputs),
            "device" => run_device(&self.seed, Model::AntiRollback, inputs),
            "vendor-sign" => self.sign(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::tools::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "rollback")
    }

    /// The attack: a replayed, validly signed 1.2 package downgrades the device with no counter.
    #[test]
    fn a_replayed_old_package_downgrades_the_legacy_device() {
        for n in 0..10 {
            let s = seed(n);
            let mut state = initial_state(&s, Model::Legacy);
            assert_eq!(state.version, FIXED);
            assert_eq!(install(&s, Model::Legacy, &mut state, &captured(&s)).unwrap().version, VULNERABLE);
            assert_eq!(state.version, VULNERABLE);
            assert!(is_downgrade(&s, &captured(&s)));
        }
    }

    /// The fix: a 1.3 package with a bumped counter installs, then the same replay is refused.
    /// A 1.3 package that keeps the old counter installs too, but leaves the door open.
    #[test]
    fn a_bumped_counter_refuses_the_replay_and_an_unbumped_one_does_not() {
        for n in 0..10 {
            let s = seed(n);
            let mut state = initial_state(&s, Model::AntiRollback);
            assert!(install(&s, Model::AntiRollback, &mut state, &release(&s, FIXED, counter(&s) + 1)).is_ok());
            assert_eq!(install(&s, Model::AntiRollback, &mut state, &captured(&s)), Err(Refusal::Rollback { counter: counter(&s), stored: counter(&s) + 1 }));
            assert_eq!(state.version, FIXED);
            assert!(is_safe(&s, &release(&s, FIXED, counter(&s) + 1)));
            assert!(!is_safe(&s, &release(&s, FIXED, counter(&s))), "same counter: the replay still installs");
            assert!(!is_safe(&s, &captured(&s)));
        }
    }

    /// Forgeries fail before any counter matters: a changed manifest, another key, no counter.
    #[test]
    fn tampered_or_foreign_packages_are_refused() {
        let s = seed(1);
        let mut forged = captured(&s);
        let at = forged.windows(8).position(|w| w == b"version=").unwrap() + 10;
        forged[at] = b'9';
        let mut state = initial_state(&s, Model::Legacy);
        assert_eq!(install(&s, Model::Legacy, &mut state, &forged), Err(Refusal::BadSignature));
        let other_key = sign_package(&[7; 32], &Manifest::parse(std::str::from_utf8(&captured(&s)[..captured(&s).len() - 64]).unwrap()).unwrap());
        assert_eq!(install(&s, Model::Legacy, &mut state, &other_key), Err(Refusal::BadSignature));
        let no_counter = sign_package(&vendor_secret(&s), &Manifest { class: class(&s), version: FIXED.into(), image_sha256: hex::encode(image_hash(&s, FIXED)), counter: None });
        let mut fixed_state = initial_state(&s, Model::AntiRollback);
        assert_eq!(install(&s, Model::AntiRollback, &mut fixed_state, &no_counter), Err(Refusal::NoCounter));
        let lying = sign_package(&vendor_secret(&s), &Manifest { class: class(&s), version: FIXED.into(), image_sha256: hex::encode(image_hash(&s, VULNERABLE)), counter: Some(99) });
        assert_eq!(install(&s, Model::AntiRollback, &mut fixed_state, &lying), Err(Refusal::VersionMismatch { manifest: FIXED.into(), image: VULNERABLE.into() }));
    }

    /// RFC 8032 §7.1 TEST 1 through the package format: an empty manifest signed with the vector's
    /// key gives the vector's signature, and one flipped bit fails.
    #[test]
    fn package_signatures_match_the_rfc_8032_vector() {
        let secret = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").unwrap();
        let signature = crypto::ed25519_sign(&secret, b"").unwrap();
        assert_eq!(hex::encode(signature), "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        let public = crypto::ed25519_public(&secret).unwrap();
        assert!(crypto::ed25519_verify(&public, b"", &signature));
        let mut bad = signature;
        bad[63] ^= 0x40;
        assert!(!crypto::ed25519_verify(&public, b"", &bad));
    }

    /// Each output as the page shows it in English (the end-to-end test matches these texts).
    fn texts(run: &ToolRun) -> Vec<String> {
        run.outputs.iter().map(|o| o.value.render(Lang::En)).collect()
    }

    #[test]
    fn the_tools_run_both_parts_and_name_bad_inputs() {
        let s = seed(2);
        let lab = build(&Params {}, &s);
        let vars = lab.variables();
        let legacy = lab.run_tool("legacy-device", &inputs_of(&[("packages", &vars["captured"])])).unwrap();
        let t = texts(&legacy);
        assert!(t[1].starts_with("1. ACCEPTED: ") && t[1].contains("DOWNGRADE"), "{t:?}");
        assert_eq!(t[2], "1.2 (vulnerable) · none");
        assert_eq!(legacy.outputs[2].value.render(Lang::Fr), "1.2 (vulnérable) · aucun");
        let bumped = (counter(&s) + 1).to_string();
        let sign = |c: &str, v: &str, h: &str| lab.run_tool("vendor-sign", &inputs_of(&[("class", &vars["class"]), ("version", v), ("image", h), ("counter", c)]));
        let signed = sign(&bumped, FIXED, &vars["hash_fixed"]).unwrap();
        assert!(signed.get(M::FirmwareUpdateSignedManifest).unwrap().plain().unwrap().ends_with(&format!("counter={bumped}")));
        let package = signed.get(M::FirmwareUpdatePackageHex).and_then(Value::plain).unwrap();
        let run = lab.run_tool("device", &inputs_of(&[("packages", &format!("{package} {}", vars["captured"]))])).unwrap();
        let t = texts(&run);
        assert_eq!(t[0], format!("1.2 (vulnerable) · {}", vars["counter"]));
        assert!(t[1].starts_with("1. ACCEPTED"), "{t:?}");
        assert!(t[2].starts_with("2. REFUSED: rollback: counter"), "{t:?}");
        assert_eq!(run.outputs[2].value.render(Lang::Fr), format!("2. REFUSÉ : retour en arrière : compteur {} < compteur stocké {bumped}", vars["counter"]));
        assert_eq!(t[3], format!("1.3 · {bumped}"));
        assert_eq!(lab.grade("safe-package", &package), LabVerdict::Correct);
        let unbumped = sign(&vars["counter"], FIXED, &vars["hash_fixed"]).unwrap().get(M::FirmwareUpdatePackageHex).and_then(Value::plain).unwrap();
        let t = texts(&lab.run_tool("device", &inputs_of(&[("packages", &format!("{unbumped} {}", vars["captured"]))])).unwrap());
        assert!(t[2].starts_with("2. ACCEPTED"), "{t:?}");
        assert_eq!(t[3], format!("1.2 (vulnerable) · {}", vars["counter"]));
        assert_eq!(lab.grade("safe-package", &unbumped), LabVerdict::Wrong);
        assert_eq!(lab.grade("downgrade", &vars["captured"]), LabVerdict::Correct);
        assert_eq!(lab.grade("downgrade", &package), LabVerdict::Wrong);
        assert!(matches!(lab.grade("downgrade", "00ff"), LabVerdict::Unreadable(_)));

        assert_eq!(sign(&bumped, FIXED, &vars["hash_vulnerable"]).unwrap_err().en(), "\"Image SHA-256 (hex)\": 1.2 is withdrawn (known vulnerability); the service refuses to sign it");
        assert_eq!(sign(&bumped, "1.4", &vars["hash_fixed"]).unwrap_err().en(), "\"Version\" is \"1.4\"; this image is 1.3");
        assert!(sign(&bumped, FIXED, &"00".repeat(32)).unwrap_err().en().starts_with("\"Image SHA-256 (hex)\": image not approved; the only approved one is 1.3"));
        assert_eq!(sign("-1", FIXED, &vars["hash_fixed"]).unwrap_err().en(), "\"Anti-rollback counter\" must be a whole number from 0 to 4294967295");
        assert_eq!(sign(&bumped, FIXED, "xyz").unwrap_err().en(), "\"Image SHA-256 (hex)\" must be hexadecimal, an even number of digits 0-9 a-f");
        let err = lab.run_tool("vendor-sign", &inputs_of(&[("class", "toaster"), ("version", FIXED), ("image", &vars["hash_fixed"]), ("counter", "1")])).unwrap_err();
        assert!(err.en().starts_with("\"Device class\": the service signs only for thermostat-th"), "{}", err.en());
        assert_eq!(lab.run_tool("device", &inputs_of(&[("packages", "  ")])).unwrap_err().en(), "\"Packages (hex), installed in order, separated by spaces\" is empty: paste at least one package");
        assert_eq!(lab.run_tool("device", &inputs_of(&[("packages", "abcd")])).unwrap_err().en(), "package 1 is not a package: expected hex, a manifest then a 64-byte signature");
        assert_eq!(lab.run_tool("device", &inputs_of(&[("packages", &["abcd"; 9].join(" "))])).unwrap_err().en(), "at most 8 packages per run");
        assert_eq!(lab.run_tool("ota", &inputs_of(&[])).unwrap_err().en(), "unknown tool: ota");
    }
}
