//! `ble-pairing`: a captured Bluetooth LE pairing (Core specification, Vol 3 Part H, Security
//! Manager) and the encrypted link that follows it.
//!
//! LE legacy pairing protects the pairing with a temporary key TK: the 6-digit passkey as a
//! 128-bit number (Passkey Entry) or zero (Just Works). The confirm value Mconfirm = c1(TK, Mrand,
//! ...) is sent in clear, and Mrand follows it: a passive listener tries the 1,000,000 passkeys
//! offline until c1 gives Mconfirm (Mike Ryan's Crackle, 2013), then derives STK = s1(TK, Srand,
//! Mrand), the session key SK = e(STK, SKD) and opens the link, including the long-term key the
//! peripheral distributes under it. `method = "just-works"` falls at the first trial (TK = 0).
//! `method = "lesc"` is the fix, LE Secure Connections: the confirm is f4 over the P-256 public
//! keys, the keys come from the ECDH secret (f5), and a passive capture gives neither; the same
//! search finds no TK and says why.
//!
//! The functions e, c1, s1, f4, f5, f6 and g2 are the specification's, named as it names them,
//! built on RustCrypto's `aes` and `cmac`; the link layer's AES-CCM is the `ccm` crate; P-256 is
//! `p256`. Every value is written as the specification writes it, most significant octet first
//! ("spec order"); on air, multi-octet fields go least significant octet first.
//!
//! No Rust crate decodes SMP or LL data PDUs, so [`decode`] is a small hand-written decoder of
//! the PDU layouts of Vol 3 Part H §3.5-3.6 (SMP), Vol 3 Part A §3.1 (L2CAP basic header) and
//! Vol 6 Part B §2.4 (LL data PDU header and the LL_ENC_REQ/RSP control PDUs).

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::rsa_common::grade_integer;
use super::{grade_hex, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Job, JobStep, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, sized, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::capture::{self, Capture, Direction, Frame};
use crate::core::views::{ViewData, ViewRequest};

/// How the captured devices pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Legacy Passkey Entry: TK is the 6-digit passkey.
    #[default]
    Passkey,
    /// Legacy Just Works: TK = 0.
    JustWorks,
    /// LE Secure Connections (Numeric Comparison): ECDH on P-256, the fix.
    Lesc,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    pub method: Method,
}

impl super::Params for Params {}

// ---- The specification's security functions (Vol 3 Part H §2.2) -------------------------------

fn xor16(a: &[u8; 16], b: &[u8; 16]) -> [u8; 16] {
    std::array::from_fn(|i| a[i] ^ b[i])
}

/// The security function e (§2.2.1): AES-128 encryption, key and data in spec order (the most
/// significant octet of the key is the first octet of the AES key).
pub fn e(key: &[u8; 16], plaintext: &[u8; 16]) -> [u8; 16] {
    use aes::cipher::{BlockCipherEncrypt, KeyInit};
    let cipher = aes::Aes128::new(&(*key).into());
    let mut block = *plaintext;
    cipher.encrypt_block((&mut block).into());
    block
}

/// The p1 and p2 of c1: p1 = pres ‖ preq ‖ rat' ‖ iat', p2 = padding ‖ ia ‖ ra (spec order,
/// pres and preq as 56-bit numbers whose least significant octet is the SMP code).
pub fn c1_p1_p2(preq: &[u8; 7], pres: &[u8; 7], iat: u8, ia: &[u8; 6], rat: u8, ra: &[u8; 6]) -> ([u8; 16], [u8; 16]) {
    let mut p1 = [0u8; 16];
    p1[..7].copy_from_slice(pres);
    p1[7..14].copy_from_slice(preq);
    p1[14] = rat & 1;
    p1[15] = iat & 1;
    let mut p2 = [0u8; 16];
    p2[4..10].copy_from_slice(ia);
    p2[10..].copy_from_slice(ra);
    (p1, p2)
}

/// The confirm value generation function c1 (§2.2.3): e(k, e(k, r ⊕ p1) ⊕ p2). Its eight
/// parameters are the specification's.
#[allow(clippy::too_many_arguments)]
pub fn c1(k: &[u8; 16], r: &[u8; 16], preq: &[u8; 7], pres: &[u8; 7], iat: u8, ia: &[u8; 6], rat: u8, ra: &[u8; 6]) -> [u8; 16] {
    let (p1, p2) = c1_p1_p2(preq, pres, iat, ia, rat, ra);
    e(k, &xor16(&e(k, &xor16(r, &p1)), &p2))
}

/// r' of s1: the least significant 64 bits of r1, then those of r2.
pub fn s1_r_prime(r1: &[u8; 16], r2: &[u8; 16]) -> [u8; 16] {
    let mut r = [0u8; 16];
    r[..8].copy_from_slice(&r1[8..]);
    r[8..].copy_from_slice(&r2[8..]);
    r
}

/// The key generation function s1 (§2.2.4): e(k, r'). STK = s1(TK, Srand, Mrand).
pub fn s1(k: &[u8; 16], r1: &[u8; 16], r2: &[u8; 16]) -> [u8; 16] {
    e(k, &s1_r_prime(r1, r2))
}

/// AES-CMAC (RFC 4493) with a key in spec order over the concatenated parts.
fn aes_cmac(key: &[u8; 16], parts: &[&[u8]]) -> [u8; 16] {
    use cmac::{KeyInit, Mac};
    let mut mac = cmac::Cmac::<aes::Aes128>::new(&(*key).into());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// LE Secure Connections confirm value function f4 (§2.2.6): AES-CMAC_X(U ‖ V ‖ Z).
pub fn f4(u: &[u8; 32], v: &[u8; 32], x: &[u8; 16], z: u8) -> [u8; 16] {
    aes_cmac(x, &[u, v, &[z]])
}

/// LE Secure Connections key generation function f5 (§2.2.7): (MacKey, LTK) from the DHKey W,
/// the nonces and the two devices' addresses (type octet ‖ address).
pub fn f5(w: &[u8; 32], n1: &[u8; 16], n2: &[u8; 16], a1: &[u8; 7], a2: &[u8; 7]) -> ([u8; 16], [u8; 16]) {
    const SALT: [u8; 16] = [0x6C, 0x88, 0x83, 0x91, 0xAA, 0xF5, 0xA5, 0x38, 0x60, 0x37, 0x0B, 0xDB, 0x5A, 0x60, 0x83, 0xBE];
    let t = aes_cmac(&SALT, &[w]);
    let key = |counter: u8| aes_cmac(&t, &[&[counter], b"btle", n1, n2, a1, a2, &[0x01, 0x00]]);
    (key(0), key(1))
}

/// LE Secure Connections check value function f6 (§2.2.8): the DHKey Check values.
pub fn f6(w: &[u8; 16], n1: &[u8; 16], n2: &[u8; 16], r: &[u8; 16], io_cap: &[u8; 3], a1: &[u8; 7], a2: &[u8; 7]) -> [u8; 16] {
    aes_cmac(w, &[n1, n2, r, io_cap, a1, a2])
}

/// LE Secure Connections numeric comparison function g2 (§2.2.9): the devices show g2 mod 10⁶.
pub fn g2(u: &[u8; 32], v: &[u8; 32], x: &[u8; 16], y: &[u8; 16]) -> u32 {
    let mac = aes_cmac(x, &[u, v, y]);
    u32::from_be_bytes([mac[12], mac[13], mac[14], mac[15]])
}

/// The P-256 Diffie-Hellman key (the x-coordinate of a·B, spec order), with the `p256` crate.
pub fn dhkey(secret: &p256::SecretKey, peer: &p256::PublicKey) -> [u8; 32] {
    use p256::elliptic_curve::point::AffineCoordinates;
    let shared = (peer.to_projective() * *secret.to_nonzero_scalar()).to_affine();
    shared.x().into()
}

/// TK of Passkey Entry: the passkey as a 128-bit number (Vol 3 Part H §2.3.5.3).
pub fn tk_of_passkey(passkey: u32) -> [u8; 16] {
    let mut tk = [0u8; 16];
    tk[12..].copy_from_slice(&passkey.to_be_bytes());
    tk
}

// ---- The link layer's encryption (Vol 6 Part E) ------------------------------------------------

type LlCcm = ccm::Ccm<aes::Aes128, ccm::consts::U4, ccm::consts::U13>;

/// The CCM nonce (Vol 6 Part E §2.1): the 39-bit packet counter and the direction bit (1 from
/// the central) in 5 octets, least significant first, then the IV (IVs ‖ IVm in spec order),
/// least significant octet first.
pub fn ll_nonce(counter: u64, from_central: bool, iv: &[u8; 8]) -> [u8; 13] {
    let mut nonce = [0u8; 13];
    nonce[..5].copy_from_slice(&(counter & 0x7F_FFFF_FFFF).to_le_bytes()[..5]);
    if from_central {
        nonce[4] |= 0x80;
    }
    for (i, b) in iv.iter().rev().enumerate() {
        nonce[5 + i] = *b;
    }
    nonce
}

/// The additional data of CCM: the first header octet with NESN, SN and MD masked to 0.
fn ll_aad(header: u8) -> [u8; 1] {
    [header & 0xE3]
}

/// Encrypts an LL data PDU payload: encrypted payload ‖ 4-octet MIC. The CCM key is SK in spec
/// order.
pub fn ll_seal(sk: &[u8; 16], nonce: &[u8; 13], header: u8, payload: &[u8]) -> Vec<u8> {
    use ccm::aead::{Aead, KeyInit, Payload};
    let cipher = LlCcm::new(&(*sk).into());
    cipher.encrypt(&(*nonce).into(), Payload { msg: payload, aad: &ll_aad(header) }).expect("LL payloads are far below CCM's limit")
}

/// Decrypts an LL data PDU payload if its MIC verifies; nothing otherwise.
pub fn ll_open(sk: &[u8; 16], nonce: &[u8; 13], header: u8, sealed: &[u8]) -> Option<Vec<u8>> {
    use ccm::aead::{Aead, KeyInit, Payload};
    let cipher = LlCcm::new(&(*sk).into());
    cipher.decrypt(&(*nonce).into(), Payload { msg: sealed, aad: &ll_aad(header) }).ok()
}

// ---- The capture decoder (hand-written: no crate decodes SMP or LL data PDUs) ------------------

fn rev<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    for (o, b) in out.iter_mut().zip(bytes.iter().rev()) {
        *o = *b;
    }
    out
}

/// A multi-octet field as the specification writes it: 0x and its octets, most significant first.
fn spec_hex(wire: &[u8]) -> String {
    format!("0x{}", hex::encode(wire.iter().rev().copied().collect::<Vec<u8>>()))
}

fn smp_code_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0x01 => "Pairing Request",
        0x02 => "Pairing Response",
        0x03 => "Pairing Confirm",
        0x04 => "Pairing Random",
        0x05 => "Pairing Failed",
        0x06 => "Encryption Information",
        0x07 => "Master Identification",
        0x08 => "Identity Information",
        0x09 => "Identity Address Information",
        0x0C => "Pairing Public Key",
        0x0D => "Pairing DHKey Check",
        _ => return None,
    })
}

fn io_capability_name(v: u8) -> &'static str {
    match v {
        0x00 => "DisplayOnly",
        0x01 => "DisplayYesNo",
        0x02 => "KeyboardOnly",
        0x03 => "NoInputNoOutput",
        0x04 => "KeyboardDisplay",
        _ => "reserved",
    }
}

/// Walks a PDU, field after field, recording each one's byte range.
struct Walker<'a> {
    bytes: &'a [u8],
    pos: usize,
    fields: Vec<capture::Field>,
}

impl<'a> Walker<'a> {
    /// The next `len` octets as a field, if the PDU has them.
    fn take(&mut self, name: &str, len: usize, show: impl Fn(&[u8]) -> String) -> Option<&'a [u8]> {
        let bytes = self.bytes.get(self.pos..self.pos + len)?;
        self.fields.push(capture::Field::new(name, show(bytes), self.pos, len));
        self.pos += len;
        Some(bytes)
    }

    /// A value carried by bits of the octet at `at` (the viewer highlights that octet).
    fn bits(&mut self, name: &str, value: impl Into<String>, at: usize) {
        self.fields.push(capture::Field::new(name, value, at, 1).nested());
    }
}

/// A decoded LL data PDU: its type as the specification names it, a one-line summary and its
/// fields. `encrypted` is the sniffer's state: after encryption starts, the payload is sealed.
pub fn decode(bytes: &[u8], encrypted: bool) -> (String, String, Vec<capture::Field>) {
    let mut w = Walker { bytes, pos: 0, fields: Vec::new() };
    let Some(header) = w.take("Header", 1, |b| format!("0x{:02x}", b[0])) else {
        return ("?".into(), "empty".into(), Vec::new());
    };
    let h = header[0];
    let llid = h & 3;
    let llid_name = match llid {
        1 => "LL Data PDU, continuation or empty",
        2 => "LL Data PDU, start of an L2CAP message",
        3 => "LL Control PDU",
        _ => "reserved",
    };
    w.bits("LLID", format!("{llid} ({llid_name})"), 0);
    w.bits("NESN", ((h >> 2) & 1).to_string(), 0);
    w.bits("SN", ((h >> 3) & 1).to_string(), 0);
    w.bits("MD", ((h >> 4) & 1).to_string(), 0);
    let Some(length) = w.take("Length", 1, |b| b[0].to_string()) else {
        return ("?".into(), "…".into(), w.fields);
    };
    let length = usize::from(length[0]);
    if encrypted && length >= 4 {
        w.take("Payload (encrypted)", length - 4, |b| hex::encode(b));
        w.take("MIC", 4, |b| hex::encode(b));
        return ("Encrypted PDU".into(), format!("Payload (encrypted) {} + MIC 4", length - 4), w.fields);
    }
    let (kind, summary) = match llid {
        3 => decode_control(&mut w),
        2 => decode_l2cap(&mut w),
        _ => ("LL Data PDU".into(), format!("Length {length}")),
    };
    (kind, summary, w.fields)
}

/// LL control PDUs of the encryption start procedure (Vol 6 Part B §2.4.2).
fn decode_control(w: &mut Walker) -> (String, String) {
    let Some(opcode) = w.take("Opcode", 1, |b| format!("0x{:02x}", b[0])) else { return ("LL Control PDU".into(), "…".into()) };
    let name = match opcode[0] {
        0x03 => "LL_ENC_REQ",
        0x04 => "LL_ENC_RSP",
        0x05 => "LL_START_ENC_REQ",
        0x06 => "LL_START_ENC_RSP",
        _ => "LL Control PDU",
    };
    let summary = match opcode[0] {
        0x03 => {
            let rand = w.take("Rand", 8, spec_hex).map(spec_hex).unwrap_or_default();
            let ediv = w.take("EDIV", 2, spec_hex).map(spec_hex).unwrap_or_default();
            let skd = w.take("SKDm", 8, spec_hex).map(spec_hex).unwrap_or_default();
            let iv = w.take("IVm", 4, spec_hex).map(spec_hex).unwrap_or_default();
            format!("Rand {rand}, EDIV {ediv}, SKDm {skd}, IVm {iv}")
        }
        0x04 => {
            let skd = w.take("SKDs", 8, spec_hex).map(spec_hex).unwrap_or_default();
            let iv = w.take("IVs", 4, spec_hex).map(spec_hex).unwrap_or_default();
            format!("SKDs {skd}, IVs {iv}")
        }
        _ => String::new(),
    };
    (name.into(), if summary.is_empty() { name.into() } else { format!("{name}: {summary}") })
}

/// An L2CAP basic frame on the SMP channel and its SMP command (Vol 3 Part H §3.3, §3.5, §3.6).
fn decode_l2cap(w: &mut Walker) -> (String, String) {
    let Some(_) = w.take("L2CAP Length", 2, |b| u16::from_le_bytes([b[0], b[1]]).to_string()) else { return ("L2CAP".into(), "…".into()) };
    let Some(cid) = w.take("CID", 2, |b| {
        let cid = u16::from_le_bytes([b[0], b[1]]);
        if cid == 6 {
            "0x0006 (Security Manager Protocol)".into()
        } else {
            format!("0x{cid:04x}")
        }
    }) else {
        return ("L2CAP".into(), "…".into());
    };
    if u16::from_le_bytes([cid[0], cid[1]]) != 6 {
        return ("L2CAP".into(), "not SMP".into());
    }
    let at = w.pos;
    let Some(code) = w.take("Code", 1, |b| format!("0x{:02x} ({})", b[0], smp_code_name(b[0]).unwrap_or("reserved"))) else { return ("SMP".into(), "…".into()) };
    let name = smp_code_name(code[0]).unwrap_or("SMP command");
    let mut details = Vec::new();
    let mut hex_field = |w: &mut Walker, field: &str, len: usize| {
        if let Some(b) = w.take(field, len, spec_hex) {
            details.push(format!("{field} {}", spec_hex(b)));
        }
    };
    match code[0] {
        0x01 | 0x02 => {
            let byte = |b: &[u8]| format!("0x{:02x}", b[0]);
            if let Some(io) = w.take("IO Capability", 1, |b| format!("0x{:02x} ({})", b[0], io_capability_name(b[0]))) {
                details.push(io_capability_name(io[0]).to_string());
            }
            w.take("OOB Data Flag", 1, byte);
            if let Some(auth) = w.take("AuthReq", 1, byte) {
                let a = auth[0];
                let place = at + 3;
                w.bits("Bonding_Flags", if a & 3 == 1 { "1 (Bonding)".into() } else { (a & 3).to_string() }, place);
                w.bits("MITM", ((a >> 2) & 1).to_string(), place);
                w.bits("SC", ((a >> 3) & 1).to_string(), place);
                w.bits("Keypress", ((a >> 4) & 1).to_string(), place);
                details.push(format!("AuthReq 0x{a:02x} (MITM {}, SC {})", (a >> 2) & 1, (a >> 3) & 1));
            }
            w.take("Maximum Encryption Key Size", 1, |b| b[0].to_string());
            w.take("Initiator Key Distribution", 1, byte);
            w.take("Responder Key Distribution", 1, byte);
        }
        0x03 => hex_field(w, "Confirm Value", 16),
        0x04 => hex_field(w, "Random Value", 16),
        0x06 => hex_field(w, "Long Term Key", 16),
        0x07 => {
            hex_field(w, "EDIV", 2);
            hex_field(w, "Rand", 8);
        }
        0x08 => hex_field(w, "Identity Resolving Key", 16),
        0x09 => {
            w.take("AddrType", 1, |b| if b[0] == 1 { "1 (Random)".into() } else { "0 (Public)".into() });
            hex_field(w, "BD_ADDR", 6);
        }
        0x0C => {
            hex_field(w, "Public Key X", 32);
            hex_field(w, "Public Key Y", 32);
        }
        0x0D => hex_field(w, "DHKey Check", 16),
        _ => {}
    }
    let summary = if details.is_empty() { name.to_string() } else { format!("{name}: {}", details.join(", ")) };
    (name.into(), summary)
}

// ---- The engine ---------------------------------------------------------------------------------

/// The most passkeys (one c1 each, two AES) tried per step: a few milliseconds in wasm.
const TRIALS_PER_STEP: u32 = 2_000;
const MAX_PASSKEY: u64 = 999_999;
const MAX_COUNTER: u64 = 0x7F_FFFF_FFFF;
const DIRECTIONS: &[&str] = &["central-to-peripheral", "peripheral-to-central"];

const C1_FIELDS: &[Field] = &[
    Field::new("k", M::BlePairingK, FieldKind::Hex { bytes: Some(16) }).default("00000000000000000000000000000000"),
    Field::new("r", M::BlePairingR, FieldKind::Hex { bytes: Some(16) }).prefill("mrand"),
    Field::new("preq", M::BlePairingPreq, FieldKind::Hex { bytes: Some(7) }).prefill("preq"),
    Field::new("pres", M::BlePairingPres, FieldKind::Hex { bytes: Some(7) }).prefill("pres"),
    Field::new("iat", M::BlePairingIat, FieldKind::Number { min: 0, max: 1 }).prefill("iat"),
    Field::new("ia", M::BlePairingIa, FieldKind::Hex { bytes: Some(6) }).prefill("ia"),
    Field::new("rat", M::BlePairingRat, FieldKind::Number { min: 0, max: 1 }).prefill("rat"),
    Field::new("ra", M::BlePairingRa, FieldKind::Hex { bytes: Some(6) }).prefill("ra"),
];
const SEARCH_FIELDS: &[Field] = &[
    Field::new("mconfirm", M::BlePairingMconfirm, FieldKind::Hex { bytes: Some(16) }).prefill("mconfirm"),
    Field::new("mrand", M::BlePairingMrand, FieldKind::Hex { bytes: Some(16) }).prefill("mrand"),
    Field::new("from", M::BlePairingFrom, FieldKind::Number { min: 0, max: MAX_PASSKEY }).default("0"),
    Field::new("to", M::BlePairingTo, FieldKind::Number { min: 0, max: MAX_PASSKEY }).default("999999"),
];
const S1_FIELDS: &[Field] = &[
    Field::new("k", M::BlePairingK, FieldKind::Hex { bytes: Some(16) }).default("00000000000000000000000000000000"),
    Field::new("r1", M::BlePairingR1, FieldKind::Hex { bytes: Some(16) }).prefill("srand"),
    Field::new("r2", M::BlePairingR2, FieldKind::Hex { bytes: Some(16) }).prefill("mrand"),
];
const DECRYPT_FIELDS: &[Field] = &[
    Field::new("key", M::BlePairingKey, FieldKind::Hex { bytes: Some(16) }),
    Field::new("skd", M::BlePairingSkd, FieldKind::Hex { bytes: Some(16) }).prefill("skd"),
    Field::new("iv", M::BlePairingIv, FieldKind::Hex { bytes: Some(8) }).prefill("iv"),
    Field::new("pdu", M::BlePairingPdu, FieldKind::Hex { bytes: None }).prefill("enc_pdu"),
    Field::new("counter", M::BlePairingCounter, FieldKind::Number { min: 0, max: MAX_COUNTER }).prefill("enc_counter"),
    Field::new("direction", M::BlePairingDirection, FieldKind::Select(DIRECTIONS)).prefill("enc_direction"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "ble-pairing",
    title: M::BlePairingTitle,
    teaches: M::BlePairingTeaches,
    params: &[ParamSpec {
        name: "method",
        doc: "How the captured devices pair. \"passkey\" (default): LE legacy Passkey Entry, TK is the 6-digit passkey, found by trying the 1,000,000 values offline. \"just-works\": legacy Just Works, TK = 0, found at the first trial. \"lesc\": LE Secure Connections with Numeric Comparison (the fix): the capture has the P-256 public keys and f4 confirm values, the search finds no TK, and the keys need the ECDH secret that a passive capture does not give. Under \"lesc\" the `passkey` check is the public 6-digit comparison value g2 mod 10⁶, and `stk` and `ltk` are the LTK of f5.",
        kind: ParamKind::OneOf(&["passkey", "just-works", "lesc"]),
        required: false,
        expect: "one of \"passkey\", \"just-works\", \"lesc\"",
        example: "\"passkey\"",
    }],
    variables: &[
        VarSpec { name: "method", doc: "The pairing method: `passkey`, `just-works` or `lesc`." },
        VarSpec { name: "ia", doc: "The central's (initiator's) device address, 6 octets in spec order (hex)." },
        VarSpec { name: "iat", doc: "The central's address type: 0 public, 1 random." },
        VarSpec { name: "ra", doc: "The peripheral's (responder's) device address, 6 octets in spec order (hex)." },
        VarSpec { name: "rat", doc: "The peripheral's address type: 0 public, 1 random." },
        VarSpec { name: "preq", doc: "The Pairing Request as the 56-bit number of c1 (spec order: its last octet is the code 01)." },
        VarSpec { name: "pres", doc: "The Pairing Response as the 56-bit number of c1 (spec order: its last octet is the code 02)." },
        VarSpec { name: "mconfirm", doc: "The central's Pairing Confirm value (legacy: Mconfirm; lesc: the responder's f4 confirm, the only one sent), spec order." },
        VarSpec { name: "mrand", doc: "The central's Pairing Random value (Mrand; lesc: Na), spec order." },
        VarSpec { name: "sconfirm", doc: "The peripheral's Pairing Confirm value (Sconfirm; lesc: the same f4 confirm), spec order." },
        VarSpec { name: "srand", doc: "The peripheral's Pairing Random value (Srand; lesc: Nb), spec order." },
        VarSpec { name: "skd", doc: "The session key diversifier SKD = SKDs ‖ SKDm from LL_ENC_REQ and LL_ENC_RSP, spec order." },
        VarSpec { name: "iv", doc: "The initialisation vector IV = IVs ‖ IVm, spec order." },
        VarSpec { name: "enc_pdu", doc: "The encrypted LL data PDU that carries the first key the peripheral distributes (header, length, encrypted payload, MIC), as on air." },
        VarSpec { name: "enc_counter", doc: "That PDU's packet counter (the peripheral's second encrypted PDU: 1)." },
        VarSpec { name: "enc_direction", doc: "That PDU's direction: `peripheral-to-central`." },
    ],
    checks: &[
        CheckSpec { name: "passkey", doc: "The 6-digit passkey (legacy; 0 for just-works), a whole number. Under lesc: the 6-digit numeric comparison value g2 mod 10⁶, public.", answer: AnswerKind::Integer },
        CheckSpec { name: "stk", doc: "The short-term key STK = s1(TK, Srand, Mrand), spec order (hex, 16 bytes). Under lesc, no STK exists: the LTK of f5, which encrypts the link in its place.", answer: AnswerKind::Hex },
        CheckSpec { name: "ltk", doc: "The long-term key the peripheral distributes in Encryption Information, read from the decrypted PDU, spec order (hex, 16 bytes). Under lesc: the LTK of f5.", answer: AnswerKind::Hex },
    ],
    tools: &[
        ToolSpec { id: "c1", title: M::BlePairingC1, help: M::BlePairingC1Help, button: M::BlePairingC1Button, fields: C1_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "passkey-search", title: M::BlePairingSearch, help: M::BlePairingSearchHelp, button: M::BlePairingSearchButton, fields: SEARCH_FIELDS, oracle: false, cost: Cost::Long, after_solving: false },
        ToolSpec { id: "s1", title: M::BlePairingS1, help: M::BlePairingS1Help, button: M::BlePairingS1Button, fields: S1_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "decrypt", title: M::BlePairingDecrypt, help: M::BlePairingDecryptHelp, button: M::BlePairingDecryptButton, fields: DECRYPT_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: Some("capture"),
    rule: None,
};

/// What c1 binds besides k and r: the two pairing PDUs and the two addresses.
#[derive(Clone)]
struct Binding {
    preq: [u8; 7],
    pres: [u8; 7],
    iat: u8,
    ia: [u8; 6],
    rat: u8,
    ra: [u8; 6],
}

impl Binding {
    fn c1(&self, k: &[u8; 16], r: &[u8; 16]) -> [u8; 16] {
        c1(k, r, &self.preq, &self.pres, self.iat, &self.ia, self.rat, &self.ra)
    }

    /// LE Secure Connections was negotiated: the SC bit of both AuthReq octets.
    fn secure_connections(&self) -> bool {
        // preq and pres in spec order: the AuthReq octet is the fourth from the end.
        self.preq[3] & 0x08 != 0 && self.pres[3] & 0x08 != 0
    }
}

/// One PDU as the builder lays it out, before the link layer header and encryption.
struct Pdu {
    from_central: bool,
    llid: u8,
    payload: Vec<u8>,
}

/// An L2CAP basic frame on the SMP channel (CID 0x0006) around an SMP command.
fn smp(from_central: bool, code: u8, params: &[u8]) -> Pdu {
    let len = (1 + params.len()) as u16;
    let mut payload = len.to_le_bytes().to_vec();
    payload.extend_from_slice(&6u16.to_le_bytes());
    payload.push(code);
    payload.extend_from_slice(params);
    Pdu { from_central, llid: 2, payload }
}

fn control(from_central: bool, opcode: u8, params: &[u8]) -> Pdu {
    let mut payload = vec![opcode];
    payload.extend_from_slice(params);
    Pdu { from_central, llid: 3, payload }
}

/// Wire order of a value written in spec order.
fn wire(spec: &[u8]) -> Vec<u8> {
    spec.iter().rev().copied().collect()
}

/// A P-256 key pair of the instance, from the seed (retried on the rare out-of-range value).
fn p256_key(seed: &InstanceSeed, name: &str) -> p256::SecretKey {
    (0u32..)
        .find_map(|i| p256::SecretKey::from_slice(&seed.value(&format!("{name}-{i}"), 32)).ok())
        .expect("a valid P-256 scalar turns up within a few tries")
}

fn public_xy(key: &p256::SecretKey) -> ([u8; 32], [u8; 32]) {
    use p256::elliptic_curve::point::AffineCoordinates;
    let point = *key.public_key().as_affine();
    (point.x().into(), point.y().into())
}

fn arr<const N: usize>(v: Vec<u8>) -> [u8; N] {
    v.try_into().expect("seed values have the asked length")
}

pub struct Instance {
    method: Method,
    binding: Binding,
    /// Legacy: the passkey (0 for Just Works); lesc: the numeric comparison value.
    passkey: u32,
    mconfirm: [u8; 16],
    mrand: [u8; 16],
    sconfirm: [u8; 16],
    srand: [u8; 16],
    /// The key that encrypts the link after pairing: legacy STK, lesc LTK of f5.
    stk: [u8; 16],
    /// The long-term key the devices keep: legacy distributed LTK, lesc LTK of f5.
    ltk: [u8; 16],
    skd: [u8; 16],
    iv: [u8; 8],
    /// The captured LL data PDUs, whether each was encrypted, and which one carries the first
    /// distributed key.
    frames: Vec<(bool, Vec<u8>, bool)>,
    key_frame: usize,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    let method = params.method;
    // The central: a public address; the peripheral: a static random address (two top bits 11).
    let ia: [u8; 6] = arr(seed.value("central-address", 6));
    let mut ra: [u8; 6] = arr(seed.value("peripheral-address", 6));
    ra[0] |= 0xC0;
    let (iat, rat) = (0u8, 1u8);
    // Pairing Request and Response on the wire: code, IO capability, OOB, AuthReq, max key size,
    // initiator and responder key distribution.
    let (preq_wire, pres_wire): ([u8; 7], [u8; 7]) = match method {
        // The central types the passkey the peripheral shows; bonding + MITM; the peripheral
        // distributes its encryption key (LTK, EDIV, Rand).
        Method::Passkey => ([0x01, 0x04, 0x00, 0x05, 0x10, 0x00, 0x01], [0x02, 0x00, 0x00, 0x05, 0x10, 0x00, 0x01]),
        Method::JustWorks => ([0x01, 0x03, 0x00, 0x01, 0x10, 0x00, 0x01], [0x02, 0x03, 0x00, 0x01, 0x10, 0x00, 0x01]),
        // Both show a number and ask yes/no; bonding + MITM + SC; the peripheral distributes its
        // identity key (no LTK is distributed under Secure Connections).
        Method::Lesc => ([0x01, 0x01, 0x00, 0x0D, 0x10, 0x00, 0x02], [0x02, 0x01, 0x00, 0x0D, 0x10, 0x00, 0x02]),
    };
    let binding = Binding { preq: rev(&preq_wire), pres: rev(&pres_wire), iat, ia, rat, ra };
    let skdm: [u8; 8] = arr(seed.value("skdm", 8));
    let skds: [u8; 8] = arr(seed.value("skds", 8));
    let ivm: [u8; 4] = arr(seed.value("ivm", 4));
    let ivs: [u8; 4] = arr(seed.value("ivs", 4));
    let mut skd = [0u8; 16];
    skd[..8].copy_from_slice(&skds);
    skd[8..].copy_from_slice(&skdm);
    let mut iv = [0u8; 8];
    iv[..4].copy_from_slice(&ivs);
    iv[4..].copy_from_slice(&ivm);
    let mrand: [u8; 16] = arr(seed.value("mrand", 16));
    let srand: [u8; 16] = arr(seed.value("srand", 16));

    let mut pdus = vec![smp(true, 0x01, &preq_wire[1..]), smp(false, 0x02, &pres_wire[1..])];
    let (passkey, mconfirm, sconfirm, stk, ltk, distributed) = match method {
        Method::Passkey | Method::JustWorks => {
            let passkey = if method == Method::Passkey { u32::from_be_bytes(arr(seed.value("passkey", 4))) % 1_000_000 } else { 0 };
            let tk = tk_of_passkey(passkey);
            let (mconfirm, sconfirm) = (binding.c1(&tk, &mrand), binding.c1(&tk, &srand));
            pdus.extend([smp(true, 0x03, &wire(&mconfirm)), smp(false, 0x03, &wire(&sconfirm)), smp(true, 0x04, &wire(&mrand)), smp(false, 0x04, &wire(&srand))]);
            let stk = s1(&tk, &srand, &mrand);
            let ltk: [u8; 16] = arr(seed.value("ltk", 16));
            let ediv = seed.value("ediv", 2);
            let rand = seed.value("rand", 8);
            let mut master_id = wire(&ediv);
            master_id.extend(wire(&rand));
            (passkey, mconfirm, sconfirm, stk, ltk, vec![smp(false, 0x06, &wire(&ltk)), smp(false, 0x07, &master_id)])
        }
        Method::Lesc => {
            let (ka, kb) = (p256_key(seed, "central-p256"), p256_key(seed, "peripheral-p256"));
            let ((pkax, pkay), (pkbx, pkby)) = (public_xy(&ka), public_xy(&kb));
            let key_pdu = |from_central: bool, x: &[u8; 32], y: &[u8; 32]| {
                let mut params = wire(x);
                params.extend(wire(y));
                smp(from_central, 0x0C, &params)
            };
            // Numeric Comparison (§2.3.5.6.2): only the responder commits, Cb = f4(PKbx, PKax, Nb, 0).
            let (na, nb) = (mrand, srand);
            let cb = f4(&pkbx, &pkax, &nb, 0);
            let w = dhkey(&ka, &kb.public_key());
            let a: [u8; 7] = std::array::from_fn(|i| if i == 0 { iat } else { ia[i - 1] });
            let b: [u8; 7] = std::array::from_fn(|i| if i == 0 { rat } else { ra[i - 1] });
            let (mac_key, ltk) = f5(&w, &na, &nb, &a, &b);
            let io_cap_a = [preq_wire[3], preq_wire[2], preq_wire[1]];
            let io_cap_b = [pres_wire[3], pres_wire[2], pres_wire[1]];
            let ea = f6(&mac_key, &na, &nb, &[0; 16], &io_cap_a, &a, &b);
            let eb = f6(&mac_key, &nb, &na, &[0; 16], &io_cap_b, &b, &a);
            let comparison = g2(&pkax, &pkbx, &na, &nb) % 1_000_000;
            // Pairing Public Key needs 69 octets of LL payload: the Data Length Extension of
            // Core 4.2, which LE Secure Connections devices have.
            pdus.extend([
                key_pdu(true, &pkax, &pkay),
                key_pdu(false, &pkbx, &pkby),
                smp(false, 0x03, &wire(&cb)),
                smp(true, 0x04, &wire(&na)),
                smp(false, 0x04, &wire(&nb)),
                smp(true, 0x0D, &wire(&ea)),
                smp(false, 0x0D, &wire(&eb)),
            ]);
            let irk = seed.value("irk", 16);
            let mut address = vec![rat];
            address.extend(wire(&ra));
            (comparison, cb, cb, ltk, ltk, vec![smp(false, 0x08, &wire(&irk)), smp(false, 0x09, &address)])
        }
    };
    // Encryption starts with the pairing's key: Rand = 0 and EDIV = 0 (Vol 3 Part H §2.4.4).
    let mut enc_req = vec![0u8; 10];
    enc_req.extend(wire(&skdm));
    enc_req.extend(wire(&ivm));
    let mut enc_rsp = wire(&skds);
    enc_rsp.extend(wire(&ivs));
    let first_encrypted = pdus.len() + 3;
    pdus.extend([control(true, 0x03, &enc_req), control(false, 0x04, &enc_rsp), control(false, 0x05, &[]), control(true, 0x06, &[]), control(false, 0x06, &[])]);
    let key_frame = pdus.len();
    pdus.extend(distributed);

    // The link layer: SN and NESN per side, then CCM under SK = e(STK, SKD) with a packet
    // counter per direction.
    let sk = e(&stk, &skd);
    let (mut sent, mut counters) = ([0u64; 2], [0u64; 2]);
    let frames = pdus
        .into_iter()
        .enumerate()
        .map(|(i, pdu)| {
            let (me, other) = if pdu.from_central { (0, 1) } else { (1, 0) };
            let header = pdu.llid | (((sent[other] % 2) as u8) << 2) | (((sent[me] % 2) as u8) << 3);
            sent[me] += 1;
            let encrypted = i >= first_encrypted;
            let body = if encrypted {
                let nonce = ll_nonce(counters[me], pdu.from_central, &iv);
                counters[me] += 1;
                ll_seal(&sk, &nonce, header, &pdu.payload)
            } else {
                pdu.payload
            };
            let mut bytes = vec![header, body.len() as u8];
            bytes.extend(body);
            (pdu.from_central, bytes, encrypted)
        })
        .collect();
    Instance { method, binding, passkey, mconfirm, mrand, sconfirm, srand, stk, ltk, skd, iv, frames, key_frame }
}

/// The brute force of the passkey: TK = 0 .. 999,999 through c1 until it gives the captured
/// Mconfirm, a slice of passkeys per step.
struct PasskeySearch {
    binding: Binding,
    mconfirm: [u8; 16],
    mrand: [u8; 16],
    from: u32,
    next: u32,
    to: u32,
    /// The capture's public LESC values, to say why nothing was found.
    lesc_comparison: Option<u32>,
}

impl Job for PasskeySearch {
    fn step(&mut self) -> JobStep {
        let last = self.to.min(self.next.saturating_add(TRIALS_PER_STEP - 1));
        for passkey in self.next..=last {
            let tk = tk_of_passkey(passkey);
            if bool::from(self.binding.c1(&tk, &self.mrand).ct_eq(&self.mconfirm)) {
                let tried = passkey - self.from + 1;
                return JobStep::Done(Ok(vec![Output::new(M::BlePairingTrials, Value::int(tried)), Output::new(M::BlePairingPasskey, Value::int(passkey)), Output::new(M::BlePairingTk, Value::Hex(tk.to_vec()))].into()));
            }
        }
        let total = u64::from(self.to - self.from) + 1;
        let done = u64::from(last - self.from) + 1;
        if last < self.to {
            self.next = last + 1;
            return JobStep::Progress { done, total, note: None };
        }
        let mut outputs = vec![Output::new(M::BlePairingTrials, Value::int(done)), Output::new(M::BlePairingPasskey, Value::Msg(Msg::BlePairingNoPasskey(self.from, self.to)))];
        if let Some(comparison) = self.lesc_comparison {
            outputs.push(Output::new(M::BlePairingNote, Value::Msg(Msg::BlePairingLescResists())));
            outputs.push(Output::new(M::BlePairingComparison, Value::Text(format!("{comparison:06}"))));
        }
        JobStep::Done(Ok(outputs.into()))
    }
}

fn key16(inputs: &Inputs, id: &str, label: M) -> Result<[u8; 16], Msg> {
    Ok(arr(sized(hex_input(inputs, id, label)?, label, &[16])?))
}

fn fixed<const N: usize>(inputs: &Inputs, id: &str, label: M) -> Result<[u8; N], Msg> {
    Ok(arr(sized(hex_input(inputs, id, label)?, label, &[N])?))
}

impl Instance {
    fn capture(&self) -> Capture {
        let central = format!("Central {}", address(&self.binding.ia));
        let peripheral = format!("Peripheral {}", address(&self.binding.ra));
        let frames = self
            .frames
            .iter()
            .enumerate()
            .map(|(i, (from_central, bytes, encrypted))| {
                let (kind, summary, fields) = decode(bytes, *encrypted);
                let (source, destination) = if *from_central { (central.clone(), peripheral.clone()) } else { (peripheral.clone(), central.clone()) };
                let protocol = if kind.starts_with("LL") || kind == "Encrypted PDU" { "BLE LL" } else { "BLE SMP" };
                Frame { time_ms: i as u64 * 30, direction: if *from_central { Direction::Up } else { Direction::Down }, source, destination, protocol: protocol.into(), kind, summary, bytes: bytes.clone(), fields }
            })
            .collect();
        Capture { id: "pairing".into(), title: M::BlePairingCaptureTitle, frames }
    }

    fn run_c1(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let spec = SPEC.tool("c1").expect("declared");
        let k = key16(inputs, "k", M::BlePairingK)?;
        let r = key16(inputs, "r", M::BlePairingR)?;
        let preq: [u8; 7] = fixed(inputs, "preq", M::BlePairingPreq)?;
        let pres: [u8; 7] = fixed(inputs, "pres", M::BlePairingPres)?;
        let iat = spec.number(inputs, "iat")? as u8;
        let ia: [u8; 6] = fixed(inputs, "ia", M::BlePairingIa)?;
        let rat = spec.number(inputs, "rat")? as u8;
        let ra: [u8; 6] = fixed(inputs, "ra", M::BlePairingRa)?;
        let (p1, p2) = c1_p1_p2(&preq, &pres, iat, &ia, rat, &ra);
        let value = c1(&k, &r, &preq, &pres, iat, &ia, rat, &ra);
        let verdict = if value == self.mconfirm {
            Value::Verdict { ok: true, text: Msg::BlePairingMatchesMconfirm() }
        } else if value == self.sconfirm {
            Value::Verdict { ok: true, text: Msg::BlePairingMatchesSconfirm() }
        } else {
            Value::Verdict { ok: false, text: Msg::BlePairingMatchesNone() }
        };
        Ok(vec![Output::new(M::BlePairingP1, Value::Hex(p1.to_vec())), Output::new(M::BlePairingP2, Value::Hex(p2.to_vec())), Output::new(M::BlePairingC1Value, Value::Hex(value.to_vec())), Output::new(M::BlePairingMatch, verdict)].into())
    }

    fn run_s1(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let k = key16(inputs, "k", M::BlePairingK)?;
        let r1 = key16(inputs, "r1", M::BlePairingR1)?;
        let r2 = key16(inputs, "r2", M::BlePairingR2)?;
        Ok(vec![Output::new(M::BlePairingRPrime, Value::Hex(s1_r_prime(&r1, &r2).to_vec())), Output::new(M::BlePairingStk, Value::Hex(s1(&k, &r1, &r2).to_vec()))].into())
    }

    fn run_decrypt(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let spec = SPEC.tool("decrypt").expect("declared");
        let key = key16(inputs, "key", M::BlePairingKey)?;
        let skd = key16(inputs, "skd", M::BlePairingSkd)?;
        let iv: [u8; 8] = fixed(inputs, "iv", M::BlePairingIv)?;
        let pdu = hex_input(inputs, "pdu", M::BlePairingPdu)?;
        let counter = spec.number(inputs, "counter")?;
        let from_central = spec.select(inputs, "direction")? == DIRECTIONS[0];
        // Header, length, at least one payload octet and the 4-octet MIC; the length octet
        // counts the payload and the MIC.
        if pdu.len() < 7 || usize::from(pdu[1]) != pdu.len() - 2 {
            return Err(Msg::BlePairingBadPdu(pdu.len()));
        }
        let sk = e(&key, &skd);
        let nonce = ll_nonce(counter, from_central, &iv);
        let mut outputs = vec![Output::new(M::BlePairingSk, Value::Hex(sk.to_vec())), Output::new(M::BlePairingNonce, Value::Hex(nonce.to_vec()))];
        match ll_open(&sk, &nonce, pdu[0], &pdu[2..]) {
            Some(plain) => {
                outputs.push(Output::new(M::BlePairingMic, Value::Verdict { ok: true, text: Msg::BlePairingMicOk() }));
                outputs.push(Output::new(M::BlePairingPlaintext, Value::Hex(plain.clone())));
                let mut clear = vec![pdu[0], plain.len() as u8];
                clear.extend(&plain);
                let (_, summary, _) = decode(&clear, false);
                outputs.push(Output::new(M::BlePairingDecoded, Value::Text(summary)));
            }
            None => outputs.push(Output::new(M::BlePairingMic, Value::Verdict { ok: false, text: Msg::BlePairingMicBad() })),
        }
        Ok(outputs.into())
    }
}

/// A device address as written: octets most significant first, separated by colons.
fn address(spec: &[u8; 6]) -> String {
    spec.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let method = match self.method {
            Method::Passkey => "passkey",
            Method::JustWorks => "just-works",
            Method::Lesc => "lesc",
        };
        let b = &self.binding;
        Vars::from([
            ("method".into(), method.into()),
            ("ia".into(), hex::encode(b.ia)),
            ("iat".into(), b.iat.to_string()),
            ("ra".into(), hex::encode(b.ra)),
            ("rat".into(), b.rat.to_string()),
            ("preq".into(), hex::encode(b.preq)),
            ("pres".into(), hex::encode(b.pres)),
            ("mconfirm".into(), hex::encode(self.mconfirm)),
            ("mrand".into(), hex::encode(self.mrand)),
            ("sconfirm".into(), hex::encode(self.sconfirm)),
            ("srand".into(), hex::encode(self.srand)),
            ("skd".into(), hex::encode(self.skd)),
            ("iv".into(), hex::encode(self.iv)),
            ("enc_pdu".into(), hex::encode(&self.frames[self.key_frame].1)),
            ("enc_counter".into(), "1".into()),
            ("enc_direction".into(), DIRECTIONS[1].into()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        match check {
            "passkey" => Some(self.passkey.to_string()),
            "stk" => Some(hex::encode(self.stk)),
            "ltk" => Some(hex::encode(self.ltk)),
            _ => None,
        }
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        match check {
            "passkey" => grade_integer(check, self.reference(check), answer),
            _ => match self.reference(check) {
                Some(reference) => grade_hex(&reference, answer),
                None => LabVerdict::Unreadable(Msg::UnknownCheck(check)),
            },
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "c1" => self.run_c1(inputs),
            "s1" => self.run_s1(inputs),
            "decrypt" => self.run_decrypt(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn start(&self, tool: &str, inputs: &Inputs) -> Result<Box<dyn Job>, Msg> {
        if tool != "passkey-search" {
            return Err(Msg::UnknownTool(tool));
        }
        let spec = SPEC.tool(tool).expect("declared");
        let mconfirm = key16(inputs, "mconfirm", M::BlePairingMconfirm)?;
        let mrand = key16(inputs, "mrand", M::BlePairingMrand)?;
        let from = spec.number(inputs, "from")? as u32;
        let to = spec.number(inputs, "to")? as u32;
        if from > to {
            return Err(Msg::BlePairingRangeOrder(from, to));
        }
        // The tool reads the SC bit of the captured Pairing Request and Response, as a sniffer
        // would, and takes the public values of the LESC capture to say why nothing was found.
        let lesc_comparison = self.binding.secure_connections().then_some(self.passkey);
        Ok(Box::new(PasskeySearch { binding: self.binding.clone(), mconfirm, mrand, from, next: from, to, lesc_comparison }))
    }

    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        match request {
            ViewRequest::Captures => Ok(ViewData::Captures(vec![self.capture()])),
            _ => Err(Msg::LabUnavailable()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::run_job;
    use crate::core::tools::inputs_of;

    fn h<const N: usize>(s: &str) -> [u8; N] {
        hex::decode(s.replace(' ', "")).unwrap().try_into().unwrap()
    }

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "ble-pairing")
    }

    fn lab(method: Method, n: u8) -> Instance {
        build(&Params { method }, &seed(n))
    }

    /// Bluetooth Core specification, Vol 3 Part H §2.2.3 (c1 sample data), checked also by
    /// google/bumble tests/smp_test.py `test_c1`; then a tampered preq and a tampered k.
    #[test]
    fn c1_gives_the_specification_sample() {
        let (k, r) = ([0u8; 16], h("5783D52156AD6F0E6388274EC6702EE0"));
        let (preq, pres, ia, ra) = (h("07071000000101"), h("05000800000302"), h("A1A2A3A4A5A6"), h("B1B2B3B4B5B6"));
        let (p1, p2) = c1_p1_p2(&preq, &pres, 1, &ia, 0, &ra);
        assert_eq!(p1, h("05000800000302070710000001010001"));
        assert_eq!(p2, h("00000000A1A2A3A4A5A6B1B2B3B4B5B6"));
        let expected: [u8; 16] = h("1e1e3fef878988ead2a74dc5bef13b86");
        assert_eq!(c1(&k, &r, &preq, &pres, 1, &ia, 0, &ra), expected);
        assert_ne!(c1(&k, &r, &h("07071000000102"), &pres, 1, &ia, 0, &ra), expected);
        assert_ne!(c1(&tk_of_passkey(1), &r, &preq, &pres, 1, &ia, 0, &ra), expected);
    }

    /// Vol 3 Part H §2.2.4 (s1 sample data; bumble `test_s1`), then a tampered r2.
    #[test]
    fn s1_gives_the_specification_sample() {
        let (r1, r2) = (h("000F0E0D0C0B0A091122334455667788"), h("010203040506070899AABBCCDDEEFF00"));
        assert_eq!(s1_r_prime(&r1, &r2), h("112233445566778899AABBCCDDEEFF00"));
        assert_eq!(s1(&[0; 16], &r1, &r2), h("9a1fe1f0e8b0f49b5b4216ae796da062"));
        assert_ne!(s1(&[0; 16], &r1, &h("010203040506070899AABBCCDDEEFF01")), h("9a1fe1f0e8b0f49b5b4216ae796da062"));
    }

    /// Vol 6 Part C §1 (LE encryption sample data): SK = e(LTK, SKDs ‖ SKDm), and the central's
    /// LL_START_ENC_RSP (counter 0, direction 1) on air as 0F 05 9F CD A7 F4 48. The SK value is
    /// also in apache/mynewt-core apps/bletest (`g_ble_ll_encrypt_test_encrypted_data`). Then a
    /// wrong direction bit and a flipped MIC bit fail.
    #[test]
    fn the_link_encryption_gives_the_specification_sample() {
        let ltk = h("4C68384139F574D836BCF34E9DFB01BF");
        let skd = h("0213243546576879ACBDCEDFE0F10213");
        let sk = e(&ltk, &skd);
        assert_eq!(sk, h("99AD1B5226A37E3E058E3B8E27C2C666"));
        let iv: [u8; 8] = h("DEAFBABEBADCAB24");
        let nonce = ll_nonce(0, true, &iv);
        assert_eq!(nonce, h("000000008024abdcbabebaafde"));
        assert_eq!(ll_seal(&sk, &nonce, 0x0F, &[0x06]), h::<5>("9fcda7f448").to_vec());
        assert_eq!(ll_open(&sk, &nonce, 0x0F, &h::<5>("9fcda7f448")), Some(vec![0x06]));
        // NESN, SN and MD are outside the MIC.
        assert_eq!(ll_open(&sk, &nonce, 0x03 | 0x10, &h::<5>("9fcda7f448")), Some(vec![0x06]));
        assert_eq!(ll_open(&sk, &ll_nonce(0, false, &iv), 0x0F, &h::<5>("9fcda7f448")), None);
        assert_eq!(ll_open(&sk, &nonce, 0x0F, &h::<5>("9fcda7f449")), None);
        let (_, summary, _) = decode(&[0x0F, 0x05, 0x9F, 0xCD, 0xA7, 0xF4, 0x48], true);
        assert_eq!(summary, "Payload (encrypted) 1 + MIC 4");
    }

    /// Vol 3 Part H Appendix D.2-D.5 (f4, f5, f6, g2 sample data; the same in bumble's
    /// `test_f4`, `test_f5`, `test_f6`, `test_g2`), and Vol 3 Part H Appendix D.1's P-256 keys
    /// (bumble `test_ecc`) for the DHKey with the `p256` crate; each with a tampered input.
    #[test]
    fn the_secure_connections_functions_give_the_specification_samples() {
        let u = h("20b003d2f297be2c5e2c83a7e9f9a5b9eff49111acf4fddbcc0301480e359de6");
        let v = h("55188b3d32f6bb9a900afcfbeed4e72a59cb9ac2f19d7cfb6b4fdd49f47fc5fd");
        let x = h("d5cb8454d177733effffb2ec712baeab");
        assert_eq!(f4(&u, &v, &x, 0), h("f2c916f107a9bd1cf1eda1bea974872d"));
        assert_ne!(f4(&u, &v, &x, 1), h("f2c916f107a9bd1cf1eda1bea974872d"));
        let w = h("ec0234a357c8ad05341010a60a397d9b99796b13b4f866f1868d34f373bfa698");
        let (n1, n2) = (h("d5cb8454d177733effffb2ec712baeab"), h("a6e8e7cc25a75f6e216583f7ff3dc4cf"));
        let (a1, a2) = (h("0056123737bfce"), h("00a713702dcfc1"));
        let (mac_key, ltk) = f5(&w, &n1, &n2, &a1, &a2);
        assert_eq!(mac_key, h("2965f176a1084a02fd3f6a20ce636e20"));
        assert_eq!(ltk, h("6986791169d7cd23980522b594750a38"));
        assert_ne!(f5(&w, &n2, &n1, &a1, &a2).1, ltk);
        let r = h("12a3343bb453bb5408da42d20c2d0fc8");
        assert_eq!(f6(&mac_key, &n1, &n2, &r, &h("010102"), &a1, &a2), h("e3c473989cd0e8c5d26c0b09da958f61"));
        assert_ne!(f6(&mac_key, &n1, &n2, &r, &h("010103"), &a1, &a2), h("e3c473989cd0e8c5d26c0b09da958f61"));
        assert_eq!(g2(&u, &v, &x, &n2), 0x2F9E_D5BA);
        assert_ne!(g2(&v, &u, &x, &n2), 0x2F9E_D5BA);
        let private_a = p256::SecretKey::from_slice(&h::<32>("3f49f6d4a3c55f3874c9b3e3d2103f504aff607beb40b7995899b8a6cd3c1abd")).unwrap();
        let private_b = p256::SecretKey::from_slice(&h::<32>("55188b3d32f6bb9a900afcfbeed4e72a59cb9ac2f19d7cfb6b4fdd49f47fc5fd")).unwrap();
        assert_eq!(public_xy(&private_a).0, u);
        assert_eq!(dhkey(&private_a, &private_b.public_key()), w);
        assert_eq!(dhkey(&private_b, &private_a.public_key()), w);
        assert_ne!(dhkey(&private_a, &private_a.public_key()), w);
    }

    fn search(lab: &Instance, from: u32, to: u32) -> ToolRun {
        let vars = lab.variables();
        run_job(lab, "passkey-search", &inputs_of(&[("mconfirm", &vars["mconfirm"]), ("mrand", &vars["mrand"]), ("from", &from.to_string()), ("to", &to.to_string())])).unwrap()
    }

    /// The attack, end to end on many instances: the search over a range around the passkey
    /// finds it from the captured Mconfirm, s1 gives the STK, the decrypt tool opens the
    /// Encryption Information with it and shows the LTK; every check is then answered.
    #[test]
    fn a_passive_capture_gives_the_passkey_the_stk_and_the_ltk() {
        for n in 0..12u8 {
            let lab = lab(Method::Passkey, n);
            let vars = lab.variables();
            let passkey = lab.passkey;
            let from = passkey.saturating_sub(2_500);
            let run = search(&lab, from, (passkey + 10).min(999_999));
            assert_eq!(run.get(M::BlePairingPasskey), Some(&Value::int(passkey)));
            assert_eq!(run.get(M::BlePairingTrials), Some(&Value::int(passkey - from + 1)));
            assert_eq!(lab.grade("passkey", &passkey.to_string()), LabVerdict::Correct);
            let tk = hex::encode(tk_of_passkey(passkey));
            assert_eq!(run.get(M::BlePairingTk), Some(&Value::Hex(tk_of_passkey(passkey).to_vec())));
            let c1_run = lab.run_tool("c1", &SPEC.tool("c1").unwrap().start_values(&vars).into_iter().map(|(k, v)| if k == "k" { (k, tk.clone()) } else { (k, v) }).collect()).unwrap();
            assert_eq!(c1_run.get(M::BlePairingMatch), Some(&Value::Verdict { ok: true, text: Msg::BlePairingMatchesMconfirm() }));
            let s1_run = lab.run_tool("s1", &inputs_of(&[("k", &tk), ("r1", &vars["srand"]), ("r2", &vars["mrand"])])).unwrap();
            let Some(Value::Hex(stk)) = s1_run.get(M::BlePairingStk) else { panic!("no STK") };
            assert_eq!(lab.grade("stk", &hex::encode(stk)), LabVerdict::Correct);
            let mut inputs = SPEC.tool("decrypt").unwrap().start_values(&vars);
            inputs.insert("key".into(), hex::encode(stk));
            let opened = lab.run_tool("decrypt", &inputs).unwrap();
            assert_eq!(opened.get(M::BlePairingMic), Some(&Value::Verdict { ok: true, text: Msg::BlePairingMicOk() }));
            let Some(Value::Text(decoded)) = opened.get(M::BlePairingDecoded) else { panic!("not decoded") };
            let ltk = decoded.strip_prefix("Encryption Information: Long Term Key 0x").expect("the LTK PDU");
            assert_eq!(lab.grade("ltk", ltk), LabVerdict::Correct);
            // A wrong key (the TK itself) fails the MIC and shows nothing.
            inputs.insert("key".into(), tk);
            let refused = lab.run_tool("decrypt", &inputs).unwrap();
            assert_eq!(refused.get(M::BlePairingMic), Some(&Value::Verdict { ok: false, text: Msg::BlePairingMicBad() }));
            assert_eq!(refused.get(M::BlePairingPlaintext), None);
        }
    }

    /// A range without the passkey finds nothing, in steps with progress.
    #[test]
    fn the_search_runs_in_steps_and_says_when_the_range_misses() {
        let lab = lab(Method::Passkey, 3);
        let passkey = lab.passkey;
        let (from, to): (u32, u32) = if passkey >= 5_000 { (0, 4_999) } else { (10_000, 14_999) };
        let vars = lab.variables();
        let mut job = lab.start("passkey-search", &inputs_of(&[("mconfirm", &vars["mconfirm"]), ("mrand", &vars["mrand"]), ("from", &from.to_string()), ("to", &to.to_string())])).unwrap();
        let mut seen = Vec::new();
        let run = loop {
            match job.step() {
                JobStep::Progress { done, total, .. } => seen.push((done, total)),
                JobStep::Done(result) => break result.unwrap(),
            }
        };
        assert_eq!(seen, vec![(2_000, 5_000), (4_000, 5_000)]);
        assert_eq!(run.get(M::BlePairingTrials), Some(&Value::int(5_000)));
        assert_eq!(run.get(M::BlePairingPasskey), Some(&Value::Msg(Msg::BlePairingNoPasskey(from, to))));
        assert_eq!(run.get(M::BlePairingNote), None);
    }

    /// Just Works: TK = 0, so the search stops at its first trial.
    #[test]
    fn just_works_falls_at_the_first_trial() {
        for n in 0..8u8 {
            let lab = lab(Method::JustWorks, n);
            let run = search(&lab, 0, 999_999);
            assert_eq!(run.get(M::BlePairingTrials), Some(&Value::int(1)));
            assert_eq!(run.get(M::BlePairingPasskey), Some(&Value::int(0)));
            assert_eq!(lab.grade("passkey", "0"), LabVerdict::Correct);
            assert_eq!(hex::encode(lab.stk), hex::encode(s1(&[0; 16], &lab.srand, &lab.mrand)));
        }
    }

    /// The fix: under LE Secure Connections the confirm is f4 over the public keys, so no TK
    /// gives it; the tool says why and shows the comparison value, public and useless. The keys
    /// need the ECDH secret: the f5 LTK opens the link, and the values a passive listener has
    /// (TK 0, the nonces, the public keys' coordinates as keys) do not.
    #[test]
    fn secure_connections_resist_the_search() {
        for n in 0..6u8 {
            let lab = lab(Method::Lesc, n);
            let vars = lab.variables();
            let run = search(&lab, 0, 4_999);
            assert_eq!(run.get(M::BlePairingPasskey), Some(&Value::Msg(Msg::BlePairingNoPasskey(0u32, 4_999u32))));
            assert_eq!(run.get(M::BlePairingNote), Some(&Value::Msg(Msg::BlePairingLescResists())));
            assert_eq!(run.get(M::BlePairingComparison), Some(&Value::Text(format!("{:06}", lab.passkey))));
            let mut inputs = SPEC.tool("decrypt").unwrap().start_values(&vars);
            for guess in [s1(&[0; 16], &lab.srand, &lab.mrand), [0; 16], lab.mrand, lab.srand] {
                inputs.insert("key".into(), hex::encode(guess));
                assert_eq!(lab.run_tool("decrypt", &inputs).unwrap().get(M::BlePairingMic), Some(&Value::Verdict { ok: false, text: Msg::BlePairingMicBad() }));
            }
            inputs.insert("key".into(), hex::encode(lab.ltk));
            let opened = lab.run_tool("decrypt", &inputs).unwrap();
            let Some(Value::Text(decoded)) = opened.get(M::BlePairingDecoded) else { panic!("not decoded") };
            assert!(decoded.starts_with("Identity Information: Identity Resolving Key 0x"), "{decoded}");
            // The capture shows the public keys and a single confirm, the responder's.
            let capture = lab.capture();
            let kinds = capture.kinds();
            assert!(kinds.contains(&"Pairing Public Key".to_string()) && kinds.contains(&"Pairing DHKey Check".to_string()));
            assert_eq!(capture.frames.iter().filter(|f| f.kind == "Pairing Confirm").count(), 1);
        }
    }

    /// The capture, decoded: every PDU in order with its fields where they lie, the confirm and
    /// random values in spec order, the encrypted PDUs sealed.
    #[test]
    fn the_capture_decodes_each_pdu_with_its_fields() {
        let lab = lab(Method::Passkey, 1);
        let capture = lab.capture();
        let kinds: Vec<&str> = capture.frames.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "Pairing Request",
                "Pairing Response",
                "Pairing Confirm",
                "Pairing Confirm",
                "Pairing Random",
                "Pairing Random",
                "LL_ENC_REQ",
                "LL_ENC_RSP",
                "LL_START_ENC_REQ",
                "Encrypted PDU",
                "Encrypted PDU",
                "Encrypted PDU",
                "Encrypted PDU"
            ]
        );
        let confirm = &capture.frames[2];
        assert_eq!(confirm.direction, Direction::Up);
        let field = |f: &Frame, name: &str| f.fields.iter().find(|x| x.name == name).cloned().unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(field(confirm, "CID").value, "0x0006 (Security Manager Protocol)");
        let value = field(confirm, "Confirm Value");
        assert_eq!((value.start, value.len, value.value.clone()), (7, 16, format!("0x{}", hex::encode(lab.mconfirm))));
        assert_eq!(confirm.field_bytes(&value), wire(&lab.mconfirm).as_slice());
        let request = &capture.frames[0];
        assert_eq!(field(request, "IO Capability").value, "0x04 (KeyboardDisplay)");
        assert_eq!(field(request, "MITM").value, "1");
        assert_eq!(field(request, "SC").value, "0");
        let enc_req = &capture.frames[6];
        assert_eq!(field(enc_req, "SKDm").value, format!("0x{}", hex::encode(&lab.skd[8..])));
        assert_eq!(field(enc_req, "EDIV").value, "0x0000");
        let sealed = &capture.frames[11];
        assert_eq!(hex::encode(&sealed.bytes), lab.variables()["enc_pdu"]);
        assert_eq!(field(sealed, "MIC").len, 4);
        for f in &capture.frames {
            assert!(f.fields_in_bounds());
        }
        // The preq variable is the captured Pairing Request in spec order.
        assert_eq!(wire(&hex::decode(&lab.variables()["preq"]).unwrap()), request.bytes[6..13].to_vec());
    }

    /// Bad input gives a message naming what was expected, never a panic.
    #[test]
    fn bad_input_is_refused_with_a_message() {
        let lab = lab(Method::Passkey, 2);
        let vars = lab.variables();
        let mut inputs = SPEC.tool("decrypt").unwrap().start_values(&vars);
        inputs.insert("key".into(), "00".into());
        assert!(matches!(lab.run_tool("decrypt", &inputs), Err(m) if m.id == M::FieldSize));
        inputs.insert("key".into(), "zz".into());
        assert!(matches!(lab.run_tool("decrypt", &inputs), Err(m) if m.id == M::FieldNotHex));
        inputs.insert("key".into(), "00".repeat(16));
        inputs.insert("pdu".into(), "0e0501".into());
        assert_eq!(lab.run_tool("decrypt", &inputs).unwrap_err(), Msg::BlePairingBadPdu(3usize));
        inputs.insert("pdu".into(), vars["enc_pdu"].clone());
        inputs.insert("direction".into(), "sideways".into());
        assert!(matches!(lab.run_tool("decrypt", &inputs), Err(m) if m.id == M::FieldNotOption));
        let err = lab.start("passkey-search", &inputs_of(&[("mconfirm", &vars["mconfirm"]), ("mrand", &vars["mrand"]), ("from", "9"), ("to", "3")])).err().unwrap();
        assert_eq!(err, Msg::BlePairingRangeOrder(9u32, 3u32));
        let err = lab.start("passkey-search", &inputs_of(&[("mconfirm", &vars["mconfirm"]), ("mrand", &vars["mrand"]), ("from", "0"), ("to", "1000000")])).err().unwrap();
        assert_eq!(err.id, M::FieldNotNumber);
        assert!(lab.run_tool("c1", &inputs_of(&[("k", "00")])).is_err());
        // The decoder survives truncated and foreign PDUs.
        for bytes in [&[][..], &[0x02], &[0x02, 0x05, 0x01], &[0x03, 0x01], &[0x02, 0x09, 0x05, 0x00, 0x06, 0x00, 0x0C, 0x01], &[0x02, 0x05, 0x01, 0x00, 0x04, 0x00, 0x00]] {
            let _ = decode(bytes, false);
            let _ = decode(bytes, true);
        }
        assert_eq!(lab.grade("passkey", "twelve"), LabVerdict::Unreadable(Msg::AnswerNotInteger()));
    }
}
