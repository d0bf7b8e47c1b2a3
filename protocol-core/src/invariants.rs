//! Safety invariants: checked after every event, judged over the whole
//! execution (an entry is committed from the first moment any node's commit
//! point covers it, even if that node crashes later).

use std::fmt::{Debug, Display};

use serde::Serialize;

use crate::NodeId;
use crate::chunked::SlotMap;
use crate::explain::Text;
use crate::protocol::{Protocol, Time};
use crate::text;

/// One broken invariant, pinned to the event that broke it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub invariant: &'static str,
    pub event: usize,
    pub time_ms: Time,
    pub nodes: Vec<NodeId>,
    pub detail: Text,
}

/// A client request acknowledged by a leader/primary during the event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ack {
    pub node: NodeId,
    pub index: u64,
    pub value: String,
}

/// What a checker sees after an event.
pub struct CheckContext<'a, P> {
    /// Node i+1 is `nodes[i]`; `None` while crashed.
    pub nodes: &'a [Option<P>],
    /// Nodes whose state the event may have changed.
    pub touched: &'a [NodeId],
    pub acks: &'a [Ack],
    pub event: usize,
    pub time: Time,
}

impl<P> CheckContext<'_, P> {
    pub fn node(&self, id: NodeId) -> Option<&P> {
        self.nodes.get(usize::from(id) - 1).and_then(Option::as_ref)
    }

    pub fn live(&self) -> impl Iterator<Item = (NodeId, &P)> {
        self.nodes.iter().enumerate().filter_map(|(i, n)| n.as_ref().map(|p| (i as NodeId + 1, p)))
    }

    pub fn violation(&self, invariant: &'static str, nodes: Vec<NodeId>, detail: Text) -> Violation {
        Violation { invariant, event: self.event, time_ms: self.time, nodes, detail }
    }
}

/// A protocol's invariants, with whatever history they need.
pub trait Checker<P: Protocol>: Clone + Debug {
    /// The invariant ids, in the order the UI lists them.
    const INVARIANTS: &'static [&'static str];
    fn new(config: &P::Config) -> Self;
    fn check(&mut self, ctx: &CheckContext<P>, out: &mut Vec<Violation>);
}

/// The first entry ever committed at each index, and the acknowledged writes:
/// shared by every protocol's agreement invariant and by AckedWriteDurable.
/// Indices start at 1. Stored in [`SlotMap`]s, so that checkpoints of long
/// executions share them.
#[derive(Clone, Debug)]
pub struct CommitHistory<E> {
    first: SlotMap<(E, NodeId)>,
    acked: SlotMap<E>,
}

impl<E> Default for CommitHistory<E> {
    fn default() -> Self {
        CommitHistory { first: SlotMap::default(), acked: SlotMap::default() }
    }
}

impl<E: Clone + PartialEq + Display> CommitHistory<E> {
    /// Node `node` has `entry` committed at `index`. Returns the node and entry
    /// that committed something else there first, if any.
    pub fn observe(&mut self, node: NodeId, index: u64, entry: &E) -> Option<(NodeId, E)> {
        match self.first.get(index) {
            Some((e, n)) if e != entry => Some((*n, e.clone())),
            Some(_) => None,
            None => {
                self.first.insert(index, (entry.clone(), node));
                None
            }
        }
    }

    pub fn committed_at(&self, index: u64) -> Option<&E> {
        self.first.get(index).map(|(e, _)| e)
    }

    /// Every index committed so far, with its entry.
    pub fn committed(&self) -> impl Iterator<Item = (u64, &E)> {
        self.first.iter().map(|(i, (e, _))| (i, e))
    }

    /// A client was told `entry` is done at `index` (the first answer counts).
    pub fn record_ack(&mut self, index: u64, entry: E) {
        if !self.acked.contains_key(index) {
            self.acked.insert(index, entry);
        }
    }

    /// AckedWriteDurable for one node's committed entry at `index`.
    pub fn check_acked(&self, node: NodeId, index: u64, entry: &E) -> Option<Text> {
        match self.acked.get(index) {
            Some(e) if e != entry => Some(text!(phrases::ACKED_LOST, acked = e, index, node, entry)),
            _ => None,
        }
    }
}

/// The violations every protocol can report.
pub mod phrases {
    crate::phrases! { "invariants";
        ACKED_LOST = "{acked} was acknowledged to a client at index {index}, but S{node} committed {entry} there"
                   / "{acked} 已在索引 {index} 处向客户端确认，但 S{node} 在该处提交的是 {entry}";
    }
}
