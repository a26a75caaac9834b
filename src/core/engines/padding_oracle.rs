//! `cbc-padding-oracle`: a gateway decrypts AES-128-CBC configuration frames and answers
//! "bad padding" differently from other errors. That one bit per query is enough to decrypt
//! the frame (Vaudenay, 2002). With `mac = true` the gateway checks an HMAC over IV and
//! ciphertext first (encrypt-then-MAC) and every forged frame gets the same answer: the attack
//! learns nothing.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct PaddingOracle;

pub const DEFAULT_BUDGET: i64 = 10_000;
const WORDS: &[&str] = &["amber", "basalt", "cobalt", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "jasper", "krypton", "lumen", "magma", "nimbus", "onyx", "quartz", "raven", "sierra", "tundra", "umber", "vortex", "willow", "xenon", "zephyr"];

/// The device's secret, a passphrase of two words and four digits (recognisable when recovered).
pub fn secret(seed: &InstanceSeed) -> String {
    let v = seed.value("psk", 4);
    let w1 = WORDS[v[0] as usize % WORDS.len()];
    let w2 = WORDS[v[1] as usize % WORDS.len()];
    let n = u16::from_be_bytes([v[2], v[3]]) % 10_000;
    format!("{w1}-{w2}-{n:04}")
}

fn plaintext(seed: &InstanceSeed) -> Vec<u8> {
    format!("psk={}", secret(seed)).into_bytes()
}

fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("key", 16)
}

fn mac_key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("mac-key", 32)
}

pub fn iv(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("iv", 16)
}

pub fn ciphertext(seed: &InstanceSeed) -> Vec<u8> {
    let padded = crypto::pkcs7_pad(&plaintext(seed));
    crypto::aes128_cbc_encrypt(&key(seed), &iv(seed), &padded).expect("whole blocks")
}

fn uses_mac(params: &Params) -> bool {
    params.get("mac").and_then(|v| v.as_bool()).unwrap_or(false)
}

/// What the gateway answers to a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    BadPadding,
    /// Encrypt-then-MAC: the frame is rejected before any decryption.
    BadMac,
}

/// The gateway: decrypts `iv || ct` and reports what went wrong.
pub fn gateway(params: &Params, seed: &InstanceSeed, iv: &[u8], ct: &[u8], tag: Option<&[u8]>) -> Answer {
    if uses_mac(params) {
        if !crypto::hmac_sha256_verify(&mac_key(seed), &[iv, ct].concat(), tag) {
            return Answer::BadMac;
        }
    }
    if iv.len() != 16 || ct.is_empty() || ct.len() % 16 != 0 {
        return Answer::BadPadding;
    }
    let pt = crypto::aes128_cbc_decrypt(&key(seed), iv, ct).expect("sizes checked");
    let n = *pt.last().expect("non-empty") as usize;
    if n == 0 || n > 16 || !pt[pt.len() - n..].iter().all(|b| *b as usize == n) {
        Answer::BadPadding
    } else {
        Answer::Accepted
    }
}

/// One byte of the attack: with the intermediate bytes already known at the end of `target`'s
/// decryption (`known`, 0 to 15 bytes), forges a previous block that pads them to
/// `known.len() + 1` and tries every value of the byte before them. Returns the intermediate
/// byte found (if the oracle ever says yes) and the number of queries spent.
pub fn scan_byte(target: &[u8], known: &[u8], oracle: &mut dyn FnMut(&[u8], &[u8]) -> bool) -> (Option<u8>, u32) {
    let pos = 15 - known.len();
    let pad = (known.len() + 1) as u8;
    let mut forged = [0u8; 16];
    for (k, d) in known.iter().enumerate() {
        forged[pos + 1 + k] = d ^ pad;
    }
    let mut queries = 0;
    for guess in 0..=255u8 {
        forged[pos] = guess;
        queries += 1;
        if oracle(&forged, target) {
            // For the last byte, rule out a lucky longer padding (…02 02): change the byte
            // before it; a genuine 01 stays valid.
            if pos == 15 {
                let mut check = forged;
                check[14] ^= 0xff;
                queries += 1;
                if !oracle(&check, target) {
                    continue;
                }
            }
            return (Some(guess ^ pad), queries);
        }
    }
    (None, queries)
}

/// The attack, written out: recovers the plaintext one byte at a time, asking `oracle` whether
/// `prev || block` has valid padding. Also counts the queries. It is what "replay the attack"
/// runs, a block at a time, and what the tests run against the fixed gateway.
pub struct Attack {
    pub iv: Vec<u8>,
    pub ct: Vec<u8>,
    /// Intermediate state D(C_i) of each block, as recovered so far (filled from the end).
    pub intermediate: Vec<[u8; 16]>,
    pub plaintext: Vec<u8>,
    pub queries: u64,
    block: usize,
    byte: usize,
}

impl Attack {
    pub fn new(iv: &[u8], ct: &[u8]) -> Attack {
        let blocks = ct.len() / 16;
        Attack { iv: iv.to_vec(), ct: ct.to_vec(), intermediate: vec![[0; 16]; blocks], plaintext: vec![0; ct.len()], queries: 0, block: 0, byte: 15 }
    }

    pub fn blocks(&self) -> usize {
        self.ct.len() / 16
    }

    pub fn done(&self) -> bool {
        self.block >= self.blocks()
    }

    /// Bytes recovered so far, for a progress bar.
    pub fn recovered(&self) -> usize {
        self.block * 16 + (15 - self.byte)
    }

    fn previous(&self, block: usize) -> &[u8] {
        if block == 0 { &self.iv } else { &self.ct[(block - 1) * 16..block * 16] }
    }

    /// Recovers one byte; `oracle(prev, block)` says whether the padding is valid.
    /// Returns false if no guess works (the oracle gives no information: the attack fails).
    pub fn step(&mut self, oracle: &mut dyn FnMut(&[u8], &[u8]) -> bool) -> bool {
        if self.done() {
            return true;
        }
        let b = self.block;
        let target = self.ct[b * 16..(b + 1) * 16].to_vec();
        let known = self.intermediate[b][self.byte + 1..].to_vec();
        let (found, queries) = scan_byte(&target, &known, oracle);
        self.queries += queries as u64;
        let Some(d) = found else { return false };
        self.intermediate[b][self.byte] = d;
        self.plaintext[b * 16 + self.byte] = d ^ self.previous(b)[self.byte];
        if self.byte == 0 {
            self.block += 1;
            self.byte = 15;
        } else {
            self.byte -= 1;
        }
        true
    }

    /// The plaintext without its padding, once done.
    pub fn result(&self) -> Option<Vec<u8>> {
        let n = *self.plaintext.last()? as usize;
        (self.done() && (1..=16).contains(&n)).then(|| self.plaintext[..self.plaintext.len() - n].to_vec())
    }
}

const IV: L10n = L10n { fr: "IV ou bloc précédent (hex, 16 octets)", en: "IV or previous block (hex, 16 bytes)" };
const CT: L10n = L10n { fr: "Bloc(s) chiffré(s) (hex, multiple de 16 octets)", en: "Ciphertext block(s) (hex, a multiple of 16 bytes)" };
const TAG: L10n = L10n { fr: "Étiquette HMAC (hex, si la passerelle en demande une)", en: "HMAC tag (hex, if the gateway asks for one)" };

static ORACLE_INPUTS: [InputSpec; 3] = [
    InputSpec { id: "iv", label: IV, kind: InputKind::Hex { bytes: Some(16) }, prefill: Some("iv") },
    InputSpec { id: "ciphertext", label: CT, kind: InputKind::Hex { bytes: None }, prefill: Some("ciphertext") },
    InputSpec { id: "tag", label: TAG, kind: InputKind::Hex { bytes: Some(32) }, prefill: Some("tag") },
];
const BLOCK: L10n = L10n { fr: "Bloc visé (1 = premier bloc chiffré)", en: "Target block (1 = first ciphertext block)" };
const KNOWN: L10n = L10n { fr: "État intermédiaire déjà trouvé, fin du bloc (hex, 0 à 15 octets)", en: "Intermediate state found so far, end of the block (hex, 0 to 15 bytes)" };
static SCAN_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "block", label: BLOCK, kind: InputKind::Number, prefill: None },
    InputSpec { id: "known", label: KNOWN, kind: InputKind::Hex { bytes: None }, prefill: None },
];

impl Engine for PaddingOracle {
    fn kind(&self) -> &'static str {
        "cbc-padding-oracle"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Oracle de bourrage CBC", en: "CBC padding oracle" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Une passerelle déchiffre des trames AES-128-CBC et dit si le bourrage est valide. Paramètres : budget (requêtes, défaut 4096), mac (vrai : encrypt-then-MAC). Variables : iv, ciphertext, tag, budget. Contrôle : secret (la phrase de passe, en texte).",
            en: "A gateway decrypts AES-128-CBC frames and says whether the padding is valid. Parameters: budget (queries, default 4096), mac (true: encrypt-then-MAC). Variables: iv, ciphertext, tag, budget. Check: secret (the passphrase, as text).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &["budget", "mac"]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        let mut errors = unknown_params(params, self.param_names());
        if let Some(b) = params.get("budget") {
            if !matches!(b.as_integer(), Some(n) if (1..=1_000_000).contains(&n)) {
                errors.push(ParamError { key: "budget".into(), message: format!("`budget` is {b}; expected a whole number of queries from 1 to 1000000"), fix: "write e.g. `budget = 4096` (the attack needs about 128 queries per byte on average)".into() });
            }
        }
        super::fixed_variant(params, "mac", "the fixed gateway (encrypt-then-MAC)", &mut errors);
        errors
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["iv", "ciphertext", "tag", "budget"]
    }

    fn variables(&self, params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let (iv, ct) = (iv(seed), ciphertext(seed));
        BTreeMap::from([
            ("iv".to_string(), hex::encode(&iv)),
            ("ciphertext".to_string(), hex::encode(&ct)),
            ("tag".to_string(), if uses_mac(params) { hex::encode(crypto::hmac_sha256(&mac_key(seed), &[iv, ct].concat())) } else { String::new() }),
            ("budget".to_string(), self.budget(params).map(|b| b.to_string()).unwrap_or_default()),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["secret"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "secret").then(|| secret(seed))
    }

    /// The secret is text: compared after trimming, in constant time.
    fn grade(&self, params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        super::grade_text(self.reference(params, seed, check), answer)
    }

    fn budget(&self, params: &Params) -> Option<u32> {
        Some(params.get("budget").and_then(|v| v.as_integer()).unwrap_or(DEFAULT_BUDGET) as u32)
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "oracle",
                title: L10n { fr: "Envoyer une trame à la passerelle", en: "Send a frame to the gateway" },
                help: L10n {
                    fr: "La passerelle déchiffre IV‖chiffré et répond. Chaque envoi compte dans le budget de requêtes.",
                    en: "The gateway decrypts IV‖ciphertext and answers. Every frame sent counts against the query budget.",
                },
                inputs: &ORACLE_INPUTS,
                button: L10n { fr: "Envoyer", en: "Send" },
                oracle: true,
            },
            ToolSpec {
                id: "scan",
                title: L10n { fr: "Chercher l'octet suivant (jusqu'à 256 requêtes)", en: "Find the next byte (up to 256 queries)" },
                help: L10n {
                    fr: "Forge le bloc précédent pour que les octets connus se terminent en bourrage valide, puis essaie les 256 valeurs de l'octet d'avant. Octet intermédiaire = essai ⊕ bourrage ; octet clair = intermédiaire ⊕ octet du vrai bloc précédent (l'IV pour le bloc 1).",
                    en: "Forges the previous block so that the known bytes end in valid padding, then tries the 256 values of the byte before them. Intermediate byte = guess ⊕ padding; plaintext byte = intermediate ⊕ the real previous block's byte (the IV for block 1).",
                },
                inputs: &SCAN_INPUTS,
                button: L10n { fr: "Chercher", en: "Search" },
                oracle: true,
            },
            super::xor_tool(),
        ]
    }

    fn run_tool(&self, params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "scan" => {
                let ct = ciphertext(seed);
                let blocks = ct.len() / 16;
                let block = inputs.get("block").and_then(|b| b.trim().parse::<usize>().ok()).filter(|b| (1..=blocks).contains(b)).ok_or_else(|| {
                    Bilingual::new(format!("le bloc visé doit être un entier de 1 à {blocks}"), format!("the target block must be a whole number from 1 to {blocks}"))
                })?;
                let known = super::optional_hex_input(inputs, "known", KNOWN)?.unwrap_or_default();
                if known.len() > 15 {
                    return Err(Bilingual::new("le bloc est complet : 16 octets sont déjà connus", "the block is complete: 16 bytes are already known"));
                }
                let target = &ct[(block - 1) * 16..block * 16];
                let mut oracle = |prev: &[u8], b: &[u8]| gateway(params, seed, prev, b, None) == Answer::Accepted;
                let (found, queries) = scan_byte(target, &known, &mut oracle);
                let position = 16 - known.len();
                let outputs = match found {
                    None => vec![ToolOutput {
                        label: L10n { fr: "Aucune valeur n'a donné un bourrage valide : vérifiez l'état connu (ou la passerelle ne laisse rien fuir)", en: "No value gave a valid padding: check the known state (or the gateway leaks nothing)" },
                        value: format!("{queries}"),
                    }],
                    Some(d) => {
                        let previous = if block == 1 { iv(seed) } else { ct[(block - 2) * 16..(block - 1) * 16].to_vec() };
                        let p = d ^ previous[position - 1];
                        let state: Vec<u8> = std::iter::once(d).chain(known.iter().copied()).collect();
                        let mut v = vec![
                            ToolOutput { label: L10n { fr: "Position de l'octet trouvé (1 à 16)", en: "Position of the byte found (1 to 16)" }, value: position.to_string() },
                            ToolOutput { label: L10n { fr: "Octet intermédiaire", en: "Intermediate byte" }, value: format!("{d:02x}") },
                            ToolOutput { label: L10n { fr: "État intermédiaire connu (à recopier)", en: "Known intermediate state (copy it back)" }, value: hex::encode(&state) },
                            ToolOutput { label: L10n { fr: "Octet clair", en: "Plaintext byte" }, value: format!("{p:02x}{}", if p.is_ascii_graphic() { format!(" ({})", p as char) } else { String::new() }) },
                        ];
                        let plain: Vec<u8> = state.iter().zip(&previous[position - 1..]).map(|(a, b)| a ^ b).collect();
                        v.push(ToolOutput { label: L10n { fr: "Clair de la fin du bloc", en: "Plaintext of the block's end" }, value: plain.iter().map(|c| if c.is_ascii_graphic() { *c as char } else { '·' }).collect() });
                        v
                    }
                };
                Ok(ToolRun { outputs, queries })
            }
            "oracle" => {
                let iv = hex_input(inputs, "iv", IV)?;
                let ct = hex_input(inputs, "ciphertext", CT)?;
                if iv.len() != 16 || ct.is_empty() || ct.len() % 16 != 0 {
                    return Err(Bilingual::new(
                        format!("la trame doit avoir un IV de 16 octets et un chiffré multiple de 16 octets (ici {} et {})", iv.len(), ct.len()),
                        format!("the frame needs a 16-byte IV and a ciphertext that is a multiple of 16 bytes (here {} and {})", iv.len(), ct.len()),
                    ));
                }
                let tag = super::optional_hex_input(inputs, "tag", TAG)?;
                let (label, code) = match gateway(params, seed, &iv, &ct, tag.as_deref()) {
                    Answer::Accepted => (L10n { fr: "Réponse de la passerelle : trame acceptée, bourrage valide", en: "Gateway's answer: frame accepted, valid padding" }, "200"),
                    Answer::BadPadding => (L10n { fr: "Réponse de la passerelle : bourrage invalide", en: "Gateway's answer: invalid padding" }, "400"),
                    Answer::BadMac => (L10n { fr: "Réponse de la passerelle : trame rejetée (authentification)", en: "Gateway's answer: frame rejected (authentication)" }, "401"),
                };
                Ok(ToolRun { outputs: vec![ToolOutput { label, value: code.to_string() }], queries: 1 })
            }
            "xor" => super::run_xor(inputs).map(Into::into),
            _ => Err(super::unknown_tool(tool)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(mac: bool) -> Params {
        crate::core::engines::params_with("mac", mac)
    }

    /// The attack recovers the secret of many instances, within the default budget.
    #[test]
    fn the_padding_oracle_attack_recovers_the_secret() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "padding-oracle");
            let p = params(false);
            let mut attack = Attack::new(&iv(&seed), &ciphertext(&seed));
            let mut oracle = |prev: &[u8], block: &[u8]| gateway(&p, &seed, prev, block, None) == Answer::Accepted;
            while !attack.done() {
                assert!(attack.step(&mut oracle));
            }
            let recovered = String::from_utf8(attack.result().unwrap()).unwrap();
            assert!(recovered.contains(&format!("psk={}", secret(&seed))), "{recovered}");
            assert!(attack.queries <= DEFAULT_BUDGET as u64, "{} queries", attack.queries);
            assert_eq!(PaddingOracle.grade(&p, &seed, "secret", &secret(&seed)), LabVerdict::Correct);
            assert_eq!(PaddingOracle.grade(&p, &seed, "secret", "amber-amber-0000x"), LabVerdict::Wrong);
        }
    }

    /// Encrypt-then-MAC: forged frames are all rejected alike, so the attack learns nothing.
    #[test]
    fn encrypt_then_mac_defeats_the_attack() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "padding-oracle");
        let p = params(true);
        let mut attack = Attack::new(&iv(&seed), &ciphertext(&seed));
        let mut oracle = |prev: &[u8], block: &[u8]| gateway(&p, &seed, prev, block, None) == Answer::Accepted;
        assert!(!attack.step(&mut oracle), "no guess is ever accepted");
        assert_eq!(attack.queries, 256);
        // The genuine frame with its tag still goes through.
        let vars = PaddingOracle.variables(&p, &seed);
        let tag = hex::decode(&vars["tag"]).unwrap();
        assert_eq!(gateway(&p, &seed, &iv(&seed), &ciphertext(&seed), Some(&tag)), Answer::Accepted);
    }

    /// The learner's path: the scan tool, block by block, byte by byte, within the budget.
    #[test]
    fn the_scan_tool_recovers_the_secret_as_a_learner_would() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "padding-oracle");
        let p = params(false);
        let blocks = ciphertext(&seed).len() / 16;
        let mut text = String::new();
        let mut queries = 0;
        for block in 1..=blocks {
            let mut known = String::new();
            let mut tail = String::new();
            for _ in 0..16 {
                let inputs: BTreeMap<String, String> = [("block", block.to_string()), ("known", known.clone())].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                let run = PaddingOracle.run_tool(&p, &seed, "scan", &inputs).unwrap();
                queries += run.queries;
                known = run.outputs[2].value.clone();
                tail = run.outputs[4].value.clone();
            }
            text.push_str(&tail);
        }
        assert!(text.starts_with(&format!("psk={}", secret(&seed))), "{text}");
        assert!(queries <= DEFAULT_BUDGET as u32, "{queries}");
        // Against the fixed gateway the scan finds nothing and says so.
        let inputs: BTreeMap<String, String> = [("block", "1".to_string()), ("known", String::new())].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let run = PaddingOracle.run_tool(&params(true), &seed, "scan", &inputs).unwrap();
        assert_eq!(run.queries, 256);
        assert!(run.outputs[0].label.en.starts_with("No value gave a valid padding"));
    }

    #[test]
    fn the_oracle_tool_answers_and_the_parameters_are_checked() {
        let seed = InstanceSeed::derive(&[2; 32], "p", "e");
        let vars = PaddingOracle.variables(&params(false), &seed);
        let mut inputs: BTreeMap<String, String> = [("iv", vars["iv"].clone()), ("ciphertext", vars["ciphertext"].clone())].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let out = PaddingOracle.run_tool(&params(false), &seed, "oracle", &inputs).unwrap().outputs;
        assert_eq!(out[0].value, "200");
        // Flipping the last byte of the block before the last one breaks the padding.
        let mut ct = hex::decode(&vars["ciphertext"]).unwrap();
        let n = ct.len();
        ct[n - 17] ^= 0x42;
        inputs.insert("ciphertext".into(), hex::encode(ct));
        let out = PaddingOracle.run_tool(&params(false), &seed, "oracle", &inputs).unwrap().outputs;
        assert_eq!(out[0].value, "400");
        let mut bad = Params::new();
        bad.insert("budget".into(), toml::Value::Integer(0));
        assert_eq!(PaddingOracle.check_params(&bad)[0].message, "`budget` is 0; expected a whole number of queries from 1 to 1000000");
    }
}
