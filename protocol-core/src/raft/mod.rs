//! Raft, as in Figure 2 of "In Search of an Understandable Consensus
//! Algorithm" (Ongaro and Ousterhout, 2014), with PreVote and CheckQuorum
//! from Ongaro's thesis (§9.6) as options and four named bug variants.
//!
//! Left out, as in the paper's core: membership changes (§6) and log
//! compaction (§7).

mod invariants;
mod messages;
mod node;
pub mod phrases;

pub use invariants::RaftChecker;
pub use messages::{Command, Entry, RaftMessage, payload};
pub use node::{Raft, RaftDurable, Role};

use crate::protocol::Settings;
use crate::scenario::Timing;

/// Bug variants: each one a named deviation at the line of the paper's rule.
pub const VARIANTS: &[&str] =
    &["commit_by_counting", "vote_not_persisted", "no_up_to_date_check", "truncate_on_any_append"];
pub const OPTIONS: &[&str] = &["prevote", "check_quorum", "noop_on_elect"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    /// Commits any entry stored on a majority, whatever its term (breaks the
    /// §5.4.2 rule; Figure 8).
    pub commit_by_counting: bool,
    /// votedFor is not on disk: a restarted node may vote twice in a term.
    pub vote_not_persisted: bool,
    /// Grants votes without the §5.4.1 up-to-date comparison.
    pub no_up_to_date_check: bool,
    /// Truncates after prevLogIndex on every AppendEntries, so a stale one
    /// erases entries (Figure 2, AppendEntries receiver rule 3 done wrong).
    pub truncate_on_any_append: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaftConfig {
    pub nodes: usize,
    pub timing: Timing,
    pub prevote: bool,
    pub check_quorum: bool,
    pub noop_on_elect: bool,
    pub bugs: Bugs,
}

impl RaftConfig {
    pub fn from_settings(s: &Settings) -> Result<Self, crate::scenario::ScenarioError> {
        Ok(RaftConfig {
            nodes: s.nodes,
            timing: s.timing,
            prevote: s.switch("prevote")?,
            check_quorum: s.switch("check_quorum")?,
            noop_on_elect: s.switch("noop_on_elect")?,
            bugs: Bugs {
                commit_by_counting: s.has_variant("commit_by_counting"),
                vote_not_persisted: s.has_variant("vote_not_persisted"),
                no_up_to_date_check: s.has_variant("no_up_to_date_check"),
                truncate_on_any_append: s.has_variant("truncate_on_any_append"),
            },
        })
    }

    /// A majority of the cluster.
    pub fn majority(&self) -> usize {
        self.nodes / 2 + 1
    }
}

#[cfg(test)]
mod tests;
