//! `kex-mitm`: a live man-in-the-middle on an X25519 key exchange. Alice (a sensor) and Bob (its
//! gateway) exchange ephemeral X25519 public keys, derive a session key with HKDF-SHA256 and
//! Alice sends a reading sealed with ChaCha20-Poly1305. Mallory sits on the network and decides,
//! message by message, to forward, replace or drop it.
//!
//! With `authenticated = true` (the fix) each ephemeral key travels with an Ed25519 signature by
//! its owner's identity key, and each party has pinned the other's identity public key: a key
//! Mallory substitutes fails verification and the receiver aborts.
//!
//! The whole run is pure data ([`simulate`]): the learner's choices so far go in, the trace
//! (messages, what each party derived, what Mallory read, the outcome) comes out, recomputed
//! deterministically from the instance seed, so the page only draws it.

use serde::{Deserialize, Serialize};

use super::{grade_hex, grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, ParamKind, ParamSpec, VarSpec, Vars};
use crate::core::crypto;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Cost, Inputs, ToolRun};
use crate::core::views::kex::{Action, Leg, MalloryView, Outcome, Party, Side, Step, Trace};
use crate::core::views::{ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// The fix: signed ephemeral keys, pinned identity keys.
    pub authenticated: bool,
}

impl super::Params for Params {}

pub static SPEC: EngineSpec = EngineSpec {
    kind: "kex-mitm",
    title: M::KexMitmTitle,
    teaches: M::KexMitmTeaches,
    params: &[ParamSpec { name: "authenticated", doc: "true: the fix, each ephemeral key travels with an Ed25519 signature by its owner's identity key, and each party has pinned the other's identity public key; a substituted key fails verification and the receiver aborts.", kind: ParamKind::Bool, required: false, expect: "true or false", example: "true" }],
    variables: &[
        VarSpec { name: "alice_identity", doc: "Alice's Ed25519 identity public key, pinned by Bob (hex, 32 bytes)." },
        VarSpec { name: "bob_identity", doc: "Bob's Ed25519 identity public key, pinned by Alice (hex, 32 bytes)." },
        VarSpec { name: "info", doc: "The HKDF info prefix; the initiator's then the responder's ephemeral public keys follow it." },
    ],
    checks: &[
        CheckSpec { name: "sensor-reading", doc: "The sensor reading Mallory reads by replacing both keys (`temperature=...C seq=...`), as text. For `authenticated = false`.", answer: AnswerKind::Text },
        CheckSpec { name: "alert-code", doc: "The alert code (hex, 8 bytes) of the party that aborts on a substituted key: Bob's (Alice's key replaced) or Alice's (Bob's key replaced), both accepted. For `authenticated = true`; without it nobody checks keys, and the reference is the code Bob would raise on Mallory's key.", answer: AnswerKind::Hex },
        CheckSpec { name: "session-key", doc: "The session key (hex, 32 bytes) both sides derive in an honest run (every message forwarded). For `authenticated = true`.", answer: AnswerKind::Hex },
    ],
    // The run is driven from its own view (a sequence diagram), not from tool forms.
    tools: &[],
    cost: Cost::Light,
    view: Some("sequence"),
    rule: None,
};

/// HKDF info prefix; the two ephemeral public keys follow it, so the key is bound to the
/// transcript each party saw.
pub const INFO: &str = "seclab kex-mitm v1";
const SIGN_ALICE: &[u8] = b"seclab kex-mitm v1 alice ephemeral";
const SIGN_BOB: &[u8] = b"seclab kex-mitm v1 bob ephemeral";

/// The instance's keys and reading, all from the seed.
struct Keys {
    alice_eph: Vec<u8>,
    bob_eph: Vec<u8>,
    mallory_eph: Vec<u8>,
    alice_id: Vec<u8>,
    bob_id: Vec<u8>,
    mallory_id: Vec<u8>,
    nonce: [u8; 12],
}

impl Keys {
    fn of(seed: &InstanceSeed) -> Keys {
        Keys {
            alice_eph: seed.value("alice-ephemeral", 32),
            bob_eph: seed.value("bob-ephemeral", 32),
            mallory_eph: seed.value("mallory-ephemeral", 32),
            alice_id: seed.value("alice-identity", 32),
            bob_id: seed.value("bob-identity", 32),
            mallory_id: seed.value("mallory-identity", 32),
            nonce: seed.value("nonce", 12).try_into().expect("12 bytes"),
        }
    }
}

fn x_pub(private: &[u8]) -> [u8; 32] {
    crypto::x25519_public(private).expect("32-byte scalar")
}

fn ed_pub(secret: &[u8]) -> [u8; 32] {
    crypto::ed25519_public(secret).expect("32-byte secret")
}

/// The sensor reading of this instance: a value and a sequence number, so it cannot be guessed.
pub fn reading(seed: &InstanceSeed) -> String {
    let v = seed.value("reading", 4);
    let n = u16::from_be_bytes([v[0], v[1]]);
    let seq = 1000 + u16::from_be_bytes([v[2], v[3]]) % 9000;
    format!("temperature={}.{}C seq={seq}", 12 + n % 20, (n / 20) % 10)
}

pub fn authenticated(params: &Params) -> bool {
    params.authenticated
}

/// Session key: HKDF-SHA256(no salt, IKM = X25519 secret, info = INFO ‖ initiator key ‖ responder key).
pub fn session_key(private: &[u8], peer: &[u8; 32], initiator: &[u8; 32], responder: &[u8; 32]) -> [u8; 32] {
    let shared = crypto::x25519_shared(private, peer).expect("32-byte inputs");
    let info = [INFO.as_bytes(), initiator, responder].concat();
    crypto::hkdf_sha256(&[], &shared, &info, 32).expect("32 bytes").try_into().expect("32 bytes")
}

fn alice_signed(key: &[u8; 32]) -> Vec<u8> {
    [SIGN_ALICE, key].concat()
}

/// Bob signs his key together with the key he received, binding his answer to this exchange.
fn bob_signed(key: &[u8; 32], alice_key: &[u8; 32]) -> Vec<u8> {
    [SIGN_BOB, key, alice_key].concat()
}

/// An alert code: which party refused which bytes. It can only be seen by running the attack.
fn alert(by: Party, wire: &[u8]) -> [u8; 8] {
    let tag = if by == Party::Alice { b"alice" } else { b"bob.." };
    crypto::sha256(&[&b"seclab kex-mitm alert "[..], tag, wire].concat())[..8].try_into().expect("8 bytes")
}

fn split_key(wire: &[u8]) -> ([u8; 32], &[u8]) {
    (wire[..32].try_into().expect("keys are 32 bytes"), &wire[32..])
}

/// Runs the protocol with Mallory's decisions so far (extra decisions after the end are ignored).
pub fn simulate(params: &Params, seed: &InstanceSeed, actions: &[Action]) -> Trace {
    let auth = authenticated(params);
    let k = Keys::of(seed);
    let a_pub = x_pub(&k.alice_eph);
    let b_pub = x_pub(&k.bob_eph);
    let m_pub = x_pub(&k.mallory_eph);
    let (alice_id_pub, bob_id_pub) = (ed_pub(&k.alice_id), ed_pub(&k.bob_id));
    let mut t = Trace {
        authenticated: auth,
        steps: Vec::new(),
        alice: Side { ephemeral_public: a_pub, ..Side::default() },
        bob: Side { ephemeral_public: b_pub, ..Side::default() },
        mallory: MalloryView { public: m_pub, ..MalloryView::default() },
        outcome: Outcome::Waiting(Leg::AliceKey),
    };
    let sign = |secret: &[u8], msg: &[u8]| crypto::ed25519_sign(secret, msg).expect("32-byte secret").to_vec();

    // Message 1: Alice's key. Mallory's replacement is her own key, signed with the only identity
    // key she has: her own.
    let Some(&action) = actions.first() else { return t };
    let sent = if auth { [&a_pub[..], &sign(&k.alice_id, &alice_signed(&a_pub))].concat() } else { a_pub.to_vec() };
    let delivered = match action {
        Action::Forward => Some(sent.clone()),
        Action::Replace if auth => Some([&m_pub[..], &sign(&k.mallory_id, &alice_signed(&m_pub))].concat()),
        Action::Replace => Some(m_pub.to_vec()),
        Action::Drop => None,
    };
    t.steps.push(Step { msg: Leg::AliceKey, sent, action, delivered: delivered.clone() });
    let Some(wire) = delivered else {
        t.outcome = Outcome::Dropped(Leg::AliceKey);
        return t;
    };
    let (a_seen, sig) = split_key(&wire);
    t.bob.peer_public = Some(a_seen);
    if auth {
        let ok = crypto::ed25519_verify(&alice_id_pub, &alice_signed(&a_seen), sig);
        t.bob.verified = Some(ok);
        if !ok {
            t.outcome = Outcome::Aborted { by: Party::Bob, alert: alert(Party::Bob, &wire) };
            return t;
        }
    }
    t.bob.session_key = Some(session_key(&k.bob_eph, &a_seen, &a_seen, &b_pub));
    if a_seen == m_pub {
        t.mallory.key_with_bob = Some(session_key(&k.mallory_eph, &b_pub, &m_pub, &b_pub));
    }

    // Message 2: Bob's key, signed over both keys.
    t.outcome = Outcome::Waiting(Leg::BobKey);
    let Some(&action) = actions.get(1) else { return t };
    let sent = if auth { [&b_pub[..], &sign(&k.bob_id, &bob_signed(&b_pub, &a_seen))].concat() } else { b_pub.to_vec() };
    let delivered = match action {
        Action::Forward => Some(sent.clone()),
        Action::Replace if auth => Some([&m_pub[..], &sign(&k.mallory_id, &bob_signed(&m_pub, &a_pub))].concat()),
        Action::Replace => Some(m_pub.to_vec()),
        Action::Drop => None,
    };
    t.steps.push(Step { msg: Leg::BobKey, sent, action, delivered: delivered.clone() });
    let Some(wire) = delivered else {
        t.outcome = Outcome::Dropped(Leg::BobKey);
        return t;
    };
    let (b_seen, sig) = split_key(&wire);
    t.alice.peer_public = Some(b_seen);
    if auth {
        let ok = crypto::ed25519_verify(&bob_id_pub, &bob_signed(&b_seen, &a_pub), sig);
        t.alice.verified = Some(ok);
        if !ok {
            t.outcome = Outcome::Aborted { by: Party::Alice, alert: alert(Party::Alice, &wire) };
            return t;
        }
    }
    let alice_key = session_key(&k.alice_eph, &b_seen, &a_pub, &b_seen);
    t.alice.session_key = Some(alice_key);
    if b_seen == m_pub {
        t.mallory.key_with_alice = Some(session_key(&k.mallory_eph, &a_pub, &a_pub, &m_pub));
    }

    // Message 3: the sealed reading. Mallory opens it if she shares Alice's key.
    t.outcome = Outcome::Waiting(Leg::Reading);
    let text = reading(seed);
    let sealed = crypto::chacha20_poly1305_seal(&alice_key, &k.nonce, b"", text.as_bytes()).expect("32-byte key");
    let sent = [&k.nonce[..], &sealed].concat();
    if let Some(key) = t.mallory.key_with_alice {
        t.mallory.read = crypto::chacha20_poly1305_open(&key, &k.nonce, b"", &sealed).expect("32-byte key").map(|p| String::from_utf8_lossy(&p).into_owned());
    }
    let Some(&action) = actions.get(2) else { return t };
    let delivered = match action {
        Action::Forward => Some(sent.clone()),
        // Re-encrypt what she read for Bob when she can; otherwise all she can do is alter it.
        Action::Replace => match (&t.mallory.read, t.mallory.key_with_bob) {
            (Some(read), Some(key)) => Some([&k.nonce[..], &crypto::chacha20_poly1305_seal(&key, &k.nonce, b"", read.as_bytes()).expect("32-byte key")].concat()),
            _ => {
                let mut altered = sent.clone();
                altered[12] ^= 0x01;
                Some(altered)
            }
        },
        Action::Drop => None,
    };
    t.steps.push(Step { msg: Leg::Reading, sent, action, delivered: delivered.clone() });
    let Some(wire) = delivered else {
        t.outcome = Outcome::Dropped(Leg::Reading);
        return t;
    };
    let bob_key = t.bob.session_key.expect("Bob derived a key before message 3");
    t.outcome = match crypto::chacha20_poly1305_open(&bob_key, &k.nonce, b"", &wire[12..]).expect("32-byte key") {
        Some(p) => Outcome::Delivered { reading: String::from_utf8_lossy(&p).into_owned() },
        None => Outcome::Refused,
    };
    t
}

pub struct Instance {
    params: Params,
    seed: InstanceSeed,
}

pub fn build(params: &Params, seed: &InstanceSeed) -> Instance {
    Instance { params: params.clone(), seed: seed.clone() }
}

impl Instance {
    /// The alert raised by `by` when Mallory replaces the key it receives: the first message for
    /// Bob, the second for Alice. Without authentication nobody checks, and the code is the one
    /// the receiver would raise on the bytes that arrived.
    fn alert_code(&self, by: Party) -> [u8; 8] {
        use Action::*;
        let actions: &[Action] = if by == Party::Bob { &[Replace] } else { &[Forward, Replace] };
        let t = simulate(&self.params, &self.seed, actions);
        match t.outcome {
            Outcome::Aborted { alert, .. } => alert,
            _ => alert(by, t.steps.last().and_then(|s| s.delivered.as_deref()).expect("a replaced key is delivered")),
        }
    }
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        let k = Keys::of(&self.seed);
        Vars::from([("alice_identity".into(), hex::encode(ed_pub(&k.alice_id))), ("bob_identity".into(), hex::encode(ed_pub(&k.bob_id))), ("info".into(), INFO.to_string())])
    }

    fn reference(&self, check: &str) -> Option<String> {
        use Action::*;
        match check {
            "sensor-reading" => Some(reading(&self.seed)),
            // Bob's alert, when Mallory replaces Alice's key first (Alice's alert is accepted too).
            "alert-code" => Some(hex::encode(self.alert_code(Party::Bob))),
            "session-key" => simulate(&self.params, &self.seed, &[Forward, Forward, Forward]).honest_session().map(hex::encode),
            _ => None,
        }
    }

    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        match (check, self.reference(check)) {
            ("sensor-reading", reference) => grade_text(check, reference, answer),
            ("alert-code", Some(bob)) => match grade_hex(&bob, answer) {
                LabVerdict::Wrong => grade_hex(&hex::encode(self.alert_code(Party::Alice)), answer),
                verdict => verdict,
            },
            (_, Some(reference)) => grade_hex(&reference, answer),
            (_, None) => LabVerdict::Unreadable(Msg::UnknownCheck(check)),
        }
    }

    fn run_tool(&self, tool: &str, _inputs: &Inputs) -> Result<ToolRun, Msg> {
        Err(Msg::UnknownTool(tool))
    }

    /// The run with Mallory's decisions so far, for the sequence diagram.
    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        match request {
            ViewRequest::Sequence { actions } => Ok(ViewData::Sequence(Box::new(simulate(&self.params, &self.seed, actions)))),
            _ => Err(Msg::LabUnavailable()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Action::*;
    use super::*;

    fn seed(n: u8) -> InstanceSeed {
        InstanceSeed::derive(&[n; 32], "seclab-core", "mitm-ecdh")
    }

    fn params(authenticated: bool) -> Params {
        Params { authenticated }
    }

    /// RFC 7748 §6.1: the X25519 the simulation uses gives the published shared secret; a
    /// tampered public key gives another one.
    #[test]
    fn x25519_is_rfc7748_6_1() {
        let alice = hex::decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").unwrap();
        let bob_pub: [u8; 32] = hex::decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f").unwrap().try_into().unwrap();
        assert_eq!(hex::encode(x_pub(&alice)), "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assert_eq!(hex::encode(crypto::x25519_shared(&alice, &bob_pub).unwrap()), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        let mut tampered = bob_pub;
        tampered[1] ^= 1;
        assert_ne!(hex::encode(crypto::x25519_shared(&alice, &tampered).unwrap()), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    #[test]
    fn an_honest_run_delivers_the_reading_and_both_sides_share_the_key() {
        for auth in [false, true] {
            for n in 0..5 {
                let s = seed(n);
                let t = simulate(&params(auth), &s, &[Forward, Forward, Forward]);
                assert_eq!(t.outcome, Outcome::Delivered { reading: reading(&s) });
                assert!(t.honest_session().is_some());
                assert_eq!(t.mallory.read, None, "Mallory learns nothing by forwarding");
                if auth {
                    assert_eq!((t.alice.verified, t.bob.verified), (Some(true), Some(true)));
                }
            }
        }
    }

    /// The attack without authentication: replace both keys, read the reading, re-encrypt it
    /// for Bob, who accepts it and never notices.
    #[test]
    fn without_authentication_the_substitution_exposes_the_reading() {
        let p = params(false);
        for n in 0..10 {
            let s = seed(n);
            let t = simulate(&p, &s, &[Replace, Replace, Replace]);
            assert_eq!(t.mallory.read.as_deref(), Some(reading(&s).as_str()));
            assert_eq!(t.outcome, Outcome::Delivered { reading: reading(&s) });
            assert_ne!(t.alice.session_key, t.bob.session_key, "two sessions, one with each side");
            assert_eq!(t.alice.session_key, t.mallory.key_with_alice);
            assert_eq!(t.bob.session_key, t.mallory.key_with_bob);
            assert_eq!(t.honest_session(), None);
            assert_eq!(build(&p, &s).grade("sensor-reading", t.mallory.read.as_deref().unwrap()), LabVerdict::Correct);
            // Replacing only Bob's key already lets Mallory read, but Bob then refuses the
            // reading she cannot re-encrypt for him.
            let half = simulate(&p, &s, &[Forward, Replace, Replace]);
            assert_eq!(half.mallory.read.as_deref(), Some(reading(&s).as_str()));
            assert_eq!(half.outcome, Outcome::Refused);
            // Replacing only Alice's key reads nothing.
            let other = simulate(&p, &s, &[Replace, Forward]);
            assert_eq!(other.mallory.read, None);
        }
    }

    /// The fix: a substituted key fails the signature check under the pinned identity key, the
    /// receiving party aborts and the reading is never sent.
    #[test]
    fn with_authentication_a_substituted_key_is_detected() {
        let p = params(true);
        for n in 0..10 {
            let s = seed(n);
            let lab = build(&p, &s);
            let t = simulate(&p, &s, &[Replace, Replace, Replace]);
            assert!(matches!(t.outcome, Outcome::Aborted { by: Party::Bob, .. }), "{:?}", t.outcome);
            assert_eq!((t.bob.verified, t.bob.session_key), (Some(false), None));
            assert_eq!(t.steps.len(), 1, "nothing is sent after the abort");
            let t2 = simulate(&p, &s, &[Forward, Replace, Replace]);
            assert!(matches!(t2.outcome, Outcome::Aborted { by: Party::Alice, .. }), "{:?}", t2.outcome);
            assert_eq!((t2.alice.verified, t2.alice.session_key, t2.mallory.read.clone()), (Some(false), None, None));
            // Both alert codes grade right; a tampered one does not.
            for trace in [&t, &t2] {
                let Outcome::Aborted { alert, .. } = trace.outcome else { unreachable!() };
                assert_eq!(lab.grade("alert-code", &hex::encode(alert)), LabVerdict::Correct);
                let mut bad = alert;
                bad[7] ^= 1;
                assert_eq!(lab.grade("alert-code", &hex::encode(bad)), LabVerdict::Wrong);
            }
            // The honest run's key is the session-key answer.
            let honest = simulate(&p, &s, &[Forward, Forward, Forward]).honest_session().unwrap();
            assert_eq!(lab.grade("session-key", &hex::encode(honest)), LabVerdict::Correct);
            // An attacked unauthenticated run's keys are not it.
            let attacked = simulate(&params(false), &s, &[Replace, Replace, Replace]);
            assert_eq!(lab.grade("session-key", &hex::encode(attacked.alice.session_key.unwrap())), LabVerdict::Wrong);
        }
    }

    #[test]
    fn dropping_a_message_ends_the_run_and_tampering_the_reading_is_refused() {
        let p = params(true);
        let s = seed(1);
        assert_eq!(simulate(&p, &s, &[Drop]).outcome, Outcome::Dropped(Leg::AliceKey));
        assert_eq!(simulate(&p, &s, &[Forward, Drop]).outcome, Outcome::Dropped(Leg::BobKey));
        assert_eq!(simulate(&p, &s, &[Forward, Forward, Drop]).outcome, Outcome::Dropped(Leg::Reading));
        assert_eq!(simulate(&p, &s, &[Forward, Forward, Replace]).outcome, Outcome::Refused);
        assert_eq!(simulate(&p, &s, &[]).pending(), Some(Leg::AliceKey));
        // Decisions after the end change nothing.
        assert_eq!(simulate(&p, &s, &[Drop, Forward, Forward]), simulate(&p, &s, &[Drop]));
    }

    #[test]
    fn the_session_key_is_hkdf_of_the_x25519_secret_and_the_transcript() {
        let s = seed(2);
        let k = Keys::of(&s);
        let t = simulate(&params(false), &s, &[Forward, Forward]);
        let (a, b) = (x_pub(&k.alice_eph), x_pub(&k.bob_eph));
        let shared = crypto::x25519_shared(&k.alice_eph, &b).unwrap();
        let expected = crypto::hkdf_sha256(&[], &shared, &[INFO.as_bytes(), &a, &b].concat(), 32).unwrap();
        assert_eq!(t.alice.session_key.unwrap().to_vec(), expected);
        assert_eq!(t.bob.session_key, t.alice.session_key);
    }

    #[test]
    fn parameters_are_checked() {
        let t = |s: &str| toml::from_str::<toml::Table>(s).unwrap();
        let err = super::super::parse_params::<Params>(&SPEC, &t("authenticated = \"yes\"")).unwrap_err();
        assert_eq!(err.message, "`authenticated` is \"yes\"; expected true or false");
        assert!(super::super::parse_params::<Params>(&SPEC, &t("authenticated = true")).unwrap().authenticated);
        assert_eq!(SPEC.check_names(), vec!["sensor-reading", "alert-code", "session-key"]);
        assert!(matches!(build(&params(true), &seed(0)).grade("alert-code", "zz"), LabVerdict::Unreadable(_)));
    }

    /// The sequence view is the simulation, serialisable for the page; other views give nothing.
    #[test]
    fn the_sequence_view_is_the_simulated_run() {
        let (p, s) = (params(true), seed(3));
        let lab = build(&p, &s);
        let actions = vec![Forward, Replace];
        let Ok(ViewData::Sequence(trace)) = lab.view(&ViewRequest::Sequence { actions: actions.clone() }) else { panic!("no trace") };
        assert_eq!(*trace, simulate(&p, &s, &actions));
        assert!(matches!(trace.outcome, Outcome::Aborted { by: Party::Alice, .. }));
        let json = serde_json::to_string(&ViewData::Sequence(trace.clone())).unwrap();
        assert_eq!(serde_json::from_str::<ViewData>(&json).unwrap(), ViewData::Sequence(trace));
        assert_eq!(lab.view(&ViewRequest::Pictures), Err(Msg::LabUnavailable()));
        assert_eq!(lab.run_tool("relay", &Inputs::new()), Err(Msg::UnknownTool("relay")));
    }

    /// Without authentication the alert-code reference still exists (nobody raises it): the code
    /// Bob would raise on Mallory's key; the learner's exercises of that variant ask for the reading.
    #[test]
    fn every_check_has_a_reference_in_both_variants() {
        for auth in [false, true] {
            let lab = build(&params(auth), &seed(5));
            for check in SPEC.check_names() {
                let r = lab.reference(check).unwrap();
                assert_eq!(lab.grade(check, &r), LabVerdict::Correct, "{check} {auth}");
            }
        }
        let unauth = build(&params(false), &seed(5));
        let t = simulate(&params(false), &seed(5), &[Replace]);
        assert_eq!(unauth.reference("alert-code"), Some(hex::encode(alert(Party::Bob, t.steps[0].delivered.as_ref().unwrap()))));
    }
}
