//! The one place that knows which protocols exist: their bug variants,
//! options and message types (for the legend and colours). Everything else
//! in the UI goes through `AnySim` and the protocol-neutral views.

use protocol_core::raft;
use protocol_core::{AnySim, ProtocolId, Scenario};

/// Can the kernel of this build run the protocol? Asked, not assumed, so a
/// protocol shows up in the UI as soon as the kernel has it.
pub fn available(p: ProtocolId) -> bool {
    AnySim::new(Scenario::new(p)).is_ok()
}

/// Bug variant ids (shared SCENARIO.md).
pub fn variants(p: ProtocolId) -> &'static [&'static str] {
    match p {
        ProtocolId::Raft => raft::VARIANTS,
        ProtocolId::Multipaxos => {
            &["ignore_promised_values", "accept_below_promise", "acceptor_amnesia", "skip_phase1_on_takeover"]
        }
        ProtocolId::Vsr => &["log_by_op_only", "stale_prepare_ok", "recovery_without_nonce"],
    }
}

/// On/off options (numeric ones, like Flexible Paxos quorum sizes, are set
/// in a scenario file).
pub fn options(p: ProtocolId) -> &'static [&'static str] {
    match p {
        ProtocolId::Raft => raft::OPTIONS,
        _ => &[],
    }
}

/// Message types in legend order; the position picks the colour.
pub fn message_kinds(p: ProtocolId) -> &'static [&'static str] {
    match p {
        ProtocolId::Raft => {
            &["RequestVote", "RequestVoteReply", "AppendEntries", "AppendEntriesReply", "PreVote", "PreVoteReply"]
        }
        ProtocolId::Multipaxos => &["Prepare", "Promise", "Accept", "Accepted", "Nack", "Decide"],
        ProtocolId::Vsr => &[
            "Request",
            "Prepare",
            "PrepareOk",
            "Commit",
            "StartViewChange",
            "DoViewChange",
            "StartView",
            "Recovery",
            "RecoveryResponse",
            "GetState",
            "NewState",
        ],
    }
}

/// The colour class of a message type: requests and their replies share a
/// colour family (the reply is drawn hollow).
pub fn kind_class(p: ProtocolId, kind: &str) -> usize {
    let kinds = message_kinds(p);
    let base = kind.trim_end_matches("Reply");
    kinds.iter().position(|k| *k == base).or_else(|| kinds.iter().position(|k| *k == kind)).unwrap_or(kinds.len()) % 8
}
