//! `lorawan-abp`: an ABP device (LoRaWAN 1.0.x, static DevAddr, NwkSKey and AppSKey) keeps its
//! uplink frame counter in RAM, so the counter restarts at 0 after each reboot. Its network
//! server was set to accept "counter resets" (a counter lower than the last one), as many ABP
//! setups are once the first reboot has cut a device off. An attacker who recorded the uplinks
//! replays one: the relaxed server takes it as new. Only the counter's 16 low bits travel; the
//! MIC (AES-CMAC over B0 ‖ msg) and the FRMPayload keystream (AES over the A_i blocks) use the
//! 32-bit counter, which the receiver rebuilds. The fixes: strict counters, counters kept across
//! reboots (NVM), or OTAA with fresh session keys at each join.
//!
//! Frames are decoded with `lorawan-encoding` (MHDR, FHDR, FCtrl, FOpts MAC commands). Its
//! `keys::CryptoFactory` takes `generic-array` 0.14 blocks, a type this crate cannot name without
//! that crate as a direct dependency; the B0 and A_i blocks are therefore built here from the
//! specification (LoRaWAN 1.0.3 §4.4 MIC, §4.3.3.1 encryption) on RustCrypto's `aes` and `cmac`,
//! and checked against published frames (lora-packet's tests, lorawan-encoding's own tests).

use aes::cipher::{BlockCipherEncrypt, KeyInit};
use cmac::Mac;
use lorawan_encoding::maccommands::{parse_mac_commands, MacCommand};
use lorawan_encoding::parser::{Major, MType, FHDR, MHDR};
use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars, WorkbenchLink};
use crate::core::msg::{Arg, Msg, M};
use crate::core::tools::{hex_input, number_input, raw, select_input, sized, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::capture::{self, Capture, Direction, Frame};
use crate::core::views::{ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

/// The network server's settings: the flaw, then the three fixes.
pub const SETTINGS: &[&str] = &["relaxed", "strict", "nvm", "otaa"];

/// LoRaWAN 1.0.3 §4.3.1.5: a counter further than this ahead of the last one is discarded.
pub const MAX_FCNT_GAP: u32 = 16384;
/// MHDR, FHDR without FOpts, MIC: the shortest data frame (no FPort, no FRMPayload).
const MIN_FRAME: usize = 12;
const FPORT: u8 = 2;
const MAX_FCNT: u64 = u32::MAX as u64;

const MIC_FIELDS: &[Field] = &[
    Field::new("frame", M::LorawanAbpFrame, FieldKind::Hex { bytes: None }).prefill("target_frame"),
    Field::new("fcnt", M::LorawanAbpFcnt32, FieldKind::Number { min: 0, max: MAX_FCNT }).prefill("target_fcnt16"),
];
const DECRYPT_FIELDS: &[Field] = &[
    Field::new("frame", M::LorawanAbpFrame, FieldKind::Hex { bytes: None }).prefill("target_frame"),
    Field::new("fcnt", M::LorawanAbpFcnt32, FieldKind::Number { min: 0, max: MAX_FCNT }).prefill("target_fcnt16"),
    Field::new("app_skey", M::LorawanAbpAppSKey, FieldKind::Hex { bytes: Some(16) }).prefill("app_skey"),
];
const SERVER_FIELDS: &[Field] = &[
    Field::new("frame", M::LorawanAbpFrame, FieldKind::Hex { bytes: None }).prefill("target_frame"),
    Field::new("setting", M::LorawanAbpSetting, FieldKind::Select(SETTINGS)).default("relaxed"),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "lorawan-abp",
    title: M::LorawanAbpTitle,
    teaches: M::LorawanAbpTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "dev_addr", doc: "The device's DevAddr (hex, 4 bytes, as written: most significant byte first; the air carries it little-endian)." },
        VarSpec { name: "app_skey", doc: "The device's AppSKey (hex, 16 bytes), given to the learner as the application's owner." },
        VarSpec { name: "frame_count", doc: "How many uplinks the capture `abp-reboot` holds." },
        VarSpec { name: "target_index", doc: "The position (1-based) in the capture of the frame whose 32-bit counter the learner rebuilds and whose payload they decrypt." },
        VarSpec { name: "target_fcnt16", doc: "The FCnt that frame carries on the air (16 bits)." },
        VarSpec { name: "target_mic", doc: "That frame's MIC (hex, 4 bytes), to find it without doubt." },
        VarSpec { name: "target_frame", doc: "That frame, whole (hex)." },
    ],
    checks: &[
        CheckSpec { name: "fcnt32", doc: "The 32-bit frame counter of the named frame, rebuilt from the 16 bits on the air: a whole number.", answer: AnswerKind::Integer },
        CheckSpec { name: "plaintext", doc: "The decrypted FRMPayload of the named frame, as text.", answer: AnswerKind::Text },
        CheckSpec { name: "replay", doc: "A frame (hex) of the capture, byte for byte, that the relaxed network server (as it stands at the end of the capture) accepts as new.", answer: AnswerKind::Hex },
    ],
    tools: &[
        ToolSpec { id: "mic", title: M::LorawanAbpMicTitle, help: M::LorawanAbpMicHelp, button: M::LorawanAbpMicButton, fields: MIC_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "decrypt", title: M::LorawanAbpDecryptTitle, help: M::LorawanAbpDecryptHelp, button: M::LorawanAbpDecryptButton, fields: DECRYPT_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "server", title: M::LorawanAbpServerTitle, help: M::LorawanAbpServerHelp, button: M::LorawanAbpServerButton, fields: SERVER_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: Some("capture"),
    rule: None,
};

// ---- LoRaWAN 1.0.x frame security (the spec's blocks, on RustCrypto's AES and CMAC) ----------

/// Whether a data frame goes down (the Dir byte of B0 and A_i): bit 5 of MHDR's MType.
fn downlink(frame: &[u8]) -> bool {
    frame[0] & 0x20 != 0
}

/// B0 = 0x49 ‖ 0x00⁴ ‖ Dir ‖ DevAddr ‖ FCnt (32 bits) ‖ 0x00 ‖ len(msg), little-endian fields
/// (LoRaWAN 1.0.3 §4.4). `msg` is MHDR ‖ FHDR ‖ FPort ‖ FRMPayload, the frame without its MIC.
pub fn b0(msg: &[u8], fcnt: u32) -> [u8; 16] {
    let mut block = [0u8; 16];
    block[0] = 0x49;
    block[5] = u8::from(downlink(msg));
    block[6..10].copy_from_slice(&msg[1..5]);
    block[10..14].copy_from_slice(&fcnt.to_le_bytes());
    block[15] = msg.len() as u8;
    block
}

/// MIC = the first 4 bytes of AES-CMAC(NwkSKey, B0 ‖ msg).
pub fn mic(nwk_skey: &[u8; 16], msg: &[u8], fcnt: u32) -> [u8; 4] {
    let mut mac = <cmac::Cmac<aes::Aes128> as KeyInit>::new_from_slice(nwk_skey).expect("16-byte key");
    mac.update(&b0(msg, fcnt));
    mac.update(msg);
    mac.finalize().into_bytes()[..4].try_into().expect("4 bytes")
}

/// A_i = 0x01 ‖ 0x00⁴ ‖ Dir ‖ DevAddr ‖ FCnt (32 bits) ‖ 0x00 ‖ i (LoRaWAN 1.0.3 §4.3.3.1).
pub fn a_block(i: u8, down: bool, dev_addr_le: &[u8], fcnt: u32) -> [u8; 16] {
    let mut block = [0u8; 16];
    block[0] = 0x01;
    block[5] = u8::from(down);
    block[6..10].copy_from_slice(dev_addr_le);
    block[10..14].copy_from_slice(&fcnt.to_le_bytes());
    block[15] = i;
    block
}

/// FRMPayload ⊕ (AES(K, A_1) ‖ AES(K, A_2) ‖ ...): encryption and decryption are the same.
pub fn crypt_frm(key: &[u8; 16], down: bool, dev_addr_le: &[u8], fcnt: u32, data: &[u8]) -> Vec<u8> {
    let aes = aes::Aes128::new_from_slice(key).expect("16-byte key");
    let mut out = Vec::with_capacity(data.len());
    for (i, chunk) in data.chunks(16).enumerate() {
        let mut s = aes::Block::from(a_block(i as u8 + 1, down, dev_addr_le, fcnt));
        aes.encrypt_block(&mut s);
        out.extend(chunk.iter().zip(s.iter()).map(|(d, k)| d ^ k));
    }
    out
}

/// The parts of a data frame, with their places: what `lorawan-encoding` decodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub fopts_len: usize,
    /// Where FPort sits, if the frame has one.
    pub fport_at: Option<usize>,
    /// FRMPayload's bytes (empty without FPort).
    pub payload: std::ops::Range<usize>,
    pub mic_at: usize,
}

/// Why a frame cannot even be read as a LoRaWAN data frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    TooShort(usize),
    NotData,
    FOptsBeyondEnd(usize),
}

impl Malformed {
    fn msg(&self) -> Msg {
        match self {
            Malformed::TooShort(n) => Msg::LorawanAbpTooShort(Arg::bytes(*n), MIN_FRAME),
            Malformed::NotData => Msg::LorawanAbpNotData(),
            Malformed::FOptsBeyondEnd(n) => Msg::LorawanAbpFOptsBeyondEnd(*n),
        }
    }
}

/// Reads a data frame's layout. Checked here before the crate sees it: its FHDR accessors slice
/// by FOptsLen without looking at the frame's length.
pub fn layout(frame: &[u8]) -> Result<Layout, Malformed> {
    if frame.len() < MIN_FRAME {
        return Err(Malformed::TooShort(frame.len()));
    }
    if !matches!(MHDR::new(frame[0]).mtype(), MType::UnconfirmedDataUp | MType::ConfirmedDataUp | MType::UnconfirmedDataDown | MType::ConfirmedDataDown) {
        return Err(Malformed::NotData);
    }
    let fopts_len = usize::from(frame[5] & 0x0f);
    let mic_at = frame.len() - 4;
    if 8 + fopts_len > mic_at {
        return Err(Malformed::FOptsBeyondEnd(fopts_len));
    }
    let fhdr = FHDR::new(&frame[1..mic_at], !downlink(frame)).ok_or(Malformed::FOptsBeyondEnd(fopts_len))?;
    debug_assert_eq!(usize::from(fhdr.fctrl().f_opts_len()), fopts_len);
    let fport_at = (8 + fopts_len < mic_at).then_some(8 + fopts_len);
    let payload = fport_at.map_or(mic_at..mic_at, |p| p + 1..mic_at);
    Ok(Layout { fopts_len, fport_at, payload, mic_at })
}

/// DevAddr as people write it (most significant byte first); the air carries it little-endian.
fn dev_addr_written(frame: &[u8]) -> [u8; 4] {
    let fhdr = FHDR::new_from_raw(&frame[1..8], true);
    let mut d: [u8; 4] = fhdr.dev_addr().as_ref().try_into().expect("4 bytes");
    d.reverse();
    d
}

fn fcnt16(frame: &[u8]) -> u16 {
    FHDR::new_from_raw(&frame[1..8], true).fcnt()
}

/// One uplink as the device sends it.
#[derive(Debug, Clone)]
pub struct Uplink {
    pub time_ms: u64,
    pub fcnt: u32,
    pub confirmed: bool,
    /// MAC commands piggybacked in FOpts (clear, as in LoRaWAN 1.0.x).
    pub fopts: Vec<u8>,
    pub text: String,
}

/// Builds MHDR ‖ FHDR ‖ FPort ‖ encrypted FRMPayload ‖ MIC; the air carries FCnt's 16 low bits.
pub fn seal(dev_addr: [u8; 4], keys: &Keys, up: &Uplink) -> Vec<u8> {
    let mut dev_le = dev_addr;
    dev_le.reverse();
    let mut frame = vec![if up.confirmed { 0x80 } else { 0x40 }];
    frame.extend_from_slice(&dev_le);
    frame.push(0x80 | up.fopts.len() as u8); // ADR on, the usual setting of a fixed sensor
    frame.extend_from_slice(&(up.fcnt as u16).to_le_bytes());
    frame.extend_from_slice(&up.fopts);
    frame.push(FPORT);
    frame.extend(crypt_frm(&keys.app, false, &dev_le, up.fcnt, up.text.as_bytes()));
    let m = mic(&keys.nwk, &frame, up.fcnt);
    frame.extend_from_slice(&m);
    frame
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub nwk: [u8; 16],
    pub app: [u8; 16],
}

// ---- The network server ----------------------------------------------------------------------

/// Why the network server refused an uplink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Malformed(Malformed),
    Downlink,
    UnknownDevAddr(String),
    /// The MIC verifies under the rebuilt counter, but that counter is too far ahead.
    CounterGap { fcnt: u32, last: u32 },
    /// The MIC verifies under the 16-bit value as it is: the counter went back or repeats.
    CounterBack { fcnt: u32, last: u32 },
    /// The MIC verifies under no counter the server tries (wrong keys, altered frame).
    Mic { fcnt: u32 },
}

impl Refusal {
    fn msg(&self) -> Msg {
        match self {
            Refusal::Malformed(m) => m.msg(),
            Refusal::Downlink => Msg::LorawanAbpDownlink(),
            Refusal::UnknownDevAddr(d) => Msg::LorawanAbpUnknownDevAddr(d.clone()),
            Refusal::CounterGap { fcnt, last } => Msg::LorawanAbpCounterGap(*fcnt, *last, MAX_FCNT_GAP),
            Refusal::CounterBack { fcnt, last } => Msg::LorawanAbpCounterBack(*fcnt, *last),
            Refusal::Mic { fcnt } => Msg::LorawanAbpMicRefused(*fcnt),
        }
    }
}

/// What the server accepted: the 32-bit counter, and whether it took it as a device reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub fcnt: u32,
    pub reset: bool,
}

/// One uplink of a capture as a server handled it: the FCnt sent, and the verdict.
pub type LogLine = (u16, Result<Accepted, Refusal>);

#[derive(Debug, Clone)]
pub struct Server {
    dev_addr: [u8; 4],
    nwk: [u8; 16],
    /// The last counter accepted in this session; None right after a join.
    last: Option<u32>,
    /// Accepts a counter lower than the last one as a device reset (the flaw).
    relaxed: bool,
}

impl Server {
    /// Receives an uplink. The 32-bit counter is rebuilt from the 16 bits sent: the smallest
    /// value above the last one with those low bits (a roll-over when they are lower).
    pub fn receive(&mut self, frame: &[u8]) -> Result<Accepted, Refusal> {
        let lay = layout(frame).map_err(Refusal::Malformed)?;
        if downlink(frame) {
            return Err(Refusal::Downlink);
        }
        let dev = dev_addr_written(frame);
        if dev != self.dev_addr {
            return Err(Refusal::UnknownDevAddr(hex::encode(dev)));
        }
        let low = u32::from(fcnt16(frame));
        let msg = &frame[..lay.mic_at];
        let carried = &frame[lay.mic_at..];
        let rebuilt = match self.last {
            None => low,
            Some(last) if (last & 0xffff_0000) | low > last => (last & 0xffff_0000) | low,
            Some(last) => ((last & 0xffff_0000) | low).wrapping_add(0x1_0000),
        };
        if mic(&self.nwk, msg, rebuilt) == carried {
            let gap = self.last.map_or(rebuilt, |last| rebuilt.wrapping_sub(last));
            if gap > MAX_FCNT_GAP {
                return Err(Refusal::CounterGap { fcnt: rebuilt, last: self.last.unwrap_or(0) });
            }
            self.last = Some(rebuilt);
            return Ok(Accepted { fcnt: rebuilt, reset: false });
        }
        // The counter as sent, high bits 0: what a device restarted from 0 uses.
        if let Some(last) = self.last.filter(|last| low <= *last) {
            if mic(&self.nwk, msg, low) == carried {
                if self.relaxed && low < last {
                    self.last = Some(low);
                    return Ok(Accepted { fcnt: low, reset: true });
                }
                return Err(Refusal::CounterBack { fcnt: low, last });
            }
        }
        Err(Refusal::Mic { fcnt: rebuilt })
    }
}

// ---- The instance ----------------------------------------------------------------------------

fn arr16(v: Vec<u8>) -> [u8; 16] {
    v.try_into().expect("16 bytes")
}

pub struct Instance {
    dev_addr: [u8; 4],
    keys: Keys,
    /// The session keys of the join after the reboot (the OTAA fix).
    otaa_keys: Keys,
    /// The device's uplinks before the reboot; the counter crosses 65535.
    before: Vec<Uplink>,
    /// Its uplinks after the reboot: from 0 (RAM counter) or from where it was (NVM).
    after: Vec<Uplink>,
    target: usize,
}

/// Door and temperature of a cold-room sensor, the per-frame reading.
fn reading(seed: &InstanceSeed, n: u32) -> String {
    let v = seed.value(&format!("reading-{n}"), 2);
    let door = if v[0].is_multiple_of(3) { "open" } else { "closed" };
    format!("door={door};t={}.{}C", 2 + v[1] % 6, v[1] / 26)
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    let v = seed.value("scenario", 6);
    let a = seed.value("dev-addr", 3);
    // 0x26/0x27: the DevAddr prefix of NetID 0x000013, as many public networks hand out.
    let dev_addr = [0x26 | (a[0] & 1), a[1], a[2], a[0] | 1];
    let keys = Keys { nwk: arr16(seed.value("nwk-skey", 16)), app: arr16(seed.value("app-skey", 16)) };
    let otaa_keys = Keys { nwk: arr16(seed.value("otaa-nwk-skey", 16)), app: arr16(seed.value("otaa-app-skey", 16)) };
    let start = 0x1_0000 - 3 - u32::from(v[0] % 4);
    let end = 0x1_0000 + 2 + u32::from(v[1] % 3);
    // One frame lost on the radio: sometimes the very one that carried 0x0000.
    let lost = if v[2].is_multiple_of(2) { 0x1_0000 } else { start + 1 };
    let period = 600_000 + 1000 * u64::from(v[3] % 30);
    let before: Vec<Uplink> = (start..=end)
        .filter(|c| *c != lost)
        .map(|c| Uplink { time_ms: u64::from(c - start) * period, fcnt: c, confirmed: false, fopts: Vec::new(), text: reading(seed, c) })
        .collect();
    let rebooted = u64::from(end - start) * period + 1_500_000 + 1000 * u64::from(v[4]);
    let after_count = 4 + u32::from(v[5] % 3);
    let after = (0..after_count)
        .map(|i| Uplink {
            time_ms: rebooted + u64::from(i) * period,
            fcnt: i,
            // The boot message asks for an acknowledgement and a link check, as stacks do at start.
            confirmed: i == 0,
            fopts: if i == 0 { vec![0x02] } else { Vec::new() },
            text: if i == 0 { "boot;door=closed".to_string() } else { reading(seed, 0x8000_0000 + i) },
        })
        .collect();
    // The named frame: one after the roll-over, whose 16 bits also occur after the reboot.
    let target = before.iter().position(|u| u.fcnt == 0x1_0001 + u32::from(v[2] % 2)).expect("within the capture");
    Instance { dev_addr, keys, otaa_keys, before, after, target }
}

impl Instance {
    /// The uplinks as captured: before the reboot, then after it with the RAM counter.
    pub fn captured(&self) -> Vec<Vec<u8>> {
        self.before.iter().chain(&self.after).map(|u| seal(self.dev_addr, &self.keys, u)).collect()
    }

    fn target_frame(&self) -> Vec<u8> {
        seal(self.dev_addr, &self.keys, &self.before[self.target])
    }

    fn last_before(&self) -> u32 {
        self.before.last().expect("frames").fcnt
    }

    /// The uplinks after the reboot in a setting: the NVM device goes on from its last counter.
    fn after_in(&self, setting: &str) -> Vec<Uplink> {
        let shift = if setting == "nvm" { self.last_before() + 1 } else { 0 };
        self.after.iter().map(|u| Uplink { fcnt: u.fcnt + shift, ..u.clone() }).collect()
    }

    /// The network server of a setting, and how it handled each uplink of the capture (the
    /// server knew the device before the capture began: its last counter is the one before).
    pub fn server_after_capture(&self, setting: &str) -> (Server, Vec<LogLine>) {
        let mut server = Server { dev_addr: self.dev_addr, nwk: self.keys.nwk, last: Some(self.before[0].fcnt - 1), relaxed: setting == "relaxed" };
        let mut log = Vec::new();
        for u in &self.before {
            let frame = seal(self.dev_addr, &self.keys, u);
            log.push((fcnt16(&frame), server.receive(&frame)));
        }
        // OTAA: the device joins after the reboot; the new session has new keys and its
        // counters start from 0.
        let keys = if setting == "otaa" {
            server = Server { dev_addr: self.dev_addr, nwk: self.otaa_keys.nwk, last: None, relaxed: false };
            self.otaa_keys.clone()
        } else {
            self.keys.clone()
        };
        for u in &self.after_in(setting) {
            let frame = seal(self.dev_addr, &keys, u);
            log.push((fcnt16(&frame), server.receive(&frame)));
        }
        (server, log)
    }

    fn frames_of(&self, uplinks: &[Uplink], keys: &Keys) -> Vec<Frame> {
        uplinks.iter().map(|u| decode(u.time_ms, seal(self.dev_addr, keys, u))).collect()
    }

    fn mic_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = frame_input(inputs)?;
        let fcnt = number_input(inputs, "fcnt", M::LorawanAbpFcnt32, 0, MAX_FCNT)? as u32;
        let lay = layout(&frame).map_err(|m| m.msg())?;
        let msg = &frame[..lay.mic_at];
        let computed = mic(&self.keys.nwk, msg, fcnt);
        let ok = computed == frame[lay.mic_at..];
        Ok(vec![
            Output::new(M::LorawanAbpB0, Value::Hex(b0(msg, fcnt).to_vec())),
            Output::new(M::LorawanAbpMicComputed, Value::Hex(computed.to_vec())),
            Output::new(M::LorawanAbpMicCarried, Value::Hex(frame[lay.mic_at..].to_vec())),
            Output::new(M::LorawanAbpMicVerdict, Value::Verdict { ok, text: if ok { Msg::LorawanAbpMicMatches(fcnt) } else { Msg::LorawanAbpMicDiffers(fcnt) } }),
        ]
        .into())
    }

    fn decrypt_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = frame_input(inputs)?;
        let fcnt = number_input(inputs, "fcnt", M::LorawanAbpFcnt32, 0, MAX_FCNT)? as u32;
        let key = arr16(sized(hex_input(inputs, "app_skey", M::LorawanAbpAppSKey)?, M::LorawanAbpAppSKey, &[16])?);
        let lay = layout(&frame).map_err(|m| m.msg())?;
        match lay.fport_at.map(|p| frame[p]) {
            _ if lay.payload.is_empty() => return Err(Msg::LorawanAbpNoPayload()),
            Some(0) => return Err(Msg::LorawanAbpPortZero()),
            _ => {}
        }
        let down = downlink(&frame);
        let plain = crypt_frm(&key, down, &frame[1..5], fcnt, &frame[lay.payload.clone()]);
        let mut out = vec![
            Output::new(M::LorawanAbpA1, Value::Hex(a_block(1, down, &frame[1..5], fcnt).to_vec())),
            Output::new(M::LorawanAbpFrmPayload, Value::Hex(frame[lay.payload].to_vec())),
            Output::new(M::LorawanAbpPlainHex, Value::Hex(plain.clone())),
        ];
        match std::str::from_utf8(&plain) {
            Ok(t) if t.chars().all(|c| !c.is_control()) => out.push(Output::new(M::LorawanAbpPlainText, Value::Text(t.to_string()))),
            _ => out.push(Output::new(M::LorawanAbpPlainText, Value::Msg(Msg::LorawanAbpNotText()))),
        }
        Ok(out.into())
    }

    fn server_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = frame_input(inputs)?;
        layout(&frame).map_err(|m| m.msg())?;
        let setting = if raw(inputs, "setting").trim().is_empty() { SETTINGS[0] } else { select_input(inputs, "setting", M::LorawanAbpSetting, SETTINGS)? };
        let (mut server, log) = self.server_after_capture(setting);
        let verdict = match server.receive(&frame) {
            Ok(a) if a.reset => Value::Verdict { ok: true, text: Msg::LorawanAbpAcceptedReset(a.fcnt) },
            Ok(a) => Value::Verdict { ok: true, text: Msg::LorawanAbpAccepted(a.fcnt) },
            Err(r) => Value::Verdict { ok: false, text: r.msg() },
        };
        let rows = log
            .into_iter()
            .enumerate()
            .map(|(i, (low, v))| {
                let (fcnt, text) = match v {
                    Ok(a) => (Value::int(a.fcnt), if a.reset { Msg::LorawanAbpAcceptedReset(a.fcnt) } else { Msg::LorawanAbpAccepted(a.fcnt) }),
                    Err(r) => (Value::Text("—".into()), r.msg()),
                };
                vec![Value::int(i + 1), Value::int(low), fcnt, Value::Msg(text)]
            })
            .collect();
        Ok(vec![
            Output::new(M::LorawanAbpVerdict, verdict),
            Output::new(M::LorawanAbpLog, Value::Table { head: vec![M::LorawanAbpLogIndex.into(), M::LorawanAbpLogAir.into(), M::LorawanAbpLogFull.into(), M::LorawanAbpLogVerdict.into()], rows }),
        ]
        .into())
    }
}

fn frame_input(inputs: &Inputs) -> Result<Vec<u8>, Msg> {
    hex_input(inputs, "frame", M::LorawanAbpFrame)
}

fn mtype_name(t: MType) -> &'static str {
    match t {
        MType::JoinRequest => "Join Request",
        MType::JoinAccept => "Join Accept",
        MType::UnconfirmedDataUp => "Unconfirmed Data Up",
        MType::UnconfirmedDataDown => "Unconfirmed Data Down",
        MType::ConfirmedDataUp => "Confirmed Data Up",
        MType::ConfirmedDataDown => "Confirmed Data Down",
        MType::RFU => "RFU",
        MType::Proprietary => "Proprietary",
    }
}

fn mac_command_name(c: &MacCommand) -> &'static str {
    match c {
        MacCommand::LinkCheckReq(_) => "LinkCheckReq",
        MacCommand::LinkCheckAns(_) => "LinkCheckAns",
        MacCommand::LinkADRReq(_) => "LinkADRReq",
        MacCommand::LinkADRAns(_) => "LinkADRAns",
        MacCommand::DutyCycleReq(_) => "DutyCycleReq",
        MacCommand::DutyCycleAns(_) => "DutyCycleAns",
        MacCommand::RXParamSetupReq(_) => "RXParamSetupReq",
        MacCommand::RXParamSetupAns(_) => "RXParamSetupAns",
        MacCommand::DevStatusReq(_) => "DevStatusReq",
        MacCommand::DevStatusAns(_) => "DevStatusAns",
        MacCommand::NewChannelReq(_) => "NewChannelReq",
        MacCommand::NewChannelAns(_) => "NewChannelAns",
        MacCommand::RXTimingSetupReq(_) => "RXTimingSetupReq",
        MacCommand::RXTimingSetupAns(_) => "RXTimingSetupAns",
    }
}

fn yes(b: bool) -> String {
    u8::from(b).to_string()
}

/// A captured data frame for the viewer: decoded with `lorawan-encoding`, each field with the
/// bytes it spans (bit fields give their byte).
pub fn decode(time_ms: u64, bytes: Vec<u8>) -> Frame {
    let lay = layout(&bytes).expect("the engine's own frames are well formed");
    let mhdr = MHDR::new(bytes[0]);
    let kind = mtype_name(mhdr.mtype());
    let uplink = !downlink(&bytes);
    let fhdr = FHDR::new(&bytes[1..lay.mic_at], uplink).expect("checked by layout");
    let fctrl = fhdr.fctrl();
    let dev = dev_addr_written(&bytes);
    let fhdr_len = 7 + lay.fopts_len;
    let mut fields = vec![
        capture::Field::new("MHDR", format!("0x{:02x}", bytes[0]), 0, 1),
        capture::Field::new("MType", kind, 0, 1).nested(),
        capture::Field::new("Major", if mhdr.major() == Major::LoRaWANR1 { "LoRaWAN R1" } else { "RFU" }, 0, 1).nested(),
        capture::Field::new("FHDR", hex::encode(&bytes[1..1 + fhdr_len]), 1, fhdr_len),
        capture::Field::new("DevAddr", hex::encode(dev), 1, 4).nested(),
        capture::Field::new("FCtrl", format!("0x{:02x}", fctrl.raw_value()), 5, 1).nested(),
        capture::Field::new("ADR", yes(fctrl.adr()), 5, 1).nested(),
        capture::Field::new("ADRACKReq", yes(fctrl.adr_ack_req()), 5, 1).nested(),
        capture::Field::new("ACK", yes(fctrl.ack()), 5, 1).nested(),
        capture::Field::new("FOptsLen", fctrl.f_opts_len().to_string(), 5, 1).nested(),
        capture::Field::new("FCnt", fhdr.fcnt().to_string(), 6, 2).nested(),
    ];
    if lay.fopts_len > 0 {
        let names: Vec<&str> = parse_mac_commands(&bytes[8..8 + lay.fopts_len], uplink).map(|c| mac_command_name(&c)).collect();
        fields.push(capture::Field::new("FOpts", names.join(", "), 8, lay.fopts_len).nested());
    }
    if let Some(p) = lay.fport_at {
        fields.push(capture::Field::new("FPort", bytes[p].to_string(), p, 1));
        fields.push(capture::Field::new("FRMPayload", hex::encode(&bytes[lay.payload.clone()]), lay.payload.start, lay.payload.len()));
    }
    fields.push(capture::Field::new("MIC", hex::encode(&bytes[lay.mic_at..]), lay.mic_at, 4));
    let summary = format!("{kind}, FCnt {}, FPort {}", fhdr.fcnt(), lay.fport_at.map_or("-".into(), |p| bytes[p].to_string()));
    let (source, destination) = (format!("DevAddr {}", hex::encode(dev)), "Network Server".to_string());
    let (source, destination, direction) = if uplink { (source, destination, Direction::Up) } else { (destination, source, Direction::Down) };
    Frame { time_ms, direction, source, destination, protocol: "LoRaWAN".into(), kind: kind.into(), summary, bytes, fields }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let target = self.target_frame();
        Vars::from([
            ("dev_addr".into(), hex::encode(self.dev_addr)),
            ("app_skey".into(), hex::encode(self.keys.app)),
            ("frame_count".into(), (self.before.len() + self.after.len()).to_string()),
            ("target_index".into(), (self.target + 1).to_string()),
            ("target_fcnt16".into(), fcnt16(&target).to_string()),
            ("target_mic".into(), hex::encode(&target[target.len() - 4..])),
            ("target_frame".into(), hex::encode(&target)),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        match check {
            "fcnt32" => Some(self.before[self.target].fcnt.to_string()),
            "plaintext" => Some(self.before[self.target].text.clone()),
            // A frame sent after the reboot, with a counter below the server's last one.
            "replay" => Some(hex::encode(seal(self.dev_addr, &self.keys, &self.after[1]))),
            _ => None,
        }
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        match check {
            "fcnt32" => super::rsa_common::grade_integer(check, self.reference(check), answer),
            "plaintext" => super::grade_text(check, self.reference(check), answer),
            "replay" => {
                let Ok(frame) = hex::decode(crate::core::grading::Normalization::Hex.apply(answer)) else {
                    return LabVerdict::Unreadable(Msg::LorawanAbpAnswerNotHex());
                };
                if let Err(m) = layout(&frame) {
                    return LabVerdict::Unreadable(m.msg());
                }
                // A replay: a frame of the capture as it is, taken as new by the relaxed server.
                let (mut server, _) = self.server_after_capture("relaxed");
                if self.captured().contains(&frame) && server.receive(&frame).is_ok() {
                    LabVerdict::Correct
                } else {
                    LabVerdict::Wrong
                }
            }
            _ => LabVerdict::Unreadable(Msg::UnknownCheck(check)),
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "mic" => self.mic_tool(inputs),
            "decrypt" => self.decrypt_tool(inputs),
            "server" => self.server_tool(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    /// The workbench's AES in CTR mode decrypts FRMPayload too: the IV is A_1, whose last byte
    /// counts the blocks (left for the learner to build).
    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let target = self.target_frame();
        let lay = layout(&target).expect("own frame");
        let (key, data) = (hex::encode(self.keys.app), hex::encode(&target[lay.payload]));
        Some(WorkbenchLink::new("aes", &[("mode", "ctr"), ("key", key.as_str()), ("data", data.as_str())]))
    }

    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        match request {
            ViewRequest::Captures => {
                let mut reboot = self.frames_of(&self.before, &self.keys);
                reboot.extend(self.frames_of(&self.after, &self.keys));
                let mut nvm = self.frames_of(&self.before, &self.keys);
                nvm.extend(self.frames_of(&self.after_in("nvm"), &self.keys));
                Ok(ViewData::Captures(vec![
                    Capture { id: "abp-reboot".into(), title: M::LorawanAbpCaptureReboot, frames: reboot },
                    Capture { id: "abp-nvm".into(), title: M::LorawanAbpCaptureNvm, frames: nvm },
                ]))
            }
            _ => Err(Msg::LabUnavailable()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::tools::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "lorawan-abp")
    }

    fn lab(n: u8) -> Instance {
        build(&Params {}, &seed(n))
    }

    fn h16(s: &str) -> [u8; 16] {
        arr16(hex::decode(s).unwrap())
    }

    fn open(frame: &[u8], key: &[u8; 16], fcnt: u32) -> Vec<u8> {
        let lay = layout(frame).unwrap();
        crypt_frm(key, downlink(frame), &frame[1..5], fcnt, &frame[lay.payload])
    }

    fn mic_ok(frame: &[u8], nwk: &[u8; 16], fcnt: u32) -> bool {
        let at = frame.len() - 4;
        mic(nwk, &frame[..at], fcnt) == frame[at..]
    }

    /// lora-packet (github.com/anthonykirby/lora-packet, README and __tests__/mic_test.ts,
    /// __tests__/decrypt_test.ts): 40F17DBE4900020001954378762B11FF0D, FCnt 2, has MIC 2b11ff0d
    /// under NwkSKey 44024241ed4ce9a68c6a8bc055233fd3 and decrypts to "test" under AppSKey
    /// ec925802ae430ca77fd3dd73cb2cc588. Their tampered cases: AppSKey ending 580 gives 5999fc3f,
    /// the ciphertext byte 43 → 44 gives "tbst" (and the MIC no longer holds).
    #[test]
    fn the_lora_packet_vector_verifies_and_decrypts() {
        let frame = hex::decode("40F17DBE4900020001954378762B11FF0D").unwrap();
        let (nwk, app) = (h16("44024241ed4ce9a68c6a8bc055233fd3"), h16("ec925802ae430ca77fd3dd73cb2cc588"));
        assert_eq!(fcnt16(&frame), 2);
        assert_eq!(dev_addr_written(&frame), [0x49, 0xbe, 0x7d, 0xf1]);
        assert!(mic_ok(&frame, &nwk, 2));
        assert_eq!(open(&frame, &app, 2), b"test");
        // Tampered: another key, a changed byte, another 32-bit counter with the same 16 bits.
        assert_eq!(hex::encode(open(&frame, &h16("ec925802ae430ca77fd3dd73cb2cc580"), 2)), "5999fc3f");
        let altered = hex::decode("40F17DBE4900020001954478762B11FF0D").unwrap();
        assert_eq!(open(&altered, &app, 2), b"tbst");
        assert!(!mic_ok(&altered, &nwk, 2));
        assert!(!mic_ok(&frame, &nwk, 0x1_0002));
        assert_ne!(open(&frame, &app, 0x1_0002), b"test");
        // The same library's frame without FRMPayload (FCnt 3): MIC 2a3518af; its bodged MIC fails.
        assert!(mic_ok(&hex::decode("40F17DBE49000300012A3518AF").unwrap(), &nwk, 3));
        assert!(!mic_ok(&hex::decode("40F17DBE49000300012A3518AA").unwrap(), &nwk, 3));
    }

    /// lorawan-encoding 0.6.2's own tests (tests/lorawan.rs): `phy_datadown_payload`, built by
    /// its DataPayloadCreator with FCnt 76543 (a 32-bit counter above 65535), NwkSKey [2; 16],
    /// AppSKey [1; 16], carries "hello lora"; `phy_dataup_payload` (FCnt 1) carries "hello".
    #[test]
    fn lorawan_encoding_test_frames_verify_under_their_32_bit_counter() {
        let down = [0xa0, 0x04, 0x03, 0x02, 0x01, 0x80, 0xff, 0x2a, 0x2a, 0x0a, 0xf1, 0xa3, 0x6a, 0x05, 0xd0, 0x12, 0x5f, 0x88, 0x5d, 0x88, 0x1d, 0x49, 0xe1];
        let (nwk, app) = ([2u8; 16], [1u8; 16]);
        assert!(mic_ok(&down, &nwk, 76543));
        assert_eq!(open(&down, &app, 76543), b"hello lora");
        assert!(!mic_ok(&down, &nwk, 76543 & 0xffff), "the 16 bits alone do not verify");
        assert_ne!(open(&down, &app, 76543 & 0xffff), b"hello lora");
        let up = [0x40, 0x04, 0x03, 0x02, 0x01, 0x80, 0x01, 0x00, 0x01, 0xa6, 0x94, 0x64, 0x26, 0x15, 0xd6, 0xc3, 0xb5, 0x82];
        assert!(mic_ok(&up, &nwk, 1));
        assert_eq!(open(&up, &app, 1), b"hello");
        let mut tampered = up;
        tampered[9] ^= 1;
        assert!(!mic_ok(&tampered, &nwk, 1));
    }

    #[test]
    fn sealed_frames_decode_with_the_crate_and_open_again() {
        let l = lab(1);
        let frames = l.captured();
        for (frame, up) in frames.iter().zip(l.before.iter().chain(&l.after)) {
            assert_eq!(u32::from(fcnt16(frame)), up.fcnt & 0xffff);
            assert!(mic_ok(frame, &l.keys.nwk, up.fcnt));
            assert_eq!(open(frame, &l.keys.app, up.fcnt), up.text.as_bytes());
            let decoded = decode(0, frame.clone());
            assert!(decoded.fields_in_bounds());
            let field = |name: &str| decoded.fields.iter().find(|f| f.name == name).unwrap().value.clone();
            assert_eq!(field("FCnt"), (up.fcnt & 0xffff).to_string());
            assert_eq!(field("DevAddr"), hex::encode(l.dev_addr));
            assert_eq!(field("FPort"), "2");
            assert_eq!(decoded.kind, if up.confirmed { "Confirmed Data Up" } else { "Unconfirmed Data Up" });
            if !up.fopts.is_empty() {
                assert_eq!(field("FOpts"), "LinkCheckReq");
            }
        }
    }

    /// The attack: the relaxed server takes a frame sent after the reboot, replayed, as a new
    /// device reset; each fix refuses it, and refuses every other captured frame too.
    /// lorawan-encoding's crypto traits on RustCrypto's aes and cmac (the crate's own default
    /// crypto needs yanked versions): the crate then computes B0, the MIC, the A_i blocks and the
    /// FRMPayload itself.
    mod crate_crypto {
        use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
        use cmac::Mac as _;
        use generic_array::{typenum::U16, GenericArray};
        use lorawan_encoding::keys::{CryptoFactory, Decrypter, Encrypter, Mac, AES128};

        pub struct Factory;
        pub struct Cipher(aes::Aes128);
        pub struct Cmac(cmac::Cmac<aes::Aes128>);

        impl Encrypter for Cipher {
            fn encrypt_block(&self, block: &mut GenericArray<u8, U16>) {
                let mut b = aes::Block::default();
                b.copy_from_slice(block);
                self.0.encrypt_block(&mut b);
                block.copy_from_slice(&b);
            }
        }
        impl Decrypter for Cipher {
            fn decrypt_block(&self, block: &mut GenericArray<u8, U16>) {
                let mut b = aes::Block::default();
                b.copy_from_slice(block);
                self.0.decrypt_block(&mut b);
                block.copy_from_slice(&b);
            }
        }
        impl Mac for Cmac {
            fn input(&mut self, data: &[u8]) {
                self.0.update(data);
            }
            fn reset(&mut self) {
                self.0.reset();
            }
            fn result(self) -> GenericArray<u8, U16> {
                GenericArray::clone_from_slice(&self.0.finalize().into_bytes())
            }
        }
        impl CryptoFactory for Factory {
            type E = Cipher;
            type D = Cipher;
            type M = Cmac;
            fn new_enc(&self, key: &AES128) -> Cipher {
                Cipher(aes::Aes128::new_from_slice(&key.0).unwrap())
            }
            fn new_dec(&self, key: &AES128) -> Cipher {
                Cipher(aes::Aes128::new_from_slice(&key.0).unwrap())
            }
            fn new_mac(&self, key: &AES128) -> Cmac {
                Cmac(<cmac::Cmac<aes::Aes128> as KeyInit>::new_from_slice(&key.0).unwrap())
            }
        }
    }

    /// The engine builds B0 and the A_i blocks itself because its tools show them to the
    /// learner; lorawan-encoding's own MIC and FRMPayload code must agree on every frame.
    #[test]
    fn the_mic_and_the_payload_agree_with_lorawan_encodings_own_code() {
        use lorawan_encoding::keys::AES128;
        use lorawan_encoding::parser::{parse_with_factory, DataPayload, FRMPayload, PhyPayload};
        // The lora-packet README frame first (NwkSKey 4402…3fd3, AppSKey ec92…c588, FCnt 2, "test").
        let published = hex::decode("40F17DBE4900020001954378762B11FF0D").unwrap();
        let Ok(PhyPayload::Data(DataPayload::Encrypted(enc))) = parse_with_factory(published, crate_crypto::Factory) else { panic!("not a data frame") };
        assert!(enc.validate_mic(&AES128(h16("44024241ed4ce9a68c6a8bc055233fd3")), 2));
        assert!(!enc.validate_mic(&AES128(h16("44024241ed4ce9a68c6a8bc055233fd4")), 2), "tampered key");
        let clear = enc.decrypt(None, Some(&AES128(h16("ec925802ae430ca77fd3dd73cb2cc588"))), 2).unwrap();
        assert!(matches!(clear.frm_payload(), Ok(FRMPayload::Data(d)) if d == b"test"));
        for n in 0..10u8 {
            let l = lab(n);
            for up in l.before.iter().chain(&l.after) {
                let frame = seal(l.dev_addr, &l.keys, up);
                let Ok(PhyPayload::Data(DataPayload::Encrypted(enc))) = parse_with_factory(frame, crate_crypto::Factory) else { panic!("not a data frame") };
                assert!(enc.validate_mic(&AES128(l.keys.nwk), up.fcnt), "seed {n}, FCnt {}", up.fcnt);
                assert!(!enc.validate_mic(&AES128(l.keys.nwk), up.fcnt ^ 0x1_0000), "only the whole 32-bit counter verifies");
                let clear = enc.decrypt(Some(&AES128(l.keys.nwk)), Some(&AES128(l.keys.app)), up.fcnt).unwrap();
                assert!(matches!(clear.frm_payload(), Ok(FRMPayload::Data(d)) if d == up.text.as_bytes()), "seed {n}, FCnt {}", up.fcnt);
            }
        }
    }

    #[test]
    fn the_relaxed_server_accepts_a_replay_and_each_fix_refuses_it() {
        for n in 0..20 {
            let l = lab(n);
            let replay = hex::decode(l.reference("replay").unwrap()).unwrap();
            let (mut relaxed, log) = l.server_after_capture("relaxed");
            assert!(log.iter().all(|(_, v)| v.is_ok()), "the relaxed server took the whole capture: {log:?}");
            assert_eq!(relaxed.receive(&replay), Ok(Accepted { fcnt: 1, reset: true }));
            let (mut strict, _) = l.server_after_capture("strict");
            assert!(matches!(strict.receive(&replay), Err(Refusal::CounterBack { fcnt: 1, .. })));
            let (mut nvm, _) = l.server_after_capture("nvm");
            assert!(matches!(nvm.receive(&replay), Err(Refusal::CounterBack { fcnt: 1, .. })));
            let (mut otaa, _) = l.server_after_capture("otaa");
            assert!(matches!(otaa.receive(&replay), Err(Refusal::Mic { .. })), "new session keys");
            for setting in ["strict", "nvm", "otaa"] {
                for frame in l.captured() {
                    assert!(l.server_after_capture(setting).0.receive(&frame).is_err(), "{n} {setting}");
                }
            }
            assert_eq!(l.grade("replay", &hex::encode(&replay)), LabVerdict::Correct);
        }
    }

    /// Strict counters alone refuse the replay but also the device's own frames after its reboot;
    /// NVM and OTAA keep the device working.
    #[test]
    fn strict_counters_alone_cut_the_rebooted_device_off() {
        let l = lab(2);
        let (_, strict) = l.server_after_capture("strict");
        let (before, after) = strict.split_at(l.before.len());
        assert!(before.iter().all(|(_, v)| v.is_ok()));
        assert!(after.iter().all(|(_, v)| matches!(v, Err(Refusal::CounterBack { .. }))), "{after:?}");
        for setting in ["nvm", "otaa"] {
            assert!(l.server_after_capture(setting).1.iter().all(|(_, v)| v.is_ok()), "{setting}");
        }
        let (_, nvm) = l.server_after_capture("nvm");
        assert_eq!(nvm.last().unwrap().1.as_ref().unwrap().fcnt, l.last_before() + l.after.len() as u32);
    }

    /// The named frame's counter is above 65535: the MIC verifies under the rebuilt 32-bit value,
    /// not under the 16 bits sent; its payload opens only under that counter.
    #[test]
    fn the_32_bit_counter_is_rebuilt_and_decrypts_the_named_frame() {
        for n in 0..30 {
            let l = lab(n);
            let vars = l.variables();
            let fcnt: u32 = l.reference("fcnt32").unwrap().parse().unwrap();
            assert!(fcnt > 0xffff && fcnt & 0xffff == vars["target_fcnt16"].parse::<u32>().unwrap());
            // The same 16 bits occur after the reboot: the position in the capture decides.
            assert!(l.after.iter().any(|u| u.fcnt == fcnt & 0xffff));
            let mic_run = |c: &str| l.run_tool("mic", &inputs_of(&[("frame", &vars["target_frame"]), ("fcnt", c)])).unwrap();
            assert!(matches!(mic_run(&fcnt.to_string()).get(M::LorawanAbpMicVerdict), Some(Value::Verdict { ok: true, .. })));
            assert!(matches!(mic_run(&vars["target_fcnt16"]).get(M::LorawanAbpMicVerdict), Some(Value::Verdict { ok: false, .. })));
            let dec = |c: &str| l.run_tool("decrypt", &inputs_of(&[("frame", &vars["target_frame"]), ("fcnt", c), ("app_skey", &vars["app_skey"])])).unwrap();
            let text = dec(&fcnt.to_string()).get(M::LorawanAbpPlainText).unwrap().render(Lang::En);
            assert_eq!(l.grade("plaintext", &text), LabVerdict::Correct);
            assert_eq!(l.grade("fcnt32", &fcnt.to_string()), LabVerdict::Correct);
            assert_eq!(l.grade("fcnt32", &format!("{:#x}", fcnt)), LabVerdict::Correct);
            assert_eq!(l.grade("fcnt32", &vars["target_fcnt16"]), LabVerdict::Wrong);
            let noise = dec(&vars["target_fcnt16"]).get(M::LorawanAbpPlainText).unwrap().render(Lang::En);
            assert_ne!(l.grade("plaintext", &noise), LabVerdict::Correct);
        }
    }

    #[test]
    fn only_a_captured_frame_that_the_relaxed_server_takes_is_a_replay() {
        let l = lab(5);
        let frames = l.captured();
        // The frames before the reboot: too far ahead of the reset counter, or their MIC fails.
        for f in &frames[..l.before.len()] {
            assert_eq!(l.grade("replay", &hex::encode(f)), LabVerdict::Wrong);
        }
        // The last one sent: not below the last counter.
        assert_eq!(l.grade("replay", &hex::encode(frames.last().unwrap())), LabVerdict::Wrong);
        // A forged frame under the right keys is no replay.
        let forged = seal(l.dev_addr, &l.keys, &Uplink { time_ms: 0, fcnt: 1, confirmed: false, fopts: vec![], text: "door=open;t=9.9C".into() });
        assert!(l.server_after_capture("relaxed").0.receive(&forged).is_ok());
        assert_eq!(l.grade("replay", &hex::encode(&forged)), LabVerdict::Wrong);
        assert!(matches!(l.grade("replay", "zz"), LabVerdict::Unreadable(_)));
        assert!(matches!(l.grade("replay", "4001020304"), LabVerdict::Unreadable(_)));
    }

    #[test]
    fn the_server_tool_gives_its_verdict_and_the_log_and_refuses_bad_input() {
        let l = lab(7);
        let replay = l.reference("replay").unwrap();
        let send = |frame: &str, setting: &str| l.run_tool("server", &inputs_of(&[("frame", frame), ("setting", setting)]));
        let relaxed = send(&replay, "relaxed").unwrap();
        assert_eq!(relaxed.outputs[0].value.render(Lang::En), "accepted as a device reset, counter 1");
        assert!(matches!(relaxed.get(M::LorawanAbpLog), Some(Value::Table { rows, .. }) if rows.len() == l.captured().len()));
        assert!(send(&replay, "strict").unwrap().outputs[0].value.render(Lang::En).starts_with("refused (counter): counter 1 is not above"));
        assert!(send(&replay, "otaa").unwrap().outputs[0].value.render(Lang::Fr).starts_with("refusée (MIC)"));
        assert!(send(&replay, "").is_ok(), "an empty setting is the first one");
        let mut other = hex::decode(&replay).unwrap();
        other[1] ^= 0xff;
        assert!(send(&hex::encode(other), "relaxed").unwrap().outputs[0].value.render(Lang::En).starts_with("refused: DevAddr"));
        assert_eq!(send("0011", "relaxed").unwrap_err().en(), "the frame is 2 bytes; a data frame has at least 12 (MHDR, FHDR, MIC)");
        assert!(send(&replay, "lenient").unwrap_err().en().contains("must be one of: relaxed, strict, nvm, otaa"));
        assert!(send("00112233445566778899aabbcc", "relaxed").unwrap_err().en().starts_with("not a data frame"));
        assert_eq!(send("40010203040f0000aabbccdd", "relaxed").unwrap_err().en(), "FOptsLen is 15: FOpts would run into the MIC");
        let err = l.run_tool("decrypt", &inputs_of(&[("frame", &replay), ("fcnt", "1"), ("app_skey", "0011")])).unwrap_err();
        assert!(err.en().contains("is 2 bytes"), "{}", err.en());
        let err = l.run_tool("mic", &inputs_of(&[("frame", &replay), ("fcnt", "-1")])).unwrap_err();
        assert!(err.en().contains("whole number from 0 to 4294967295"), "{}", err.en());
        let err = l.run_tool("decrypt", &inputs_of(&[("frame", "40F17DBE49000300012A3518AF"), ("fcnt", "3"), ("app_skey", &hex::encode([0u8; 16]))])).unwrap_err();
        assert_eq!(err, Msg::LorawanAbpNoPayload());
    }

    #[test]
    fn instances_differ_between_learners_and_captures_cross_the_roll_over() {
        let (a, b) = (lab(1), lab(2));
        assert_ne!(a.variables()["app_skey"], b.variables()["app_skey"]);
        assert_ne!(a.captured(), b.captured());
        for n in 0..30 {
            let l = lab(n);
            assert!(l.before.first().unwrap().fcnt < 0x1_0000 && l.last_before() > 0x1_0000);
            let Ok(ViewData::Captures(captures)) = l.view(&ViewRequest::Captures) else { panic!("no captures") };
            assert_eq!(captures.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["abp-reboot", "abp-nvm"]);
            assert_eq!(captures[0].frames.len(), l.variables()["frame_count"].parse::<usize>().unwrap());
            let target = &captures[0].frames[l.variables()["target_index"].parse::<usize>().unwrap() - 1];
            assert_eq!(hex::encode(&target.bytes), l.variables()["target_frame"]);
        }
    }
}
