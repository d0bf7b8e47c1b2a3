//! Multi-Paxos, in the vocabulary of Lamport's "Paxos Made Simple" (PMS,
//! 2001) and van Renesse and Altinbuken's "Paxos Made Moderately Complex"
//! (PMMC, 2015), with the quorums of Flexible Paxos (Howard, Malkhi and
//! Spiegelman, 2016) as options and four named bug variants.
//!
//! Every node is proposer, acceptor and learner. Phase 1 (Prepare/Promise,
//! P1a/P1b) runs once per ballot for all slots; phase 2 (Accept/Accepted,
//! P2a/P2b) runs per slot; a chosen value is sent to the learners (Decide).
//! The leader's keep-alive is a Decide that also states how far the leader
//! has learned; a learner below that (one that lost its volatile state in a
//! crash) asks for the rest with CatchUp.
//!
//! Left out: reconfiguration, and a state machine beyond learning the decided
//! slots in order.

mod invariants;
mod messages;
mod node;
pub mod phrases;

pub use invariants::PaxosChecker;
pub use messages::{Ballot, PValue, PaxosMessage, Value, payload};
pub use node::{Changes, Paxos, PaxosDurable, Role};

use crate::protocol::Settings;
use crate::scenario::ScenarioError;
use crate::scenario::{OptionValue, Timing};

/// Bug variants: each one a named deviation at the line of the paper's rule.
pub const VARIANTS: &[&str] =
    &["ignore_promised_values", "accept_below_promise", "acceptor_amnesia", "skip_phase1_on_takeover"];
/// Options: the Flexible Paxos quorum sizes (numbers; default a majority
/// each), and `retry_immediately` (a switch, off by default): a preempted
/// proposer starts phase 1 again at once instead of backing off, which lets
/// two proposers preempt each other forever (PMS §2.4).
pub const OPTIONS: &[&str] = &["phase1_quorum", "phase2_quorum", "retry_immediately"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    /// The new leader proposes no-ops instead of the values reported in
    /// promises (breaks the value-selection rule of P2a, PMS §2.2).
    pub ignore_promised_values: bool,
    /// An acceptor accepts a ballot lower than the one it promised (breaks
    /// the promise of P1b, PMS §2.2).
    pub accept_below_promise: bool,
    /// The acceptor's promise and accepted values are not on disk.
    pub acceptor_amnesia: bool,
    /// A proposer that times out leads at once, without phase 1.
    pub skip_phase1_on_takeover: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaxosConfig {
    pub nodes: usize,
    pub timing: Timing,
    /// Promises a proposer needs to end phase 1 (|Q1|).
    pub phase1_quorum: usize,
    /// Acceptances that choose a value in phase 2 (|Q2|).
    pub phase2_quorum: usize,
    /// A preempted proposer retries phase 1 at once with a higher ballot
    /// (PMMC's leader as written, with no back-off). Off: it steps down and
    /// tries again only when its timer, drawn from the election-timeout
    /// range, fires (the randomised back-off).
    pub retry_immediately: bool,
    pub bugs: Bugs,
}

impl PaxosConfig {
    pub fn from_settings(s: &Settings) -> Result<Self, ScenarioError> {
        let majority = s.nodes / 2 + 1;
        let quorum = |name: &str| match s.options.get(name) {
            None => Ok(majority),
            Some(OptionValue::Number(q)) if (1..=s.nodes as u64).contains(q) => Ok(*q as usize),
            Some(_) => Err(ScenarioError::new(
                format!("options.{name}"),
                crate::text!(crate::scenario::phrases::NOT_A_QUORUM, nodes = s.nodes),
            )),
        };
        Ok(PaxosConfig {
            nodes: s.nodes,
            timing: s.timing,
            phase1_quorum: quorum("phase1_quorum")?,
            phase2_quorum: quorum("phase2_quorum")?,
            retry_immediately: s.switch("retry_immediately")?,
            bugs: Bugs {
                ignore_promised_values: s.has_variant("ignore_promised_values"),
                accept_below_promise: s.has_variant("accept_below_promise"),
                acceptor_amnesia: s.has_variant("acceptor_amnesia"),
                skip_phase1_on_takeover: s.has_variant("skip_phase1_on_takeover"),
            },
        })
    }

    /// Flexible Paxos: safe when every phase 1 quorum meets every phase 2
    /// quorum, i.e. |Q1| + |Q2| > n.
    pub fn quorums_intersect(&self) -> bool {
        self.phase1_quorum + self.phase2_quorum > self.nodes
    }
}

#[cfg(test)]
mod tests;
