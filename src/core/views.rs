//! The data that engines' special views draw: serialisable, so that it crosses from the worker
//! to the page, and free of engine internals, so that no engine crate follows a view into the
//! page's wasm. An engine names its view in `SPEC.view`; the page's view registry
//! (`ui::views`) draws each name listed in [`VIEWS`].

use serde::{Deserialize, Serialize};

use crate::core::msg::M;

/// Every special view the page can draw.
pub const VIEWS: &[&str] = &["pictures", "fleet", "sequence", "capture"];

/// What a view asks of its instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewRequest {
    /// The pictures to show (ECB picture).
    Pictures,
    /// The fleet, and when `breach` is given, which devices it exposes under `scheme`.
    Fleet { scheme: String, breach: Option<String> },
    /// The man-in-the-middle run with Mallory's decisions so far.
    Sequence { actions: Vec<kex::Action> },
    /// The instance's captures (protocol engines).
    Captures,
}

impl ViewRequest {
    /// The first request a view makes when it opens.
    pub fn initial(view: &str) -> ViewRequest {
        match view {
            "fleet" => ViewRequest::Fleet { scheme: String::new(), breach: None },
            "sequence" => ViewRequest::Sequence { actions: Vec::new() },
            "capture" => ViewRequest::Captures,
            _ => ViewRequest::Pictures,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewData {
    Pictures(Vec<Picture>),
    Fleet(Fleet),
    /// Boxed: a trace is far larger than the other views' data.
    Sequence(Box<kex::Trace>),
    /// One or more captures; the viewer offers a choice when there are several.
    Captures(Vec<capture::Capture>),
}

/// An RGBA image with its caption and text alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub id: String,
    pub caption: M,
    pub alt: M,
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// A fleet of devices; after a breach, which of them are exposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fleet {
    pub schemes: Vec<String>,
    pub devices: Vec<String>,
    /// The device the statement names as compromised.
    pub target: String,
    /// One flag per device, once a breach was asked for.
    pub exposed: Option<Vec<bool>>,
}

/// The trace of the `kex-mitm` run that the sequence diagram draws.
pub mod kex {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Action {
        Forward,
        Replace,
        Drop,
    }

    impl Action {
        pub const ALL: [Action; 3] = [Action::Forward, Action::Replace, Action::Drop];
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Party {
        Alice,
        Bob,
        Mallory,
    }

    /// The three messages of the protocol, in order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Leg {
        /// Alice → Bob: her ephemeral public key (and its signature when authenticated).
        AliceKey,
        /// Bob → Alice: his ephemeral public key (and its signature over both keys).
        BobKey,
        /// Alice → Bob: nonce ‖ ChaCha20-Poly1305(session key, reading).
        Reading,
    }

    impl Leg {
        pub const ALL: [Leg; 3] = [Leg::AliceKey, Leg::BobKey, Leg::Reading];

        pub fn sender(self) -> Party {
            if self == Leg::BobKey {
                Party::Bob
            } else {
                Party::Alice
            }
        }

        pub fn receiver(self) -> Party {
            if self == Leg::BobKey {
                Party::Alice
            } else {
                Party::Bob
            }
        }
    }

    /// One message as it went: what the sender put on the wire, what Mallory did, what arrived.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Step {
        pub msg: Leg,
        pub sent: Vec<u8>,
        pub action: Action,
        /// None when Mallory dropped it.
        pub delivered: Option<Vec<u8>>,
    }

    /// What Alice or Bob knows.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Side {
        pub ephemeral_public: [u8; 32],
        /// The key that arrived as the other party's.
        pub peer_public: Option<[u8; 32]>,
        /// Authenticated runs: did the signature verify with the pinned identity key?
        pub verified: Option<bool>,
        pub session_key: Option<[u8; 32]>,
    }

    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct MalloryView {
        pub public: [u8; 32],
        /// Session keys Mallory shares with each side, once she substituted her key.
        pub key_with_alice: Option<[u8; 32]>,
        pub key_with_bob: Option<[u8; 32]>,
        /// The reading, if she could open Alice's message.
        pub read: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Outcome {
        /// Waiting for Mallory's decision on this message.
        Waiting(Leg),
        /// Bob opened the reading: the run completed (Mallory may still have read it).
        Delivered { reading: String },
        /// A party refused a key whose signature does not verify under the pinned identity key.
        Aborted { by: Party, alert: [u8; 8] },
        /// Bob could not open the sealed reading (wrong key or altered ciphertext).
        Refused,
        /// A message never arrived: the receiver times out, no session.
        Dropped(Leg),
    }

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Trace {
        pub authenticated: bool,
        pub steps: Vec<Step>,
        pub alice: Side,
        pub bob: Side,
        pub mallory: MalloryView,
        pub outcome: Outcome,
    }

    /// The run before any message, until the worker sends the instance's.
    impl Default for Trace {
        fn default() -> Trace {
            Trace { authenticated: false, steps: Vec::new(), alice: Side::default(), bob: Side::default(), mallory: MalloryView::default(), outcome: Outcome::Waiting(Leg::AliceKey) }
        }
    }

    impl Trace {
        pub fn finished(&self) -> bool {
            !matches!(self.outcome, Outcome::Waiting(_))
        }

        /// The message waiting for Mallory's decision and its bytes on the wire.
        pub fn pending(&self) -> Option<Leg> {
            match self.outcome {
                Outcome::Waiting(m) => Some(m),
                _ => None,
            }
        }

        /// Both sides hold the same key and the reading arrived without Mallory reading it.
        pub fn honest_session(&self) -> Option<[u8; 32]> {
            match (&self.outcome, self.alice.session_key, self.bob.session_key) {
                (Outcome::Delivered { .. }, Some(a), Some(b)) if a == b && self.mallory.read.is_none() => Some(a),
                _ => None,
            }
        }
    }

    /// The first `n` characters of a hex string and its last 4, for the diagram.
    pub fn short_hex(bytes: &[u8]) -> String {
        let h = hex::encode(bytes);
        if h.len() <= 20 {
            h
        } else {
            format!("{}…{}", &h[..12], &h[h.len() - 4..])
        }
    }
}

/// Captured traffic for the capture viewer: frames with their decoded fields and the bytes each
/// field spans. Engines decode with the protocol's own crate, then give each field's place in
/// the frame so that the viewer highlights its bytes.
pub mod capture {
    use serde::{Deserialize, Serialize};

    use crate::core::msg::M;

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Capture {
        /// Stable id: the viewer's choice and the e2e tests select it.
        pub id: String,
        pub title: M,
        pub frames: Vec<Frame>,
    }

    /// Which way a frame goes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Direction {
        /// From the device, client or initiator towards the broker, server or responder.
        Up,
        /// The other way.
        Down,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Frame {
        /// Milliseconds since the capture began.
        pub time_ms: u64,
        pub direction: Direction,
        /// Endpoints as the protocol names them: "10.0.4.21:51514", "DevAddr 26011f3a", "Central".
        pub source: String,
        pub destination: String,
        /// The protocol's name: "MQTT", "CoAP", "OSCORE", "LoRaWAN", "BLE SMP".
        pub protocol: String,
        /// The frame's type as the protocol's specification writes it ("CONNECT",
        /// "Unconfirmed Data Up", "Pairing Confirm"): the viewer filters on it.
        pub kind: String,
        /// One line for the frame list, in the specification's terms and values only (it is
        /// shown in every language): "PUBLISH building/door/3/cmd, QoS 1, RETAIN".
        pub summary: String,
        pub bytes: Vec<u8>,
        /// Decoded fields in wire order, headers before their parts.
        pub fields: Vec<Field>,
    }

    /// One decoded field: its name in the protocol's specification, its value as text, and the
    /// bytes it spans in the frame (`len` 0 for a value carried by bits of a byte shared with
    /// others: give the byte instead).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Field {
        pub name: String,
        pub value: String,
        pub start: usize,
        pub len: usize,
        /// Nesting: 0 for a header or a top-level field, 1 for its parts.
        pub depth: u8,
    }

    impl Field {
        pub fn new(name: &str, value: impl Into<String>, start: usize, len: usize) -> Field {
            Field { name: name.into(), value: value.into(), start, len, depth: 0 }
        }

        /// The same field, one level down (a flag of a header byte, a part of a structure).
        pub fn nested(mut self) -> Field {
            self.depth = 1;
            self
        }
    }

    impl Frame {
        /// The bytes of a field; empty when the field lies outside the frame.
        pub fn field_bytes(&self, field: &Field) -> &[u8] {
            self.bytes.get(field.start..field.start + field.len).unwrap_or(&[])
        }

        /// The innermost field that holds byte `at` (the shortest span): what the viewer
        /// highlights when the pointer is over that byte.
        pub fn field_at(&self, at: usize) -> Option<usize> {
            self.fields.iter().enumerate().filter(|(_, f)| f.len > 0 && (f.start..f.start + f.len).contains(&at)).min_by_key(|(_, f)| f.len).map(|(i, _)| i)
        }

        /// Every field lies within the frame's bytes (a test of each engine's captures).
        pub fn fields_in_bounds(&self) -> bool {
            self.fields.iter().all(|f| f.start + f.len <= self.bytes.len())
        }
    }

    impl Capture {
        /// The frame kinds in the order they first appear: the viewer's filter.
        pub fn kinds(&self) -> Vec<String> {
            let mut kinds: Vec<String> = Vec::new();
            for f in &self.frames {
                if !kinds.contains(&f.kind) {
                    kinds.push(f.kind.clone());
                }
            }
            kinds
        }
    }
}

#[cfg(test)]
mod tests {
    use super::capture::{Capture, Direction, Field, Frame};
    use crate::core::msg::M;

    fn frame(kind: &str) -> Frame {
        Frame {
            time_ms: 0,
            direction: Direction::Up,
            source: "a".into(),
            destination: "b".into(),
            protocol: "MQTT".into(),
            kind: kind.into(),
            summary: String::new(),
            bytes: vec![0x10, 0x0c, 0x00, 0x04, b'M', b'Q', b'T', b'T'],
            fields: vec![Field::new("Fixed header", "CONNECT", 0, 2), Field::new("Packet type", "1", 0, 1).nested(), Field::new("Protocol name", "MQTT", 2, 6)],
        }
    }

    #[test]
    fn the_byte_under_the_pointer_lights_its_innermost_field() {
        let f = frame("CONNECT");
        assert_eq!(f.field_at(0), Some(1), "byte 0 is in the header and in its packet type: the shorter wins");
        assert_eq!(f.field_at(1), Some(0));
        assert_eq!(f.field_at(5), Some(2));
        assert_eq!(f.field_at(8), None);
        assert_eq!(f.field_bytes(&f.fields[2]), b"\x00\x04MQTT");
        assert!(f.fields_in_bounds());
        let mut outside = f.clone();
        outside.fields.push(Field::new("Payload", "", 6, 3));
        assert!(!outside.fields_in_bounds());
        assert_eq!(outside.field_bytes(&outside.fields[3]), b"");
    }

    #[test]
    fn the_filter_lists_each_frame_type_once_in_order() {
        let c = Capture { id: "c".into(), title: M::LabUnavailable, frames: vec![frame("CONNECT"), frame("PUBLISH"), frame("CONNECT"), frame("SUBSCRIBE")] };
        assert_eq!(c.kinds(), ["CONNECT", "PUBLISH", "SUBSCRIBE"]);
    }
}
