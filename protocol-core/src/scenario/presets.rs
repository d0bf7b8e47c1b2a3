//! The preset library: scenario files shipped with the app, grouped by
//! protocol and lesson. Each preset states which invariants it breaks, and
//! the tests hold it to that.

use super::{ProtocolId, Scenario};

#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable id, used in links to a preset (`#preset=raft/figure8`).
    pub id: &'static str,
    pub protocol: ProtocolId,
    /// The lesson it belongs to, for grouping in the library.
    pub lesson: &'static str,
    /// The invariants this preset is meant to break (empty: none).
    pub breaks: &'static [&'static str],
    json: &'static str,
}

impl Preset {
    /// The preset's scenario. Presets are checked by the tests, so parsing
    /// cannot fail in a release.
    pub fn scenario(&self) -> Scenario {
        Scenario::from_json(self.json).unwrap_or_else(|e| panic!("preset {} is invalid: {e}", self.id))
    }

    pub fn shows_bug(&self) -> bool {
        !self.breaks.is_empty()
    }
}

macro_rules! preset {
    ($id:literal, $protocol:ident, $lesson:literal, [$($breaks:literal),*], $file:literal) => {
        Preset {
            id: $id,
            protocol: ProtocolId::$protocol,
            lesson: $lesson,
            breaks: &[$($breaks),*],
            json: include_str!(concat!("../../presets/", $file)),
        }
    };
}

pub const PRESETS: &[Preset] = &[
    preset!("raft/election", Raft, "Basics", [], "raft/election.json"),
    preset!("raft/replication", Raft, "Basics", [], "raft/replication.json"),
    preset!("raft/leader-crash", Raft, "Faults", [], "raft/leader-crash.json"),
    preset!("raft/split-vote", Raft, "Faults", [], "raft/split-vote.json"),
    preset!("raft/minority-partition", Raft, "Faults", [], "raft/minority-partition.json"),
    preset!("raft/partial-partition", Raft, "Liveness", [], "raft/partial-partition.json"),
    preset!("raft/partial-partition-prevote", Raft, "Liveness", [], "raft/partial-partition-prevote.json"),
    preset!("raft/figure8", Raft, "Safety", [], "raft/figure8.json"),
    preset!(
        "raft/bug-commit-by-counting",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety"],
        "raft/bug-commit-by-counting.json"
    ),
    preset!("raft/bug-vote-not-persisted", Raft, "Bugs", ["ElectionSafety"], "raft/bug-vote-not-persisted.json"),
    preset!(
        "raft/bug-no-up-to-date-check",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety", "AckedWriteDurable"],
        "raft/bug-no-up-to-date-check.json"
    ),
    preset!(
        "raft/bug-truncate-on-any-append",
        Raft,
        "Bugs",
        ["LeaderCompleteness", "StateMachineSafety", "AckedWriteDurable"],
        "raft/bug-truncate-on-any-append.json"
    ),
    preset!("multipaxos/single-decree", Multipaxos, "Basics", [], "multipaxos/single-decree.json"),
    preset!("multipaxos/steady-state", Multipaxos, "Basics", [], "multipaxos/steady-state.json"),
    preset!("multipaxos/takeover", Multipaxos, "Safety", [], "multipaxos/takeover.json"),
    preset!("multipaxos/dueling-proposers", Multipaxos, "Faults", [], "multipaxos/dueling-proposers.json"),
    preset!("multipaxos/dueling-no-backoff", Multipaxos, "Liveness", [], "multipaxos/dueling-no-backoff.json"),
    preset!("multipaxos/dueling-backoff", Multipaxos, "Liveness", [], "multipaxos/dueling-backoff.json"),
    preset!("multipaxos/lagging-learner", Multipaxos, "Faults", [], "multipaxos/lagging-learner.json"),
    preset!("multipaxos/flexible-quorums", Multipaxos, "Flexible Paxos", [], "multipaxos/flexible-quorums.json"),
    preset!(
        "multipaxos/flexible-non-intersecting",
        Multipaxos,
        "Flexible Paxos",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/flexible-non-intersecting.json"
    ),
    preset!(
        "multipaxos/bug-ignore-promised-values",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-ignore-promised-values.json"
    ),
    preset!(
        "multipaxos/bug-accept-below-promise",
        Multipaxos,
        "Bugs",
        ["PromiseKept", "Agreement", "AckedWriteDurable"],
        "multipaxos/bug-accept-below-promise.json"
    ),
    preset!(
        "multipaxos/bug-acceptor-amnesia",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-acceptor-amnesia.json"
    ),
    preset!(
        "multipaxos/bug-skip-phase1-on-takeover",
        Multipaxos,
        "Bugs",
        ["Agreement", "AckedWriteDurable"],
        "multipaxos/bug-skip-phase1-on-takeover.json"
    ),
    preset!("vsr/normal-operation", Vsr, "Basics", [], "vsr/normal-operation.json"),
    preset!("vsr/primary-crash", Vsr, "Faults", [], "vsr/primary-crash.json"),
    preset!("vsr/recovery", Vsr, "Faults", [], "vsr/recovery.json"),
    preset!("vsr/state-transfer", Vsr, "Faults", [], "vsr/state-transfer.json"),
    preset!("vsr/longer-log-loses", Vsr, "Safety", [], "vsr/longer-log-loses.json"),
    preset!("vsr/recovery-nonce", Vsr, "Safety", [], "vsr/recovery-nonce.json"),
    preset!(
        "vsr/bug-log-by-op-only",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-log-by-op-only.json"
    ),
    preset!(
        "vsr/bug-stale-prepare-ok",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-stale-prepare-ok.json"
    ),
    preset!(
        "vsr/bug-recovery-without-nonce",
        Vsr,
        "Bugs",
        ["CommittedPrefixAgreement", "AckedWriteDurable"],
        "vsr/bug-recovery-without-nonce.json"
    ),
];

pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The scenario the page opens with.
pub fn default_scenario() -> Scenario {
    find("raft/election").map(Preset::scenario).unwrap_or_else(|| Scenario::new(ProtocolId::Raft))
}
