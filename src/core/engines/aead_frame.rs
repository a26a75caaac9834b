//! `aead-frame`: a sensor frame is `header ‖ nonce ‖ AES-128-GCM(payload) ‖ tag`. The header
//! (device id, frame counter, measurement type) travels in clear because the gateway routes and
//! de-duplicates on it; only the associated data (AAD) ties it to the tag. The lab's gateway
//! authenticates the whole header. A gateway configured with fewer AAD fields accepts a header an
//! attacker rewrote: a replayed frame with a bumped counter, a reading moved to another device.

use std::collections::BTreeMap;

use super::{hex_input, unknown_params, Engine, InputKind, InputSpec, InstanceSeed, LabVerdict, ParamError, Params, ToolOutput, ToolRun, ToolSpec};
use crate::core::crypto;
use crate::core::i18n::{Bilingual, L10n};

pub struct AeadFrame;

pub const HEADER_LEN: usize = 9;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Measurement types, by their header byte (1-based).
pub const TYPES: &[&str] = &["temperature", "humidity", "co2", "door"];

/// The header fields that may go into the AAD, in header order. Every subset is offered.
pub const AAD_CHOICES: &[&str] = &["none", "device", "counter", "type", "device+counter", "device+type", "counter+type", "device+counter+type"];
pub const FULL_HEADER: &str = "device+counter+type";

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

/// What a gateway with AAD `aad_choice` makes of a frame: the header and payload it accepts.
pub fn receive(seed: &InstanceSeed, frame: &[u8], aad_choice: &str) -> Result<(Header, Vec<u8>), Refusal> {
    if frame.len() < HEADER_LEN + NONCE_LEN + TAG_LEN {
        return Err(Refusal::TooShort(frame.len()));
    }
    let header = Header::parse(&frame[..HEADER_LEN]);
    let nonce: [u8; NONCE_LEN] = frame[HEADER_LEN..HEADER_LEN + NONCE_LEN].try_into().expect("12 bytes");
    // The gateway knows every device of the fleet; in this lab the neighbour's key is the same
    // provisioning key, which is what lets a moved reading through when the id is not bound.
    if header.device != device(seed) && header.device != neighbour(seed) {
        return Err(Refusal::UnknownDevice);
    }
    let last = last_counter(seed);
    if header.counter <= last {
        return Err(Refusal::Replay { counter: header.counter, last });
    }
    crypto::aes128_gcm_open(&key(seed), &nonce, &header.aad(aad_choice), &frame[HEADER_LEN + NONCE_LEN..])
        .expect("16-byte key")
        .map(|payload| (header, payload))
        .ok_or(Refusal::BadTag)
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

const AAD: L10n = L10n { fr: "Champs de l'en-tête dans les données associées", en: "Header fields in the associated data" };
const COUNTER: L10n = L10n { fr: "Compteur de trame", en: "Frame counter" };
const TYPE: L10n = L10n { fr: "Type de mesure", en: "Measurement type" };
const PAYLOAD: L10n = L10n { fr: "Charge utile (texte)", en: "Payload (text)" };
const NONCE: L10n = L10n { fr: "Nonce (hex, 12 octets, jamais deux fois)", en: "Nonce (hex, 12 bytes, never twice)" };
const FRAME: L10n = L10n { fr: "Trame (hex)", en: "Frame (hex)" };
const FIELD: L10n = L10n { fr: "Champ à réécrire", en: "Field to rewrite" };
const VALUE: L10n = L10n { fr: "Nouvelle valeur (device : 8 chiffres hex ; counter : entier ; type : nom)", en: "New value (device: 8 hex digits; counter: whole number; type: name)" };

static SEAL_INPUTS: [InputSpec; 5] = [
    InputSpec { id: "aad", label: AAD, kind: InputKind::Select(AAD_CHOICES), prefill: None },
    InputSpec { id: "counter", label: COUNTER, kind: InputKind::Number, prefill: Some("next_counter") },
    InputSpec { id: "type", label: TYPE, kind: InputKind::Select(TYPES), prefill: Some("type") },
    InputSpec { id: "payload", label: PAYLOAD, kind: InputKind::Text, prefill: Some("reading") },
    InputSpec { id: "nonce", label: NONCE, kind: InputKind::Hex { bytes: Some(NONCE_LEN) }, prefill: Some("nonce") },
];
static GATEWAY_INPUTS: [InputSpec; 2] = [
    InputSpec { id: "frame", label: FRAME, kind: InputKind::Hex { bytes: None }, prefill: Some("captured") },
    InputSpec { id: "aad", label: AAD, kind: InputKind::Select(AAD_CHOICES), prefill: None },
];
static TAMPER_INPUTS: [InputSpec; 3] = [
    InputSpec { id: "frame", label: FRAME, kind: InputKind::Hex { bytes: None }, prefill: Some("captured") },
    InputSpec { id: "field", label: FIELD, kind: InputKind::Select(&["device", "counter", "type"]), prefill: None },
    InputSpec { id: "value", label: VALUE, kind: InputKind::Text, prefill: None },
];

fn select<'a>(inputs: &'a BTreeMap<String, String>, id: &str, allowed: &[&'a str], label: L10n) -> Result<&'a str, Bilingual> {
    let value = inputs.get(id).map(|v| v.trim()).unwrap_or("");
    let value = if value.is_empty() { allowed[0] } else { value };
    allowed.iter().find(|a| **a == value).map(|_| value).ok_or_else(|| {
        Bilingual::new(format!("« {} » vaut « {value} » ; valeurs possibles : {}", label.fr, allowed.join(", ")), format!("\"{}\" is \"{value}\"; valid values: {}", label.en, allowed.join(", ")))
    })
}

fn counter_value(text: &str, label: L10n) -> Result<u32, Bilingual> {
    text.trim().parse::<u32>().map_err(|_| {
        Bilingual::new(format!("« {} » doit être un entier de 0 à 4294967295", label.fr), format!("\"{}\" must be a whole number from 0 to 4294967295", label.en))
    })
}

fn frame_input(inputs: &BTreeMap<String, String>) -> Result<Vec<u8>, Bilingual> {
    let frame = hex_input(inputs, "frame", FRAME)?;
    let min = HEADER_LEN + NONCE_LEN + TAG_LEN;
    if frame.len() < min {
        return Err(Bilingual::new(
            format!("la trame fait {} octets ; il en faut au moins {min} (en-tête 9, nonce 12, étiquette 16)", frame.len()),
            format!("the frame is {} bytes; at least {min} are needed (header 9, nonce 12, tag 16)", frame.len()),
        ));
    }
    Ok(frame)
}

fn layout(frame: &[u8]) -> String {
    let (header, rest) = frame.split_at(HEADER_LEN);
    let (nonce, rest) = rest.split_at(NONCE_LEN);
    let (body, tag) = rest.split_at(rest.len() - TAG_LEN);
    format!("{} {} | {} | {} | {} | {}", hex::encode(&header[..4]), hex::encode(&header[4..8]), hex::encode(&header[8..]), hex::encode(nonce), hex::encode(body), hex::encode(tag))
}

fn out(fr: &'static str, en: &'static str, value: impl Into<String>) -> ToolOutput {
    ToolOutput { label: L10n { fr, en }, value: value.into() }
}

impl Engine for AeadFrame {
    fn kind(&self) -> &'static str {
        "aead-frame"
    }

    fn title(&self) -> L10n {
        L10n { fr: "Trame AEAD et en-tête authentifié", en: "AEAD frame and authenticated header" }
    }

    fn description(&self) -> L10n {
        L10n {
            fr: "Trame en-tête ‖ nonce ‖ AES-128-GCM ‖ étiquette, une passerelle qui authentifie l'en-tête, un attaquant qui le réécrit. Sans paramètre. Variables : key, device, last_counter, next_counter, type, reading, nonce, captured. Contrôle : frame (trame hex acceptée par la passerelle).",
            en: "A header ‖ nonce ‖ AES-128-GCM ‖ tag frame, a gateway that authenticates the header, an attacker who rewrites it. No parameter. Variables: key, device, last_counter, next_counter, type, reading, nonce, captured. Check: frame (a hex frame the gateway accepts).",
        }
    }

    fn param_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn check_params(&self, params: &Params) -> Vec<ParamError> {
        unknown_params(params, self.param_names())
    }

    fn variable_names(&self, _params: &Params) -> Vec<&'static str> {
        vec!["key", "device", "last_counter", "next_counter", "type", "reading", "nonce", "captured"]
    }

    fn variables(&self, _params: &Params, seed: &InstanceSeed) -> BTreeMap<String, String> {
        let last = last_counter(seed);
        BTreeMap::from([
            ("key".to_string(), hex::encode(key(seed))),
            ("device".to_string(), hex::encode(device(seed))),
            ("last_counter".to_string(), last.to_string()),
            ("next_counter".to_string(), (last + 1).to_string()),
            ("type".to_string(), TYPES[required_type(seed) as usize - 1].to_string()),
            ("reading".to_string(), reading(seed)),
            ("nonce".to_string(), hex::encode(seed.value("nonce", 12))),
            ("captured".to_string(), hex::encode(captured(seed))),
        ])
    }

    fn checks(&self, _params: &Params) -> Vec<&'static str> {
        vec!["frame"]
    }

    fn reference(&self, _params: &Params, seed: &InstanceSeed, check: &str) -> Option<String> {
        (check == "frame").then(|| hex::encode(reference_frame(seed)))
    }

    /// Any nonce will do: the gateway (whole header in the AAD) must accept the frame, from
    /// this device, with the required type and reading.
    fn grade(&self, _params: &Params, seed: &InstanceSeed, check: &str, answer: &str) -> LabVerdict {
        if check != "frame" {
            return super::grade_text(None, answer);
        }
        let Ok(frame) = hex::decode(crate::core::grading::Normalization::Hex.apply(answer)) else {
            return LabVerdict::Unreadable(Bilingual::new("la trame doit être en hexadécimal (0-9, a-f)", "the frame must be hexadecimal (0-9, a-f)"));
        };
        match receive(seed, &frame, FULL_HEADER) {
            Err(Refusal::TooShort(n)) => LabVerdict::Unreadable(Bilingual::new(
                format!("la trame fait {n} octets ; il en faut au moins 37 (en-tête 9, nonce 12, étiquette 16)"),
                format!("the frame is {n} bytes; at least 37 are needed (header 9, nonce 12, tag 16)"),
            )),
            Ok((header, payload)) if header.device == device(seed) && header.kind == required_type(seed) && payload == reading(seed).as_bytes() => LabVerdict::Correct,
            _ => LabVerdict::Wrong,
        }
    }

    fn tools(&self, _params: &Params) -> Vec<ToolSpec> {
        vec![
            ToolSpec {
                id: "seal",
                title: L10n { fr: "Firmware : sceller une trame", en: "Firmware: seal a frame" },
                help: L10n {
                    fr: "Construit en-tête ‖ nonce ‖ AES-128-GCM(charge utile) ‖ étiquette avec la clé de l'objet. Les champs choisis de l'en-tête entrent dans les données associées.",
                    en: "Builds header ‖ nonce ‖ AES-128-GCM(payload) ‖ tag with the device key. The chosen header fields go into the associated data.",
                },
                inputs: &SEAL_INPUTS,
                button: L10n { fr: "Sceller", en: "Seal" },
                oracle: false,
            },
            ToolSpec {
                id: "gateway",
                title: L10n { fr: "Passerelle : recevoir une trame", en: "Gateway: receive a frame" },
                help: L10n {
                    fr: "Vérifie l'objet, refuse un compteur déjà vu, puis ouvre l'AEAD avec les champs choisis comme données associées. La passerelle de production authentifie l'en-tête entier.",
                    en: "Checks the device, refuses a counter already seen, then opens the AEAD with the chosen fields as associated data. The production gateway authenticates the whole header.",
                },
                inputs: &GATEWAY_INPUTS,
                button: L10n { fr: "Envoyer", en: "Send" },
                oracle: false,
            },
            ToolSpec {
                id: "tamper",
                title: L10n { fr: "Attaquant : réécrire l'en-tête", en: "Attacker: rewrite the header" },
                help: L10n {
                    fr: "Change un champ de l'en-tête en clair, sans toucher au chiffré ni à l'étiquette. Envoyez le résultat à la passerelle.",
                    en: "Changes one clear header field, leaving the ciphertext and tag alone. Send the result to the gateway.",
                },
                inputs: &TAMPER_INPUTS,
                button: L10n { fr: "Réécrire", en: "Rewrite" },
                oracle: false,
            },
        ]
    }

    fn run_tool(&self, _params: &Params, seed: &InstanceSeed, tool: &str, inputs: &BTreeMap<String, String>) -> Result<ToolRun, Bilingual> {
        match tool {
            "seal" => {
                let aad = select(inputs, "aad", AAD_CHOICES, AAD)?;
                let counter = counter_value(inputs.get("counter").map(String::as_str).unwrap_or(""), COUNTER)?;
                let type_name = select(inputs, "type", TYPES, TYPE)?;
                let kind = TYPES.iter().position(|t| *t == type_name).expect("checked by select") as u8 + 1;
                let nonce = hex_input(inputs, "nonce", NONCE)?;
                let nonce: [u8; NONCE_LEN] = nonce.as_slice().try_into().map_err(|_| {
                    Bilingual::new(format!("le nonce fait {} octets ; attendu : 12 (24 chiffres hex)", nonce.len()), format!("the nonce is {} bytes; expected 12 (24 hex digits)", nonce.len()))
                })?;
                let payload = inputs.get("payload").cloned().unwrap_or_default();
                let header = Header { device: device(seed), counter, kind };
                let frame = seal(&key(seed), &header, &nonce, aad, payload.as_bytes());
                Ok(vec![
                    out("Trame (hex)", "Frame (hex)", hex::encode(&frame)),
                    out("Découpage : objet compteur | type | nonce | chiffré | étiquette", "Layout: device counter | type | nonce | ciphertext | tag", layout(&frame)),
                    out("Données associées authentifiées (hex)", "Authenticated associated data (hex)", if header.aad(aad).is_empty() { "(aucune / none)".to_string() } else { hex::encode(header.aad(aad)) }),
                ]
                .into())
            }
            "gateway" => {
                let frame = frame_input(inputs)?;
                let aad = select(inputs, "aad", AAD_CHOICES, AAD)?;
                Ok(match receive(seed, &frame, aad) {
                    Ok((header, payload)) => vec![
                        out("Verdict", "Verdict", "ACCEPTED / ACCEPTÉE"),
                        out("Objet, compteur, type", "Device, counter, type", format!("{} · {} · {}", hex::encode(header.device), header.counter, header.type_name())),
                        out("Charge utile", "Payload", String::from_utf8_lossy(&payload).into_owned()),
                    ],
                    Err(refusal) => {
                        let (fr, en) = match refusal {
                            Refusal::TooShort(n) => (format!("trame trop courte ({n} octets)"), format!("frame too short ({n} bytes)")),
                            Refusal::UnknownDevice => ("objet inconnu de la flotte".to_string(), "device unknown to the fleet".to_string()),
                            Refusal::Replay { counter, last } => (format!("rejouée : compteur {counter} ≤ dernier accepté {last}"), format!("replayed: counter {counter} ≤ last accepted {last}")),
                            Refusal::BadTag => ("l'étiquette ne correspond pas : en-tête authentifié, nonce ou chiffré modifié".to_string(), "the tag does not match: authenticated header, nonce or ciphertext changed".to_string()),
                        };
                        vec![ToolOutput { label: L10n { fr: "Verdict : REJETÉE", en: "Verdict: REJECTED" }, value: format!("{en} / {fr}") }]
                    }
                }
                .into())
            }
            "tamper" => {
                let mut frame = frame_input(inputs)?;
                let field = select(inputs, "field", &["device", "counter", "type"], FIELD)?;
                let value = inputs.get("value").map(|v| v.trim()).unwrap_or("");
                let mut header = Header::parse(&frame[..HEADER_LEN]);
                match field {
                    "device" => {
                        header.device = hex::decode(value).ok().and_then(|d| d.try_into().ok()).ok_or_else(|| {
                            Bilingual::new("l'identifiant d'objet fait 4 octets : 8 chiffres hexadécimaux", "a device id is 4 bytes: 8 hex digits")
                        })?
                    }
                    "counter" => header.counter = counter_value(value, VALUE)?,
                    _ => {
                        header.kind = TYPES.iter().position(|t| *t == value).map(|i| i as u8 + 1).ok_or_else(|| {
                            Bilingual::new(format!("type inconnu ; valeurs possibles : {}", TYPES.join(", ")), format!("unknown type; valid values: {}", TYPES.join(", ")))
                        })?
                    }
                }
                frame[..HEADER_LEN].copy_from_slice(&header.to_bytes());
                Ok(vec![out("Trame réécrite (hex)", "Rewritten frame (hex)", hex::encode(&frame)), out("Découpage", "Layout", layout(&frame))].into())
            }
            _ => Err(super::unknown_tool(tool)),
        }
    }

    fn workbench_link(&self, _params: &Params, vars: &BTreeMap<String, String>) -> Option<(&'static str, Vec<(&'static str, String)>)> {
        Some(("aes-gcm", vec![("key", vars.get("key")?.clone()), ("nonce", vars.get("nonce")?.clone()), ("data", hex::encode(vars.get("reading")?))]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::inputs_of;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "aead-kat")
    }

    fn rewrite(frame: &[u8], f: impl Fn(&mut Header)) -> Vec<u8> {
        let mut header = Header::parse(&frame[..HEADER_LEN]);
        f(&mut header);
        [&header.to_bytes()[..], &frame[HEADER_LEN..]].concat()
    }

    /// The attack on a gateway that authenticates no header field: replay the captured frame
    /// with a fresh counter, or move it to the neighbour device; both are accepted.
    #[test]
    fn a_header_outside_the_aad_can_be_rewritten() {
        for n in 0..10 {
            let s = seed(n);
            let captured = captured(&s);
            assert!(matches!(receive(&s, &captured, "none"), Err(Refusal::Replay { .. })), "the capture itself is old");
            let replayed = rewrite(&captured, |h| h.counter = last_counter(&s) + 50);
            let (header, payload) = receive(&s, &replayed, "none").expect("legacy gateway accepts the replay");
            assert_eq!((header.counter, payload.as_slice()), (last_counter(&s) + 50, &b"door=open"[..]));
            let moved = rewrite(&replayed, |h| h.device = neighbour(&s));
            assert_eq!(receive(&s, &moved, "none").expect("moved to the neighbour").0.device, neighbour(&s));
            // Binding some fields is not enough: a counter left out can still be bumped.
            let header = Header { device: device(&s), counter: last_counter(&s) + 1, kind: 3 };
            let partial = seal(&key(&s), &header, &[7; 12], "device+type", b"co2=500ppm");
            assert!(receive(&s, &rewrite(&partial, |h| h.counter += 100), "device+type").is_ok());
            assert_eq!(receive(&s, &rewrite(&partial, |h| h.kind = 1), "device+type"), Err(Refusal::BadTag));
        }
    }

    /// The fix: with the whole header in the AAD, any rewritten field breaks the tag.
    #[test]
    fn a_bound_header_cannot_be_rewritten() {
        for n in 0..10 {
            let s = seed(n);
            let frame = reference_frame(&s);
            assert!(receive(&s, &frame, FULL_HEADER).is_ok());
            for tampered in [rewrite(&frame, |h| h.counter += 1), rewrite(&frame, |h| h.kind = 1), rewrite(&frame, |h| h.device = neighbour(&s))] {
                assert_eq!(receive(&s, &tampered, FULL_HEADER), Err(Refusal::BadTag));
            }
        }
    }

    #[test]
    fn frames_sealed_with_the_tools_grade_by_their_aad() {
        let s = seed(3);
        let vars = AeadFrame.variables(&Params::new(), &s);
        for (aad, verdict) in [(FULL_HEADER, LabVerdict::Correct), ("device+counter", LabVerdict::Wrong), ("none", LabVerdict::Wrong)] {
            let inputs = inputs_of(&[("aad", aad), ("counter", &vars["next_counter"]), ("type", &vars["type"]), ("payload", &vars["reading"]), ("nonce", "00112233445566778899aabb")]);
            let frame = AeadFrame.run_tool(&Params::new(), &s, "seal", &inputs).unwrap().outputs[0].value.clone();
            assert_eq!(AeadFrame.grade(&Params::new(), &s, "frame", &frame), verdict, "{aad}");
        }
        // The right AAD but an old counter, or another reading: wrong.
        let stale = inputs_of(&[("aad", FULL_HEADER), ("counter", &vars["last_counter"]), ("type", &vars["type"]), ("payload", &vars["reading"]), ("nonce", &vars["nonce"])]);
        let frame = AeadFrame.run_tool(&Params::new(), &s, "seal", &stale).unwrap().outputs[0].value.clone();
        assert_eq!(AeadFrame.grade(&Params::new(), &s, "frame", &frame), LabVerdict::Wrong);
        assert!(matches!(AeadFrame.grade(&Params::new(), &s, "frame", "0011"), LabVerdict::Unreadable(_)));
    }

    #[test]
    fn the_tools_show_the_attack_and_say_why_a_frame_is_refused() {
        let s = seed(4);
        let vars = AeadFrame.variables(&Params::new(), &s);
        let bumped = AeadFrame.run_tool(&Params::new(), &s, "tamper", &inputs_of(&[("frame", &vars["captured"]), ("field", "counter"), ("value", "99999")])).unwrap().outputs[0].value.clone();
        let legacy = AeadFrame.run_tool(&Params::new(), &s, "gateway", &inputs_of(&[("frame", &bumped), ("aad", "none")])).unwrap();
        assert_eq!(legacy.outputs[0].value, "ACCEPTED / ACCEPTÉE");
        let old = AeadFrame.run_tool(&Params::new(), &s, "gateway", &inputs_of(&[("frame", &vars["captured"]), ("aad", "none")])).unwrap();
        assert!(old.outputs[0].value.starts_with("replayed: counter"), "{}", old.outputs[0].value);
        let err = AeadFrame.run_tool(&Params::new(), &s, "tamper", &inputs_of(&[("frame", &vars["captured"]), ("field", "type"), ("value", "smoke")])).unwrap_err();
        assert_eq!(err.en, "unknown type; valid values: temperature, humidity, co2, door");
        let err = AeadFrame.run_tool(&Params::new(), &s, "gateway", &inputs_of(&[("frame", &vars["captured"]), ("aad", "header")])).unwrap_err();
        assert!(err.en.contains("valid values: none, device"), "{}", err.en);
    }
}
