//! The one protocol between the page and the worker, and the host that serves it.
//!
//! The page sends [`Request`]s; the worker hands each to [`Host::handle`] and, while jobs are
//! pending, calls [`Host::step`] between its tasks; every answer is an [`Event`] tagged with the
//! request's job number: progress for long work, then one result or one error. A cancel stops a
//! long job between two steps. The host keeps the instances it built, so a tool run or a grade
//! never rebuilds one (RSA primes, key pairs).
//!
//! Everything here is plain Rust, tested natively; the worker's binary only moves messages.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::{build, Job, JobStep, Lab, LabVerdict, ParamError, Vars, WorkbenchLink};
use crate::core::msg::Msg;
use crate::core::tools::{Cost, Inputs, ToolRun};
use crate::core::views::{ViewData, ViewRequest};

/// Which instance: the engine, its parameters (the `[lab]` table as TOML text, since the
/// worker's codec cannot carry a self-describing TOML value) and the instance seed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LabKey {
    pub kind: String,
    pub params: String,
    pub seed: [u8; 32],
}

impl LabKey {
    pub fn new(kind: &str, params: &toml::Table, seed: &super::InstanceSeed) -> LabKey {
        let mut params = params.clone();
        params.remove("kind");
        LabKey { kind: kind.into(), params: toml::to_string(&params).unwrap_or_default(), seed: seed.0 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Builds (or finds) an instance; answers [`Body::Opened`].
    Open { lab: LabKey },
    /// Runs one of the engine's tools; a long one streams progress first.
    Tool { lab: LabKey, tool: String, inputs: Inputs },
    /// Grades a lab answer; answers [`Body::Verdict`].
    Grade { lab: LabKey, check: String, answer: String },
    /// The data of the engine's special view; answers [`Body::View`].
    View { lab: LabKey, request: ViewRequest },
    /// Runs a workbench tool; a long one streams progress first.
    Workbench { tool: String, inputs: Inputs },
    /// Renders exercise Markdown (placeholders already substituted) to safe HTML; answers
    /// [`Body::Html`]. Here rather than in the page, whose first load it would weigh on.
    Markdown { source: String },
    /// Stops the long job with this number.
    Cancel { job: u32 },
}

/// What the page learns when it opens an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    pub variables: Vars,
    pub budget: Option<u32>,
    pub workbench: Option<WorkbenchLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    Opened(Opened),
    Progress { done: u64, total: u64, note: Option<Msg> },
    Result(ToolRun),
    Verdict(LabVerdict),
    View(ViewData),
    Html(String),
    Error(Msg),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub job: u32,
    pub body: Body,
}

/// A message from the page: a request and the number its events will carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub job: u32,
    pub request: Request,
}

/// How many instances the host keeps (a learner moves between a few exercises).
const KEPT: usize = 8;

#[derive(Default)]
pub struct Host {
    instances: VecDeque<(LabKey, Box<dyn Lab>)>,
    jobs: BTreeMap<u32, Box<dyn Job>>,
}

impl Host {
    pub fn new() -> Host {
        Host::default()
    }

    /// The instance for `key`, built on first use and kept (most recent first).
    fn instance(&mut self, key: &LabKey) -> Result<&dyn Lab, Msg> {
        if let Some(i) = self.instances.iter().position(|(k, _)| k == key) {
            let entry = self.instances.remove(i).expect("found");
            self.instances.push_front(entry);
        } else {
            let params: toml::Table = toml::from_str(&key.params).map_err(|e| Msg::WorkerFailed(e.to_string()))?;
            let lab = build(&key.kind, &params, &super::InstanceSeed(key.seed)).map_err(|e: ParamError| Msg::LabParamsRefused(e.message, e.fix))?;
            self.instances.push_front((key.clone(), lab));
            self.instances.truncate(KEPT);
        }
        Ok(self.instances.front().expect("just placed").1.as_ref())
    }

    /// Handles one request. Light work answers at once through `emit`; a long job is kept and
    /// advanced by [`Host::step`].
    pub fn handle(&mut self, envelope: Envelope, emit: &mut dyn FnMut(Event)) {
        let job = envelope.job;
        let body = match envelope.request {
            Request::Open { lab } => self.instance(&lab).map(|i| Body::Opened(Opened { variables: i.variables(), budget: i.budget(), workbench: i.workbench_link() })),
            Request::Grade { lab, check, answer } => self.instance(&lab).map(|i| Body::Verdict(i.grade(&check, &answer))),
            Request::View { lab, request } => self.instance(&lab).and_then(|i| i.view(&request)).map(Body::View),
            Request::Tool { lab, tool, inputs } => {
                let cost = super::find(&lab.kind).and_then(|s| s.tool(&tool)).map(|t| t.cost);
                match (self.instance(&lab), cost) {
                    (Err(e), _) => Err(e),
                    (Ok(_), None) => Err(Msg::UnknownTool(tool)),
                    (Ok(i), Some(Cost::Light)) => i.run_tool(&tool, &inputs).map(Body::Result),
                    (Ok(i), Some(Cost::Long)) => match i.start(&tool, &inputs) {
                        Ok(j) => {
                            self.jobs.insert(job, j);
                            return;
                        }
                        Err(e) => Err(e),
                    },
                }
            }
            Request::Workbench { tool, inputs } => match crate::core::workbench::info(&tool).map(|t| t.spec.cost) {
                None => Err(Msg::UnknownTool(tool)),
                Some(Cost::Light) => crate::core::workbench::run(&tool, &inputs).map(Body::Result),
                Some(Cost::Long) => match crate::core::workbench::start(&tool, &inputs) {
                    Ok(j) => {
                        self.jobs.insert(job, j);
                        return;
                    }
                    Err(e) => Err(e),
                },
            },
            Request::Markdown { source } => Ok(Body::Html(crate::core::markdown::to_html(&source))),
            Request::Cancel { job: target } => {
                if self.jobs.remove(&target).is_some() {
                    emit(Event { job: target, body: Body::Error(Msg::JobCancelled()) });
                }
                return;
            }
        };
        emit(Event { job, body: body.unwrap_or_else(Body::Error) });
    }

    /// Advances every pending job by one step. Returns whether jobs remain.
    pub fn step(&mut self, emit: &mut dyn FnMut(Event)) -> bool {
        let ids: Vec<u32> = self.jobs.keys().copied().collect();
        for job in ids {
            let Some(j) = self.jobs.get_mut(&job) else { continue };
            match j.step() {
                JobStep::Progress { done, total, note } => emit(Event { job, body: Body::Progress { done, total, note } }),
                JobStep::Done(result) => {
                    self.jobs.remove(&job);
                    emit(Event { job, body: result.map(Body::Result).unwrap_or_else(Body::Error) });
                }
            }
        }
        !self.jobs.is_empty()
    }

    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engines::InstanceSeed;
    use crate::core::msg::M;
    use crate::core::tools::Value;

    fn key(kind: &str, params: &str, seed: u8) -> LabKey {
        LabKey::new(kind, &toml::from_str(params).unwrap(), &InstanceSeed::derive(&[seed; 32], "p", "e"))
    }

    fn ask(host: &mut Host, job: u32, request: Request) -> Vec<Event> {
        let mut events = Vec::new();
        host.handle(Envelope { job, request }, &mut |e| events.push(e));
        while host.step(&mut |e| events.push(e)) {}
        events
    }

    fn only(events: Vec<Event>) -> Body {
        assert_eq!(events.len(), 1, "{events:?}");
        events.into_iter().next().unwrap().body
    }

    #[test]
    fn open_run_a_tool_and_grade_against_the_same_instance() {
        let mut host = Host::new();
        let lab = key("aes-block", "mode = \"ecb\"", 1);
        let Body::Opened(opened) = only(ask(&mut host, 1, Request::Open { lab: lab.clone() })) else { panic!() };
        assert!(opened.variables.contains_key("key"));
        assert_eq!(opened.budget, None);
        assert_eq!(opened.workbench.as_ref().map(|w| w.tool.as_str()), Some("aes"));
        let inputs: Inputs = [("mode", "ecb"), ("key", opened.variables["key"].as_str()), ("iv", ""), ("plaintext", opened.variables["plaintext"].as_str())]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let Body::Result(run) = only(ask(&mut host, 2, Request::Tool { lab: lab.clone(), tool: "encrypt".into(), inputs })) else { panic!() };
        let Some(Value::Blocks(ct)) = run.get(M::AesBlockCiphertext) else { panic!("{run:?}") };
        let answer = hex::encode(ct);
        assert_eq!(only(ask(&mut host, 3, Request::Grade { lab: lab.clone(), check: "ciphertext".into(), answer })), Body::Verdict(LabVerdict::Correct));
        assert_eq!(only(ask(&mut host, 4, Request::Grade { lab, check: "ciphertext".into(), answer: "00".repeat(32) })), Body::Verdict(LabVerdict::Wrong));
        assert_eq!(host.instances.len(), 1, "one instance, built once");
    }

    #[test]
    fn errors_come_back_as_messages_tagged_with_their_job() {
        let mut host = Host::new();
        let events = ask(&mut host, 7, Request::Open { lab: key("enigma", "", 1) });
        assert_eq!(events[0].job, 7);
        assert!(matches!(&events[0].body, Body::Error(m) if m.en().contains("not a registered engine")));
        let lab = key("aes-block", "mode = \"ecb\"", 1);
        assert_eq!(only(ask(&mut host, 8, Request::Tool { lab, tool: "decrypt".into(), inputs: Inputs::new() })), Body::Error(Msg::UnknownTool("decrypt")));
        assert_eq!(only(ask(&mut host, 9, Request::Workbench { tool: "enigma".into(), inputs: Inputs::new() })), Body::Error(Msg::UnknownTool("enigma")));
    }

    #[test]
    fn a_long_job_streams_progress_then_its_result_and_can_be_cancelled() {
        let mut host = Host::new();
        let lab = key("cbc-padding-oracle", "", 3);
        let events = ask(&mut host, 1, Request::Tool { lab: lab.clone(), tool: "replay".into(), inputs: Inputs::new() });
        let (last, progress) = events.split_last().unwrap();
        assert!(progress.len() > 5, "progress events: {}", progress.len());
        let mut previous = 0;
        for e in progress {
            let Body::Progress { done, total, .. } = e.body else { panic!("{e:?}") };
            assert!(done >= previous && done <= total);
            previous = done;
        }
        let Body::Result(run) = &last.body else { panic!("{last:?}") };
        let Some(Value::Text(text)) = run.get(M::PaddingOracleRecovered) else { panic!() };
        let Body::Opened(o) = only(ask(&mut host, 2, Request::Open { lab: lab.clone() })) else { panic!() };
        assert!(!o.variables.is_empty());
        assert!(text.starts_with("psk="), "{text}");

        // Cancelled after one step: an error event, then nothing more.
        let mut events = Vec::new();
        host.handle(Envelope { job: 5, request: Request::Tool { lab, tool: "replay".into(), inputs: Inputs::new() } }, &mut |e| events.push(e));
        assert!(host.step(&mut |e| events.push(e)));
        host.handle(Envelope { job: 6, request: Request::Cancel { job: 5 } }, &mut |e| events.push(e));
        assert!(!host.step(&mut |e| events.push(e)));
        assert_eq!(events.last().unwrap(), &Event { job: 5, body: Body::Error(Msg::JobCancelled()) });
        assert!(!host.busy());
    }

    #[test]
    fn requests_and_events_survive_the_workers_codec() {
        let request = Envelope { job: 3, request: Request::Grade { lab: key("aes-block", "mode = \"cbc\"", 2), check: "ciphertext".into(), answer: "00".into() } };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Envelope>(&json).unwrap(), request);
        let event = Event { job: 3, body: Body::Verdict(LabVerdict::Unreadable(Msg::AnswerNotHex())) };
        assert_eq!(serde_json::from_str::<Event>(&serde_json::to_string(&event).unwrap()).unwrap(), event);
    }

    #[test]
    fn markdown_is_rendered_without_raw_html() {
        let mut host = Host::new();
        let Body::Html(html) = only(ask(&mut host, 1, Request::Markdown { source: "**key** <script>alert(1)</script>".into() })) else { panic!() };
        assert!(html.contains("<strong>key</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn instances_are_kept_up_to_a_bound() {
        let mut host = Host::new();
        for seed in 0..(KEPT as u8 + 3) {
            ask(&mut host, seed as u32, Request::Open { lab: key("aes-block", "mode = \"ctr\"", seed) });
        }
        assert_eq!(host.instances.len(), KEPT);
    }
}
