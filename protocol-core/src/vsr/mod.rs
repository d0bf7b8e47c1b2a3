//! Viewstamped Replication, as in "Viewstamped Replication Revisited"
//! (Liskov and Cowling, 2012): normal operation (§4.1), view changes (§4.2),
//! recovery (§4.3) and state transfer (§5.2), with three named bug variants.
//!
//! Left out, as in the paper's core: reconfiguration (§7), checkpoints and
//! log compaction (§5.1), and the optimisations of §6.

mod invariants;
mod messages;
mod node;
pub mod phrases;

pub use invariants::VsrChecker;
pub use messages::{Entry, PrimaryState, VsrMessage, payload};
pub use node::{Status, Vsr};

use crate::NodeId;
use crate::protocol::Settings;
use crate::scenario::Timing;

/// Bug variants: each one a named deviation at the line of the paper's rule.
pub const VARIANTS: &[&str] = &["log_by_op_only", "stale_prepare_ok", "recovery_without_nonce"];
pub const OPTIONS: &[&str] = &[];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    /// The new primary picks the log with the largest op-number, ignoring the
    /// last normal view (§4.2 step 3 done wrong).
    pub log_by_op_only: bool,
    /// The primary counts a PrepareOk from an older view (§4.1 step 5).
    pub stale_prepare_ok: bool,
    /// A recovering replica accepts RecoveryResponses that carry the nonce of
    /// an earlier recovery (§4.3 step 3).
    pub recovery_without_nonce: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VsrConfig {
    /// The configuration: replicas 1..=nodes.
    pub nodes: usize,
    pub timing: Timing,
    pub bugs: Bugs,
}

impl VsrConfig {
    pub fn from_settings(s: &Settings) -> Result<Self, crate::scenario::ScenarioError> {
        Ok(VsrConfig {
            nodes: s.nodes,
            timing: s.timing,
            bugs: Bugs {
                log_by_op_only: s.has_variant("log_by_op_only"),
                stale_prepare_ok: s.has_variant("stale_prepare_ok"),
                recovery_without_nonce: s.has_variant("recovery_without_nonce"),
            },
        })
    }

    /// A majority: f + 1 of 2f + 1 replicas (and a majority for even n too).
    pub fn quorum(&self) -> usize {
        self.nodes / 2 + 1
    }

    /// f, the failures tolerated: the cluster minus a quorum.
    pub fn f(&self) -> usize {
        self.nodes - self.quorum()
    }

    /// §4: the primary of view v is chosen round-robin, S((v mod n) + 1).
    pub fn primary(&self, view: u64) -> NodeId {
        (view % self.nodes as u64) as NodeId + 1
    }
}

#[cfg(test)]
mod tests;
