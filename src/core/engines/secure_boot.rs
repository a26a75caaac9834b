//! `secure-boot`: a boot chain ROM → bootloader → kernel → application. The ROM holds the
//! vendor's Ed25519 public key, burned at the factory. Each later stage is an image signed by the
//! vendor (the signature covers the whole image) whose last line records the SHA-256 of the next
//! stage's image. In each learner's chain one stage was tampered with: its image changed after
//! signing, or re-signed with the attacker's key, or the hash it records for the next stage altered.
//! The tampered stage is the one whose own signature fails: a hash mismatch alone does not say
//! which side of the link changed.

use serde::{Deserialize, Serialize};

use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, select_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

pub const STAGES: &[&str] = &["bootloader", "kernel", "application"];
pub const TAMPERS: &[&str] = &["image", "key", "manifest"];
const BACKDOOR: &str = "telnetd=enabled\n";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

const VERIFY_FIELDS: &[Field] = &[Field::new("stage", M::SecureBootStage, FieldKind::Select(STAGES)).default("bootloader")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "secure-boot",
    title: M::SecureBootTitle,
    teaches: M::SecureBootTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "rom_key", doc: "The vendor's Ed25519 public key burned in ROM (hex, 32 bytes)." },
        VarSpec { name: "rom_fingerprint", doc: "The first 8 bytes of SHA-256(rom_key), in hex: the fingerprint the verify tool shows for a signer." },
    ],
    checks: &[
        CheckSpec { name: "stage", doc: "The name of the tampered stage: bootloader, kernel or application (case-blind).", answer: AnswerKind::Text },
        CheckSpec { name: "how", doc: "How it was tampered with: image (changed after signing), key (re-signed with another key) or manifest (the hash it records for the next stage altered); case-blind.", answer: AnswerKind::Text },
    ],
    tools: &[
        ToolSpec { id: "chain", title: M::SecureBootChain, help: M::SecureBootChainHelp, button: M::SecureBootChainButton, fields: &[], oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "verify", title: M::SecureBootVerify, help: M::SecureBootVerifyHelp, button: M::SecureBootVerifyButton, fields: VERIFY_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

fn yes_no(b: bool) -> Msg {
    if b { Msg::SecureBootYes() } else { Msg::SecureBootNo() }
}

fn fingerprint(key: &[u8; 32]) -> String {
    hex::encode(&crypto::sha256(key)[..8])
}

pub struct Instance {
    rom: [u8; 32],
    stages: Vec<Stage>,
    tampering: (usize, usize),
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { rom: rom_key(seed), stages: chain(seed), tampering: tampering(seed) }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([("rom_key".into(), hex::encode(self.rom)), ("rom_fingerprint".into(), fingerprint(&self.rom))])
    }

    fn reference(&self, check: &str) -> Option<String> {
        let (stage, how) = self.tampering;
        match check {
            "stage" => Some(STAGES[stage].to_string()),
            "how" => Some(TAMPERS[how].to_string()),
            _ => None,
        }
    }

    /// Names, compared after trimming and lower-casing.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), &answer.trim().to_lowercase())
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "chain" => {
                let mut outputs = vec![Output::new(M::SecureBootRomKey, Value::Hex(self.rom.to_vec()))];
                for s in &self.stages {
                    let dump = format!("{} | signer {} | signature {}", s.image.trim_end().replace('\n', " | "), hex::encode(s.signer), hex::encode(s.signature));
                    outputs.push(Output::new(Msg::SecureBootStageName(s.name), Value::Text(dump)));
                }
                Ok(outputs.into())
            }
            "verify" => {
                // An empty choice is the form's first stage, as the select starts.
                let name = if raw(inputs, "stage").trim().is_empty() { STAGES[0] } else { select_input(inputs, "stage", M::SecureBootStage, STAGES)? };
                let index = STAGES.iter().position(|s| *s == name).expect("checked by select");
                let c = verify(&self.stages, &self.rom, index);
                let previous = if index == 0 { "ROM" } else { STAGES[index - 1] };
                let signer = fingerprint(&self.stages[index].signer);
                Ok(vec![
                    Output::new(M::SecureBootHash, Value::Hex(c.hash.to_vec())),
                    Output::new(M::SecureBootRecorded, match &c.expected {
                        None => Value::Msg(Msg::SecureBootNoRecordedHash()),
                        Some(e) => Value::Text(format!("{e} ({previous})")),
                    }),
                    Output::new(M::SecureBootSame, match c.expected {
                        None => Value::Msg(Msg::SecureBootNothingToCompare()),
                        Some(_) => Value::Verdict { ok: c.hash_ok, text: yes_no(c.hash_ok) },
                    }),
                    Output::new(M::SecureBootSignerIsRom, Value::Verdict { ok: c.signer_is_rom_key, text: Msg::SecureBootWithFingerprint(yes_no(c.signer_is_rom_key), signer) }),
                    Output::new(M::SecureBootSignatureValid, Value::Verdict { ok: c.signature_ok, text: yes_no(c.signature_ok) }),
                    Output::new(M::SecureBootVerdict, Value::Verdict { ok: c.passes(), text: if c.passes() { Msg::SecureBootVerified(name) } else { Msg::SecureBootRefused(name) } }),
                ]
                .into())
            }
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
        InstanceSeed::derive(&[n; 32], "seclab-core", "secure-boot")
    }

    fn lab(s: &InstanceSeed) -> Instance {
        build(&Params {}, s)
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
        assert_eq!(hex::encode(stage.signature), "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assert!(verify(std::slice::from_ref(&stage), &stage.signer, 0).passes());
        let mut tampered = stage.clone();
        tampered.image.push('x');
        assert!(!verify(&[tampered], &stage.signer, 0).signature_ok);
    }

    #[test]
    fn the_tools_show_each_step_and_name_bad_inputs() {
        let s = seed(2);
        let l = lab(&s);
        let (t, how) = tampering(&s);
        let run = l.run_tool("verify", &inputs_of(&[("stage", STAGES[t])])).unwrap();
        assert_eq!(run.outputs.len(), 6);
        assert_eq!(run.get(M::SecureBootVerdict), Some(&Value::Verdict { ok: false, text: Msg::SecureBootRefused(STAGES[t]) }));
        // What the page shows, in one language at a time.
        assert_eq!(run.get(M::SecureBootSignatureValid).unwrap().render(Lang::En), "✗ no");
        assert_eq!(run.get(M::SecureBootSignatureValid).unwrap().render(Lang::Fr), "✗ non");
        assert!(run.outputs[5].value.render(Lang::En).starts_with(&format!("✗ {}", STAGES[t])));
        let signer = run.get(M::SecureBootSignerIsRom).unwrap().render(Lang::En);
        assert_eq!(signer.starts_with("✗ no ("), TAMPERS[how] == "key", "{signer}");
        let chain_view = l.run_tool("chain", &inputs_of(&[])).unwrap();
        assert_eq!(chain_view.outputs.len(), 4);
        assert_eq!(chain_view.get(M::SecureBootRomKey), Some(&Value::Hex(rom_key(&s).to_vec())));
        assert!(chain_view.outputs[1].value.plain().unwrap().starts_with("bootloader 2."));
        assert_eq!(chain_view.outputs[1].label.en(), "bootloader");
        assert_eq!(l.run_tool("verify", &inputs_of(&[])).unwrap(), l.run_tool("verify", &inputs_of(&[("stage", "bootloader")])).unwrap());
        let err = l.run_tool("verify", &inputs_of(&[("stage", "bios")])).unwrap_err();
        assert_eq!(err.en(), "\"Stage to verify\" must be one of: bootloader, kernel, application");
        assert_eq!(l.run_tool("flash", &inputs_of(&[])).unwrap_err().en(), "unknown tool: flash");
        let first_untampered = (0..3).find(|i| *i != t && !(how == 2 && *i == t + 1)).unwrap();
        let ok = l.run_tool("verify", &inputs_of(&[("stage", STAGES[first_untampered])])).unwrap();
        assert_eq!(ok.get(M::SecureBootVerdict), Some(&Value::Verdict { ok: true, text: Msg::SecureBootVerified(STAGES[first_untampered]) }));
        assert!(ok.outputs[5].value.render(Lang::En).starts_with('✓'), "{:?}", ok.outputs);
        // The bootloader has no recorded hash: the ROM holds only the key.
        let first = l.run_tool("verify", &inputs_of(&[("stage", "bootloader")])).unwrap();
        assert_eq!(first.get(M::SecureBootSame), Some(&Value::Msg(Msg::SecureBootNothingToCompare())));
    }

    #[test]
    fn the_checks_grade_names_case_blind() {
        let s = seed(4);
        let l = lab(&s);
        let (t, how) = tampering(&s);
        assert_eq!(l.grade("stage", &format!(" {} ", STAGES[t].to_uppercase())), LabVerdict::Correct);
        assert_eq!(l.grade("stage", STAGES[(t + 1) % 3]), LabVerdict::Wrong);
        assert_eq!(l.grade("how", TAMPERS[how]), LabVerdict::Correct);
        assert_eq!(l.grade("how", TAMPERS[(how + 1) % 3]), LabVerdict::Wrong);
        assert!(matches!(l.grade("where", "kernel"), LabVerdict::Unreadable(_)));
    }
}
