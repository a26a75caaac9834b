//! `cbc-padding-oracle`: a gateway decrypts AES-128-CBC configuration frames and answers
//! "bad padding" differently from other errors. That one bit per query is enough to decrypt
//! the frame (Vaudenay, 2002). With `mac = true` the gateway checks an HMAC over IV and
//! ciphertext first (encrypt-then-MAC) and every forged frame gets the same answer: the attack
//! learns nothing.

use serde::{Deserialize, Serialize};

use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Job, JobStep, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, optional_hex_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value, XOR_TOOL};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Oracle queries the learner may spend on the instance.
    pub budget: u32,
    /// The fixed gateway: encrypt-then-MAC.
    pub mac: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params { budget: 10_000, mac: false }
    }
}

impl super::Params for Params {}

const ORACLE_FIELDS: &[Field] = &[
    Field::new("iv", M::PaddingOracleIv, FieldKind::Hex { bytes: Some(16) }).prefill("iv"),
    Field::new("ciphertext", M::PaddingOracleCiphertext, FieldKind::Hex { bytes: None }).prefill("ciphertext"),
    Field::new("tag", M::PaddingOracleTag, FieldKind::Hex { bytes: Some(32) }).prefill("tag"),
];
const SCAN_FIELDS: &[Field] = &[Field::new("block", M::PaddingOracleBlock, FieldKind::Number { min: 1, max: 16 }), Field::new("known", M::PaddingOracleKnown, FieldKind::Hex { bytes: None })];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "cbc-padding-oracle",
    title: M::PaddingOracleTitle,
    teaches: M::PaddingOracleTeaches,
    params: &[
        ParamSpec { name: "budget", doc: "How many frames the learner may send to the gateway (the scan tool spends up to 256 at a time). The attack needs about 128 queries per byte on average.", kind: ParamKind::Int { min: 1, max: 1_000_000 }, required: false, expect: "a whole number of queries from 1 to 1000000", example: "4096" },
        ParamSpec { name: "mac", doc: "true: the fixed gateway, which checks an HMAC over IV and ciphertext before decrypting (encrypt-then-MAC); the attack learns nothing.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" },
    ],
    variables: &[
        VarSpec { name: "iv", doc: "The captured frame's IV (hex, 16 bytes)." },
        VarSpec { name: "ciphertext", doc: "The captured frame's ciphertext (hex, whole blocks)." },
        VarSpec { name: "tag", doc: "The frame's HMAC tag with `mac = true` (hex, 32 bytes), empty otherwise." },
        VarSpec { name: "budget", doc: "The query budget." },
    ],
    checks: &[CheckSpec { name: "secret", doc: "The device's passphrase recovered from the frame (`psk=...`, the part after `psk=`), as text.", answer: AnswerKind::Text }],
    tools: &[
        ToolSpec { id: "oracle", title: M::PaddingOracleSend, help: M::PaddingOracleSendHelp, button: M::PaddingOracleSendButton, fields: ORACLE_FIELDS, oracle: true, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "scan", title: M::PaddingOracleScan, help: M::PaddingOracleScanHelp, button: M::PaddingOracleScanButton, fields: SCAN_FIELDS, oracle: true, cost: Cost::Light, after_solving: false },
        XOR_TOOL,
        ToolSpec { id: "replay", title: M::PaddingOracleReplay, help: M::PaddingOracleReplayHelp, button: M::PaddingOracleReplayButton, fields: &[], oracle: false, cost: Cost::Long, after_solving: true },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

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

/// What the gateway answers to a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accepted,
    BadPadding,
    /// Encrypt-then-MAC: the frame is rejected before any decryption.
    BadMac,
}

/// The gateway: decrypts `iv || ct` and reports what went wrong.
pub fn gateway(mac: bool, seed: &InstanceSeed, iv: &[u8], ct: &[u8], tag: Option<&[u8]>) -> Answer {
    if mac && !crypto::hmac_sha256_verify(&mac_key(seed), &[iv, ct].concat(), tag) {
        return Answer::BadMac;
    }
    if iv.len() != 16 || ct.is_empty() || !ct.len().is_multiple_of(16) {
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

pub struct Instance {
    params: Params,
    seed: InstanceSeed,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { params: params.clone(), seed: seed.clone() }
}

impl Instance {
    fn gateway(&self, iv: &[u8], ct: &[u8], tag: Option<&[u8]>) -> Answer {
        gateway(self.params.mac, &self.seed, iv, ct, tag)
    }

    fn scan(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let ct = ciphertext(&self.seed);
        let blocks = ct.len() / 16;
        let block = inputs.get("block").and_then(|b| b.trim().parse::<usize>().ok()).filter(|b| (1..=blocks).contains(b)).ok_or_else(|| Msg::PaddingOracleBlockRange(blocks))?;
        let known = optional_hex_input(inputs, "known", M::PaddingOracleKnown)?.unwrap_or_default();
        if known.len() > 15 {
            return Err(Msg::PaddingOracleBlockFull());
        }
        let target = &ct[(block - 1) * 16..block * 16];
        let mut oracle = |prev: &[u8], b: &[u8]| self.gateway(prev, b, None) == Answer::Accepted;
        let (found, queries) = scan_byte(target, &known, &mut oracle);
        let position = 16 - known.len();
        let outputs = match found {
            None => vec![Output::new(M::PaddingOracleQueriesSpent, Value::int(queries)), Output::new(M::PaddingOracleAnswer, Value::Verdict { ok: false, text: Msg::PaddingOracleNothing() })],
            Some(d) => {
                let previous = if block == 1 { iv(&self.seed) } else { ct[(block - 2) * 16..(block - 1) * 16].to_vec() };
                let p = d ^ previous[position - 1];
                let state: Vec<u8> = std::iter::once(d).chain(known.iter().copied()).collect();
                let plain: Vec<u8> = state.iter().zip(&previous[position - 1..]).map(|(a, b)| a ^ b).collect();
                vec![
                    Output::new(M::PaddingOraclePosition, Value::int(position)),
                    Output::new(M::PaddingOracleIntermediate, Value::Hex(vec![d])),
                    Output::new(M::PaddingOracleState, Value::Hex(state)),
                    Output::new(M::PaddingOraclePlainByte, Value::Text(format!("{p:02x}{}", if p.is_ascii_graphic() { format!(" ({})", p as char) } else { String::new() }))),
                    Output::new(M::PaddingOraclePlainTail, Value::Text(plain.iter().map(|c| if c.is_ascii_graphic() { *c as char } else { '·' }).collect())),
                ]
            }
        };
        Ok(ToolRun { outputs, queries })
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let (iv, ct) = (iv(&self.seed), ciphertext(&self.seed));
        let tag = if self.params.mac { hex::encode(crypto::hmac_sha256(&mac_key(&self.seed), &[iv.as_slice(), &ct].concat())) } else { String::new() };
        Vars::from([("iv".into(), hex::encode(&iv)), ("ciphertext".into(), hex::encode(&ct)), ("tag".into(), tag), ("budget".into(), self.params.budget.to_string())])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "secret").then(|| secret(&self.seed))
    }

    /// The secret is text: compared after trimming, in constant time.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        grade_text(check, self.reference(check), answer)
    }

    fn budget(&self) -> Option<u32> {
        Some(self.params.budget)
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "scan" => self.scan(inputs),
            "oracle" => {
                let iv = hex_input(inputs, "iv", M::PaddingOracleIv)?;
                let ct = hex_input(inputs, "ciphertext", M::PaddingOracleCiphertext)?;
                if iv.len() != 16 || ct.is_empty() || ct.len() % 16 != 0 {
                    return Err(Msg::PaddingOracleFrameSize(iv.len(), ct.len()));
                }
                let tag = optional_hex_input(inputs, "tag", M::PaddingOracleTag)?;
                let (ok, text) = match self.gateway(&iv, &ct, tag.as_deref()) {
                    Answer::Accepted => (true, M::PaddingOracleAccepted),
                    Answer::BadPadding => (false, M::PaddingOracleBadPadding),
                    Answer::BadMac => (false, M::PaddingOracleBadMac),
                };
                Ok(ToolRun { outputs: vec![Output::new(M::PaddingOracleAnswer, Value::Verdict { ok, text: text.into() })], queries: 1 })
            }
            "xor" => crate::core::tools::run_xor(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    /// The whole attack replayed (once solved), a few bytes per step, against this gateway.
    fn start(&self, tool: &str, _inputs: &Inputs) -> Result<Box<dyn super::Job>, Msg> {
        match tool {
            "replay" => Ok(Box::new(Replay { attack: Attack::new(&iv(&self.seed), &ciphertext(&self.seed)), mac: self.params.mac, seed: self.seed.clone() })),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }
}

/// The replay as a job: each step recovers a few bytes (each at most 257 queries).
struct Replay {
    attack: Attack,
    mac: bool,
    seed: InstanceSeed,
}

impl Job for Replay {
    fn step(&mut self) -> JobStep {
        let (mac, seed) = (self.mac, &self.seed);
        let mut oracle = |prev: &[u8], block: &[u8]| gateway(mac, seed, prev, block, None) == Answer::Accepted;
        for _ in 0..4 {
            if self.attack.done() {
                break;
            }
            if !self.attack.step(&mut oracle) {
                return JobStep::Done(Ok(vec![Output::new(M::PaddingOracleAnswer, Value::Verdict { ok: false, text: Msg::PaddingOracleReplayFailed() }), Output::new(M::PaddingOracleQueriesSpent, Value::int(self.attack.queries))].into()));
            }
        }
        let total = self.attack.ct.len() as u64;
        if !self.attack.done() {
            return JobStep::Progress { done: self.attack.recovered() as u64, total, note: Some(Msg::PaddingOracleBytesRecovered(self.attack.recovered(), total, self.attack.queries)) };
        }
        let text = self.attack.result().map(|r| String::from_utf8_lossy(&r).into_owned()).unwrap_or_default();
        JobStep::Done(Ok(vec![Output::new(M::PaddingOracleRecovered, Value::Text(text)), Output::new(M::PaddingOracleQueriesSpent, Value::int(self.attack.queries))].into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tools::inputs_of;

    fn lab(mac: bool, seed: &InstanceSeed) -> Instance {
        build(&Params { mac, ..Params::default() }, seed)
    }

    fn text(run: &ToolRun, label: M) -> String {
        run.get(label).and_then(Value::plain).unwrap()
    }

    /// The attack recovers the secret of many instances, within the default budget.
    #[test]
    fn the_padding_oracle_attack_recovers_the_secret() {
        for n in 0..8u8 {
            let seed = InstanceSeed::derive(&[n; 32], "seclab-core", "padding-oracle");
            let mut attack = Attack::new(&iv(&seed), &ciphertext(&seed));
            let mut oracle = |prev: &[u8], block: &[u8]| gateway(false, &seed, prev, block, None) == Answer::Accepted;
            while !attack.done() {
                assert!(attack.step(&mut oracle));
            }
            let recovered = String::from_utf8(attack.result().unwrap()).unwrap();
            assert!(recovered.contains(&format!("psk={}", secret(&seed))), "{recovered}");
            assert!(attack.queries <= Params::default().budget as u64, "{} queries", attack.queries);
            let l = lab(false, &seed);
            assert_eq!(l.grade("secret", &secret(&seed)), LabVerdict::Correct);
            assert_eq!(l.grade("secret", "amber-amber-0000x"), LabVerdict::Wrong);
        }
    }

    /// Encrypt-then-MAC: forged frames are all rejected alike, so the attack learns nothing.
    #[test]
    fn encrypt_then_mac_defeats_the_attack() {
        let seed = InstanceSeed::derive(&[1; 32], "seclab-core", "padding-oracle");
        let mut attack = Attack::new(&iv(&seed), &ciphertext(&seed));
        let mut oracle = |prev: &[u8], block: &[u8]| gateway(true, &seed, prev, block, None) == Answer::Accepted;
        assert!(!attack.step(&mut oracle), "no guess is ever accepted");
        assert_eq!(attack.queries, 256);
        // The genuine frame with its tag still goes through.
        let tag = hex::decode(&lab(true, &seed).variables()["tag"]).unwrap();
        assert_eq!(gateway(true, &seed, &iv(&seed), &ciphertext(&seed), Some(&tag)), Answer::Accepted);
        // The replay job says the attack gets nowhere.
        let mut job = lab(true, &seed).start("replay", &Inputs::new()).unwrap();
        let JobStep::Done(Ok(run)) = job.step() else { panic!("the first step fails") };
        assert_eq!(run.get(M::PaddingOracleAnswer), Some(&Value::Verdict { ok: false, text: Msg::PaddingOracleReplayFailed() }));
    }

    /// The learner's path: the scan tool, block by block, byte by byte, within the budget.
    #[test]
    fn the_scan_tool_recovers_the_secret_as_a_learner_would() {
        let seed = InstanceSeed::derive(&[3; 32], "seclab-core", "padding-oracle");
        let l = lab(false, &seed);
        let blocks = ciphertext(&seed).len() / 16;
        let mut plain = String::new();
        let mut queries = 0;
        for block in 1..=blocks {
            let mut known = String::new();
            let mut tail = String::new();
            for _ in 0..16 {
                let run = l.run_tool("scan", &inputs_of(&[("block", &block.to_string()), ("known", &known)])).unwrap();
                queries += run.queries;
                known = text(&run, M::PaddingOracleState);
                tail = text(&run, M::PaddingOraclePlainTail);
            }
            plain.push_str(&tail);
        }
        assert!(plain.starts_with(&format!("psk={}", secret(&seed))), "{plain}");
        assert!(queries <= Params::default().budget, "{queries}");
        // Against the fixed gateway the scan finds nothing and says so.
        let run = lab(true, &seed).run_tool("scan", &inputs_of(&[("block", "1"), ("known", "")])).unwrap();
        assert_eq!(run.queries, 256);
        assert_eq!(run.get(M::PaddingOracleAnswer), Some(&Value::Verdict { ok: false, text: Msg::PaddingOracleNothing() }));
    }

    #[test]
    fn the_oracle_tool_answers_200_then_400_for_a_broken_padding() {
        let l = lab(false, &InstanceSeed::derive(&[2; 32], "p", "e"));
        let vars = l.variables();
        let mut inputs = inputs_of(&[("iv", &vars["iv"]), ("ciphertext", &vars["ciphertext"])]);
        let answer = |inputs: &Inputs| l.run_tool("oracle", inputs).unwrap().get(M::PaddingOracleAnswer).cloned().unwrap();
        assert_eq!(answer(&inputs), Value::Verdict { ok: true, text: Msg::PaddingOracleAccepted() });
        // Flipping the last byte of the block before the last one breaks the padding.
        let mut ct = hex::decode(&vars["ciphertext"]).unwrap();
        let n = ct.len();
        ct[n - 17] ^= 0x42;
        inputs.insert("ciphertext".into(), hex::encode(ct));
        assert_eq!(answer(&inputs), Value::Verdict { ok: false, text: Msg::PaddingOracleBadPadding() });
    }
}
