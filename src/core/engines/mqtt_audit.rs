//! `mqtt-audit`: a smart-building MQTT broker (mosquitto, plain MQTT 3.1.1 on port 1883) and its
//! ACL file. The per-learner capture shows the supervision app's CONNECT with its user name and
//! password in clear, retained commands to a door and an HVAC unit, a sensor whose firmware
//! subscribes to `#` and so receives those commands, and a door controller that gets a stale
//! retained "unlock" when it reconnects. The learner reads the credentials, then rewrites the ACL
//! until the audit (every client's publish and receive rights, the needed ones and the ones an
//! attacker holding its credentials would try, spoofed client ids included) finds nothing in
//! excess and nothing missing.
//!
//! Frames are written with `mqttbytes` (v4 `write`) and decoded back with `mqttbytes::check` and
//! `v4::read`; each decoded field's byte range comes from walking the MQTT 3.1.1 layout
//! (OASIS MQTT Version 3.1.1, section 2 and 3) of what the crate decoded.
//!
//! The ACL is read and applied as mosquitto 2.0 does (mosquitto.conf(5), "acl_file"; and
//! mosquitto 2.0.20 src/security_default.c, `aclfile__parse` and `mosquitto_acl_check_default`):
//! - `topic [read|write|readwrite|deny] TOPIC`: no access word means readwrite; a line with a
//!   single word after `topic` is that topic. Lines before the first `user` line apply to
//!   ANONYMOUS clients only (not to every client); the lines after `user NAME` to that user name.
//! - `pattern [read|write|readwrite|deny] TOPIC` applies to every client, `%c` replaced by its
//!   client id and `%u` by its user name (a `%u` pattern is skipped for a client without one).
//!   When patterns exist, a user name or client id holding `+` or `#` is denied everything.
//! - The client's own list is checked first, then the patterns; in each, `deny` lines come
//!   first, then the first line whose topic matches and whose access includes the asked one
//!   grants it. Nothing granted means denied.
//! - A SUBSCRIBE filter is NOT checked by mosquitto's ACL file ("FIXME - implement ACL
//!   subscription strings" in 2.0.20): a client may subscribe to `#`, and each message is then
//!   delivered only if the client may read its topic. So the audit replays a `#` subscription as
//!   a read of every topic of the building.
//!
//! Topic matching is mqttbytes' own `matches` (the building has no `$` topic, where mosquitto and
//! mqttbytes differ).

use mqttbytes::v4::{self, ConnAck, Connect, ConnectReturnCode, Packet, PubAck, Publish, SubAck, Subscribe, SubscribeReasonCode};
use mqttbytes::QoS;
use serde::{Deserialize, Serialize};

use super::{grade_text, AnswerKind, CheckSpec, EngineSpec, InstanceSeed, Lab, LabVerdict, VarSpec, Vars};
use crate::core::msg::{Msg, M};
use crate::core::tools::{raw, Cost, Field, FieldKind, Inputs, Output, ToolRun, ToolSpec, Value};
use crate::core::views::capture::{self, Capture, Direction, Frame};
use crate::core::views::{ViewData, ViewRequest};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {}

impl super::Params for Params {}

const AUDIT_FIELDS: &[Field] = &[Field::new("acl", M::MqttAuditAcl, FieldKind::LongText).prefill("acl")];

pub static SPEC: EngineSpec = EngineSpec {
    kind: "mqtt-audit",
    title: M::MqttAuditTitle,
    teaches: M::MqttAuditTeaches,
    params: &[],
    variables: &[
        VarSpec { name: "broker", doc: "The broker's address and port (plain MQTT, 1883)." },
        VarSpec { name: "site", doc: "The building's topic root (e.g. `b42`): topics are `SITE/door/ID/cmd`, `SITE/hvac/ID/state`, `SITE/sensor/ID/telemetry`." },
        VarSpec { name: "policy", doc: "The access each client should have, as a Markdown list (user name, then its read and write topics)." },
        VarSpec { name: "acl", doc: "The broker's current ACL file (mosquitto syntax, several lines), flawed: the audit tool's field starts with it." },
    ],
    checks: &[
        CheckSpec { name: "username", doc: "The user name in clear in the CONNECT of the client that published the retained commands (the supervision app).", answer: AnswerKind::Text },
        CheckSpec { name: "password", doc: "The password in clear in that CONNECT.", answer: AnswerKind::Text },
        CheckSpec { name: "acl", doc: "An ACL file (mosquitto syntax) whose audit finds no excess and no missing right; an unreadable line is reported with its number.", answer: AnswerKind::LongText },
    ],
    tools: &[ToolSpec { id: "audit", title: M::MqttAuditAudit, help: M::MqttAuditAuditHelp, button: M::MqttAuditAuditButton, fields: AUDIT_FIELDS, oracle: false, cost: Cost::Light, after_solving: false }],
    cost: Cost::Light,
    view: Some("capture"),
    rule: None,
};

/// The capture's id in the viewer.
pub const CAPTURE_ID: &str = "broker-1883";
const BROKER: &str = "10.20.0.2:1883";
/// Larger than any frame of the capture; `check` refuses a remaining length above it.
const MAX_PACKET: usize = 4096;
/// An ACL longer than this is refused before the audit (it replays every line for every right).
pub const MAX_ACL_LINES: usize = 1000;

const READ: u8 = 1;
const WRITE: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Supervision,
    Door,
    Hvac,
    Sensor,
    Anonymous,
}

/// A client of the broker, and the access it should have (topic filters).
#[derive(Debug, Clone)]
pub struct Client {
    pub role: Role,
    /// None for an anonymous client.
    pub username: Option<String>,
    pub client_id: String,
    pub password: String,
    pub address: String,
    pub reads: Vec<String>,
    pub writes: Vec<String>,
}

impl Client {
    fn name(&self) -> Value {
        match &self.username {
            Some(u) => Value::Text(u.clone()),
            None => Value::Msg(Msg::MqttAuditAnonymous()),
        }
    }

    /// The policy: does this client need `access` on `topic`?
    pub fn needs(&self, topic: &str, access: u8) -> bool {
        let filters = if access == READ { &self.reads } else { &self.writes };
        filters.iter().any(|f| mqttbytes::matches(topic, f))
    }
}

// ---- The ACL file -------------------------------------------------------------------------

/// One `topic` or `pattern` line: its access bits (0 = deny), topic and line number (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub access: u8,
    pub topic: String,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acl {
    /// `topic` lines before the first `user` line: anonymous clients only.
    pub anonymous: Vec<Rule>,
    /// Each user name's `topic` lines (a name given twice gathers both blocks, as mosquitto does).
    pub users: Vec<(String, Vec<Rule>)>,
    pub patterns: Vec<Rule>,
}

/// What the broker decided and the ACL line that decided it (None: nothing matched, denied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub line: Option<usize>,
}

/// An unreadable ACL line: its number and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclError {
    pub line: usize,
    pub reason: Msg,
}

impl AclError {
    pub fn msg(&self) -> Msg {
        Msg::MqttAuditAclLine(self.line, self.reason.clone())
    }
}

/// mosquitto_sub_topic_check: `+` and `#` fill a whole level, `#` only as the last one.
fn valid_acl_topic(topic: &str) -> bool {
    let levels: Vec<&str> = topic.split('/').collect();
    mqttbytes::valid_filter(topic) && levels.iter().all(|l| !l.contains('+') || *l == "+") && levels.iter().enumerate().all(|(i, l)| !l.contains('#') || (*l == "#" && i + 1 == levels.len()))
}

impl Acl {
    /// Reads an ACL file as mosquitto's `aclfile__parse` does. Words are separated by spaces
    /// (tabs too, which mosquitto would not accept); a comment starts with `#` as the very first
    /// character of its line.
    pub fn parse(text: &str) -> Result<Acl, AclError> {
        let mut acl = Acl::default();
        let mut user: Option<String> = None;
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_ACL_LINES {
            return Err(AclError { line: MAX_ACL_LINES + 1, reason: Msg::MqttAuditAclTooLong(MAX_ACL_LINES) });
        }
        for (i, line) in lines.iter().enumerate() {
            let number = i + 1;
            let err = |reason: Msg| AclError { line: number, reason };
            let line = line.trim_end();
            if line.starts_with('#') {
                continue;
            }
            let line = line.trim_start_matches([' ', '\t']);
            let Some((keyword, rest)) = line.split_once([' ', '\t']).or(if line.is_empty() { None } else { Some((line, "")) }) else {
                continue;
            };
            let rest = rest.trim_matches([' ', '\t']);
            match keyword {
                "topic" | "pattern" => {
                    if rest.is_empty() {
                        return Err(err(Msg::MqttAuditAclNoTopic(keyword)));
                    }
                    let (access, topic) = match rest.split_once([' ', '\t']) {
                        None => (READ | WRITE, rest),
                        Some((word, topic)) => {
                            let access = match word {
                                "read" => READ,
                                "write" => WRITE,
                                "readwrite" => READ | WRITE,
                                "deny" => 0,
                                other => return Err(err(Msg::MqttAuditAclAccess(other))),
                            };
                            (access, topic.trim_matches([' ', '\t']))
                        }
                    };
                    if !valid_acl_topic(topic) {
                        return Err(err(Msg::MqttAuditAclBadTopic(topic)));
                    }
                    let rule = Rule { access, topic: topic.to_string(), line: number };
                    match (keyword, &user) {
                        ("pattern", _) => acl.patterns.push(rule),
                        (_, None) => acl.anonymous.push(rule),
                        (_, Some(name)) => match acl.users.iter_mut().find(|(n, _)| n == name) {
                            Some((_, rules)) => rules.push(rule),
                            None => acl.users.push((name.clone(), vec![rule])),
                        },
                    }
                }
                "user" => {
                    if rest.is_empty() {
                        return Err(err(Msg::MqttAuditAclNoUser()));
                    }
                    user = Some(rest.to_string());
                }
                other => return Err(err(Msg::MqttAuditAclKeyword(other))),
            }
        }
        Ok(acl)
    }

    /// May a client (user name, client id) have `access` (READ or WRITE) on `topic`?
    /// mosquitto 2.0.20, `mosquitto_acl_check_default`.
    pub fn decide(&self, username: Option<&str>, client_id: &str, topic: &str, access: u8) -> Decision {
        let own: &[Rule] = match username {
            Some(u) => self.users.iter().find(|(n, _)| n == u).map(|(_, r)| r.as_slice()).unwrap_or(&[]),
            None => &self.anonymous,
        };
        if let Some(d) = first_match(own.iter().map(|r| (r, r.topic.clone())), topic, access) {
            return d;
        }
        if self.patterns.is_empty() {
            return Decision { allowed: false, line: None };
        }
        // A user name or client id with a wildcard could widen a pattern: mosquitto denies it.
        if username.is_some_and(|u| u.contains(['+', '#'])) || client_id.contains(['+', '#']) {
            return Decision { allowed: false, line: None };
        }
        let expanded = self.patterns.iter().filter(|p| username.is_some() || !p.topic.contains("%u")).map(|p| {
            let t = p.topic.replace("%c", client_id);
            (p, match username {
                Some(u) => t.replace("%u", u),
                None => t,
            })
        });
        first_match(expanded, topic, access).unwrap_or(Decision { allowed: false, line: None })
    }
}

/// Deny lines first, then the first granting line whose access includes `access`.
fn first_match<'a>(rules: impl Iterator<Item = (&'a Rule, String)> + Clone, topic: &str, access: u8) -> Option<Decision> {
    let hit = |(r, t): &(&Rule, String)| mqttbytes::matches(topic, t).then_some(r.line);
    if let Some(line) = rules.clone().filter(|(r, _)| r.access == 0).find_map(|x| hit(&x)) {
        return Some(Decision { allowed: false, line: Some(line) });
    }
    rules.filter(|(r, _)| r.access & access != 0).find_map(|x| hit(&x)).map(|line| Decision { allowed: true, line: Some(line) })
}

// ---- The audit ------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Granted but not needed; `spoofed` is the other client id that obtains it, if the
    /// client's own id does not.
    Excess { spoofed: Option<String>, line: Option<usize> },
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub client: usize,
    pub access: u8,
    pub topic: String,
    pub kind: Kind,
}

// ---- The instance -------------------------------------------------------------------------

pub struct Instance {
    site: String,
    clients: Vec<Client>,
    topics: Vec<String>,
    flawed: String,
    fixed: String,
    frames: Vec<Frame>,
}

const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn password(seed: &InstanceSeed, name: &str) -> String {
    seed.value(&format!("password/{name}"), 12).iter().map(|b| PASSWORD_ALPHABET[*b as usize % PASSWORD_ALPHABET.len()] as char).collect()
}

/// `count` distinct numbers from 10 to 99 for the devices of one kind.
fn device_numbers(seed: &InstanceSeed, name: &str, count: usize) -> Vec<u32> {
    let v = seed.value(name, count);
    let mut out: Vec<u32> = Vec::new();
    for b in v {
        let mut n = 10 + u32::from(b) % 90;
        while out.contains(&n) {
            n = 10 + (n - 9) % 90;
        }
        out.push(n);
    }
    out
}

fn clients(seed: &InstanceSeed, site: &str) -> Vec<Client> {
    let port = |i: usize| 49152 + (u16::from_be_bytes(seed.value(&format!("port/{i}"), 2).try_into().expect("2 bytes")) % 16000) as u32;
    let mut out = Vec::new();
    let sup = format!("supervision-{}", hex::encode(seed.value("supervision", 2)));
    out.push(Client {
        role: Role::Supervision,
        username: Some(sup.clone()),
        client_id: sup.clone(),
        password: password(seed, "supervision"),
        address: format!("10.20.0.10:{}", port(0)),
        reads: vec![format!("{site}/+/+/state"), format!("{site}/sensor/+/telemetry")],
        writes: vec![format!("{site}/door/+/cmd"), format!("{site}/hvac/+/cmd")],
    });
    let sensors: Vec<String> = device_numbers(seed, "sensors", 3).iter().map(|n| format!("sensor-{n}")).collect();
    // Each HVAC unit regulates from one room sensor, whose telemetry it reads.
    let first = seed.value("hvac-sensor", 1)[0] as usize % 3;
    for (i, n) in device_numbers(seed, "doors", 2).iter().enumerate() {
        let id = format!("door-{n}");
        out.push(Client {
            role: Role::Door,
            username: Some(id.clone()),
            client_id: id.clone(),
            password: password(seed, &id),
            address: format!("10.20.1.{}:{}", 11 + i, port(1 + i)),
            reads: vec![format!("{site}/door/{id}/cmd")],
            writes: vec![format!("{site}/door/{id}/state")],
        });
    }
    for (i, n) in device_numbers(seed, "hvacs", 2).iter().enumerate() {
        let id = format!("hvac-{n}");
        let sensor = &sensors[(first + i) % 3];
        out.push(Client {
            role: Role::Hvac,
            username: Some(id.clone()),
            client_id: id.clone(),
            password: password(seed, &id),
            address: format!("10.20.2.{}:{}", 21 + i, port(3 + i)),
            reads: vec![format!("{site}/hvac/{id}/cmd"), format!("{site}/sensor/{sensor}/telemetry")],
            writes: vec![format!("{site}/hvac/{id}/state")],
        });
    }
    for (i, id) in sensors.iter().enumerate() {
        out.push(Client {
            role: Role::Sensor,
            username: Some(id.clone()),
            client_id: id.clone(),
            password: password(seed, id),
            address: format!("10.20.3.{}:{}", 31 + i, port(5 + i)),
            reads: vec![],
            writes: vec![format!("{site}/sensor/{id}/telemetry")],
        });
    }
    out.push(Client { role: Role::Anonymous, username: None, client_id: format!("probe-{}", hex::encode(seed.value("anonymous", 2))), password: String::new(), address: "10.20.9.66:50000".into(), reads: vec![], writes: vec![] });
    out
}

/// Every topic of the building: what the audit replays.
fn topics(clients: &[Client], site: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in clients {
        let id = &c.client_id;
        match c.role {
            Role::Door => out.extend([format!("{site}/door/{id}/cmd"), format!("{site}/door/{id}/state")]),
            Role::Hvac => out.extend([format!("{site}/hvac/{id}/cmd"), format!("{site}/hvac/{id}/state")]),
            Role::Sensor => out.push(format!("{site}/sensor/{id}/telemetry")),
            _ => {}
        }
    }
    out
}

fn of(clients: &[Client], role: Role) -> Vec<&Client> {
    clients.iter().filter(|c| c.role == role).collect()
}

fn user(c: &Client) -> &str {
    c.username.as_deref().unwrap_or("")
}

/// The ACL found on the broker: written at commissioning, never reviewed.
fn flawed_acl(clients: &[Client], site: &str) -> String {
    let sup = of(clients, Role::Supervision)[0];
    let mut out = vec![format!("# mosquitto acl_file of broker {site}"), "# Every client may read the sensors".into(), format!("topic read {site}/sensor/#"), String::new()];
    out.extend(["# Supervision app".into(), format!("user {}", user(sup)), format!("topic readwrite {site}/#"), String::new(), "# Door controllers".into()]);
    for d in of(clients, Role::Door) {
        out.extend([format!("user {}", user(d)), format!("topic readwrite {site}/door/#")]);
    }
    out.extend([String::new(), "# HVAC units: their own subtree".into(), format!("pattern readwrite {site}/hvac/%c/#"), String::new(), "# Sensors".into()]);
    for s in of(clients, Role::Sensor) {
        out.extend([format!("user {}", user(s)), format!("topic write {site}/sensor/{}/telemetry", s.client_id), "topic read #".into()]);
    }
    out.join("\n")
}

/// An ACL that grants exactly the policy: one block per user name, nothing for anonymous
/// clients, no `%c` pattern (a client id is chosen by the client, not bound to its password).
fn fixed_acl(clients: &[Client]) -> String {
    let mut out = vec!["# One block per user name; anonymous clients get nothing.".to_string()];
    for c in clients.iter().filter(|c| c.username.is_some()) {
        out.push(format!("user {}", user(c)));
        out.extend(c.reads.iter().map(|t| format!("topic read {t}")));
        out.extend(c.writes.iter().map(|t| format!("topic write {t}")));
    }
    out.join("\n")
}

fn policy_text(clients: &[Client]) -> String {
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ") };
    clients.iter().filter(|c| c.username.is_some()).map(|c| format!("- `{}`: read {} · write {}", user(c), list(&c.reads), list(&c.writes))).collect::<Vec<_>>().join("\n")
}

pub fn build(_params: &Params, seed: &InstanceSeed) -> Instance {
    let site = format!("b{}", 10 + seed.value("site", 1)[0] % 90);
    let clients = clients(seed, &site);
    let topics = topics(&clients, &site);
    let flawed = flawed_acl(&clients, &site);
    let fixed = fixed_acl(&clients);
    let mut instance = Instance { site, clients, topics, flawed, fixed, frames: Vec::new() };
    instance.frames = instance.capture(seed);
    instance
}

impl Instance {
    pub fn client(&self, role: Role, n: usize) -> &Client {
        self.clients.iter().filter(|c| c.role == role).nth(n).expect("the building has this client")
    }

    /// Replays every client's rights against `acl`: for each topic of the building, reading
    /// (what a `#` subscription would receive) and publishing, first with the client's own id,
    /// then, for rights it should not have, with every other client id an attacker holding its
    /// credentials could present.
    pub fn audit(&self, acl: &Acl) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (i, c) in self.clients.iter().enumerate() {
            for topic in &self.topics {
                for access in [READ, WRITE] {
                    let own = acl.decide(c.username.as_deref(), &c.client_id, topic, access);
                    let kind = match (c.needs(topic, access), own.allowed) {
                        (true, false) => Some(Kind::Missing),
                        (false, true) => Some(Kind::Excess { spoofed: None, line: own.line }),
                        (false, false) => self.clients.iter().filter(|o| o.client_id != c.client_id).find_map(|o| {
                            let d = acl.decide(c.username.as_deref(), &o.client_id, topic, access);
                            d.allowed.then(|| Kind::Excess { spoofed: Some(o.client_id.clone()), line: d.line })
                        }),
                        (true, true) => None,
                    };
                    if let Some(kind) = kind {
                        findings.push(Finding { client: i, access, topic: topic.clone(), kind });
                    }
                }
            }
        }
        findings
    }

    /// The topics a client receives with a `#` subscription and may publish to, with its own id.
    fn reach(&self, acl: &Acl, c: &Client, access: u8) -> Vec<String> {
        self.topics.iter().filter(|t| acl.decide(c.username.as_deref(), &c.client_id, t, access).allowed).cloned().collect()
    }

    fn audit_tool(&self, inputs: &Inputs) -> Result<ToolRun, Msg> {
        let acl = Acl::parse(raw(inputs, "acl")).map_err(|e| e.msg())?;
        let findings = self.audit(&acl);
        let excess = findings.iter().filter(|f| f.kind != Kind::Missing).count();
        let missing = findings.len() - excess;
        let verdict = if findings.is_empty() { Msg::MqttAuditClean() } else { Msg::MqttAuditFlawed(excess, missing) };
        let mut out = vec![Output::new(M::MqttAuditVerdict, Value::Verdict { ok: findings.is_empty(), text: verdict })];
        if !findings.is_empty() {
            let head = vec![Msg::from(M::MqttAuditClient), M::MqttAuditRight.into(), M::MqttAuditTopic.into(), M::MqttAuditFinding.into(), M::MqttAuditLine.into()];
            let rows = findings
                .iter()
                .map(|f| {
                    let (finding, line) = match &f.kind {
                        Kind::Missing => (Msg::MqttAuditMissing(), None),
                        Kind::Excess { spoofed: None, line } => (Msg::MqttAuditExcess(), *line),
                        Kind::Excess { spoofed: Some(id), line } => (Msg::MqttAuditExcessSpoofed(id), *line),
                    };
                    let right = if f.access == READ { "read" } else { "write" };
                    vec![self.clients[f.client].name(), Value::Text(right.into()), Value::Text(f.topic.clone()), Value::Msg(finding), Value::Text(line.map_or("—".into(), |l| l.to_string()))]
                })
                .collect();
            out.push(Output::new(M::MqttAuditFindings, Value::Table { head, rows }));
        }
        let list = |v: Vec<String>| if v.is_empty() { Value::Msg(Msg::MqttAuditNothing()) } else { Value::Text(v.join(", ")) };
        let rows = self.clients.iter().map(|c| vec![c.name(), list(self.reach(&acl, c, READ)), list(self.reach(&acl, c, WRITE))]).collect();
        out.push(Output::new(M::MqttAuditReach, Value::Table { head: vec![M::MqttAuditClient.into(), M::MqttAuditSubscribeAll.into(), M::MqttAuditPublishTo.into()], rows }));
        Ok(out.into())
    }

    // ---- The capture ----------------------------------------------------------------------

    /// The traffic on port 1883, as the broker saw it with the flawed ACL: what it delivers to
    /// the sensor's `#` subscription is what that ACL lets the sensor read.
    fn capture(&self, seed: &InstanceSeed) -> Vec<Frame> {
        let acl = Acl::parse(&self.flawed).expect("the flawed ACL is well formed");
        let (sup, door, hvac, sensor) = (self.client(Role::Supervision, 0), self.client(Role::Door, 0), self.client(Role::Hvac, 0), self.client(Role::Sensor, 0));
        let site = &self.site;
        let v = seed.value("payloads", 4);
        let unlock = format!("{{\"action\":\"unlock\",\"seconds\":{}}}", 5 + v[0] % 26);
        let setpoint = format!("{{\"setpoint\":{}.{}}}", 17 + v[1] % 8, v[2] % 2 * 5);
        let telemetry = format!("{{\"t\":{}.{},\"rh\":{}}}", 19 + v[3] % 5, v[0] % 10, 35 + v[1] % 25);
        let door_cmd = format!("{site}/door/{}/cmd", door.client_id);
        let hvac_cmd = format!("{site}/hvac/{}/cmd", hvac.client_id);
        let retained = |topic: &str, payload: &str, qos: QoS, pkid: u16| {
            let mut p = Publish::new(topic, qos, payload.as_bytes().to_vec());
            p.retain = true;
            p.pkid = pkid;
            Packet::Publish(p)
        };
        let connect = |c: &Client| {
            let mut p = Connect::new(c.client_id.as_str());
            p.keep_alive = 60;
            p.set_login(user(c), c.password.as_str());
            Packet::Connect(p)
        };
        let connack = || Packet::ConnAck(ConnAck::new(ConnectReturnCode::Success, false));
        let mut script: Vec<(u64, Direction, &Client, Packet)> = vec![
            (0, Direction::Up, sup, connect(sup)),
            (2, Direction::Down, sup, connack()),
            (15, Direction::Up, sup, retained(&door_cmd, &unlock, QoS::AtLeastOnce, 1)),
            (17, Direction::Down, sup, Packet::PubAck(PubAck::new(1))),
            (30, Direction::Up, sup, retained(&hvac_cmd, &setpoint, QoS::AtLeastOnce, 2)),
            (32, Direction::Down, sup, Packet::PubAck(PubAck::new(2))),
            (1200, Direction::Up, sensor, connect(sensor)),
            (1202, Direction::Down, sensor, connack()),
            (1210, Direction::Up, sensor, Packet::Subscribe(Subscribe::new("#", QoS::AtMostOnce))),
            (1212, Direction::Down, sensor, Packet::SubAck(SubAck::new(1, vec![SubscribeReasonCode::Success(QoS::AtMostOnce)]))),
        ];
        // Retained messages go to a new subscription, at its QoS, with RETAIN set (MQTT 3.1.1,
        // 3.3.1.3), if the ACL lets the subscriber read them.
        for (t, (topic, payload)) in [(&door_cmd, &unlock), (&hvac_cmd, &setpoint)].into_iter().enumerate() {
            if acl.decide(sensor.username.as_deref(), &sensor.client_id, topic, READ).allowed {
                script.push((1213 + t as u64, Direction::Down, sensor, retained(topic, payload, QoS::AtMostOnce, 0)));
            }
        }
        script.extend([
            (1500, Direction::Up, sensor, Packet::Publish(Publish::new(format!("{site}/sensor/{}/telemetry", sensor.client_id), QoS::AtMostOnce, telemetry.into_bytes()))),
            (2400, Direction::Up, door, connect(door)),
            (2402, Direction::Down, door, connack()),
            (2410, Direction::Up, door, Packet::Subscribe(Subscribe::new(door_cmd.as_str(), QoS::AtLeastOnce))),
            (2412, Direction::Down, door, Packet::SubAck(SubAck::new(1, vec![SubscribeReasonCode::Success(QoS::AtLeastOnce)]))),
            (2413, Direction::Down, door, retained(&door_cmd, &unlock, QoS::AtLeastOnce, 1)),
            (2415, Direction::Up, door, Packet::PubAck(PubAck::new(1))),
        ]);
        script
            .into_iter()
            .map(|(time_ms, direction, c, packet)| {
                let bytes = write(&packet);
                let (kind, summary, fields) = decode(&bytes).expect("mqttbytes reads back what it wrote");
                let (source, destination) = match direction {
                    Direction::Up => (c.address.clone(), BROKER.to_string()),
                    Direction::Down => (BROKER.to_string(), c.address.clone()),
                };
                Frame { time_ms, direction, source, destination, protocol: "MQTT".into(), kind, summary, bytes, fields }
            })
            .collect()
    }
}

/// A packet's bytes, written by mqttbytes. Its buffer (`bytes::BytesMut`) is named only through
/// mqttbytes' signatures, by inference: `bytes` is not a direct dependency of the lab.
pub fn write(packet: &Packet) -> Vec<u8> {
    let mut buffer = Default::default();
    let written = match packet {
        Packet::Connect(p) => p.write(&mut buffer),
        Packet::ConnAck(p) => p.write(&mut buffer),
        Packet::Publish(p) => p.write(&mut buffer),
        Packet::PubAck(p) => p.write(&mut buffer),
        Packet::Subscribe(p) => p.write(&mut buffer),
        Packet::SubAck(p) => p.write(&mut buffer),
        other => unreachable!("the capture has no {other:?}"),
    };
    written.expect("the capture's packets are well formed");
    let slice: &[u8] = &buffer;
    slice.to_vec()
}

/// One frame read back with mqttbytes (`check`, then `v4::read`).
pub fn read(bytes: &[u8]) -> Result<Packet, mqttbytes::Error> {
    mqttbytes::check(bytes.iter(), MAX_PACKET)?;
    let mut stream = From::from(bytes);
    v4::read(&mut stream, MAX_PACKET)
}

/// Field positions, walked over the MQTT 3.1.1 layout of what mqttbytes decoded.
struct Walk {
    fields: Vec<capture::Field>,
    at: usize,
}

impl Walk {
    fn field(&mut self, name: &str, value: impl Into<String>, len: usize) {
        self.fields.push(capture::Field::new(name, value, self.at, len));
        self.at += len;
    }

    /// A UTF-8 string with its two-byte length prefix (MQTT 3.1.1, 1.5.3).
    fn string(&mut self, name: &str, s: &str) {
        self.field(name, s, 2 + s.len());
    }

    /// A value carried by some bits of the byte at `at`.
    fn bits(&mut self, name: &str, value: impl Into<String>, at: usize) {
        self.fields.push(capture::Field::new(name, value, at, 1).nested());
    }
}

fn qos_name(q: QoS) -> String {
    format!("{} ({q:?})", q as u8)
}

/// The frame's type, a one-line summary and its fields with their byte ranges.
pub fn decode(bytes: &[u8]) -> Result<(String, String, Vec<capture::Field>), mqttbytes::Error> {
    let packet = read(bytes)?;
    let byte1 = bytes[0];
    let length_len = bytes[1..].iter().take_while(|b| **b & 0x80 != 0).count() + 1;
    let kind = match &packet {
        Packet::Connect(_) => "CONNECT",
        Packet::ConnAck(_) => "CONNACK",
        Packet::Publish(_) => "PUBLISH",
        Packet::PubAck(_) => "PUBACK",
        Packet::Subscribe(_) => "SUBSCRIBE",
        Packet::SubAck(_) => "SUBACK",
        _ => "OTHER",
    };
    let mut w = Walk { fields: Vec::new(), at: 0 };
    w.field("Fixed header", format!("0x{byte1:02x}"), 1);
    w.bits("MQTT Control Packet type", format!("{kind} ({})", byte1 >> 4), 0);
    if let Packet::Publish(p) = &packet {
        w.bits("DUP flag", (p.dup as u8).to_string(), 0);
        w.bits("QoS level", qos_name(p.qos), 0);
        w.bits("RETAIN", (p.retain as u8).to_string(), 0);
    } else {
        w.bits("Flags", format!("0x{:x}", byte1 & 0x0f), 0);
    }
    w.field("Remaining Length", (bytes.len() - 1 - length_len).to_string(), length_len);
    let summary = match &packet {
        Packet::Connect(c) => {
            w.string("Protocol Name", "MQTT");
            w.field("Protocol Level", "4 (MQTT 3.1.1)", 1);
            let flags_at = w.at;
            w.field("Connect Flags", format!("0x{:02x}", bytes[flags_at]), 1);
            let login = c.login.as_ref();
            w.bits("User Name Flag", login.map_or("0", |_| "1"), flags_at);
            w.bits("Password Flag", login.map_or("0", |_| "1"), flags_at);
            w.bits("Clean Session", (c.clean_session as u8).to_string(), flags_at);
            w.field("Keep Alive", format!("{} s", c.keep_alive), 2);
            w.string("Client Identifier", &c.client_id);
            if let Some(l) = login {
                w.string("User Name", &l.username);
                w.string("Password", &l.password);
            }
            format!("CONNECT Client Identifier {}, User Name {}", c.client_id, login.map_or("-", |l| l.username.as_str()))
        }
        Packet::ConnAck(c) => {
            w.field("Connect Acknowledge Flags", format!("Session Present {}", c.session_present as u8), 1);
            w.field("Connect Return code", format!("{} ({:?})", c.code as u8, c.code), 1);
            format!("CONNACK {:?}", c.code)
        }
        Packet::Publish(p) => {
            w.string("Topic Name", &p.topic);
            if p.qos != QoS::AtMostOnce {
                w.field("Packet Identifier", p.pkid.to_string(), 2);
            }
            let payload = String::from_utf8_lossy(&p.payload).into_owned();
            w.field("Payload", payload, p.payload.len());
            format!("PUBLISH {}, QoS {}{}", p.topic, p.qos as u8, if p.retain { ", RETAIN" } else { "" })
        }
        Packet::PubAck(p) => {
            w.field("Packet Identifier", p.pkid.to_string(), 2);
            format!("PUBACK {}", p.pkid)
        }
        Packet::Subscribe(s) => {
            w.field("Packet Identifier", s.pkid.to_string(), 2);
            for f in &s.filters {
                w.string("Topic Filter", &f.path);
                w.field("Requested QoS", qos_name(f.qos), 1);
            }
            format!("SUBSCRIBE {}", s.filters.iter().map(|f| f.path.as_str()).collect::<Vec<_>>().join(", "))
        }
        Packet::SubAck(s) => {
            w.field("Packet Identifier", s.pkid.to_string(), 2);
            for code in &s.return_codes {
                let text = match code {
                    SubscribeReasonCode::Success(q) => format!("Success, maximum QoS {}", *q as u8),
                    SubscribeReasonCode::Failure => "Failure (0x80)".into(),
                };
                w.field("Return Code", text, 1);
            }
            format!("SUBACK {}", s.pkid)
        }
        _ => kind.to_string(),
    };
    debug_assert_eq!(w.at, bytes.len(), "the walk covers the frame");
    Ok((kind.to_string(), summary, w.fields))
}

impl Lab for Instance {
    fn variables(&self) -> Vars {
        Vars::from([("broker".into(), BROKER.to_string()), ("site".into(), self.site.clone()), ("policy".into(), policy_text(&self.clients)), ("acl".into(), self.flawed.clone())])
    }

    fn reference(&self, check: &str) -> Option<String> {
        let sup = self.client(Role::Supervision, 0);
        match check {
            "username" => sup.username.clone(),
            "password" => Some(sup.password.clone()),
            "acl" => Some(self.fixed.clone()),
            _ => None,
        }
    }

    /// Credentials are compared as text; an ACL is graded by its audit, so any ACL that grants
    /// exactly the policy is right.
    fn grade(&self, check: &str, answer: &str) -> LabVerdict {
        if check != "acl" {
            return grade_text(check, self.reference(check), answer);
        }
        match Acl::parse(answer) {
            Err(e) => LabVerdict::Unreadable(e.msg()),
            Ok(acl) if self.audit(&acl).is_empty() => LabVerdict::Correct,
            Ok(_) => LabVerdict::Wrong,
        }
    }

    fn run_tool(&self, tool: &str, inputs: &Inputs) -> Result<ToolRun, Msg> {
        match tool {
            "audit" => self.audit_tool(inputs),
            _ => Err(Msg::UnknownTool(tool)),
        }
    }

    fn view(&self, request: &ViewRequest) -> Result<ViewData, Msg> {
        match request {
            ViewRequest::Captures => Ok(ViewData::Captures(vec![Capture { id: CAPTURE_ID.into(), title: M::MqttAuditCaptureTitle, frames: self.frames.clone() }])),
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
        InstanceSeed::derive(&[n; 32], "seclab-core", "mqtt-audit")
    }

    fn lab(n: u8) -> Instance {
        build(&Params {}, &seed(n))
    }

    fn finds(l: &Instance, acl: &str) -> Vec<Finding> {
        l.audit(&Acl::parse(acl).unwrap())
    }

    fn has(l: &Instance, f: &[Finding], user: &str, access: u8, topic: &str, excess: bool) -> bool {
        f.iter().any(|x| l.clients[x.client].username.as_deref().unwrap_or("") == user && x.access == access && x.topic == topic && (x.kind != Kind::Missing) == excess)
    }

    /// The capture decodes with mqttbytes, its fields lie where the walk says, and the CONNECT
    /// of the client that published the retained commands carries the instance's credentials.
    #[test]
    fn the_capture_decodes_with_mqttbytes_and_carries_the_credentials() {
        for n in 0..8 {
            let l = lab(n);
            let sup = l.client(Role::Supervision, 0);
            let Packet::Connect(c) = read(&l.frames[0].bytes).unwrap() else { panic!("the capture opens with a CONNECT") };
            let login = c.login.unwrap();
            assert_eq!((Some(login.username), login.password), (l.reference("username"), l.reference("password").unwrap()));
            assert_eq!(c.client_id, sup.client_id);
            let f = &l.frames[0];
            let pw = f.fields.iter().find(|x| x.name == "Password").unwrap();
            assert_eq!(&f.field_bytes(pw)[2..], sup.password.as_bytes(), "the Password field spans its bytes");
            assert_eq!(f.field_bytes(pw)[..2], (sup.password.len() as u16).to_be_bytes());
            assert_eq!(f.field_bytes(f.fields.iter().find(|x| x.name == "Protocol Name").unwrap()), b"\x00\x04MQTT");
            // The retained commands come from the same endpoint as that CONNECT.
            let retained: Vec<&Frame> = l.frames.iter().filter(|f| f.direction == Direction::Up && f.summary.ends_with("RETAIN")).collect();
            assert_eq!(retained.len(), 2);
            assert!(retained.iter().all(|r| r.source == f.source && r.summary.contains("/cmd")));
            for frame in &l.frames {
                assert!(frame.fields_in_bounds());
                let (kind, _, fields) = decode(&frame.bytes).unwrap();
                assert_eq!(kind, frame.kind);
                let top: usize = fields.iter().filter(|x| x.depth == 0).map(|x| x.len).sum();
                assert_eq!(top, frame.bytes.len(), "the top-level fields cover the frame");
            }
            // The sensor subscribed to # and, under the flawed ACL, received both commands.
            let sensor = l.client(Role::Sensor, 0);
            let delivered = l.frames.iter().filter(|f| f.destination == sensor.address && f.kind == "PUBLISH").count();
            assert_eq!(delivered, 2);
            assert!(l.frames.iter().any(|f| f.source == sensor.address && f.summary == "SUBSCRIBE #"));
        }
    }

    /// MQTT 3.1.1, section 2.2.3, Table 2.4: the Remaining Length 128 is encoded 0x80 0x01 and
    /// 127 is 0x7F. A PUBLISH of those sizes, written by mqttbytes, decodes with a Remaining
    /// Length field of that many bytes; the frame cut short is refused.
    #[test]
    fn remaining_length_follows_the_specification_table() {
        for (remaining, encoded) in [(127usize, &[0x7f][..]), (128, &[0x80, 0x01][..])] {
            // Topic "a/b" (2 + 3 bytes) then the payload.
            let packet = Packet::Publish(Publish::new("a/b", QoS::AtMostOnce, vec![b'x'; remaining - 5]));
            let bytes = write(&packet);
            assert_eq!(&bytes[1..1 + encoded.len()], encoded);
            let (_, _, fields) = decode(&bytes).unwrap();
            let rl = fields.iter().find(|f| f.name == "Remaining Length").unwrap();
            assert_eq!((rl.start, rl.len, rl.value.as_str()), (1, encoded.len(), remaining.to_string().as_str()));
            let payload = fields.iter().find(|f| f.name == "Payload").unwrap();
            assert_eq!(payload.start + payload.len, bytes.len());
            assert!(matches!(decode(&bytes[..bytes.len() - 1]), Err(mqttbytes::Error::InsufficientBytes(1))));
        }
    }

    /// The ACL found on the broker: a sensor reads every topic (its `#` subscription receives the
    /// door and HVAC commands), a door controller commands the other door, the supervision app
    /// writes device states, any client presenting an HVAC unit's client id gets its subtree
    /// (`%c`), anonymous clients read the sensors; and the HVAC units miss their room sensor,
    /// since the first `topic` line applies to anonymous clients only.
    #[test]
    fn the_flawed_acl_shows_excess_and_missing_rights() {
        for n in 0..8 {
            let l = lab(n);
            let f = finds(&l, &l.flawed);
            let site = &l.site;
            let (sup, d0, d1, h0, s0) = (l.client(Role::Supervision, 0), l.client(Role::Door, 0), l.client(Role::Door, 1), l.client(Role::Hvac, 0), l.client(Role::Sensor, 0));
            let d0_cmd = format!("{site}/door/{}/cmd", d0.client_id);
            let h0_cmd = format!("{site}/hvac/{}/cmd", h0.client_id);
            assert!(has(&l, &f, user(s0), READ, &d0_cmd, true), "a sensor's # subscription receives door commands");
            assert!(has(&l, &f, user(s0), READ, &h0_cmd, true));
            assert!(has(&l, &f, user(d1), WRITE, &d0_cmd, true), "a door controller commands another door");
            assert!(has(&l, &f, user(sup), WRITE, &format!("{site}/door/{}/state", d0.client_id), true));
            assert!(has(&l, &f, user(h0), WRITE, &h0_cmd, true), "an HVAC unit writes its own commands");
            let spoof = f.iter().find(|x| l.clients[x.client].role == Role::Door && x.topic == h0_cmd && x.access == WRITE).expect("a door controller presenting the HVAC unit's client id");
            let pattern_line = l.flawed.lines().position(|x| x.starts_with("pattern readwrite")).unwrap() + 1;
            assert_eq!(spoof.kind, Kind::Excess { spoofed: Some(h0.client_id.clone()), line: Some(pattern_line) });
            assert!(f.iter().any(|x| l.clients[x.client].role == Role::Anonymous && x.access == READ && x.topic.contains("/sensor/")), "anonymous clients read the sensors");
            let hvac_sensor = &h0.reads[1];
            assert!(has(&l, &f, user(h0), READ, hvac_sensor, false), "the HVAC unit misses its sensor");
            assert_eq!(l.grade("acl", &l.flawed), LabVerdict::Wrong);
        }
    }

    #[test]
    fn a_fixed_acl_passes_whichever_way_it_is_written() {
        for n in 0..8 {
            let l = lab(n);
            assert!(finds(&l, &l.fixed).is_empty());
            assert_eq!(l.grade("acl", &l.fixed), LabVerdict::Correct);
            // The same policy with %u patterns (bound to the password, unlike %c), plus the
            // app's and the HVAC units' own lines, and a deny on a topic no one needs (`x/#` would
            // also deny `x` itself, MQTT 3.1.1 4.7.1.2).
            let site = &l.site;
            let mut acl = vec![format!("pattern read {site}/door/%u/cmd"), format!("pattern write {site}/door/%u/state"), format!("pattern read {site}/hvac/%u/cmd"), format!("pattern write {site}/hvac/%u/state"), format!("pattern write {site}/sensor/%u/telemetry")];
            let sup = l.client(Role::Supervision, 0);
            acl.extend([format!("user {}", user(sup)), format!("topic deny {site}/door/+/state/debug"), format!("topic read {site}/+/+/state"), format!("topic read {site}/sensor/#"), format!("topic write {site}/+/+/cmd")]);
            for h in [l.client(Role::Hvac, 0), l.client(Role::Hvac, 1)] {
                acl.extend([format!("user {}", user(h)), format!("topic read {}", h.reads[1])]);
            }
            let acl = acl.join("\n");
            assert_eq!(finds(&l, &acl), vec![], "{acl}");
            assert_eq!(l.grade("acl", &format!("\n{acl}\n\n")), LabVerdict::Correct);
            // The same with %c instead of %u: anyone presenting a device's client id gets its rights.
            let spoofable = acl.replace("%u", "%c");
            let f = finds(&l, &spoofable);
            assert!(!f.is_empty() && f.iter().all(|x| matches!(x.kind, Kind::Excess { spoofed: Some(_), .. })), "{f:?}");
        }
    }

    #[test]
    fn a_too_strict_acl_is_reported_as_missing_rights() {
        let l = lab(2);
        let sup = l.client(Role::Supervision, 0);
        let strict: Vec<&str> = l.fixed.lines().filter(|line| !line.starts_with("topic write") || !line.contains("/door/+/cmd")).collect();
        let f = finds(&l, &strict.join("\n"));
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|x| x.kind == Kind::Missing && l.clients[x.client].username == sup.username && x.access == WRITE));
        assert_eq!(l.grade("acl", &strict.join("\n")), LabVerdict::Wrong);
        // An empty file grants nothing: every right of the policy is missing.
        let needed: usize = l.clients.iter().map(|c| l.topics.iter().map(|t| c.needs(t, READ) as usize + c.needs(t, WRITE) as usize).sum::<usize>()).sum();
        assert_eq!(finds(&l, "").len(), needed);
    }

    /// mosquitto's order: a client's own lines, deny first; then the patterns; lines before any
    /// `user` are for anonymous clients only; a wildcard in a client id voids the patterns.
    #[test]
    fn decisions_follow_mosquitto() {
        let acl = Acl::parse("topic read a/#\nuser alice\ntopic readwrite a/#\ntopic deny a/secret\npattern write p/%c\npattern read q/%u").unwrap();
        let d = |u: Option<&str>, id: &str, t: &str, a: u8| acl.decide(u, id, t, a);
        assert_eq!(d(None, "x", "a/b", READ), Decision { allowed: true, line: Some(1) });
        assert!(!d(Some("bob"), "x", "a/b", READ).allowed, "the first line is for anonymous clients only");
        assert_eq!(d(Some("alice"), "x", "a/secret", READ), Decision { allowed: false, line: Some(4) }, "deny comes before the earlier grant");
        assert!(d(Some("alice"), "x", "a/b", WRITE).allowed);
        assert!(d(Some("bob"), "door-1", "p/door-1", WRITE).allowed && !d(Some("bob"), "door-1", "p/door-1", READ).allowed);
        assert!(d(None, "door-1", "p/door-1", WRITE).allowed, "%c applies to anonymous clients too");
        assert!(!d(None, "x", "q/x", READ).allowed, "%u patterns skip clients without a user name");
        assert!(d(Some("bob"), "x", "q/bob", READ).allowed);
        assert!(!d(Some("bob"), "p/#", "p/p/#", WRITE).allowed, "a wildcard in the client id voids the patterns");
        // A single word after `topic` is the topic, with readwrite access.
        let single = Acl::parse("topic read").unwrap();
        assert_eq!(single.anonymous, vec![Rule { access: READ | WRITE, topic: "read".into(), line: 1 }]);
    }

    #[test]
    fn unreadable_lines_are_named_with_what_was_expected() {
        let l = lab(1);
        let cases = [
            ("user a\ntopic reed a/b", "ACL, line 2: access \"reed\": expected read, write, readwrite or deny, then the topic"),
            ("user a\n\n  # indented comment", "ACL, line 3: \"#\": expected `user`, `topic`, `pattern`, or a comment whose # is the very first character of the line"),
            ("topic", "ACL, line 1: `topic` without a topic: expected `topic [read|write|readwrite|deny] TOPIC`"),
            ("# ok\nuser   ", "ACL, line 2: `user` without a name: expected `user NAME`"),
            ("user a\ntopic read a/#/b", "ACL, line 2: invalid topic \"a/#/b\": + and # fill a whole level, and # only the last one"),
            ("pattern write a/x+", "ACL, line 1: invalid topic \"a/x+\": + and # fill a whole level, and # only the last one"),
            ("users a", "ACL, line 1: \"users\": expected `user`, `topic`, `pattern`, or a comment whose # is the very first character of the line"),
        ];
        for (acl, message) in cases {
            let err = Acl::parse(acl).unwrap_err();
            assert_eq!(err.msg().en(), message);
            assert_eq!(l.grade("acl", acl), LabVerdict::Unreadable(err.msg()));
            assert_eq!(l.run_tool("audit", &inputs_of(&[("acl", acl)])).unwrap_err(), err.msg());
        }
        assert!(Acl::parse("ACL, ligne").is_err());
        assert!(Acl::parse(&"# c\n".repeat(MAX_ACL_LINES + 1)).unwrap_err().msg().en().ends_with("longer than 1000 lines"));
        assert!(Acl::parse("ACL, line 2: x").unwrap_err().msg().render(Lang::Fr).starts_with("ACL, ligne 1 : « ACL, »"));
    }

    #[test]
    fn the_audit_tool_reports_findings_and_reach() {
        let l = lab(3);
        let vars = l.variables();
        let run = l.run_tool("audit", &inputs_of(&[("acl", &vars["acl"])])).unwrap();
        let Some(Value::Verdict { ok: false, text }) = run.get(M::MqttAuditVerdict) else { panic!("{run:?}") };
        assert!(text.en().ends_with("2 missing right(s)"), "{}", text.en());
        let Some(Value::Table { rows, .. }) = run.get(M::MqttAuditFindings) else { panic!() };
        let s0 = l.client(Role::Sensor, 0);
        assert!(rows.iter().any(|r| r[0] == Value::Text(user(s0).into()) && r[3] == Value::Msg(Msg::MqttAuditExcess()) && r[4] != Value::Text("—".into())));
        let Some(Value::Table { rows: reach, .. }) = run.get(M::MqttAuditReach) else { panic!() };
        let sensor_row = reach.iter().find(|r| r[0] == Value::Text(user(s0).into())).unwrap();
        assert_eq!(sensor_row[1], Value::Text(l.topics.join(", ")), "under the flawed ACL a sensor's # receives everything");
        let fixed = l.run_tool("audit", &inputs_of(&[("acl", &l.fixed)])).unwrap();
        assert_eq!(fixed.outputs[0].value, Value::Verdict { ok: true, text: Msg::MqttAuditClean() });
        assert!(fixed.get(M::MqttAuditFindings).is_none());
        assert_eq!(l.grade("username", &format!(" {} ", l.reference("username").unwrap())), LabVerdict::Correct);
        assert_eq!(l.grade("password", "guess"), LabVerdict::Wrong);
    }

    #[test]
    fn instances_differ_between_learners() {
        let (a, b) = (lab(1), lab(2));
        assert_ne!(a.reference("password"), b.reference("password"));
        assert_ne!(a.variables()["acl"], b.variables()["acl"]);
        assert!(!a.variables()["policy"].contains(&a.reference("password").unwrap()));
    }
}
