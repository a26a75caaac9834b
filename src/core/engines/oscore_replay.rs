//! `oscore-replay`: a smart lock opens on `PUT /lock` with payload "open". Over plain CoAP a
//! captured request replays: nothing in it is fresh (the message ID only de-duplicates
//! retransmissions for EXCHANGE_LIFETIME, RFC 7252 §4.5), so the door opens again. With OSCORE
//! (RFC 8613) the request is an AES-CCM-16-64-128 COSE_Encrypt0 object whose nonce and AAD carry
//! the sender sequence number (the Partial IV); the lock keeps a 32-entry sliding replay window
//! and refuses the replay. The learner predicts, message by message, what the window accepts.
//!
//! The OSCORE processing is written here from RFC 8613 because no OSCORE crate fits the worker:
//! context derivation (§3.2.1, HKDF-SHA256 from the `hkdf` crate), nonce (§5.2), external_aad
//! (§5.4, CBOR with `coset`'s ciborium), Enc_structure (`coset::enc_structure_data`), the OSCORE
//! option (§6.1), request and response protection (§8.1, §8.3) with the `ccm` crate. CoAP
//! frames are built and decoded with `coap-lite`. Native tests check all of it against the
//! vectors of RFC 8613 Appendix C.

use coap_lite::{CoapOption, MessageClass, MessageType, Packet, RequestType, ResponseType};
use coset::cbor::value::Value as Cbor;
use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{hex_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::capture::{self, Capture, Direction, Frame};
use crate::core::views::{ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

// ---- OSCORE (RFC 8613) -------------------------------------------------------------------

/// AES-CCM-16-64-128: COSE algorithm 10 (RFC 8152 §10.2), OSCORE's mandatory AEAD.
pub const ALG_AES_CCM_16_64_128: u8 = 10;
const KEY_LEN: usize = 16;
const NONCE_LEN: usize = 13;
const TAG_LEN: usize = 8;
/// The replay window's width in sender sequence numbers.
pub const WINDOW: u64 = 32;

type AesCcm16_64_128 = ccm::Ccm<aes::Aes128, ccm::consts::U8, ccm::consts::U13>;

fn cbor(value: Cbor) -> Vec<u8> {
    let mut out = Vec::new();
    coset::cbor::ser::into_writer(&value, &mut out).expect("CBOR into a Vec cannot fail");
    out
}

/// One key or IV of a security context (RFC 8613 §3.2.1): HKDF-SHA256(salt = Master Salt,
/// IKM = Master Secret, info = CBOR [id, id_context, alg_aead, type, L], L bytes).
pub fn derive(secret: &[u8], salt: &[u8], id_context: Option<&[u8]>, id: &[u8], kind: &str, len: usize) -> Vec<u8> {
    let info = cbor(Cbor::Array(vec![
        Cbor::Bytes(id.to_vec()),
        id_context.map_or(Cbor::Null, |c| Cbor::Bytes(c.to_vec())),
        Cbor::Integer(ALG_AES_CCM_16_64_128.into()),
        Cbor::Text(kind.into()),
        Cbor::Integer((len as u64).into()),
    ]));
    crypto::hkdf_sha256(salt, secret, &info, len).expect("keys and IVs are short")
}

/// One endpoint's view of an OSCORE security context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub sender_id: Vec<u8>,
    pub recipient_id: Vec<u8>,
    pub id_context: Option<Vec<u8>>,
    pub sender_key: Vec<u8>,
    pub recipient_key: Vec<u8>,
    pub common_iv: Vec<u8>,
}

impl Context {
    pub fn derive(secret: &[u8], salt: &[u8], id_context: Option<&[u8]>, sender_id: &[u8], recipient_id: &[u8]) -> Context {
        Context {
            sender_id: sender_id.to_vec(),
            recipient_id: recipient_id.to_vec(),
            id_context: id_context.map(<[u8]>::to_vec),
            sender_key: derive(secret, salt, id_context, sender_id, "Key", KEY_LEN),
            recipient_key: derive(secret, salt, id_context, recipient_id, "Key", KEY_LEN),
            common_iv: derive(secret, salt, id_context, &[], "IV", NONCE_LEN),
        }
    }
}

/// The AEAD nonce (RFC 8613 §5.2): the length of ID_PIV, ID_PIV left-padded to 7 bytes, the
/// Partial IV left-padded to 5 bytes, XORed with the Common IV. Callers keep ID_PIV ≤ 7 and
/// the Partial IV ≤ 5 bytes.
pub fn nonce(common_iv: &[u8], id_piv: &[u8], piv: &[u8]) -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    n[0] = id_piv.len() as u8;
    n[8 - id_piv.len()..8].copy_from_slice(id_piv);
    n[NONCE_LEN - piv.len()..].copy_from_slice(piv);
    for (b, iv) in n.iter_mut().zip(common_iv) {
        *b ^= iv;
    }
    n
}

/// The external_aad (RFC 8613 §5.4): CBOR [oscore_version = 1, [alg_aead], request_kid,
/// request_piv, options = h''] (no Class I option in this lab).
pub fn aad_array(request_kid: &[u8], request_piv: &[u8]) -> Vec<u8> {
    cbor(Cbor::Array(vec![
        Cbor::Integer(1.into()),
        Cbor::Array(vec![Cbor::Integer(ALG_AES_CCM_16_64_128.into())]),
        Cbor::Bytes(request_kid.to_vec()),
        Cbor::Bytes(request_piv.to_vec()),
        Cbor::Bytes(Vec::new()),
    ]))
}

/// The AEAD's associated data: COSE Enc_structure ["Encrypt0", h'' (empty protected header),
/// external_aad] (RFC 8152 §5.3), built by `coset`.
pub fn aad(request_kid: &[u8], request_piv: &[u8]) -> Vec<u8> {
    coset::enc_structure_data(coset::EncryptionContext::CoseEncrypt0, coset::ProtectedHeader::default(), &aad_array(request_kid, request_piv))
}

/// A sender sequence number as a Partial IV: big-endian, without leading zero bytes, at least
/// one byte (RFC 8613 §6.1).
pub fn partial_iv(ssn: u64) -> Vec<u8> {
    let bytes = ssn.to_be_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(7);
    bytes[first..].to_vec()
}

fn seal(key: &[u8], nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    use ccm::aead::{Aead, Payload};
    use ccm::KeyInit;
    let cipher = AesCcm16_64_128::new_from_slice(key).expect("16-byte key");
    cipher.encrypt(nonce.into(), Payload { msg: plaintext, aad }).expect("lab messages are far below CCM's length limit")
}

fn open(key: &[u8], nonce: &[u8; NONCE_LEN], aad: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    use ccm::aead::{Aead, Payload};
    use ccm::KeyInit;
    let cipher = AesCcm16_64_128::new_from_slice(key).expect("16-byte key");
    cipher.decrypt(nonce.into(), Payload { msg: ciphertext, aad }).ok()
}

/// The value of the OSCORE option (CoAP option 9, RFC 8613 §6.1): flag byte `000hknnn`, then
/// the Partial IV (n bytes), then if h the kid context with its length s, then the kid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OscoreOption {
    pub piv: Option<Vec<u8>>,
    pub kid_context: Option<Vec<u8>>,
    pub kid: Option<Vec<u8>>,
}

impl OscoreOption {
    pub fn encode(&self) -> Vec<u8> {
        let piv = self.piv.as_deref().unwrap_or(&[]);
        let flags = piv.len() as u8 | u8::from(self.kid.is_some()) << 3 | u8::from(self.kid_context.is_some()) << 4;
        if flags == 0 {
            return Vec::new();
        }
        let mut out = vec![flags];
        out.extend_from_slice(piv);
        if let Some(c) = &self.kid_context {
            out.push(c.len() as u8);
            out.extend_from_slice(c);
        }
        out.extend_from_slice(self.kid.as_deref().unwrap_or(&[]));
        out
    }

    /// None when the value breaks §6.1: reserved bits set, n = 6 or 7, lengths past the end.
    pub fn parse(value: &[u8]) -> Option<OscoreOption> {
        let Some((&flags, rest)) = value.split_first() else {
            return Some(OscoreOption::default());
        };
        let n = usize::from(flags & 0x07);
        if flags & 0xe0 != 0 || n > 5 || rest.len() < n {
            return None;
        }
        let (piv, mut rest) = rest.split_at(n);
        let mut kid_context = None;
        if flags & 0x10 != 0 {
            let (&s, after) = rest.split_first()?;
            if after.len() < usize::from(s) {
                return None;
            }
            let (c, after) = after.split_at(usize::from(s));
            kid_context = Some(c.to_vec());
            rest = after;
        }
        let kid = if flags & 0x08 != 0 { Some(rest.to_vec()) } else if rest.is_empty() { None } else { return None };
        Some(OscoreOption { piv: (n > 0).then(|| piv.to_vec()), kid_context, kid })
    }
}

/// Class U options (RFC 8613 §4.1): left outside the ciphertext for proxies. Every other
/// option of this lab is Class E, encrypted.
fn is_class_u(number: u16) -> bool {
    matches!(number, 3 | 7 | 35 | 39)
}

/// The bytes after a CoAP header that carry `options` and `payload`, encoded by coap-lite.
fn options_and_payload(code: MessageClass, options: &[(u16, Vec<u8>)], payload: &[u8]) -> Vec<u8> {
    let mut p = Packet::new();
    p.header.code = code;
    for (number, value) in options {
        p.add_option(CoapOption::from(*number), value.clone());
    }
    p.payload = payload.to_vec();
    p.to_bytes().expect("lab messages are small")[4..].to_vec()
}

fn options_of(packet: &Packet) -> Vec<(u16, Vec<u8>)> {
    packet.options().flat_map(|(n, values)| values.iter().map(move |v| (*n, v.clone()))).collect()
}

/// Protects a request (RFC 8613 §8.1): inner code, Class E options and payload go into the
/// plaintext; the outer message keeps the header, token and Class U options, takes the code
/// POST (0.02) and carries the OSCORE option and the ciphertext as payload.
pub fn protect_request(ctx: &Context, ssn: u64, request: &Packet, send_kid_context: bool) -> Packet {
    let piv = partial_iv(ssn);
    let options = options_of(request);
    let inner: Vec<(u16, Vec<u8>)> = options.iter().filter(|(n, _)| !is_class_u(*n)).cloned().collect();
    let plaintext = [vec![u8::from(request.header.code)], options_and_payload(request.header.code, &inner, &request.payload)].concat();
    let ciphertext = seal(&ctx.sender_key, &nonce(&ctx.common_iv, &ctx.sender_id, &piv), &aad(&ctx.sender_id, &piv), &plaintext);
    let mut outer = Packet::new();
    outer.header = request.header.clone();
    outer.header.code = MessageClass::Request(RequestType::Post);
    outer.set_token(request.get_token().to_vec());
    for (n, v) in options.iter().filter(|(n, _)| is_class_u(*n)) {
        outer.add_option(CoapOption::from(*n), v.clone());
    }
    let option = OscoreOption { piv: Some(piv), kid_context: ctx.id_context.clone().filter(|_| send_kid_context), kid: Some(ctx.sender_id.clone()) };
    outer.add_option(CoapOption::Oscore, option.encode());
    outer.payload = ciphertext;
    outer
}

/// Protects a response to the request (kid, Partial IV) without a Partial IV of its own
/// (RFC 8613 §8.3): the nonce and AAD are the request's, the outer code is 2.04 Changed and the
/// OSCORE option is empty.
pub fn protect_response(ctx: &Context, request_kid: &[u8], request_piv: &[u8], response: &Packet) -> Packet {
    let options = options_of(response);
    let plaintext = [vec![u8::from(response.header.code)], options_and_payload(response.header.code, &options, &response.payload)].concat();
    let ciphertext = seal(&ctx.sender_key, &nonce(&ctx.common_iv, request_kid, request_piv), &aad(request_kid, request_piv), &plaintext);
    let mut outer = Packet::new();
    outer.header = response.header.clone();
    outer.header.code = MessageClass::Response(ResponseType::Changed);
    outer.set_token(response.get_token().to_vec());
    outer.add_option(CoapOption::Oscore, Vec::new());
    outer.payload = ciphertext;
    outer
}

/// Why the lock's OSCORE endpoint turned a request down before its replay window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unprotect {
    NotCoap,
    NotRequest,
    NoOscore,
    BadOption,
    UnknownKid(Vec<u8>),
    NoPiv,
    DecryptFailed,
}

/// What a verified request carried.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub ssn: u64,
    pub kid: Vec<u8>,
    pub inner: Packet,
}

/// The server's side of §8.2, up to the replay check: decode, find the context by kid, rebuild
/// nonce and AAD from the Partial IV, decrypt and verify the tag, decode the inner request.
pub fn unprotect_request(ctx: &Context, frame: &[u8]) -> Result<Verified, Unprotect> {
    let outer = Packet::from_bytes(frame).map_err(|_| Unprotect::NotCoap)?;
    if !matches!(outer.header.code, MessageClass::Request(_)) {
        return Err(Unprotect::NotRequest);
    }
    let value = outer.get_first_option(CoapOption::Oscore).ok_or(Unprotect::NoOscore)?;
    let option = OscoreOption::parse(value).ok_or(Unprotect::BadOption)?;
    let kid = option.kid.unwrap_or_default();
    if kid != ctx.recipient_id || option.kid_context != ctx.id_context.clone().filter(|_| option.kid_context.is_some()) {
        return Err(Unprotect::UnknownKid(kid));
    }
    let piv = option.piv.ok_or(Unprotect::NoPiv)?;
    let plaintext = open(&ctx.recipient_key, &nonce(&ctx.common_iv, &kid, &piv), &aad(&kid, &piv), &outer.payload).ok_or(Unprotect::DecryptFailed)?;
    let inner = decode_plaintext(&plaintext).ok_or(Unprotect::DecryptFailed)?;
    let ssn = piv.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b));
    Ok(Verified { ssn, kid, inner })
}

/// Reads a plaintext (code ‖ options ‖ 0xFF ‖ payload) with coap-lite behind a dummy header.
fn decode_plaintext(plaintext: &[u8]) -> Option<Packet> {
    let (&code, rest) = plaintext.split_first()?;
    Packet::from_bytes(&[&[0x40, code, 0, 0][..], rest].concat()).ok()
}

// ---- The replay window (RFC 8613 §7.4) -----------------------------------------------------

/// The lock's replay window for the client's sender context: `highest` is the largest sender
/// sequence number accepted so far; bit i of `bitmap` is set when SSN `highest - i` was
/// accepted (bit 0 is `highest` itself). RFC 8613 §7.4 makes this DTLS's anti-replay window
/// (RFC 6347 §4.1.2.6) of 32 entries the default; it is updated only after the AEAD verified
/// (§8.2), so a forged Partial IV never moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayWindow {
    pub highest: u64,
    pub bitmap: u32,
}

/// What the window makes of one verified sender sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Above the highest by `shift`: accepted; the window slides by `shift` (cleared when
    /// `shift` ≥ 32) and the new SSN becomes the highest.
    Ahead { shift: u64 },
    /// Inside the window (`offset` = highest − SSN, 1…31), bit not set: accepted, bit set.
    Late { offset: u64 },
    /// Inside the window, bit already set: refused as a replay.
    Duplicate { offset: u64 },
    /// Offset ≥ 32, left of the window: refused, the lock cannot tell whether it saw it.
    TooOld { offset: u64 },
}

impl Step {
    pub fn accepted(self) -> bool {
        matches!(self, Step::Ahead { .. } | Step::Late { .. })
    }

    fn reason(self) -> Msg {
        match self {
            Step::Ahead { shift } => Msg::OscoreReplayAhead(shift),
            Step::Late { offset } => Msg::OscoreReplayLate(offset),
            Step::Duplicate { offset } => Msg::OscoreReplayDuplicate(offset),
            Step::TooOld { offset } => Msg::OscoreReplayTooOld(offset),
        }
    }
}

impl ReplayWindow {
    pub fn check(&self, ssn: u64) -> Step {
        if ssn > self.highest {
            return Step::Ahead { shift: ssn - self.highest };
        }
        let offset = self.highest - ssn;
        if offset >= WINDOW {
            Step::TooOld { offset }
        } else if self.bitmap >> offset & 1 == 1 {
            Step::Duplicate { offset }
        } else {
            Step::Late { offset }
        }
    }

    /// Checks `ssn` and records it when accepted.
    pub fn receive(&mut self, ssn: u64) -> Step {
        let step = self.check(ssn);
        match step {
            Step::Ahead { shift } => {
                self.bitmap = if shift >= WINDOW { 0 } else { self.bitmap << shift };
                self.bitmap |= 1;
                self.highest = ssn;
            }
            Step::Late { offset } => self.bitmap |= 1 << offset,
            _ => {}
        }
        step
    }

    /// "highest 1234, bitmap 0x8000f00d".
    fn describe(&self) -> String {
        format!("highest {}, bitmap 0x{:08x}", self.highest, self.bitmap)
    }
}

// ---- The instance ----------------------------------------------------------------------------

const LOCK: &str = "10.0.7.40:5683";
const HUB: &str = "10.0.7.21:53311";
const ATTACKER: &str = "10.0.7.66:40112";
/// The replays come 10 minutes after the genuine request, far past CoAP's EXCHANGE_LIFETIME
/// (247 s): the lock no longer remembers the message ID.
const REPLAY_AT_MS: u64 = 600_000;

const FRAME_FIELD: &[Field] = &[Field::new("frame", M::OscoreReplayFrame, FieldKind::Hex { bytes: None }).prefill("plain_request")];
const OSCORE_FIELD: &[Field] = &[Field::new("frame", M::OscoreReplayFrame, FieldKind::Hex { bytes: None }).prefill("oscore_request")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "oscore-replay",
    title: M::OscoreReplayTitle,
    teaches: M::OscoreReplayTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "plain_request", doc: "The captured plain CoAP request `PUT /lock` \"open\" (hex)." },
        VarSpec { name: "oscore_request", doc: "The captured OSCORE-protected request (hex), the last one the lock accepted." },
        VarSpec { name: "client_id", doc: "The client's Sender ID, the kid of its requests (hex)." },
        VarSpec { name: "highest", doc: "The replay window's highest accepted sender sequence number (the captured request's)." },
        VarSpec { name: "bitmap", doc: "The replay window's bitmap (hex, 32 bits): bit i set when SSN highest − i was accepted." },
        VarSpec { name: "bitmap_bits", doc: "The same bitmap in binary, bit 31 on the left, bit 0 on the right." },
        VarSpec { name: "messages", doc: "The sender sequence numbers of the verified requests that reach the lock, in order, comma-separated." },
        VarSpec { name: "count", doc: "How many messages there are (8 to 12)." },
    ],
    checks: &[CheckSpec {
        name: "prediction",
        doc: "One letter per message, in order: A (accepted) or R (refused); spaces and commas are ignored. Another number of letters is unreadable; any other character makes it wrong.",
        answer: AnswerKind::Text,
    }],
    tools: &[
        ToolSpec { id: "replay-plain", title: M::OscoreReplayPlain, help: M::OscoreReplayPlainHelp, button: M::OscoreReplayPlainButton, fields: FRAME_FIELD, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "replay-oscore", title: M::OscoreReplayProtected, help: M::OscoreReplayProtectedHelp, button: M::OscoreReplayProtectedButton, fields: OSCORE_FIELD, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "window", title: M::OscoreReplayWindow, help: M::OscoreReplayWindowHelp, button: M::OscoreReplayWindowButton, fields: &[], oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "run", title: M::OscoreReplayRun, help: M::OscoreReplayRunHelp, button: M::OscoreReplayRunButton, fields: &[], oracle: false, cost: Cost::Light, after_solving: true },
    ],
    cost: Cost::Light,
    view: Some("capture"),
    rule: None,
};

/// A number from the instance value `name` in `low..low + span`.
fn pick(seed: &InstanceSeed, name: &str, low: u64, span: u64) -> u64 {
    let v = seed.value(name, 8);
    low + u64::from_be_bytes(v.try_into().expect("8 bytes")) % span
}

/// The lock's window when the exercise starts: the captured request was the last accepted.
fn initial_window(seed: &InstanceSeed) -> ReplayWindow {
    let v = seed.value("window-bitmap", 4);
    ReplayWindow { highest: pick(seed, "window-highest", 200, 4000), bitmap: u32::from_be_bytes(v.try_into().expect("4 bytes")) | 1 }
}

/// What each message of the sequence is meant to exercise; the verdicts come from the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Ahead,
    InWindow,
    Replay,
    Old,
    FarAhead,
    /// Just above the highest before the last far jump: fresh then, too old now.
    BehindJump,
}

/// The learner's 8–12 sender sequence numbers: every rule of the window shows at least once
/// (fresh ahead, fresh inside the window, replay, too old, far ahead, and a number the far
/// jump left behind); the rest is drawn from the common cases.
fn messages(seed: &InstanceSeed, start: ReplayWindow) -> Vec<u64> {
    use Intent::*;
    let count = pick(seed, "count", 8, 5) as usize;
    let mut intents = vec![InWindow, Ahead, Replay, Old, Replay];
    let extra = [Ahead, InWindow, Replay, Old];
    for i in 0..count - 7 {
        intents.push(extra[pick(seed, &format!("extra-{i}"), 0, 4) as usize]);
    }
    // Shuffle the first part (Fisher-Yates on seeded draws), then the jump and what it leaves.
    for i in (1..intents.len()).rev() {
        let j = pick(seed, &format!("shuffle-{i}"), 0, i as u64 + 1) as usize;
        intents.swap(i, j);
    }
    let at = pick(seed, "jump-at", 3, intents.len() as u64 - 3) as usize;
    intents.insert(at, FarAhead);
    intents.insert(at + 1 + pick(seed, "behind-at", 0, 2) as usize, BehindJump);

    let mut window = start;
    let mut before_jump = start.highest;
    let mut out = Vec::new();
    for (i, intent) in intents.into_iter().enumerate() {
        let r = pick(seed, &format!("message-{i}"), 0, 1 << 32);
        let unseen: Vec<u64> = (1..WINDOW).filter(|o| window.bitmap >> o & 1 == 0 && *o <= window.highest).collect();
        let seen: Vec<u64> = (0..WINDOW).filter(|o| window.bitmap >> o & 1 == 1).collect();
        let ssn = match intent {
            InWindow if !unseen.is_empty() => window.highest - unseen[r as usize % unseen.len()],
            Ahead | InWindow => window.highest + 1 + r % 3,
            Replay => window.highest - seen[r as usize % seen.len()],
            Old => window.highest.saturating_sub(WINDOW + r % 60),
            FarAhead => {
                before_jump = window.highest;
                window.highest + 40 + r % 60
            }
            BehindJump => before_jump + 1 + r % 3,
        };
        window.receive(ssn);
        out.push(ssn);
    }
    out
}

/// What the window says of each message, from `start`.
pub fn verdicts(start: ReplayWindow, ssns: &[u64]) -> Vec<(Step, ReplayWindow)> {
    let mut window = start;
    ssns.iter().map(|s| (window.receive(*s), window)).collect()
}

fn coap_packet(kind: MessageType, code: MessageClass, mid: u16, token: &[u8], options: &[(CoapOption, &[u8])], payload: &[u8]) -> Packet {
    let mut p = Packet::new();
    p.header.set_version(1);
    p.header.set_type(kind);
    p.header.code = code;
    p.header.message_id = mid;
    p.set_token(token.to_vec());
    for (o, v) in options {
        p.add_option(*o, v.to_vec());
    }
    p.payload = payload.to_vec();
    p
}

fn bytes(p: &Packet) -> Vec<u8> {
    p.to_bytes().expect("lab messages are small")
}

/// `PUT /lock` "open", Content-Format 0 (text/plain).
fn lock_request(mid: u16, token: &[u8]) -> Packet {
    coap_packet(MessageType::Confirmable, MessageClass::Request(RequestType::Put), mid, token, &[(CoapOption::UriPath, b"lock"), (CoapOption::ContentFormat, b"")], b"open")
}

fn u16_of(seed: &InstanceSeed, name: &str) -> u16 {
    pick(seed, name, 0, 1 << 16) as u16
}

pub struct Instance {
    /// The client's context (sender = the hub) and the lock's (sender = the lock).
    client: Context,
    lock: Context,
    start: ReplayWindow,
    messages: Vec<u64>,
    plain_request: Packet,
    oscore_request: Packet,
    oscore_response: Packet,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    let secret = seed.value("master-secret", 16);
    let salt = seed.value("master-salt", 8);
    let client_id = vec![seed.value("client-id", 1)[0] & 0x7f];
    let lock_id = vec![client_id[0] | 0x80];
    let client = Context::derive(&secret, &salt, None, &client_id, &lock_id);
    let lock = Context::derive(&secret, &salt, None, &lock_id, &client_id);
    let start = initial_window(seed);
    let plain_request = lock_request(u16_of(seed, "plain-mid"), &seed.value("plain-token", 4));
    let oscore_request = protect_request(&client, start.highest, &lock_request(u16_of(seed, "oscore-mid"), &seed.value("oscore-token", 4)), false);
    let changed = coap_packet(MessageType::Acknowledgement, MessageClass::Response(ResponseType::Changed), oscore_request.header.message_id, oscore_request.get_token(), &[], b"");
    let oscore_response = protect_response(&lock, &client.sender_id, &partial_iv(start.highest), &changed);
    Instance { messages: messages(seed, start), client, lock, start, plain_request, oscore_request, oscore_response }
}

/// A request's method and path, as text: "PUT /lock «open»".
fn describe_request(p: &Packet) -> String {
    let path: Vec<String> = p.get_option(CoapOption::UriPath).map(|l| l.iter().map(|v| String::from_utf8_lossy(v).into_owned()).collect()).unwrap_or_default();
    let method = match p.header.code {
        MessageClass::Request(r) => format!("{r:?}").to_uppercase(),
        other => other.to_string(),
    };
    format!("{method} /{} «{}»", path.join("/"), String::from_utf8_lossy(&p.payload))
}

impl Instance {
    /// The lock's action for a request it accepted (plain or after OSCORE): the door's verdict.
    fn act(&self, request: &Packet) -> (bool, Msg) {
        let path_ok = request.get_option(CoapOption::UriPath).is_some_and(|l| l.len() == 1 && l.front().is_some_and(|v| v == b"lock"));
        match (request.header.code, path_ok, request.payload.as_slice()) {
            (MessageClass::Request(RequestType::Put), true, b"open") => (true, Msg::OscoreReplayDoorOpens()),
            (MessageClass::Request(RequestType::Put), true, b"close") => (true, Msg::OscoreReplayDoorCloses()),
            (MessageClass::Request(RequestType::Put), true, _) => (false, Msg::OscoreReplayBadCommand()),
            _ => (false, Msg::OscoreReplayNotFound()),
        }
    }

    fn replay_plain(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = hex_input(inputs, "frame", M::OscoreReplayFrame)?;
        let request = Packet::from_bytes(&frame).map_err(|e| Msg::OscoreReplayNotCoap(format!("{e:?}")))?;
        if !matches!(request.header.code, MessageClass::Request(_)) {
            return Err(Msg::OscoreReplayNotRequest());
        }
        let (ok, text) = self.act(&request);
        Ok(vec![Output::new(M::OscoreReplayVerdict, Value::Verdict { ok, text }), Output::new(M::OscoreReplayRequestSeen, Value::Text(describe_request(&request)))].into())
    }

    fn replay_oscore(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = hex_input(inputs, "frame", M::OscoreReplayFrame)?;
        let before = Output::new(M::OscoreReplayWindowBefore, Value::Text(self.start.describe()));
        let verified = match unprotect_request(&self.lock, &frame) {
            Ok(v) => v,
            Err(Unprotect::NotCoap) => return Err(Msg::OscoreReplayNotCoap("RFC 7252 §3")),
            Err(Unprotect::NotRequest) => return Err(Msg::OscoreReplayNotRequest()),
            Err(refusal) => {
                let text = match refusal {
                    Unprotect::NoOscore => Msg::OscoreReplayNoOscore(),
                    Unprotect::BadOption => Msg::OscoreReplayBadOption(),
                    Unprotect::UnknownKid(kid) => Msg::OscoreReplayUnknownKid(hex::encode(kid)),
                    Unprotect::NoPiv => Msg::OscoreReplayNoPiv(),
                    _ => Msg::OscoreReplayDecryptFailed(),
                };
                return Ok(vec![Output::new(M::OscoreReplayVerdict, Value::Verdict { ok: false, text }), before].into());
            }
        };
        let step = self.start.check(verified.ssn);
        let mut out = vec![];
        if step.accepted() {
            let (ok, text) = self.act(&verified.inner);
            out.push(Output::new(M::OscoreReplayVerdict, Value::Verdict { ok, text }));
        } else {
            out.push(Output::new(M::OscoreReplayVerdict, Value::Verdict { ok: false, text: Msg::OscoreReplayReplayDetected(step.reason()) }));
        }
        out.push(Output::new(M::OscoreReplaySsn, Value::int(verified.ssn)));
        out.push(before);
        out.push(Output::new(M::OscoreReplayRequestSeen, Value::Text(describe_request(&verified.inner))));
        Ok(out.into())
    }

    fn window_tool(&self) -> ToolRun {
        let rows = (0..WINDOW)
            .filter(|o| *o <= self.start.highest)
            .map(|o| vec![Value::int(o), Value::int(self.start.highest - o), Value::Msg(if self.start.bitmap >> o & 1 == 1 { Msg::OscoreReplaySeen() } else { Msg::OscoreReplayNotSeen() })])
            .collect();
        vec![
            Output::new(M::OscoreReplayHighest, Value::int(self.start.highest)),
            Output::new(M::OscoreReplayBitmap, Value::Hex(self.start.bitmap.to_be_bytes().to_vec())),
            Output::new(M::OscoreReplayBitmapBits, Value::Text(format!("{:032b}", self.start.bitmap))),
            Output::new(M::OscoreReplayWindowTable, Value::Table { head: vec![M::OscoreReplayColOffset.into(), M::OscoreReplayColSsn.into(), M::OscoreReplayColSeen.into()], rows }),
        ]
        .into()
    }

    fn run_table(&self) -> ToolRun {
        let rows = self
            .messages
            .iter()
            .zip(verdicts(self.start, &self.messages))
            .enumerate()
            .map(|(i, (ssn, (step, after)))| {
                let verdict = if step.accepted() { Msg::OscoreReplayAccepted() } else { Msg::OscoreReplayRefused() };
                vec![Value::int(i + 1), Value::int(ssn), Value::Verdict { ok: step.accepted(), text: verdict }, Value::Msg(step.reason()), Value::int(after.highest), Value::Text(format!("{:032b}", after.bitmap))]
            })
            .collect();
        let head = vec![M::OscoreReplayColMessage.into(), M::OscoreReplayColSsn.into(), M::OscoreReplayColVerdict.into(), M::OscoreReplayColReason.into(), M::OscoreReplayColHighest.into(), M::OscoreReplayColBitmap.into()];
        vec![Output::new(M::OscoreReplayRunTable, Value::Table { head, rows }), Output::new(M::OscoreReplayPrediction, Value::Text(self.prediction()))].into()
    }

    fn prediction(&self) -> String {
        verdicts(self.start, &self.messages).iter().map(|(s, _)| if s.accepted() { 'A' } else { 'R' }).collect()
    }

    fn captures(&self) -> Vec<Capture> {
        let plain = bytes(&self.plain_request);
        let plain_ack = bytes(&coap_packet(MessageType::Acknowledgement, MessageClass::Response(ResponseType::Changed), self.plain_request.header.message_id, self.plain_request.get_token(), &[], b""));
        let oscore = bytes(&self.oscore_request);
        let oscore_ack = bytes(&self.oscore_response);
        let refusal = bytes(&coap_packet(
            MessageType::Acknowledgement,
            MessageClass::Response(ResponseType::Unauthorized),
            self.oscore_request.header.message_id,
            self.oscore_request.get_token(),
            &[(CoapOption::MaxAge, b"")],
            b"Replay detected",
        ));
        vec![
            Capture {
                id: "coap-plain".into(),
                title: M::OscoreReplayCapturePlain,
                frames: vec![
                    frame(0, Direction::Up, HUB, LOCK, "CoAP", plain.clone(), false),
                    frame(38, Direction::Down, LOCK, HUB, "CoAP", plain_ack.clone(), false),
                    frame(REPLAY_AT_MS, Direction::Up, ATTACKER, LOCK, "CoAP", plain, false),
                    frame(REPLAY_AT_MS + 41, Direction::Down, LOCK, ATTACKER, "CoAP", plain_ack, false),
                ],
            },
            Capture {
                id: "oscore".into(),
                title: M::OscoreReplayCaptureOscore,
                frames: vec![
                    frame(0, Direction::Up, HUB, LOCK, "OSCORE", oscore.clone(), true),
                    frame(44, Direction::Down, LOCK, HUB, "OSCORE", oscore_ack, true),
                    frame(REPLAY_AT_MS, Direction::Up, ATTACKER, LOCK, "OSCORE", oscore, true),
                    frame(REPLAY_AT_MS + 39, Direction::Down, LOCK, ATTACKER, "CoAP", refusal, false),
                ],
            },
        ]
    }
}

// ---- Captures: frames decoded with coap-lite, fields placed by walking their layout -------

fn option_name(number: u16) -> &'static str {
    match number {
        3 => "Uri-Host",
        9 => "OSCORE",
        11 => "Uri-Path",
        12 => "Content-Format",
        14 => "Max-Age",
        _ => "Option",
    }
}

fn type_name(t: MessageType) -> &'static str {
    match t {
        MessageType::Confirmable => "CON",
        MessageType::NonConfirmable => "NON",
        MessageType::Acknowledgement => "ACK",
        MessageType::Reset => "RST",
    }
}

fn code_name(code: MessageClass) -> String {
    match code {
        MessageClass::Request(r) => format!("{r:?}").to_uppercase(),
        MessageClass::Response(ResponseType::Changed) => "2.04 Changed".into(),
        MessageClass::Response(ResponseType::Unauthorized) => "4.01 Unauthorized".into(),
        other => other.to_string(),
    }
}

/// How many extended bytes an option delta or length takes (RFC 7252 §3.1): none up to 12,
/// one up to 268, two beyond.
fn extended(n: usize) -> usize {
    match n {
        0..=12 => 0,
        13..=268 => 1,
        _ => 2,
    }
}

/// The decoded fields of a frame this lab built, in wire order, with the bytes each spans:
/// coap-lite decodes it, and the walk re-lays the options it returns (each delta, length and
/// value) over the frame, checking each value against the bytes it claims.
pub fn decode(frame: &[u8]) -> Option<(Packet, Vec<capture::Field>)> {
    use capture::Field as F;
    let p = Packet::from_bytes(frame).ok()?;
    let h = &p.header;
    let tkl = usize::from(h.get_token_length());
    let mut fields = vec![
        F::new("Header", hex::encode(&frame[..4]), 0, 4),
        F::new("Ver", h.get_version().to_string(), 0, 1).nested(),
        F::new("T", type_name(h.get_type()), 0, 1).nested(),
        F::new("TKL", tkl.to_string(), 0, 1).nested(),
        F::new("Code", format!("{} {}", h.code, code_name(h.code)), 1, 1).nested(),
        F::new("Message ID", format!("0x{:04x}", h.message_id), 2, 2).nested(),
    ];
    if tkl > 0 {
        fields.push(F::new("Token", hex::encode(p.get_token()), 4, tkl));
    }
    let mut at = 4 + tkl;
    let mut previous = 0u16;
    for (number, values) in p.options() {
        for value in values {
            let delta = usize::from(number - previous);
            previous = *number;
            let (delta_ext, len_ext) = (extended(delta), extended(value.len()));
            let head = 1 + delta_ext + len_ext;
            let start = at + head;
            if frame.get(start..start + value.len())? != value.as_slice() {
                return None;
            }
            let shown = match number {
                11 | 3 => format!("\"{}\"", String::from_utf8_lossy(value)),
                9 => hex::encode(value),
                _ => format!("{} (0x{})", value.iter().fold(0u64, |a, b| a << 8 | u64::from(*b)), hex::encode(value)),
            };
            fields.push(F::new(&format!("Option {number} ({})", option_name(*number)), shown, at, head + value.len()));
            fields.push(F::new("Option Delta", delta.to_string(), at, 1 + delta_ext).nested());
            fields.push(F::new("Option Length", value.len().to_string(), at, 1).nested());
            if len_ext > 0 {
                fields.push(F::new("Option Length (extended)", value.len().to_string(), at + 1 + delta_ext, len_ext).nested());
            }
            if *number == 9 {
                fields.extend(oscore_fields(value, start));
            } else if !value.is_empty() {
                fields.push(F::new("Option Value", hex::encode(value), start, value.len()).nested());
            }
            at = start + value.len();
        }
    }
    if !p.payload.is_empty() {
        if frame.get(at) != Some(&0xff) || frame.len() != at + 1 + p.payload.len() {
            return None;
        }
        fields.push(F::new("Payload Marker", "0xff", at, 1));
        let oscore = p.get_first_option(CoapOption::Oscore).is_some();
        if oscore && p.payload.len() >= TAG_LEN {
            let body = p.payload.len() - TAG_LEN;
            fields.push(F::new("Payload (COSE ciphertext)", hex::encode(&p.payload), at + 1, p.payload.len()));
            fields.push(F::new("Ciphertext", hex::encode(&p.payload[..body]), at + 1, body).nested());
            fields.push(F::new("Tag (AES-CCM-16-64-128)", hex::encode(&p.payload[body..]), at + 1 + body, TAG_LEN).nested());
        } else {
            fields.push(F::new("Payload", format!("\"{}\"", String::from_utf8_lossy(&p.payload)), at + 1, p.payload.len()));
        }
    } else if at != frame.len() {
        return None;
    }
    Some((p, fields))
}

/// The parts of the OSCORE option's value (RFC 8613 §6.1), starting at byte `start`.
fn oscore_fields(value: &[u8], start: usize) -> Vec<capture::Field> {
    use capture::Field as F;
    let Some(option) = OscoreOption::parse(value) else {
        return vec![F::new("Option Value", hex::encode(value), start, value.len()).nested()];
    };
    let Some(&flags) = value.first() else {
        return Vec::new();
    };
    let mut fields = vec![F::new("Flag bits (h k n)", format!("{flags:08b}: h={} k={} n={}", flags >> 4 & 1, flags >> 3 & 1, flags & 7), start, 1).nested()];
    let mut at = start + 1;
    if let Some(piv) = &option.piv {
        let ssn = piv.iter().fold(0u64, |a, b| a << 8 | u64::from(*b));
        fields.push(F::new("Partial IV", format!("0x{} (sender sequence number {ssn})", hex::encode(piv)), at, piv.len()).nested());
        at += piv.len();
    }
    if let Some(c) = &option.kid_context {
        fields.push(F::new("s (kid context length)", c.len().to_string(), at, 1).nested());
        fields.push(F::new("kid context", hex::encode(c), at + 1, c.len()).nested());
        at += 1 + c.len();
    }
    if let Some(kid) = &option.kid {
        fields.push(F::new("kid", format!("0x{}", hex::encode(kid)), at, kid.len()).nested());
    }
    fields
}

fn frame(time_ms: u64, direction: Direction, source: &str, destination: &str, protocol: &str, bytes: Vec<u8>, oscore: bool) -> Frame {
    let (p, fields) = decode(&bytes).expect("the lab's own frames decode");
    let mut summary = format!("{} {} MID 0x{:04x}", type_name(p.header.get_type()), code_name(p.header.code), p.header.message_id);
    if oscore {
        match p.get_first_option(CoapOption::Oscore).and_then(|v| OscoreOption::parse(v.as_slice())).and_then(|o| o.piv) {
            Some(piv) => summary.push_str(&format!(", OSCORE Partial IV 0x{}", hex::encode(piv))),
            None => summary.push_str(", OSCORE"),
        }
    } else if matches!(p.header.code, MessageClass::Request(_)) {
        summary = format!("{} {} MID 0x{:04x}", type_name(p.header.get_type()), describe_request(&p), p.header.message_id);
    } else if !p.payload.is_empty() {
        summary.push_str(&format!(" «{}»", String::from_utf8_lossy(&p.payload)));
    }
    Frame { time_ms, direction, source: source.into(), destination: destination.into(), protocol: protocol.into(), kind: code_name(p.header.code), summary, bytes, fields }
}

/// Reads a prediction: A and R letters (either case) are verdicts, spaces, commas and
/// semicolons separate them; the flag says another character was present.
fn read_prediction(answer: &str) -> (Vec<char>, bool) {
    let mut letters = Vec::new();
    let mut stray = false;
    for c in answer.chars().filter(|c| !c.is_whitespace() && !matches!(c, ',' | ';')) {
        match c.to_ascii_uppercase() {
            'A' | 'R' => letters.push(c.to_ascii_uppercase()),
            _ => stray = true,
        }
    }
    (letters, stray)
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("plain_request".into(), hex::encode(bytes(&self.plain_request))),
            ("oscore_request".into(), hex::encode(bytes(&self.oscore_request))),
            ("client_id".into(), hex::encode(&self.client.sender_id)),
            ("highest".into(), self.start.highest.to_string()),
            ("bitmap".into(), format!("{:08x}", self.start.bitmap)),
            ("bitmap_bits".into(), format!("{:032b}", self.start.bitmap)),
            ("messages".into(), self.messages.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")),
            ("count".into(), self.messages.len().to_string()),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "prediction").then(|| self.prediction())
    }

    /// Unreadable when the number of A/R letters is not the number of messages (no attempt
    /// counted); a stray character makes the answer wrong, not unreadable, so that a typo in
    /// an answer of the right length still counts as an answer.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        if check != "prediction" {
            return LabVerdict::Unreadable(Msg::UnknownCheck(check));
        }
        let (letters, stray) = read_prediction(answer);
        if letters.len() != self.messages.len() {
            return LabVerdict::Unreadable(Msg::OscoreReplayAnswerLength(letters.len(), self.messages.len()));
        }
        let expected: Vec<char> = self.prediction().chars().collect();
        if !stray && letters == expected {
            LabVerdict::Correct
        } else {
            LabVerdict::Wrong
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "replay-plain" => self.replay_plain(inputs),
            "replay-oscore" => self.replay_oscore(inputs),
            "window" => Ok(self.window_tool()),
            "run" => Ok(self.run_table()),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        match request {
            ViewRequest::Captures => Ok(ViewData::Captures(self.captures())),
            _ => Err(Msg::LabUnavailable()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::tools::inputs_of;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "oscore-replay")
    }

    // RFC 8613 Appendix C: Master Secret and Master Salt of C.1 to C.3, ID Context of C.3.
    const SECRET: &str = "0102030405060708090a0b0c0d0e0f10";
    const SALT: &str = "9e7ca92223786340";
    const ID_CONTEXT: &str = "37cbf3210017a2d3";

    /// RFC 8613 Appendix C.1.1 (client) and C.1.2 (server): keys, Common IV and nonces with a
    /// Master Salt; C.2 (no Master Salt, Sender ID 0x00) and C.3 (ID Context). Tampered: one
    /// bit of the Master Secret changes every key.
    #[test]
    fn context_derivation_matches_rfc8613_appendix_c1_to_c3() {
        let client = Context::derive(&h(SECRET), &h(SALT), None, &[], &[0x01]);
        assert_eq!(hex::encode(&client.sender_key), "f0910ed7295e6ad4b54fc793154302ff");
        assert_eq!(hex::encode(&client.recipient_key), "ffb14e093c94c9cac9471648b4f98710");
        assert_eq!(hex::encode(&client.common_iv), "4622d4dd6d944168eefb54987c");
        assert_eq!(hex::encode(nonce(&client.common_iv, &client.sender_id, &[0])), "4622d4dd6d944168eefb54987c");
        assert_eq!(hex::encode(nonce(&client.common_iv, &client.recipient_id, &[0])), "4722d4dd6d944169eefb54987c");
        let server = Context::derive(&h(SECRET), &h(SALT), None, &[0x01], &[]);
        assert_eq!((&server.sender_key, &server.recipient_key, &server.common_iv), (&client.recipient_key, &client.sender_key, &client.common_iv));
        let no_salt = Context::derive(&h(SECRET), &[], None, &[0x00], &[0x01]);
        assert_eq!(hex::encode(&no_salt.sender_key), "321b26943253c7ffb6003b0b64d74041");
        assert_eq!(hex::encode(&no_salt.recipient_key), "e57b5635815177cd679ab4bcec9d7dda");
        assert_eq!(hex::encode(&no_salt.common_iv), "be35ae297d2dace910c52e99f9");
        let with_context = Context::derive(&h(SECRET), &h(SALT), Some(&h(ID_CONTEXT)), &[], &[0x01]);
        assert_eq!(hex::encode(&with_context.sender_key), "af2a1300a5e95788b356336eeecd2b92");
        assert_eq!(hex::encode(&with_context.recipient_key), "e39a0c7c77b43f03b4b39ab9a268699f");
        assert_eq!(hex::encode(&with_context.common_iv), "2ca58fb85ff1b81c0b7181b85e");
        let mut tampered = h(SECRET);
        tampered[15] ^= 1;
        let wrong = Context::derive(&tampered, &h(SALT), None, &[], &[0x01]);
        assert!(wrong.sender_key != client.sender_key && wrong.recipient_key != client.recipient_key && wrong.common_iv != client.common_iv);
    }

    fn protect_hex(ctx: &Context, ssn: u64, unprotected: &str, kid_context: bool) -> String {
        hex::encode(bytes(&protect_request(ctx, ssn, &Packet::from_bytes(&h(unprotected)).unwrap(), kid_context)))
    }

    /// RFC 8613 Appendix C.4 (Sender ID empty), C.5 (Sender ID 0x00, no Master Salt) and C.6
    /// (ID Context sent in the option): GET coap://localhost/tv1 with sender sequence number
    /// 20, protected byte for byte; C.4's external_aad, AAD and nonce. Tampered: SSN 21.
    #[test]
    fn request_protection_matches_rfc8613_appendix_c4_c5_c6() {
        let c4 = Context::derive(&h(SECRET), &h(SALT), None, &[], &[0x01]);
        assert_eq!(hex::encode(aad_array(&[], &partial_iv(20))), "8501810a40411440");
        assert_eq!(hex::encode(aad(&[], &partial_iv(20))), "8368456e63727970743040488501810a40411440");
        assert_eq!(hex::encode(nonce(&c4.common_iv, &[], &partial_iv(20))), "4622d4dd6d944168eefb549868");
        let unprotected = "44015d1f00003974396c6f63616c686f737483747631";
        assert_eq!(protect_hex(&c4, 20, unprotected, false), "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e");
        assert_ne!(protect_hex(&c4, 21, unprotected, false), "44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e");
        let c5 = Context::derive(&h(SECRET), &[], None, &[0x00], &[0x01]);
        assert_eq!(protect_hex(&c5, 20, "440171c30000b932396c6f63616c686f737483747631", false), "440271c30000b932396c6f63616c686f737463091400ff4ed339a5a379b0b8bc731fffb0");
        let c6 = Context::derive(&h(SECRET), &h(SALT), Some(&h(ID_CONTEXT)), &[], &[0x01]);
        assert_eq!(
            protect_hex(&c6, 20, "44012f8eef9bbf7a396c6f63616c686f737483747631", true),
            "44022f8eef9bbf7a396c6f63616c686f73746b19140837cbf3210017a2d3ff72cd7273fd331ac45cffbe55c3"
        );
    }

    /// RFC 8613 Appendix C.7: the server's response "Hello World!" (2.05) to C.4's request,
    /// without a Partial IV; and the server side of C.4: the request verifies, a changed
    /// ciphertext byte or Partial IV does not.
    #[test]
    fn the_server_side_matches_rfc8613_appendix_c4_and_c7() {
        let server = Context::derive(&h(SECRET), &h(SALT), None, &[0x01], &[]);
        let response = Packet::from_bytes(&h("64455d1f00003974ff48656c6c6f20576f726c6421")).unwrap();
        assert_eq!(hex::encode(bytes(&protect_response(&server, &[], &[0x14], &response))), "64445d1f0000397490ffdbaad1e9a7e7b2a813d3c31524378303cdafae119106");
        let request = h("44025d1f00003974396c6f63616c686f7374620914ff612f1092f1776f1c1668b3825e");
        let verified = unprotect_request(&server, &request).unwrap();
        assert_eq!((verified.ssn, verified.kid.as_slice(), hex::encode(bytes(&verified.inner))), (20, &[][..], "40010000b3747631".to_string()));
        let mut flipped = request.clone();
        flipped[30] ^= 1;
        assert_eq!(unprotect_request(&server, &flipped), Err(Unprotect::DecryptFailed));
        let mut other_piv = request.clone();
        other_piv[20] = 0x15;
        assert_eq!(unprotect_request(&server, &other_piv), Err(Unprotect::DecryptFailed));
        let mut other_secret = h(SECRET);
        other_secret[0] ^= 1;
        assert_eq!(unprotect_request(&Context::derive(&other_secret, &h(SALT), None, &[0x01], &[]), &request), Err(Unprotect::DecryptFailed));
    }

    #[test]
    fn the_oscore_option_round_trips_and_refuses_malformed_values() {
        for o in [
            OscoreOption { piv: Some(vec![5]), kid_context: None, kid: Some(vec![0x25]) },
            OscoreOption { piv: Some(vec![0]), kid_context: None, kid: Some(vec![]) },
            OscoreOption::default(),
            OscoreOption { piv: Some(vec![1, 2, 3]), kid_context: Some(vec![9; 8]), kid: Some(vec![7]) },
        ] {
            assert_eq!(OscoreOption::parse(&o.encode()), Some(o));
        }
        // RFC 8613 §6.1 examples: kid 0x25 and Partial IV 5 is 09 05 25; Partial IV 0 with an empty kid is 09 00.
        assert_eq!(OscoreOption { piv: Some(vec![5]), kid_context: None, kid: Some(vec![0x25]) }.encode(), vec![0x09, 0x05, 0x25]);
        for bad in [&[0x20][..], &[0x06, 1, 2, 3, 4, 5, 6], &[0x03, 1], &[0x11, 1, 9, 1], &[0x01, 1, 2]] {
            assert_eq!(OscoreOption::parse(bad), None, "{}", hex::encode(bad));
        }
        assert_eq!(partial_iv(0), vec![0]);
        assert_eq!(partial_iv(0x1234), vec![0x12, 0x34]);
    }

    /// Each rule of the window: fresh ahead (the window slides), fresh inside, duplicate, too
    /// old, and a far jump that leaves once-fresh numbers behind.
    #[test]
    fn the_replay_window_applies_each_rule() {
        let mut w = ReplayWindow { highest: 100, bitmap: 0b1011 };
        assert_eq!(w.receive(101), Step::Ahead { shift: 1 });
        assert_eq!(w, ReplayWindow { highest: 101, bitmap: 0b10111 });
        assert_eq!(w.receive(98), Step::Late { offset: 3 });
        assert_eq!(w.bitmap, 0b11111);
        assert_eq!(w.receive(98), Step::Duplicate { offset: 3 });
        assert_eq!(w.receive(101), Step::Duplicate { offset: 0 });
        assert_eq!(w.receive(69), Step::TooOld { offset: 32 });
        assert_eq!(w.receive(70), Step::Late { offset: 31 });
        assert_eq!(w.bitmap, 0x8000_001f);
        let before = w;
        assert_eq!(w.receive(96), Step::Late { offset: 5 });
        assert!(!w.check(96).accepted() && before.check(96).accepted());
        // Exactly one window ahead: everything before leaves the window.
        assert_eq!(w.receive(133), Step::Ahead { shift: 32 });
        assert_eq!(w, ReplayWindow { highest: 133, bitmap: 1 });
        assert_eq!(w.check(102), Step::Late { offset: 31 });
        assert_eq!(w.check(101), Step::TooOld { offset: 32 });
        // Far ahead: 134 was fresh, it is now too old.
        assert_eq!(w.receive(200), Step::Ahead { shift: 67 });
        assert_eq!(w.receive(134), Step::TooOld { offset: 66 });
        assert_eq!(w, ReplayWindow { highest: 200, bitmap: 1 });
    }

    fn verdict(run: &ToolRun) -> (bool, Msg) {
        match run.get(M::OscoreReplayVerdict) {
            Some(Value::Verdict { ok, text }) => (*ok, text.clone()),
            other => panic!("{other:?}"),
        }
    }

    /// The attack on plain CoAP: the captured request, sent again, opens the door.
    #[test]
    fn a_plain_coap_request_replays() {
        for n in 0..10 {
            let lab = build(&Params {}, &seed(n));
            let vars = lab.variables();
            let run = lab.run_tool("replay-plain", &inputs_of(&[("frame", &vars["plain_request"])])).unwrap();
            assert_eq!(verdict(&run), (true, Msg::OscoreReplayDoorOpens()));
            assert_eq!(run.get(M::OscoreReplayRequestSeen), Some(&Value::Text("PUT /lock «open»".into())));
        }
    }

    /// The fix: the captured OSCORE request is refused as a replay; a Partial IV rewritten to
    /// look fresh breaks the tag; a request freshly protected by the hub opens the door.
    #[test]
    fn an_oscore_request_does_not_replay() {
        for n in 0..10 {
            let s = seed(n);
            let lab = build(&Params {}, &s);
            let vars = lab.variables();
            let run = lab.run_tool("replay-oscore", &inputs_of(&[("frame", &vars["oscore_request"])])).unwrap();
            assert_eq!(verdict(&run), (false, Msg::OscoreReplayReplayDetected(Msg::OscoreReplayDuplicate(0u64))));
            assert!(verdict(&run).1.render(Lang::En).starts_with("REFUSED, 4.01 Unauthorized: Replay detected"));
            assert_eq!(run.get(M::OscoreReplaySsn), Some(&Value::int(lab.start.highest)));
            // Rewrite the Partial IV (the option's last bytes before the kid) to highest + 1.
            let mut forged = lab.oscore_request.clone();
            let option = OscoreOption::parse(forged.get_first_option(CoapOption::Oscore).unwrap()).unwrap();
            let fresh = OscoreOption { piv: Some(partial_iv(lab.start.highest + 1)), ..option };
            forged.set_option(CoapOption::Oscore, [fresh.encode()].into_iter().collect());
            let run = lab.run_tool("replay-oscore", &inputs_of(&[("frame", &hex::encode(bytes(&forged)))])).unwrap();
            assert_eq!(verdict(&run), (false, Msg::OscoreReplayDecryptFailed()));
            let genuine = protect_request(&lab.client, lab.start.highest + 1, &lock_request(7, &[1, 2]), false);
            let run = lab.run_tool("replay-oscore", &inputs_of(&[("frame", &hex::encode(bytes(&genuine)))])).unwrap();
            assert_eq!(verdict(&run), (true, Msg::OscoreReplayDoorOpens()));
            // The plain request sent to the OSCORE resource is refused too.
            let run = lab.run_tool("replay-oscore", &inputs_of(&[("frame", &vars["plain_request"])])).unwrap();
            assert_eq!(verdict(&run), (false, Msg::OscoreReplayNoOscore()));
        }
    }

    #[test]
    fn bad_tool_input_says_what_was_expected() {
        let lab = build(&Params {}, &seed(1));
        assert_eq!(lab.run_tool("replay-plain", &inputs_of(&[("frame", "zz")])).unwrap_err().en(), "\"CoAP message (hex)\" must be hexadecimal, an even number of digits 0-9 a-f");
        assert!(lab.run_tool("replay-plain", &inputs_of(&[("frame", "40")])).unwrap_err().en().starts_with("this is not a CoAP message"));
        assert!(lab.run_tool("replay-oscore", &inputs_of(&[("frame", "")])).unwrap_err().en().ends_with("is empty"));
        let ack = bytes(&coap_packet(MessageType::Acknowledgement, MessageClass::Response(ResponseType::Changed), 1, &[], &[], b""));
        assert_eq!(lab.run_tool("replay-oscore", &inputs_of(&[("frame", &hex::encode(ack))])).unwrap_err(), Msg::OscoreReplayNotRequest());
        let bad_option = coap_packet(MessageType::Confirmable, MessageClass::Request(RequestType::Post), 1, &[], &[(CoapOption::Oscore, &[0x07])], b"xx");
        assert_eq!(verdict(&lab.run_tool("replay-oscore", &inputs_of(&[("frame", &hex::encode(bytes(&bad_option)))])).unwrap()), (false, Msg::OscoreReplayBadOption()));
        let other_kid = coap_packet(MessageType::Confirmable, MessageClass::Request(RequestType::Post), 1, &[], &[(CoapOption::Oscore, &[0x09, 0x01, 0xee])], b"xx");
        assert_eq!(verdict(&lab.run_tool("replay-oscore", &inputs_of(&[("frame", &hex::encode(bytes(&other_kid)))])).unwrap()), (false, Msg::OscoreReplayUnknownKid("ee")));
    }

    /// Over many learners: 8 to 12 messages where every rule shows, the reference is graded
    /// correct (also in lower case with commas), one changed letter wrong, a wrong count
    /// unreadable with the count expected; the tool for solved exercises gives the same letters.
    #[test]
    fn predictions_grade_over_many_seeds() {
        for n in 0..200u8 {
            let lab = build(&Params {}, &seed(n));
            let reference = lab.reference("prediction").unwrap();
            assert!((8..=12).contains(&reference.len()), "{reference}");
            let steps = verdicts(lab.start, &lab.messages);
            assert!(steps.iter().any(|(s, _)| matches!(s, Step::Ahead { shift } if *shift >= 40)), "seed {n}: no far jump");
            assert!(steps.iter().any(|(s, _)| matches!(s, Step::Ahead { shift } if *shift < WINDOW)), "seed {n}: no step ahead");
            assert!(steps.iter().any(|(s, _)| matches!(s, Step::Late { .. })), "seed {n}: nothing late");
            assert!(steps.iter().any(|(s, _)| matches!(s, Step::Duplicate { .. })), "seed {n}: no duplicate");
            let too_old: Vec<u64> = lab.messages.iter().zip(&steps).filter(|(_, (s, _))| matches!(s, Step::TooOld { .. })).map(|(m, _)| *m).collect();
            assert!(too_old.iter().any(|m| *m > lab.start.highest), "seed {n}: no number left behind by the jump");
            assert!(too_old.len() >= 2, "seed {n}: one number older than the window and one left behind");
            assert_eq!(lab.grade("prediction", &reference), LabVerdict::Correct);
            let spaced: Vec<String> = reference.chars().map(|c| c.to_ascii_lowercase().to_string()).collect();
            assert_eq!(lab.grade("prediction", &spaced.join(", ")), LabVerdict::Correct);
            let mut flipped: Vec<char> = reference.chars().collect();
            let i = n as usize % flipped.len();
            flipped[i] = if flipped[i] == 'A' { 'R' } else { 'A' };
            assert_eq!(lab.grade("prediction", &flipped.iter().collect::<String>()), LabVerdict::Wrong);
            assert_eq!(lab.grade("prediction", &format!("{reference}?")), LabVerdict::Wrong);
            match lab.grade("prediction", &reference[1..]) {
                LabVerdict::Unreadable(m) => assert_eq!(m.en(), format!("the answer gives {} verdicts (A or R); there are {} messages: one letter per message", reference.len() - 1, reference.len())),
                other => panic!("{other:?}"),
            }
            let run = lab.run_tool("run", &Inputs::new()).unwrap();
            assert_eq!(run.get(M::OscoreReplayPrediction), Some(&Value::Text(reference.clone())));
        }
    }

    /// Before solving, only the start window shows; the per-message verdicts wait for the end.
    #[test]
    fn only_the_start_window_shows_before_solving() {
        assert!(SPEC.tool("run").unwrap().after_solving);
        assert!(SPEC.tools.iter().filter(|t| t.id != "run").all(|t| !t.after_solving));
        let lab = build(&Params {}, &seed(5));
        let run = lab.run_tool("window", &Inputs::new()).unwrap();
        assert_eq!(run.get(M::OscoreReplayHighest), Some(&Value::int(lab.start.highest)));
        assert_eq!(run.get(M::OscoreReplayBitmap), Some(&Value::Hex(lab.start.bitmap.to_be_bytes().to_vec())));
        match run.get(M::OscoreReplayWindowTable) {
            Some(Value::Table { rows, .. }) => {
                assert_eq!(rows.len(), 32);
                assert_eq!(rows[0], vec![Value::int(0), Value::int(lab.start.highest), Value::Msg(Msg::OscoreReplaySeen())]);
            }
            other => panic!("{other:?}"),
        }
        let vars = lab.variables();
        assert_eq!(vars["bitmap_bits"].len(), 32);
        assert_eq!(u32::from_str_radix(&vars["bitmap_bits"], 2).unwrap(), u32::from_str_radix(&vars["bitmap"], 16).unwrap());
    }

    /// The captures: both requests replay byte for byte; each field's bytes are what it says
    /// (the OSCORE option's Partial IV and kid, the payload's ciphertext and tag).
    #[test]
    fn the_captures_decode_with_their_byte_ranges() {
        let lab = build(&Params {}, &seed(9));
        let captures = lab.captures();
        assert_eq!(captures.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["coap-plain", "oscore"]);
        for c in &captures {
            assert_eq!(c.frames[0].bytes, c.frames[2].bytes, "{}: the replay is the same bytes", c.id);
            assert!(c.frames[2].time_ms > 247_000);
            for f in &c.frames {
                assert!(f.fields_in_bounds());
                let value = |name: &str| f.fields.iter().find(|x| x.name == name).map(|x| f.field_bytes(x).to_vec());
                assert_eq!(value("Message ID").unwrap().len(), 2);
            }
        }
        let plain = &captures[0].frames[0];
        assert_eq!(plain.kind, "PUT");
        assert_eq!(plain.fields.iter().find(|x| x.name == "Payload").map(|x| plain.field_bytes(x)), Some(&b"open"[..]));
        assert_eq!(plain.fields.iter().find(|x| x.name == "Option 11 (Uri-Path)").map(|x| plain.field_bytes(x)), Some(&[0xb4, b'l', b'o', b'c', b'k'][..]));
        let request = &captures[1].frames[0];
        assert_eq!(request.kind, "POST");
        let get = |name: &str| request.fields.iter().find(|x| x.name == name).map(|x| request.field_bytes(x).to_vec()).unwrap();
        assert_eq!(get("Partial IV"), partial_iv(lab.start.highest));
        assert_eq!(get("kid"), lab.client.sender_id);
        assert_eq!(get("Flag bits (h k n)"), vec![0x08 | partial_iv(lab.start.highest).len() as u8]);
        assert_eq!(get("Tag (AES-CCM-16-64-128)").len(), TAG_LEN);
        assert_eq!([get("Ciphertext"), get("Tag (AES-CCM-16-64-128)")].concat(), lab.oscore_request.payload);
        assert!(!request.fields.iter().any(|x| x.name.contains("Uri-Path")), "the path travels encrypted");
        assert_eq!(captures[1].frames[1].kind, "2.04 Changed");
        assert_eq!(captures[1].frames[3].kind, "4.01 Unauthorized");
        assert!(captures[1].frames[3].summary.contains("Replay detected"));
    }
}
