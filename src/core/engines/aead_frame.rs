//! `aead-frame`: a sensor frame is `header ‖ nonce ‖ AES-128-GCM(payload) ‖ tag`. The header
//! (device id, frame counter, measurement type) travels in clear because the gateway routes and
//! de-duplicates on it; only the associated data (AAD) ties it to the tag. The lab's gateway
//! authenticates the whole header. A gateway configured with fewer AAD fields accepts a header an
//! attacker rewrote: a replayed frame with a bumped counter, a reading moved to another device.

use serde::{Deserialize, Serialize};

use super::{AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars, WorkbenchLink};
use crate::core::crypto;
use crate::core::msg::{Arg, Msg, M};
use crate::core::tools::{hex_input, number_input, raw, select_input, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

pub const HEADER_LEN: usize = 9;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const MIN_FRAME: usize = HEADER_LEN + NONCE_LEN + TAG_LEN;

/// Measurement types, by their header byte (1-based).
pub const TYPES: &[&str] = &["temperature", "humidity", "co2", "door"];

/// The header fields that may go into the AAD, in header order. Every subset is offered.
pub const AAD_CHOICES: &[&str] = &["none", "device", "counter", "type", "device+counter", "device+type", "counter+type", "device+counter+type"];
pub const FULL_HEADER: &str = "device+counter+type";
const HEADER_FIELDS: &[&str] = &["device", "counter", "type"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub device: [u8; 4],
    pub counter: u32,
    pub kind: u8,
}

impl Header {
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..4].copy_from_slice(&self.device);
        out[4..8].copy_from_slice(&self.counter.to_be_bytes());
        out[8] = self.kind;
        out
    }

    pub fn parse(bytes: &[u8]) -> Header {
        Header { device: bytes[..4].try_into().expect("4 bytes"), counter: u32::from_be_bytes(bytes[4..8].try_into().expect("4 bytes")), kind: bytes[8] }
    }

    /// The associated data a device or gateway configured with `choice` authenticates.
    pub fn aad(&self, choice: &str) -> Vec<u8> {
        let mut aad = Vec::new();
        if choice.contains("device") {
            aad.extend_from_slice(&self.device);
        }
        if choice.contains("counter") {
            aad.extend_from_slice(&self.counter.to_be_bytes());
        }
        if choice.contains("type") {
            aad.push(self.kind);
        }
        aad
    }

    fn type_name(&self) -> String {
        TYPES.get((self.kind as usize).wrapping_sub(1)).map(|t| t.to_string()).unwrap_or_else(|| format!("0x{:02x}", self.kind))
    }
}

const SEAL_FIELDS: &[Field] = &[
    Field::new("aad", M::AeadFrameAad, FieldKind::Select(AAD_CHOICES)).default("none"),
    Field::new("counter", M::AeadFrameCounter, FieldKind::Number { min: 0, max: u32::MAX as u64 }).prefill("next_counter"),
    Field::new("type", M::AeadFrameType, FieldKind::Select(TYPES)).prefill("type"),
    Field::new("payload", M::AeadFramePayload, FieldKind::Text).prefill("reading"),
    Field::new("nonce", M::AeadFrameNonce, FieldKind::Hex { bytes: Some(NONCE_LEN) }).prefill("nonce"),
];
const GATEWAY_FIELDS: &[Field] = &[Field::new("frame", M::AeadFrameFrame, FieldKind::Hex { bytes: None }).prefill("captured"), Field::new("aad", M::AeadFrameAad, FieldKind::Select(AAD_CHOICES)).default("none")];
const TAMPER_FIELDS: &[Field] = &[
    Field::new("frame", M::AeadFrameFrame, FieldKind::Hex { bytes: None }).prefill("captured"),
    Field::new("field", M::AeadFrameField, FieldKind::Select(HEADER_FIELDS)).default("device"),
    Field::new("value", M::AeadFrameValue, FieldKind::Text),
];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "aead-frame",
    title: M::AeadFrameTitle,
    teaches: M::AeadFrameTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "key", doc: "The device's AES-128-GCM key (hex, 16 bytes)." },
        VarSpec { name: "device", doc: "The device id (hex, 4 bytes), the first header field." },
        VarSpec { name: "last_counter", doc: "The last frame counter the gateway accepted from this device." },
        VarSpec { name: "next_counter", doc: "The next counter the gateway accepts (last_counter + 1)." },
        VarSpec { name: "type", doc: "The measurement type the learner's frame must carry (humidity or co2)." },
        VarSpec { name: "reading", doc: "The reading the learner's frame must carry, as text (e.g. `co2=812ppm`)." },
        VarSpec { name: "nonce", doc: "A fresh nonce for the learner's frame (hex, 12 bytes)." },
        VarSpec { name: "captured", doc: "A frame recorded earlier from a legacy firmware that authenticated no header field (hex)." },
    ],
    checks: &[CheckSpec { name: "frame", doc: "A frame (hex) that the production gateway (whole header in the AAD) accepts, from this device, with the required type and reading; any nonce will do.", answer: AnswerKind::Hex }],
    tools: &[
        ToolSpec { id: "seal", title: M::AeadFrameSeal, help: M::AeadFrameSealHelp, button: M::AeadFrameSealButton, fields: SEAL_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "gateway", title: M::AeadFrameGateway, help: M::AeadFrameGatewayHelp, button: M::AeadFrameGatewayButton, fields: GATEWAY_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
        ToolSpec { id: "tamper", title: M::AeadFrameTamper, help: M::AeadFrameTamperHelp, button: M::AeadFrameTamperButton, fields: TAMPER_FIELDS, oracle: false, cost: Cost::Light, after_solving: false },
    ],
    cost: Cost::Light,
    view: None,
    rule: None,
};

fn key(seed: &InstanceSeed) -> Vec<u8> {
    seed.value("device-key", 16)
}

fn device(seed: &InstanceSeed) -> [u8; 4] {
    seed.value("device-id", 4).try_into().expect("4 bytes")
}

/// The last counter the gateway accepted from this device.
pub fn last_counter(seed: &InstanceSeed) -> u32 {
    let v = seed.value("counter", 2);
    1000 + u32::from(u16::from_be_bytes([v[0], v[1]]) % 5000)
}

fn required_type(seed: &InstanceSeed) -> u8 {
    2 + seed.value("type", 1)[0] % 2
}

/// The reading the learner's frame must carry.
pub fn reading(seed: &InstanceSeed) -> String {
    let v = seed.value("reading", 2);
    let n = u16::from_be_bytes([v[0], v[1]]);
    match required_type(seed) {
        2 => format!("humidity={}.{}%", 20 + n % 60, n % 10),
        _ => format!("co2={}ppm", 400 + n % 1600),
    }
}

pub fn seal(key: &[u8], header: &Header, nonce: &[u8; NONCE_LEN], aad_choice: &str, payload: &[u8]) -> Vec<u8> {
    let sealed = crypto::aes128_gcm_seal(key, nonce, &header.aad(aad_choice), payload).expect("16-byte key");
    [&header.to_bytes()[..], nonce, &sealed].concat()
}

/// Why a gateway turned a frame down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooShort(usize),
    UnknownDevice,
    Replay { counter: u32, last: u32 },
    BadTag,
}

impl Refusal {
    fn msg(&self) -> Msg {
        match self {
            Refusal::TooShort(n) => Msg::AeadFrameTooShort(Arg::bytes(*n)),
            Refusal::UnknownDevice => Msg::AeadFrameUnknownDevice(),
            Refusal::Replay { counter, last } => Msg::AeadFrameReplayed(*counter, *last),
            Refusal::BadTag => Msg::AeadFrameBadTag(),
        }
    }
}

/// A second device of the same batch, provisioned with the same key (the batch key).
fn neighbour(seed: &InstanceSeed) -> [u8; 4] {
    let mut d = device(seed);
    d[3] = d[3].wrapping_add(1);
    d
}

/// A frame an attacker recorded earlier: the legacy firmware authenticated no header field.
fn captured(seed: &InstanceSeed) -> Vec<u8> {
    let header = Header { device: device(seed), counter: last_counter(seed) - 7, kind: 4 };
    seal(&key(seed), &header, &seed.value("captured-nonce", 12).try_into().expect("12"), "none", b"door=open")
}

fn reference_frame(seed: &InstanceSeed) -> Vec<u8> {
    let header = Header { device: device(seed), counter: last_counter(seed) + 1, kind: required_type(seed) };
    seal(&key(seed), &header, &seed.value("nonce", 12).try_into().expect("12"), FULL_HEADER, reading(seed).as_bytes())
}

fn layout(frame: &[u8]) -> String {
    let (header, rest) = frame.split_at(HEADER_LEN);
    let (nonce, rest) = rest.split_at(NONCE_LEN);
    let (body, tag) = rest.split_at(rest.len() - TAG_LEN);
    format!("{} {} | {} | {} | {} | {}", hex::encode(&header[..4]), hex::encode(&header[4..8]), hex::encode(&header[8..]), hex::encode(nonce), hex::encode(body), hex::encode(tag))
}

/// A select field; left empty, its first value.
fn choice<'a>(inputs: &Inputs, id: &str, label: M, options: &[&'a str]) -> Result<&'a str, Msg> {
    if raw(inputs, id).trim().is_empty() {
        return Ok(options[0]);
    }
    select_input(inputs, id, label, options)
}

fn frame_input(inputs: &Inputs) -> Result<Vec<u8>, Msg> {
    let frame = hex_input(inputs, "frame", M::AeadFrameFrame)?;
    if frame.len() < MIN_FRAME {
        return Err(Msg::AeadFrameFrameLength(Arg::bytes(frame.len()), MIN_FRAME));
    }
    Ok(frame)
}

pub struct Instance {
    key: Vec<u8>,
    device: [u8; 4],
    neighbour: [u8; 4],
    last: u32,
    kind: u8,
    reading: String,
    nonce: Vec<u8>,
    captured: Vec<u8>,
    reference: Vec<u8>,
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    Instance {
        key: key(seed),
        device: device(seed),
        neighbour: neighbour(seed),
        last: last_counter(seed),
        kind: required_type(seed),
        reading: reading(seed),
        nonce: seed.value("nonce", 12),
        captured: captured(seed),
        reference: reference_frame(seed),
    }
}

impl Instance {
    /// What a gateway with AAD `aad_choice` makes of a frame: the header and payload it accepts.
    pub fn receive(&self, frame: &[u8], aad_choice: &str) -> Result<(Header, Vec<u8>), Refusal> {
        if frame.len() < MIN_FRAME {
            return Err(Refusal::TooShort(frame.len()));
        }
        let header = Header::parse(&frame[..HEADER_LEN]);
        let nonce: [u8; NONCE_LEN] = frame[HEADER_LEN..HEADER_LEN + NONCE_LEN].try_into().expect("12 bytes");
        // The gateway knows every device of the fleet; in this lab the neighbour's key is the same
        // provisioning key, which is what lets a moved reading through when the id is not bound.
        if header.device != self.device && header.device != self.neighbour {
            return Err(Refusal::UnknownDevice);
        }
        if header.counter <= self.last {
            return Err(Refusal::Replay { counter: header.counter, last: self.last });
        }
        crypto::aes128_gcm_open(&self.key, &nonce, &header.aad(aad_choice), &frame[HEADER_LEN + NONCE_LEN..]).expect("16-byte key").map(|payload| (header, payload)).ok_or(Refusal::BadTag)
    }

    fn seal_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let aad = choice(inputs, "aad", M::AeadFrameAad, AAD_CHOICES)?;
        let counter = number_input(inputs, "counter", M::AeadFrameCounter, 0, u32::MAX as u64)? as u32;
        let type_name = choice(inputs, "type", M::AeadFrameType, TYPES)?;
        let kind = TYPES.iter().position(|t| *t == type_name).expect("checked by select") as u8 + 1;
        let nonce = hex_input(inputs, "nonce", M::AeadFrameNonce)?;
        let nonce: [u8; NONCE_LEN] = nonce.as_slice().try_into().map_err(|_| Msg::AeadFrameNonceLength(Arg::bytes(nonce.len())))?;
        let header = Header { device: self.device, counter, kind };
        let frame = seal(&self.key, &header, &nonce, aad, raw(inputs, "payload").as_bytes());
        let authenticated = header.aad(aad);
        Ok(vec![
            Output::new(M::AeadFrameFrame, Value::Hex(frame.clone())),
            Output::new(M::AeadFrameLayout, Value::Text(layout(&frame))),
            Output::new(M::AeadFrameAadOut, if authenticated.is_empty() { Value::Msg(Msg::AeadFrameNoAad()) } else { Value::Hex(authenticated) }),
        ]
        .into())
    }

    fn gateway_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let frame = frame_input(inputs)?;
        let aad = choice(inputs, "aad", M::AeadFrameAad, AAD_CHOICES)?;
        Ok(match self.receive(&frame, aad) {
            Ok((header, payload)) => vec![
                Output::new(M::AeadFrameVerdict, Value::Verdict { ok: true, text: Msg::AeadFrameAccepted() }),
                Output::new(M::AeadFrameHeaderSeen, Value::Text(format!("{} · {} · {}", hex::encode(header.device), header.counter, header.type_name()))),
                Output::new(M::AeadFramePayloadOut, Value::Text(String::from_utf8_lossy(&payload).into_owned())),
            ],
            Err(refusal) => vec![Output::new(M::AeadFrameRejected, Value::Verdict { ok: false, text: refusal.msg() })],
        }
        .into())
    }

    fn tamper_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let mut frame = frame_input(inputs)?;
        let field = choice(inputs, "field", M::AeadFrameField, HEADER_FIELDS)?;
        let value = raw(inputs, "value").trim();
        let mut header = Header::parse(&frame[..HEADER_LEN]);
        match field {
            "device" => header.device = hex::decode(value).ok().and_then(|d| d.try_into().ok()).ok_or_else(Msg::AeadFrameDeviceId)?,
            "counter" => header.counter = number_input(inputs, "value", M::AeadFrameValue, 0, u32::MAX as u64)? as u32,
            _ => header.kind = TYPES.iter().position(|t| *t == value).map(|i| i as u8 + 1).ok_or_else(|| Msg::AeadFrameUnknownType(TYPES.join(", ")))?,
        }
        frame[..HEADER_LEN].copy_from_slice(&header.to_bytes());
        Ok(vec![Output::new(M::AeadFrameRewritten, Value::Hex(frame.clone())), Output::new(M::AeadFrameLayoutShort, Value::Text(layout(&frame)))].into())
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([
            ("key".into(), hex::encode(&self.key)),
            ("device".into(), hex::encode(self.device)),
            ("last_counter".into(), self.last.to_string()),
            ("next_counter".into(), (self.last + 1).to_string()),
            ("type".into(), TYPES[self.kind as usize - 1].to_string()),
            ("reading".into(), self.reading.clone()),
            ("nonce".into(), hex::encode(&self.nonce)),
            ("captured".into(), hex::encode(&self.captured)),
        ])
    }

    fn reference(&self, check: &str) -> Option<String> {
        (check == "frame").then(|| hex::encode(&self.reference))
    }

    /// Any nonce will do: the gateway (whole header in the AAD) must accept the frame, from
    /// this device, with the required type and reading.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        if check != "frame" {
            return LabVerdict::Unreadable(Msg::UnknownCheck(check));
        }
        let Ok(frame) = hex::decode(crate::core::grading::Normalization::Hex.apply(answer)) else {
            return LabVerdict::Unreadable(Msg::AeadFrameNotHex());
        };
        match self.receive(&frame, FULL_HEADER) {
            Err(Refusal::TooShort(n)) => LabVerdict::Unreadable(Msg::AeadFrameFrameLength(Arg::bytes(n), MIN_FRAME)),
            Ok((header, payload)) if header.device == self.device && header.kind == self.kind && payload == self.reading.as_bytes() => LabVerdict::Correct,
            _ => LabVerdict::Wrong,
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "seal" => self.seal_tool(inputs),
            "gateway" => self.gateway_tool(inputs),
            "tamper" => self.tamper_tool(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn workbench_link(&self) -> Option<WorkbenchLink> {
        let (key, nonce, data) = (hex::encode(&self.key), hex::encode(&self.nonce), hex::encode(self.reading.as_bytes()));
        Some(WorkbenchLink::new("aes-gcm", &[("key", key.as_str()), ("nonce", nonce.as_str()), ("data", data.as_str())]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::Lang;
    use crate::core::tools::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "aead-kat")
    }

    fn lab(s: &InstanceSeed) -> Instance {
        build(&Params {}, s)
    }

    fn rewrite(frame: &[u8], f: impl Fn(&mut Header)) -> Vec<u8> {
        let mut header = Header::parse(&frame[..HEADER_LEN]);
        f(&mut header);
        [&header.to_bytes()[..], &frame[HEADER_LEN..]].concat()
    }

    fn plain(run: &ToolRun, label: M) -> String {
        run.get(label).and_then(Value::plain).unwrap()
    }

    /// The attack on a gateway that authenticates no header field: replay the captured frame
    /// with a fresh counter, or move it to the neighbour device; both are accepted.
    #[test]
    fn a_header_outside_the_aad_can_be_rewritten() {
        for n in 0..10 {
            let s = seed(n);
            let l = lab(&s);
            let captured = captured(&s);
            assert!(matches!(l.receive(&captured, "none"), Err(Refusal::Replay { .. })), "the capture itself is old");
            let replayed = rewrite(&captured, |h| h.counter = last_counter(&s) + 50);
            let (header, payload) = l.receive(&replayed, "none").expect("legacy gateway accepts the replay");
            assert_eq!((header.counter, payload.as_slice()), (last_counter(&s) + 50, &b"door=open"[..]));
            let moved = rewrite(&replayed, |h| h.device = neighbour(&s));
            assert_eq!(l.receive(&moved, "none").expect("moved to the neighbour").0.device, neighbour(&s));
            // Binding some fields is not enough: a counter left out can still be bumped.
            let header = Header { device: device(&s), counter: last_counter(&s) + 1, kind: 3 };
            let partial = seal(&key(&s), &header, &[7; 12], "device+type", b"co2=500ppm");
            assert!(l.receive(&rewrite(&partial, |h| h.counter += 100), "device+type").is_ok());
            assert_eq!(l.receive(&rewrite(&partial, |h| h.kind = 1), "device+type"), Err(Refusal::BadTag));
        }
    }

    /// The fix: with the whole header in the AAD, any rewritten field breaks the tag.
    #[test]
    fn a_bound_header_cannot_be_rewritten() {
        for n in 0..10 {
            let s = seed(n);
            let l = lab(&s);
            let frame = reference_frame(&s);
            assert!(l.receive(&frame, FULL_HEADER).is_ok());
            for tampered in [rewrite(&frame, |h| h.counter += 1), rewrite(&frame, |h| h.kind = 1), rewrite(&frame, |h| h.device = neighbour(&s))] {
                assert_eq!(l.receive(&tampered, FULL_HEADER), Err(Refusal::BadTag));
            }
        }
    }

    #[test]
    fn frames_sealed_with_the_tools_grade_by_their_aad() {
        let s = seed(3);
        let l = lab(&s);
        let vars = l.variables();
        for (aad, verdict) in [(FULL_HEADER, LabVerdict::Correct), ("device+counter", LabVerdict::Wrong), ("none", LabVerdict::Wrong)] {
            let inputs = inputs_of(&[("aad", aad), ("counter", &vars["next_counter"]), ("type", &vars["type"]), ("payload", &vars["reading"]), ("nonce", "00112233445566778899aabb")]);
            let frame = plain(&l.run_tool("seal", &inputs).unwrap(), M::AeadFrameFrame);
            assert_eq!(l.grade("frame", &frame), verdict, "{aad}");
        }
        // The right AAD but an old counter, or another reading: wrong.
        let stale = inputs_of(&[("aad", FULL_HEADER), ("counter", &vars["last_counter"]), ("type", &vars["type"]), ("payload", &vars["reading"]), ("nonce", &vars["nonce"])]);
        let frame = plain(&l.run_tool("seal", &stale).unwrap(), M::AeadFrameFrame);
        assert_eq!(l.grade("frame", &frame), LabVerdict::Wrong);
        assert!(matches!(l.grade("frame", "0011"), LabVerdict::Unreadable(_)));
        // The seal tool with the instance's own values reproduces the reference frame.
        let own = inputs_of(&[("aad", FULL_HEADER), ("counter", &vars["next_counter"]), ("type", &vars["type"]), ("payload", &vars["reading"]), ("nonce", &vars["nonce"])]);
        assert_eq!(Some(plain(&l.run_tool("seal", &own).unwrap(), M::AeadFrameFrame)), l.reference("frame"));
    }

    #[test]
    fn the_tools_show_the_attack_and_say_why_a_frame_is_refused() {
        let s = seed(4);
        let l = lab(&s);
        let vars = l.variables();
        let bumped = plain(&l.run_tool("tamper", &inputs_of(&[("frame", &vars["captured"]), ("field", "counter"), ("value", "99999")])).unwrap(), M::AeadFrameRewritten);
        let legacy = l.run_tool("gateway", &inputs_of(&[("frame", &bumped), ("aad", "none")])).unwrap();
        assert_eq!(legacy.outputs[0].value, Value::Verdict { ok: true, text: Msg::AeadFrameAccepted() });
        assert_eq!(legacy.outputs[0].value.render(Lang::En), "ACCEPTED");
        assert_eq!(plain(&legacy, M::AeadFramePayloadOut), "door=open");
        // The production gateway refuses the same frame: the tag covers the counter.
        let bound = l.run_tool("gateway", &inputs_of(&[("frame", &bumped), ("aad", FULL_HEADER)])).unwrap();
        assert!(bound.outputs[0].value.render(Lang::En).starts_with("the tag does not match"));
        // An empty AAD choice is the first one ("none"), as the page's select starts.
        let old = l.run_tool("gateway", &inputs_of(&[("frame", &vars["captured"]), ("aad", "")])).unwrap();
        let first = old.outputs[0].value.render(Lang::En);
        assert!(first.starts_with("replayed: counter"), "{first}");
        assert_eq!(old.get(M::AeadFrameRejected), Some(&Value::Verdict { ok: false, text: Msg::AeadFrameReplayed(last_counter(&s) - 7, last_counter(&s)) }));
        assert!(old.outputs[0].value.render(Lang::Fr).starts_with("rejouée : compteur"));
        let err = l.run_tool("tamper", &inputs_of(&[("frame", &vars["captured"]), ("field", "type"), ("value", "smoke")])).unwrap_err();
        assert_eq!(err.en(), "unknown type; valid values: temperature, humidity, co2, door");
        let err = l.run_tool("gateway", &inputs_of(&[("frame", &vars["captured"]), ("aad", "header")])).unwrap_err();
        assert!(err.en().contains("must be one of: none, device"), "{}", err.en());
        let err = l.run_tool("gateway", &inputs_of(&[("frame", "0011")])).unwrap_err();
        assert_eq!(err.en(), "the frame is 2 bytes; at least 37 are needed (header 9, nonce 12, tag 16)");
        let err = l.run_tool("tamper", &inputs_of(&[("frame", &vars["captured"]), ("field", "device"), ("value", "0011")])).unwrap_err();
        assert_eq!(err.en(), "a device id is 4 bytes: 8 hex digits");
    }
}
