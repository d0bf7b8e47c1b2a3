//! Messages in flight and the state of the links between nodes.

use crate::NodeId;
use crate::protocol::Time;
use crate::trace::MsgId;

/// A message on its way. The UI places it on the line from `from` to `to`
/// by interpolating between `sent_at` and `deliver_at` at render time.
#[derive(Clone, Debug)]
pub struct InFlight<M> {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub msg: M,
    pub sent_at: Time,
    pub deliver_at: Time,
    /// The network will lose it on arrival (the scenario's loss rate).
    pub doomed: bool,
    /// Its entry in the event queue (None in manual delivery mode).
    pub(super) key: Option<(Time, u64)>,
}

/// Which directed links work: `cut[from][to]` means messages from `from` to
/// `to` are lost on arrival.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    n: usize,
    cut: Vec<bool>,
}

impl Links {
    pub fn new(n: usize) -> Self {
        Links { n, cut: vec![false; n * n] }
    }

    fn at(&self, from: NodeId, to: NodeId) -> usize {
        (usize::from(from) - 1) * self.n + usize::from(to) - 1
    }

    pub fn is_cut(&self, from: NodeId, to: NodeId) -> bool {
        self.cut.get(self.at(from, to)).copied().unwrap_or(true)
    }

    /// Only nodes in the same group can talk; a node in no group is isolated.
    /// Replaces earlier partitions and cuts.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let group_of = |n: NodeId| groups.iter().position(|g| g.contains(&n));
        for from in 1..=self.n as NodeId {
            for to in 1..=self.n as NodeId {
                let i = self.at(from, to);
                self.cut[i] = from != to && (group_of(from).is_none() || group_of(from) != group_of(to));
            }
        }
    }

    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        let i = self.at(from, to);
        self.cut[i] = true;
    }

    pub fn heal(&mut self) {
        self.cut.fill(false);
    }

    pub fn is_healthy(&self) -> bool {
        !self.cut.contains(&true)
    }

    /// Groups of nodes that can reach each other both ways, as `S1 S2 | S3`.
    pub fn describe(&self) -> String {
        let mut seen = vec![false; self.n];
        let mut groups = Vec::new();
        for a in 1..=self.n as NodeId {
            if seen[usize::from(a) - 1] {
                continue;
            }
            let group: Vec<NodeId> =
                (1..=self.n as NodeId).filter(|&b| a == b || (!self.is_cut(a, b) && !self.is_cut(b, a))).collect();
            for &b in &group {
                seen[usize::from(b) - 1] = true;
            }
            groups.push(group.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(" "));
        }
        groups.join(" | ")
    }
}
