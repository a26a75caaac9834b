//! `secure-boot`: a boot chain ROM → bootloader → kernel → application. The ROM holds the
//! vendor's Ed25519 public key, burned at the factory. Each later stage is an image signed by the
//! vendor (the signature covers the whole image) whose last line records the SHA-256 of the next
//! stage's image. In each learner's chain one stage was tampered with: its image changed after
//! signing, or re-signed with the attacker's key, or the hash it records for the next stage altered.
//! The tampered stage is the one whose own signature fails: a hash mismatch alone does not say
//! which side of the link changed.

use std::collections::BTreeMap;

use super::{unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct SecureBoot;

pub const STAGES: &[&str] = &["bootloader", "kernel", "application"];
pub const TAMPERS: &[&str] = &["image", "key", "manifest"];
const BACKDOOR: &str = "telnetd=enabled\n";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub image: String,
    /// The public key the stage's header names as its signer.
    pub signer: [u8; 32],
    pub signature: [u8; 64],
}

fn vendor_secret(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("vendor-key", 32)
}

fn attacker_secret(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("attacker-key", 32)
}

/// The key burned in ROM.
pub fn rom_key(seed: &InstanceSeed) -> [u8; 32] {
    crypto::ed25519_public(&vendor_secret(seed)).expect("32 bytes")
}

/// Which stage (index in STAGES) was tampered with, and how (index in TAMPERS).
pub fn tampering(seed: &InstanceSeed) -> (usize, usize) {
    let v = seed.value("tampering", 2);
    let how = v[0] as usize % TAMPERS.len();
    // Only a stage that records a next hash can have that record altered.
    let stage = if TAMPERS[how] == "manifest" { v[1] as usize % 2 } else { v[1] as usize % 3 };
    (stage, how)
}

fn next_line(name: &str, image: &str) -> String {
    format!("next {name} sha256={}\n", hex::encode(crypto::sha256(image.as_bytes())))
}

/// The images the vendor signed, built from the last stage back so each records the next's hash.
pub fn genuine_images(seed: &InstanceSeed) -> [String; 3] {
    let v = seed.value("versions", 6);
    let build = |i: usize| hex::encode(seed.value(&format!("build|{}", STAGES[i]), 4));
    let app = format!("application 3.{}.{}\nbuild {}\n", v[0] % 9, v[1] % 20, build(2));
    let kernel = format!("kernel 6.1.{}\nbuild {}\n{}", 40 + v[2] % 60, build(1), next_line("application", &app));
    let bootloader = format!("bootloader 2.{}\nbuild {}\n{}", v[3] % 12, build(0), next_line("kernel", &kernel));
    [bootloader, kernel, app]
}

fn signed(name: &'static str, image: String, secret: &[u8]) -> Stage {
    let signature = crypto::ed25519_sign(secret, image.as_bytes()).expect("32 bytes");
    Stage { name, signer: crypto::ed25519_public(secret).expect("32 bytes"), signature, image }
}

/// The vendor's chain, untouched.
pub fn genuine_chain(seed: &InstanceSeed) -> Vec<Stage> {
    genuine_images(seed).into_iter().zip(STAGES).map(|(image, name)| signed(name, image, &vendor_secret(seed))).collect()
}

/// The chain on the learner's device.
pub fn chain(seed: &InstanceSeed) -> Vec<Stage> {
    let mut stages = genuine_chain(seed);
    let (t, how) = tampering(seed);
    let stage = &mut stages[t];
    match TAMPERS[how] {
        // Changed after signing: the vendor's signature no longer matches.
        "image" => stage.image.push_str(BACKDOOR),
        // Changed and re-signed with a key the attacker made; the header names that key.
        "key" => *stage = signed(stage.name, format!("{}{BACKDOOR}", stage.image), &attacker_secret(seed)),
        // The recorded hash now points at a backdoored next image, under the old signature.
        _ => {
            let next = genuine_images(seed)[t + 1].clone();
            let genuine = next_line(STAGES[t + 1], &next);
            stage.image = stage.image.replace(&genuine, &next_line(STAGES[t + 1], &format!("{next}{BACKDOOR}")));
        }
    }
    stages
}

/// The checks one stage goes through before the previous stage jumps to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCheck {
    pub hash: [u8; 32],
    /// The hash the previous stage records; None for the bootloader (the ROM holds only the key).
    pub expected: Option<String>,
    pub hash_ok: bool,
    pub signer_is_rom_key: bool,
    pub signature_ok: bool,
}

impl StageCheck {
    pub fn passes(&self) -> bool {
        self.hash_ok && self.signature_ok
    }
}

fn recorded_hash(image: &str) -> Option<String> {
    image.lines().find_map(|l| l.strip_prefix("next ")).and_then(|l| l.split_once(" sha256=")).map(|(_, h)| h.to_string())
}

pub fn verify(stages: &[Stage], rom_key: &[u8; 32], index: usize) -> StageCheck {
    let stage = &stages[index];
    let hash = crypto::sha256(stage.image.as_bytes());
    let expected = (index > 0).then(|| recorded_hash(&stages[index - 1].image).unwrap_or_default());
    StageCheck {
        hash,
        hash_ok: expected.as_ref().is_none_or(|e| *e == hex::encode(hash)),
        expected,
        signer_is_rom_key: stage.signer == *rom_key,
        signature_ok: crypto::ed25519_verify(rom_key, stage.image.as_bytes(), &stage.signature),
    }
}

/// The whole boot: the index of the first stage that fails, if any. With `signatures` false, a
/// chain of hashes only, the flawed design the signatures fix.
pub fn boot(stages: &[Stage], rom_key: &[u8; 32], signatures: bool) -> Option<usize> {
    (0..stages.len()).find(|&i| {
        let c = verify(stages, rom_key, i);
        !(c.hash_ok && (c.signature_ok || !signatures))
    })
}

const STAGE: L10n = L10n { fr: "Étape à vérifier", en: "Stage to verify" };
static VERIFY_INPUTS: [InputSpec; 1] = [InputSpec { id: "stage", label: STAGE, kind: InputKind::Select(STAGES), prefill: None }];

fn out(fr: &'static str, en: &'static str, value: impl Into<String>) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value: value.into() }
}

fn yes_no(b: bool) -> &'static str {
    if b { "✓ yes / oui" } else { "✗ no / non" }
}

fn fingerprint(key: &[u8; 32]) -> String {
    hex::encode(&crypto::sha256(key)[..8])
}

impl Engine for SecureBoot {
    fn kind(&self) -> &'static str {
        "secure-boot"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Chaîne de démarrage sécurisé", en: "Secure-boot chain" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "ROM → bootloader → kernel → application : chaque étape signée Ed25519 par le fabricant, chacune enregistrant le SHA-256 de la suivante ; une étape altérée par instance. Sans paramètre. Variables : rom_key, rom_fingerprint. Contrôles : stage (nom de l'étape altérée), how (image, key ou manifest).",
            en: "ROM → bootloader → kernel → application: each stage Ed25519-signed by the vendor, each recording the SHA-256 of the next; one stage tampered per instance. No parameter. Variables: rom_key, rom_fingerprint. Checks: stage (the tampered stage's name), how (image, key or manifest).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["rom_key", "rom_fingerprint"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        BTreeMap::from([("rom_key".to_string(), hex::encode(rom_key(seed))), ("rom_fingerprint".to_string(), fingerprint(&rom_key(seed)))])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["stage", "how"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        let (stage, how) = tampering(seed);
        match check {
            "stage" => Some(STAGES[stage].to_string()),
            "how" => Some(TAMPERS[how].to_string()),
            _ => None,
        }
    }

    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        super::grade_text(self.reference(params, seed, check), &answer.trim().to_lowercase())
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "chain",
                title: L10n { fr: "Afficher la chaîne", en: "Show the chain" },
                help: L10n {
                    fr: "Le contenu de la flash : la clé gravée en ROM, puis chaque étape avec son image, la clé que son en-tête désigne comme signataire, et sa signature.",
                    en: "The flash contents: the key burned in ROM, then each stage with its image, the key its header names as signer, and its signature.",
                },
                inputs: &[],
                button: L10n { fr: "Afficher", en: "Show" },
                oracle: false,
            },
            ToolSpec {
                id: "verify",
                title: L10n { fr: "Vérifier une étape", en: "Verify a stage" },
                help: L10n {
                    fr: "Ce que fait l'étape précédente avant de lui passer la main : hacher l'image, comparer au hachage enregistré, puis vérifier la signature avec la clé de la ROM.",
                    en: "What the previous stage does before handing over: hash the image, compare with the recorded hash, then check the signature with the ROM key.",
                },
                inputs: &VERIFY_INPUTS,
                button: L10n { fr: "Vérifier", en: "Verify" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, _params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        let stages = chain(seed);
        let rom = rom_key(seed);
        match tool {
            "chain" => {
                let mut outputs = vec![out("ROM : clé publique du fabricant (gravée)", "ROM: vendor public key (burned)", hex::encode(rom))];
                for s in &stages {
                    outputs.push(ToolOutput {
                        label: L10n { fr: s.name, en: s.name },
                        value: format!("{} | signer {} | signature {}", s.image.trim_end().replace('\n', " | "), hex::encode(s.signer), hex::encode(s.signature)),
                    });
                }
                Ok(outputs.into())
            }
            "verify" => {
                let name = super::fleet_keys::select(inputs, "stage", STAGES, STAGE)?;
                let index = STAGES.iter().position(|s| *s == name).expect("checked by select");
                let c = verify(&stages, &rom, index);
                let previous = if index == 0 { "ROM" } else { STAGES[index - 1] };
                Ok(vec![
                    out("1. SHA-256(image)", "1. SHA-256(image)", hex::encode(c.hash)),
                    out("2. Hachage enregistré par l'étape précédente", "2. Hash recorded by the previous stage", match &c.expected {
                        None => "none: the ROM holds only the key / aucun : la ROM ne garde que la clé".to_string(),
                        Some(e) => format!("{e} ({previous})"),
                    }),
                    out("   Identique ?", "   Same?", if c.expected.is_none() { "— (no hash to compare / rien à comparer)" } else { yes_no(c.hash_ok) }),
                    out("3. Signataire désigné par l'en-tête = clé de la ROM ?", "3. Signer named by the header = ROM key?", format!("{} ({})", yes_no(c.signer_is_rom_key), fingerprint(&stages[index].signer))),
                    out("4. Signature Ed25519 valide sous la clé de la ROM ?", "4. Ed25519 signature valid under the ROM key?", yes_no(c.signature_ok)),
                    out("Verdict", "Verdict", if c.passes() { format!("✓ {name} verified / vérifiée") } else { format!("✗ {name} refused, boot stops / refusée, le démarrage s'arrête") }),
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
        InstanceSeed::derive(&[n; 32], "seclab-core", "secure-boot")
    }

    /// The genuine chain boots; every tampered chain stops, and at the tampered stage, whose own
    /// signature is the one that fails.
    #[test]
    fn signatures_find_the_tampered_stage_in_every_mode() {
        let mut seen = std::collections::BTreeSet::new();
        for n in 0..40 {
            let s = seed(n);
            let rom = rom_key(&s);
            assert_eq!(boot(&genuine_chain(&s), &rom, true), None);
            let (t, how) = tampering(&s);
            seen.insert((t, how));
            let stages = chain(&s);
            assert_eq!(boot(&stages, &rom, true), Some(t), "{} {}", STAGES[t], TAMPERS[how]);
            let failing: Vec<usize> = (0..3).filter(|&i| !verify(&stages, &rom, i).signature_ok).collect();
            assert_eq!(failing, vec![t]);
            // Only a re-signed stage names another signer.
            assert_eq!(verify(&stages, &rom, t).signer_is_rom_key, TAMPERS[how] != "key");
            if TAMPERS[how] == "manifest" {
                // The next stage is genuine (valid signature) but no longer matches the record.
                let next = verify(&stages, &rom, t + 1);
                assert!(next.signature_ok && !next.hash_ok);
            }
        }
        assert_eq!(seen.len(), 8, "every stage and mode occurs: {seen:?}");
    }

    /// The flaw signatures fix: with a chain of hashes alone, an attacker who rewrites the
    /// bootloader and every record after it boots a backdoored kernel, since the ROM anchors no
    /// hash; the ROM key refuses the same chain.
    #[test]
    fn a_hash_chain_alone_boots_a_rewritten_chain() {
        let s = seed(1);
        let rom = rom_key(&s);
        let [boot_img, kernel, app] = genuine_images(&s);
        let evil_kernel = kernel.replace("build", "build-evil");
        let evil_boot = boot_img.replace(&next_line("kernel", &kernel), &next_line("kernel", &evil_kernel));
        let attacker = attacker_secret(&s);
        let stages = vec![signed("bootloader", evil_boot, &attacker), signed("kernel", evil_kernel, &attacker), signed("application", app, &vendor_secret(&s))];
        assert_eq!(boot(&stages, &rom, false), None, "hash-only boot accepts it");
        assert_eq!(boot(&stages, &rom, true), Some(0), "the ROM key refuses the bootloader");
    }

    /// RFC 8032 §7.1 TEST 1 through this engine's verification: the vector's key as the ROM
    /// key, its signature over the empty image, then one byte changed.
    #[test]
    fn verification_matches_the_rfc_8032_vector() {
        let secret = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").unwrap();
        let stage = signed("application", String::new(), &secret);
        assert_eq!(hex::encode(stage.signer), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert!(verify(std::slice::from_ref(&stage), &stage.signer, 0).passes());
        let mut tampered = stage.clone();
        tampered.image.push('x');
        assert!(!verify(&[tampered], &stage.signer, 0).signature_ok);
    }

    #[test]
    fn the_tools_show_each_step_and_name_bad_inputs() {
        let s = seed(2);
        let p = Params::new();
        let (t, _) = tampering(&s);
        let run = SecureBoot.run_tool(&p, &s, "verify", &inputs_of(&[("stage", STAGES[t])])).unwrap();
        assert!(run.outputs[5].value.starts_with('✗'), "{:?}", run.outputs);
        let chain_view = SecureBoot.run_tool(&p, &s, "chain", &inputs_of(&[])).unwrap();
        assert_eq!(chain_view.outputs.len(), 4);
        assert!(chain_view.outputs[1].value.starts_with("bootloader 2."));
        let err = SecureBoot.run_tool(&p, &s, "verify", &inputs_of(&[("stage", "bios")])).unwrap_err();
        assert_eq!(err.en, "\"Stage to verify\" is \"bios\"; valid values: bootloader, kernel, application");
        assert_eq!(SecureBoot.run_tool(&p, &s, "flash", &inputs_of(&[])).unwrap_err().en, "unknown tool: flash");
        let first_untampered = (0..3).find(|i| *i != t && !(tampering(&s).1 == 2 && *i == t + 1)).unwrap();
        let ok = SecureBoot.run_tool(&p, &s, "verify", &inputs_of(&[("stage", STAGES[first_untampered])])).unwrap();
        assert!(ok.outputs[5].value.starts_with('✓'), "{:?}", ok.outputs);
    }

    #[test]
    fn the_checks_grade_names_case_blind() {
        let s = seed(4);
        let p = Params::new();
        let (t, how) = tampering(&s);
        assert_eq!(SecureBoot.grade(&p, &s, "stage", &format!(" {} ", STAGES[t].to_uppercase())), LabVerdict::Correct);
        assert_eq!(SecureBoot.grade(&p, &s, "stage", STAGES[(t + 1) % 3]), LabVerdict::Wrong);
        assert_eq!(SecureBoot.grade(&p, &s, "how", TAMPERS[how]), LabVerdict::Correct);
        assert_eq!(SecureBoot.grade(&p, &s, "how", TAMPERS[(how + 1) % 3]), LabVerdict::Wrong);
    }
}
