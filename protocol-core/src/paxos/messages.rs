//! Multi-Paxos messages: phase 1 (P1a Prepare, P1b Promise), phase 2 (P2a
//! Accept, P2b Accepted), Nack for a ballot below a promise, and Decide to
//! the learners.

use std::fmt;
use std::sync::Arc;

use crate::NodeId;
use crate::protocol::Message;

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

    fn summary(&self) -> String {
        match self {
            PaxosMessage::Prepare { ballot } => format!("ballot {ballot}"),
            PaxosMessage::Promise { ballot, accepted, decided } => {
                let list: Vec<String> =
                    accepted.iter().map(|p| format!("slot {}: {} in {}", p.slot, p.value, p.ballot)).collect();
                format!("ballot {ballot}, accepted [{}], decided up to {decided}", list.join(", "))
            }
            PaxosMessage::Accept { ballot, slot, value } => format!("ballot {ballot}, slot {slot}: {value}"),
            PaxosMessage::Accepted { ballot, slot, .. } => format!("ballot {ballot}, slot {slot}"),
            PaxosMessage::Nack { ballot, promised } => format!("ballot {ballot} is below the promise {promised}"),
            PaxosMessage::Decide { ballot, decisions, decided } => {
                let list: Vec<String> = decisions.iter().map(|(s, v)| format!("slot {s}: {v}")).collect();
                let chosen =
                    if list.is_empty() { "keep-alive".to_string() } else { format!("chosen [{}]", list.join(", ")) };
                match decided {
                    0 => format!("ballot {ballot}, {chosen}"),
                    d => format!("ballot {ballot}, {chosen}, leader decided up to {d}"),
                }
            }
            PaxosMessage::CatchUp { ballot, decided } => {
                format!("ballot {ballot}, learned up to {decided}: send the chosen values above")
            }
        }
    }
}
