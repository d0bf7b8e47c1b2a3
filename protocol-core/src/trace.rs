//! Events, as the trace records them, and the trace hash.

use std::hash::{Hash, Hasher};

use serde::Serialize;

use crate::NodeId;
use crate::explain::Text;
use crate::invariants::Violation;
use crate::protocol::Time;
use crate::scenario::Action;

/// Message ids are given in send order, from 1.
pub type MsgId = u64;

/// Why a message never reached its destination's protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LossReason {
    /// The destination was crashed when the message arrived.
    Crashed,
    /// The link was cut (partition or one-way cut) when it arrived.
    Cut,
    /// The network lost it (the scenario's loss probability).
    Network,
}

/// What happened in one event.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    Deliver {
        id: MsgId,
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        /// The payload, when the simulation explains.
        summary: Option<Text>,
    },
    Lost {
        id: MsgId,
        from: NodeId,
        to: NodeId,
        msg: &'static str,
        reason: LossReason,
    },
    Timer {
        node: NodeId,
    },
    /// Something the script (or the user) did.
    Do {
        action: Action,
    },
}

/// A client reply sent during the event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientReply {
    pub node: NodeId,
    pub value: String,
    /// The log index / slot the command was executed at, or None when the
    /// node redirected the client.
    pub index: Option<u64>,
    pub leader: Option<NodeId>,
}

/// One entry of the trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub time: Time,
    pub what: What,
    /// Explanations from the protocol, citing the paper's rules.
    pub notes: Vec<Text>,
    /// Messages sent during the event (a `duplicate` action's copy too).
    pub sent: Vec<MsgId>,
    /// Messages a `drop` action removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<MsgId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<ClientReply>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<Violation>,
}

impl Event {
    /// The node the event happened at, if any (for highlighting).
    pub fn node(&self) -> Option<NodeId> {
        match &self.what {
            What::Deliver { to, .. } | What::Lost { to, .. } => Some(*to),
            What::Timer { node } => Some(*node),
            What::Do { action } => match action {
                Action::Request { node, .. }
                | Action::Timeout { node }
                | Action::Crash { node }
                | Action::Restart { node, .. } => Some(*node),
                _ => None,
            },
        }
    }

    /// One line: what happened.
    pub fn headline(&self) -> String {
        match &self.what {
            What::Deliver { id, from, to, msg, summary } => {
                let payload = summary.as_ref().map(|t| format!(" ({t})")).unwrap_or_default();
                format!("S{to} receives {msg} #{id} from S{from}{payload}")
            }
            What::Lost { id, from, to, msg, reason } => {
                let why = match reason {
                    LossReason::Crashed => format!("S{to} is down"),
                    LossReason::Cut => format!("the link S{from} → S{to} is cut"),
                    LossReason::Network => "the network lost it".to_string(),
                };
                format!("{msg} #{id} from S{from} to S{to} is lost: {why}")
            }
            What::Timer { node } => format!("S{node}'s timer fires"),
            What::Do { action } => format!("You: {action}"),
        }
    }
}

/// FNV-1a, 64 bits, fed in a fixed byte order: the same on 64-bit native
/// and 32-bit wasm (usize is hashed as u64), so trace hashes agree.
#[derive(Clone, Copy, Debug)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u16(&mut self, i: u16) {
        self.write(&i.to_le_bytes());
    }
    fn write_u32(&mut self, i: u32) {
        self.write(&i.to_le_bytes());
    }
    fn write_u64(&mut self, i: u64) {
        self.write(&i.to_le_bytes());
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn write_i64(&mut self, i: i64) {
        self.write(&i.to_le_bytes());
    }
    fn write_isize(&mut self, i: isize) {
        self.write_i64(i as i64);
    }
}

/// Folds one event into a running trace hash.
pub fn fold<T: Hash + ?Sized>(hash: &mut StableHasher, value: &T) {
    value.hash(hash);
}
