//! `quorumscope explore` (see the kernel's explore module).

use std::process::ExitCode;

use protocol_core::ScenarioError;

pub fn run(_args: &[String]) -> Result<ExitCode, ScenarioError> {
    Err(ScenarioError::new("explore", "not built yet"))
}
