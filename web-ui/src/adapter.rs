//! The one place that knows which protocols exist: their bug variants,
//! options and message types (for the legend and colours). Everything else
//! in the UI goes through `AnySim` and the protocol-neutral views.

use protocol_core::{AnySim, ProtocolId, Scenario};

/// Can the kernel of this build run the protocol? Asked, not assumed, so a
/// protocol shows up in the UI as soon as the kernel has it.
pub fn available(p: ProtocolId) -> bool {
    AnySim::new(Scenario::new(p)).is_ok()
}

/// Bug variant ids (shared SCENARIO.md), from the kernel.
pub fn variants(p: ProtocolId) -> &'static [&'static str] {
    p.variants()
}

/// On/off options. Multi-Paxos's quorum sizes are numbers, set in a
/// scenario file, so only its switch is offered here.
pub fn options(p: ProtocolId) -> &'static [&'static str] {
    match p {
        ProtocolId::Raft => p.options(),
        ProtocolId::Multipaxos => &["retry_immediately"],
        ProtocolId::Vsr => &[],
    }
}

/// Message types in legend order; the position picks the colour.
pub fn message_kinds(p: ProtocolId) -> &'static [&'static str] {
    match p {
        ProtocolId::Raft => {
            &["RequestVote", "RequestVoteReply", "AppendEntries", "AppendEntriesReply", "PreVote", "PreVoteReply"]
        }
        ProtocolId::Multipaxos => &["Prepare", "Promise", "Accept", "Accepted", "Nack", "Decide", "CatchUp"],
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
