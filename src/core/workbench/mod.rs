//! The crypto workbench, a small CyberChef for the lab: self-describing tools in one registry.
//!
//! Each tool is a [`ToolSpec`] (the same description engine tools use, so one form component
//! draws both) with its category and the standard its defaults reproduce. Every tool runs in
//! the worker ([`run`], or [`start`] for long ones with progress); the page links the
//! descriptions only.

use crate::core::engines::Job;
use crate::core::msg::{Msg, M};
use crate::core::tools::{Inputs, ToolRun, ToolSpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Encoding,
    Cipher,
    Aead,
    Hash,
    Mac,
    Kdf,
    KeyExchange,
    PublicKey,
}

#[derive(Debug, Clone, Copy)]
pub struct WorkbenchTool {
    pub spec: ToolSpec,
    pub category: Category,
    /// Where its test vectors come from.
    pub standard: &'static str,
}

pub static TOOLS: &[WorkbenchTool] = &[];

pub fn info(id: &str) -> Option<&'static WorkbenchTool> {
    TOOLS.iter().find(|t| t.spec.id == id)
}

/// The inputs a tool starts with: every field's default.
pub fn defaults(tool: &WorkbenchTool) -> Inputs {
    tool.spec.fields.iter().map(|f| (f.id.to_string(), f.default.to_string())).collect()
}

/// Runs a light tool (the worker, and native tests).
pub fn run(tool: &str, _inputs: &Inputs) -> Result<ToolRun, Msg> {
    Err(Msg::UnknownTool(tool))
}

/// Starts a long tool (RSA key generation).
pub fn start(tool: &str, _inputs: &Inputs) -> Result<Box<dyn Job>, Msg> {
    Err(Msg::UnknownTool(tool))
}

#[allow(dead_code)]
fn unused(_: M) {}
