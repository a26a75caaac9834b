//! `firmware-update`: signed update packages and rollback. A package is a text manifest (device
//! class, version, SHA-256 of the image, anti-rollback counter) followed by the vendor's 64-byte
//! Ed25519 signature over the manifest. Firmware 1.2 has a known vulnerability, 1.3 fixes it.
//! - The legacy device (running 1.3) checks the signature, the class and the image hash, but
//!   keeps no counter: a replayed, validly signed 1.2 package downgrades it.
//! - The fixed device keeps a monotonic counter (eFuse-like): it refuses a package whose counter is
//!   below the stored one and raises the stored one on install. It runs 1.2 (counter n) and must
//!   get a 1.3 package whose counter is above n, so that the 1.2 package can never come back.
//! The vendor's signing service signs only approved images (1.3), never the withdrawn 1.2.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct FirmwareUpdate;

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
    fn describe(&self) -> Bilingual {
        match self {
            Refusal::Malformed => Bilingual::new("manifeste illisible (en-tête ou champ class, version, image-sha256 manquant)", "unreadable manifest (header or class, version, image-sha256 field missing)"),
            Refusal::BadSignature => Bilingual::new("signature invalide sous la clé du fabricant", "signature not valid under the vendor key"),
            Refusal::WrongClass(c) => Bilingual::new(format!("classe « {c} » : ce n'est pas cet objet"), format!("class \"{c}\": not this device")),
            Refusal::UnknownImage => Bilingual::new("aucune image de ce SHA-256 sur le serveur de mise à jour", "no image with this SHA-256 on the update server"),
            Refusal::VersionMismatch { manifest, image } => {
                Bilingual::new(format!("le manifeste dit {manifest}, l'image est la {image}"), format!("the manifest says {manifest}, the image is {image}"))
            }
            Refusal::NoCounter => Bilingual::new("pas de champ counter : cet objet l'exige", "no counter field: this device requires one"),
            Refusal::Rollback { counter, stored } => {
                Bilingual::new(format!("retour en arrière : compteur {counter} < compteur stocké {stored}"), format!("rollback: counter {counter} < stored counter {stored}"))
            }
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

const VERSION: L10n = L10n { fr: "Version", en: "Version" };
const IMAGE: L10n = L10n { fr: "SHA-256 de l'image (hex)", en: "Image SHA-256 (hex)" };
const COUNTER: L10n = L10n { fr: "Compteur anti-retour", en: "Anti-rollback counter" };
const CLASS: L10n = L10n { fr: "Classe d'objet", en: "Device class" };
const PACKAGES: L10n = L10n { fr: "Paquets (hex), installés dans l'ordre, séparés par des espaces", en: "Packages (hex), installed in order, separated by spaces" };

static SIGN_INPUTS: [InputSpec; 4] = [
    InputSpec { id: "class", label: CLASS, kind: InputKind::Text, prefill: Some("class") },
    InputSpec { id: "version", label: VERSION, kind: InputKind::Text, prefill: None },
    InputSpec { id: "image", label: IMAGE, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("hash_fixed") },
    InputSpec { id: "counter", label: COUNTER, kind: InputKind::Number, prefill: Some("counter") },
];
static DEVICE_INPUTS: [InputSpec; 1] = [InputSpec { id: "packages", label: PACKAGES, kind: InputKind::Text, prefill: Some("captured") }];

fn out(fr: &'static str, en: &'static str, value: impl Into<String>) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value: value.into() }
}

fn run_device(seed: &InstanceSeed, model: Model, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
    let raw = inputs.get("packages").map(String::as_str).unwrap_or("");
    let pieces: Vec<&str> = raw.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    if pieces.is_empty() {
        return Err(Bilingual::new(format!("« {} » est vide : collez au moins un paquet", PACKAGES.fr), format!("\"{}\" is empty: paste at least one package", PACKAGES.en)));
    }
    if pieces.len() > 8 {
        return Err(Bilingual::new("au plus 8 paquets par essai", "at most 8 packages per run"));
    }
    let mut packages = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        packages.push(decode_package(piece).ok_or_else(|| {
            Bilingual::new(
                format!("le paquet {} n'est pas un paquet : il faut de l'hexadécimal, manifeste puis signature de 64 octets", i + 1),
                format!("package {} is not a package: expected hex, a manifest then a 64-byte signature", i + 1),
            )
        })?);
    }
    let mut state = initial_state(seed, model);
    let counter_text = |s: &DeviceState| if model == Model::Legacy { "none / aucun".to_string() } else { s.counter.to_string() };
    let mut outputs = vec![out("Avant : version, compteur", "Before: version, counter", format!("{} · {}", state.version, counter_text(&state)))];
    for (i, package) in packages.iter().enumerate() {
        let before = state.version.clone();
        let value = match install(seed, model, &mut state, package) {
            Ok(m) => {
                let downgrade = if state.version == VULNERABLE && before != VULNERABLE { " — DOWNGRADE to the vulnerable 1.2 / RETOUR à la 1.2 vulnérable" } else { "" };
                format!("ACCEPTED / ACCEPTÉ: {} (counter {}){downgrade}", m.version, m.counter.map(|c| c.to_string()).unwrap_or_else(|| "—".into()))
            }
            Err(r) => {
                let d = r.describe();
                format!("REFUSED / REFUSÉ: {} / {}", d.en, d.fr)
            }
        };
        outputs.push(ToolOutput { label: L10n { fr: "Paquet", en: "Package" }, value: format!("{}. {value}", i + 1) });
    }
    let vulnerable = if state.version == VULNERABLE { " (vulnerable / vulnérable)" } else { "" };
    outputs.push(out("Après : version, compteur", "After: version, counter", format!("{}{vulnerable} · {}", state.version, counter_text(&state))));
    Ok(outputs.into())
}

impl Engine for FirmwareUpdate {
    fn kind(&self) -> &'static str {
        "firmware-update"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Mise à jour signée et retour en arrière", en: "Signed update and rollback" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Paquets de mise à jour signés Ed25519 (classe, version, SHA-256 de l'image, compteur), un objet sans compteur et un objet à compteur monotone, un service de signature du fabricant. Sans paramètre. Variables : class, vulnerable, fixed, hash_vulnerable, hash_fixed, counter, captured, vendor_key. Contrôles : downgrade, safe-package (paquets hex).",
            en: "Ed25519-signed update packages (class, version, image SHA-256, counter), a device without a counter and one with a monotonic counter, a vendor signing service. No parameter. Variables: class, vulnerable, fixed, hash_vulnerable, hash_fixed, counter, captured, vendor_key. Checks: downgrade, safe-package (hex packages).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["class", "vulnerable", "fixed", "hash_vulnerable", "hash_fixed", "counter", "captured", "vendor_key"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("class".to_string(), class(seed)),
            ("vulnerable".to_string(), VULNERABLE.to_string()),
            ("fixed".to_string(), FIXED.to_string()),
            ("hash_vulnerable".to_string(), hex::encode(image_hash(seed, VULNERABLE))),
            ("hash_fixed".to_string(), hex::encode(image_hash(seed, FIXED))),
            ("counter".to_string(), counter(seed).to_string()),
            ("captured".to_string(), hex::encode(captured(seed))),
            ("vendor_key".to_string(), hex::encode(vendor_public(seed))),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["downgrade", "safe-package"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        match check {
            "downgrade" => Some(hex::encode(captured(seed))),
            "safe-package" => Some(hex::encode(release(seed, FIXED, counter(seed) + 1))),
            _ => None,
        }
    }

    /// Graded by the devices themselves: any package with the right effect is right.
    fn grade(&self, _params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        if !["downgrade", "safe-package"].contains(&check) {
            return super::grade_text(None, answer);
        }
        let Some(package) = decode_package(answer) else {
            return LabVerdict::Unreadable(Bilingual::new(
                "collez un seul paquet en hexadécimal : le manifeste suivi de sa signature de 64 octets",
                "paste one package in hexadecimal: the manifest followed by its 64-byte signature",
            ));
        };
        let right = if check == "downgrade" { is_downgrade(seed, &package) } else { is_safe(seed, &package) };
        if right { LabVerdict::Correct } else { LabVerdict::Wrong }
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "legacy-device",
                title: L10n { fr: "Objet A : sans compteur (en 1.3)", en: "Device A: no counter (on 1.3)" },
                help: L10n {
                    fr: "Vérifie la signature du fabricant, la classe, et que l'image téléchargée a le SHA-256 du manifeste. Ne garde aucun compteur.",
                    en: "Checks the vendor signature, the class, and that the downloaded image has the manifest's SHA-256. Keeps no counter.",
                },
                inputs: &DEVICE_INPUTS,
                button: L10n { fr: "Installer", en: "Install" },
                oracle: false,
            },
            ToolSpec {
                id: "vendor-sign",
                title: L10n { fr: "Service de signature du fabricant", en: "Vendor signing service" },
                help: L10n {
                    fr: "Éditeur de manifeste : le service signe avec la clé du fabricant (gardée dans son HSM) seulement une image approuvée, de la bonne version, pour cette classe d'objet. La 1.2 est retirée.",
                    en: "Manifest editor: the service signs with the vendor key (kept in its HSM) only an approved image, with its right version, for this device class. 1.2 is withdrawn.",
                },
                inputs: &SIGN_INPUTS,
                button: L10n { fr: "Signer", en: "Sign" },
                oracle: false,
            },
            ToolSpec {
                id: "device",
                title: L10n { fr: "Objet B : compteur anti-retour (en 1.2)", en: "Device B: anti-rollback counter (on 1.2)" },
                help: L10n {
                    fr: "Mêmes vérifications, plus un compteur monotone : refuse un compteur inférieur au compteur stocké, et stocke celui du paquet installé.",
                    en: "The same checks, plus a monotonic counter: refuses a counter below the stored one, and stores the installed package's.",
                },
                inputs: &DEVICE_INPUTS,
                button: L10n { fr: "Installer", en: "Install" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, _params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "legacy-device" => run_device(seed, Model::Legacy, inputs),
            "device" => run_device(seed, Model::AntiRollback, inputs),
            "vendor-sign" => {
                let class_in = inputs.get("class").map(|c| c.trim()).unwrap_or("");
                if class_in != class(seed) {
                    return Err(Bilingual::new(
                        format!("« {} » : le service ne signe que pour {}", CLASS.fr, class(seed)),
                        format!("\"{}\": the service signs only for {}", CLASS.en, class(seed)),
                    ));
                }
                let image = hex_input(inputs, "image", IMAGE)?;
                let approved = hex::encode(image_hash(seed, FIXED));
                if hex::encode(&image) == hex::encode(image_hash(seed, VULNERABLE)) {
                    return Err(Bilingual::new(
                        format!("« {} » : la 1.2 est retirée (vulnérabilité connue) ; le service refuse de la signer", IMAGE.fr),
                        format!("\"{}\": 1.2 is withdrawn (known vulnerability); the service refuses to sign it", IMAGE.en),
                    ));
                }
                if hex::encode(&image) != approved {
                    return Err(Bilingual::new(
                        format!("« {} » : image non approuvée ; la seule approuvée est la {FIXED}, {approved}", IMAGE.fr),
                        format!("\"{}\": image not approved; the only approved one is {FIXED}, {approved}", IMAGE.en),
                    ));
                }
                let version = inputs.get("version").map(|v| v.trim()).unwrap_or("");
                if version != FIXED {
                    return Err(Bilingual::new(
                        format!("« {} » vaut « {version} » ; cette image est la {FIXED}", VERSION.fr),
                        format!("\"{}\" is \"{version}\"; this image is {FIXED}", VERSION.en),
                    ));
                }
                let counter = inputs.get("counter").map(|c| c.trim()).unwrap_or("").parse::<u32>().map_err(|_| {
                    Bilingual::new(format!("« {} » doit être un entier de 0 à 4294967295", COUNTER.fr), format!("\"{}\" must be a whole number from 0 to 4294967295", COUNTER.en))
                })?;
                let manifest = Manifest { class: class(seed), version: FIXED.into(), image_sha256: approved, counter: Some(counter) };
                let package = sign_package(&vendor_secret(seed), &manifest);
                Ok(vec![
                    out("Manifeste signé", "Signed manifest", manifest.to_text().trim_end().replace('\n', " | ")),
                    out("Paquet (hex) : manifeste ‖ signature", "Package (hex): manifest ‖ signature", hex::encode(package)),
                ]
                .into())
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

    #[test]
    fn the_tools_run_both_parts_and_name_bad_inputs() {
        let s = seed(2);
        let p = Params::new();
        let vars = FirmwareUpdate.variables(&p, &s);
        let legacy = FirmwareUpdate.run_tool(&p, &s, "legacy-device", &inputs_of(&[("packages", &vars["captured"])])).unwrap();
        assert!(legacy.outputs[1].value.contains("DOWNGRADE"), "{:?}", legacy.outputs);
        let bumped = (counter(&s) + 1).to_string();
        let sign = |c: &str, v: &str, h: &str| FirmwareUpdate.run_tool(&p, &s, "vendor-sign", &inputs_of(&[("class", &vars["class"]), ("version", v), ("image", h), ("counter", c)]));
        let package = sign(&bumped, FIXED, &vars["hash_fixed"]).unwrap().outputs[1].value.clone();
        let run = FirmwareUpdate.run_tool(&p, &s, "device", &inputs_of(&[("packages", &format!("{package} {}", vars["captured"]))])).unwrap();
        assert!(run.outputs[1].value.starts_with("1. ACCEPTED"), "{:?}", run.outputs);
        assert!(run.outputs[2].value.starts_with("2. REFUSED / REFUSÉ: rollback: counter"), "{:?}", run.outputs);
        assert_eq!(run.outputs[3].value, format!("1.3 · {bumped}"));
        assert_eq!(FirmwareUpdate.grade(&p, &s, "safe-package", &package), LabVerdict::Correct);
        let unbumped = sign(&vars["counter"], FIXED, &vars["hash_fixed"]).unwrap().outputs[1].value.clone();
        assert_eq!(FirmwareUpdate.grade(&p, &s, "safe-package", &unbumped), LabVerdict::Wrong);
        assert_eq!(FirmwareUpdate.grade(&p, &s, "downgrade", &vars["captured"]), LabVerdict::Correct);
        assert_eq!(FirmwareUpdate.grade(&p, &s, "downgrade", &package), LabVerdict::Wrong);
        assert!(matches!(FirmwareUpdate.grade(&p, &s, "downgrade", "00ff"), LabVerdict::Unreadable(_)));

        assert_eq!(sign(&bumped, FIXED, &vars["hash_vulnerable"]).unwrap_err().en, "\"Image SHA-256 (hex)\": 1.2 is withdrawn (known vulnerability); the service refuses to sign it");
        assert_eq!(sign(&bumped, "1.4", &vars["hash_fixed"]).unwrap_err().en, "\"Version\" is \"1.4\"; this image is 1.3");
        assert!(sign(&bumped, FIXED, &"00".repeat(32)).unwrap_err().en.starts_with("\"Image SHA-256 (hex)\": image not approved; the only approved one is 1.3"));
        assert_eq!(sign("-1", FIXED, &vars["hash_fixed"]).unwrap_err().en, "\"Anti-rollback counter\" must be a whole number from 0 to 4294967295");
        assert_eq!(sign(&bumped, FIXED, "xyz").unwrap_err().en, "\"Image SHA-256 (hex)\" must be hexadecimal, an even number of digits 0-9 a-f");
        let err = FirmwareUpdate.run_tool(&p, &s, "vendor-sign", &inputs_of(&[("class", "toaster"), ("version", FIXED), ("image", &vars["hash_fixed"]), ("counter", "1")])).unwrap_err();
        assert!(err.en.starts_with("\"Device class\": the service signs only for thermostat-th"), "{}", err.en);
        assert_eq!(FirmwareUpdate.run_tool(&p, &s, "device", &inputs_of(&[("packages", "  ")])).unwrap_err().en, "\"Packages (hex), installed in order, separated by spaces\" is empty: paste at least one package");
        assert_eq!(FirmwareUpdate.run_tool(&p, &s, "device", &inputs_of(&[("packages", "abcd")])).unwrap_err().en, "package 1 is not a package: expected hex, a manifest then a 64-byte signature");
        assert_eq!(FirmwareUpdate.run_tool(&p, &s, "ota", &inputs_of(&[])).unwrap_err().en, "unknown tool: ota");
    }
}
