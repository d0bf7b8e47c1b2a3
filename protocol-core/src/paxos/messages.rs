//! Multi-Paxos messages: phase 1 (P1a Prepare, P1b Promise), phase 2 (P2a
//! Accept, P2b Accepted), Nack for a ballot below a promise, and Decide to
//! the learners.

use std::fmt;
use std::sync::Arc;

use crate::NodeId;
use crate::explain::Text;
use crate::protocol::Message;
use crate::text;

/// A ballot number: (round, node), ordered lexicographically, so two
/// proposers never share one (PMMC §3, "ballot numbers"). (0, 0) is "none".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ballot {
    pub round: u64,
    pub node: NodeId,
}

impl fmt::Display for Ballot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Ballot::default() { f.write_str("none") } else { write!(f, "({},S{})", self.round, self.node) }
    }
}

/// A command proposed for a slot: a client's, or a no-op filling a gap.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Noop,
    Client(Arc<str>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Noop => f.write_str("no-op"),
            Value::Client(v) => f.write_str(v),
        }
    }
}

/// A pvalue (PMMC §3): a value an acceptor accepted for a slot in a ballot.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PValue {
    pub ballot: Ballot,
    pub slot: u64,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PaxosMessage {
    /// P1a: "promise not to accept ballots below `ballot`, and tell me what
    /// you accepted".
    Prepare { ballot: Ballot },
    /// P1b: the promise, with every pvalue the acceptor accepted; `decided`:
    /// the sender has learned every slot up to here.
    Promise { ballot: Ballot, accepted: Vec<PValue>, decided: u64 },
    /// P2a: "accept `value` for `slot` in `ballot`".
    Accept { ballot: Ballot, slot: u64, value: Value },
    /// P2b: the acceptor accepted; `decided` as in Promise.
    Accepted { ballot: Ballot, slot: u64, decided: u64 },
    /// A Prepare or Accept for `ballot` refused: the acceptor promised the
    /// higher `promised` (PMMC's "preempted").
    Nack { ballot: Ballot, promised: Ballot },
    /// To learners: these slots are chosen. Sent by the leader of `ballot`
    /// when a slot is chosen, as its keep-alive (with the decisions the
    /// receiver has not reported, possibly none) and as the answer to a
    /// CatchUp. `decided`: on the keep-alive and that answer, the leader has
    /// learned every slot up to here; 0 on the Decide sent the moment a
    /// slot is chosen (such a Decide can be overtaken by a later one, and a
    /// learner should not ask for a slot that is still on its way).
    Decide { ballot: Ballot, decisions: Vec<(u64, Value)>, decided: u64 },
    /// From a learner to the leader of `ballot`, whose keep-alive said it
    /// has learned more than the learner: "I have learned every slot up to
    /// `decided`; send me the chosen values above". A learner's knowledge
    /// is volatile, so a node that crashed while slots were chosen needs it
    /// (the catch-up of Chandra et al., "Paxos Made Live", 2007).
    CatchUp { ballot: Ballot, decided: u64 },
}

impl PaxosMessage {
    /// The highest ballot the message tells its receiver about.
    pub fn ballot(&self) -> Ballot {
        match self {
            PaxosMessage::Prepare { ballot }
            | PaxosMessage::Promise { ballot, .. }
            | PaxosMessage::Accept { ballot, .. }
            | PaxosMessage::Accepted { ballot, .. }
            | PaxosMessage::Decide { ballot, .. }
            | PaxosMessage::CatchUp { ballot, .. } => *ballot,
            PaxosMessage::Nack { promised, .. } => *promised,
        }
    }
}

impl Message for PaxosMessage {
    fn kind(&self) -> &'static str {
        match self {
            PaxosMessage::Prepare { .. } => "Prepare",
            PaxosMessage::Promise { .. } => "Promise",
            PaxosMessage::Accept { .. } => "Accept",
            PaxosMessage::Accepted { .. } => "Accepted",
            PaxosMessage::Nack { .. } => "Nack",
            PaxosMessage::Decide { .. } => "Decide",
            PaxosMessage::CatchUp { .. } => "CatchUp",
        }
    }

    fn summary(&self) -> Text {
        match self {
            PaxosMessage::Prepare { ballot } => text!(payload::PREPARE, ballot),
            PaxosMessage::Promise { ballot, accepted, decided } => {
                let accepted: Vec<String> =
                    accepted.iter().map(|p| format!("{}: {} @ {}", p.slot, p.value, p.ballot)).collect();
                text!(payload::PROMISE, ballot, accepted = accepted.join(", "), decided)
            }
            PaxosMessage::Accept { ballot, slot, value } => text!(payload::ACCEPT, ballot, slot, value),
            PaxosMessage::Accepted { ballot, slot, .. } => text!(payload::ACCEPTED, ballot, slot),
            PaxosMessage::Nack { ballot, promised } => text!(payload::NACK, ballot, promised),
            PaxosMessage::Decide { ballot, decisions, decided } => {
                let chosen = decisions.iter().map(|(s, v)| format!("{s}: {v}")).collect::<Vec<_>>().join(", ");
                match (chosen.is_empty(), decided) {
                    (true, 0) => text!(payload::KEEP_ALIVE, ballot),
                    (true, d) => text!(payload::KEEP_ALIVE_DECIDED, ballot, decided = d),
                    (false, 0) => text!(payload::CHOSEN, ballot, chosen),
                    (false, d) => text!(payload::CHOSEN_DECIDED, ballot, chosen, decided = d),
                }
            }
            PaxosMessage::CatchUp { ballot, decided } => text!(payload::CATCH_UP, ballot, decided),
        }
    }
}

/// What a message carries, as the inspector and the diagram show it
/// (lists are `slot: value @ ballot`).
pub mod payload {
    crate::phrases! { "paxos.payload";
        PREPARE = "ballot {ballot}" / "轮次 {ballot}";
        PROMISE = "ballot {ballot}, accepted [{accepted}], decided up to {decided}"
            / "轮次 {ballot}，已接受 [{accepted}]，已决定到 {decided}";
        ACCEPT = "ballot {ballot}, slot {slot}: {value}" / "轮次 {ballot}，槽位 {slot}：{value}";
        ACCEPTED = "ballot {ballot}, slot {slot}" / "轮次 {ballot}，槽位 {slot}";
        NACK = "ballot {ballot} is below the promise {promised}" / "轮次 {ballot} 低于已承诺的 {promised}";
        KEEP_ALIVE = "ballot {ballot}, keep-alive" / "轮次 {ballot}，保活";
        KEEP_ALIVE_DECIDED = "ballot {ballot}, keep-alive, leader decided up to {decided}"
            / "轮次 {ballot}，保活，领导者已决定到 {decided}";
        CHOSEN = "ballot {ballot}, chosen [{chosen}]" / "轮次 {ballot}，已选定 [{chosen}]";
        CHOSEN_DECIDED = "ballot {ballot}, chosen [{chosen}], leader decided up to {decided}"
            / "轮次 {ballot}，已选定 [{chosen}]，领导者已决定到 {decided}";
        CATCH_UP = "ballot {ballot}, learned up to {decided}: send the chosen values above"
            / "轮次 {ballot}，已学到 {decided}：请发送其后已选定的值";
    }
}
