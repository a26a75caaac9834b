//! The message types and the job of the lab's worker (see `src/bin/seclab-worker.rs`).
//! The page only spawns it; the worker's wasm is the one that runs the heavy tools.

use std::collections::BTreeMap;

use gloo_worker::oneshot::oneshot;
use serde::{Deserialize, Serialize};

use crate::core::i18n::Bilingual;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub tool: String,
    pub inputs: BTreeMap<String, String>,
}

/// One line of a result, with its label in both languages (static labels cannot cross over).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub fr: String,
    pub en: String,
    pub value: String,
}

pub type JobResult = Result<Vec<Line>, Bilingual>;

pub fn lines(outputs: Vec<crate::core::engines::ToolOutput>) -> Vec<Line> {
    outputs.into_iter().map(|o| Line { fr: o.label.fr.to_string(), en: o.label.en.to_string(), value: o.value }).collect()
}

#[oneshot]
pub async fn WorkbenchJob(job: Job) -> JobResult {
    crate::core::workbench::run(&job.tool, &job.inputs).map(lines)
}

/// Where trunk puts the worker's loader, relative to the page's base URL.
pub const WORKER_LOADER: &str = "seclab-worker_loader.js";
