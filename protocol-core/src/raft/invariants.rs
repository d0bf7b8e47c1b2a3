//! Raft's safety properties (Figure 3 of the paper), plus AckedWriteDurable.
//!
//! Checked after every event, incrementally: the checker mirrors each log as
//! a chain of prefix hashes (entry i's hash covers entries 1..=i), so "these
//! two logs agree up to index i" is one comparison, and only entries that
//! changed are looked at again. A node's `log_truncations` counter tells the
//! checker when entries were deleted, so that it re-reads that log in full.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use super::phrases::*;
use super::{Entry, Raft, RaftConfig, Role};
use crate::NodeId;
use crate::chunked::ChunkedVec;
use crate::invariants::{CheckContext, Checker, CommitHistory, Violation};
use crate::text;
use crate::trace::StableHasher;

/// What the checker knows about one node's log.
#[derive(Clone, Debug, Default)]
struct Mirror {
    truncations: u64,
    /// hashes[i] covers log entries 1..=i+1.
    hashes: ChunkedVec<u64>,
    /// Committed indices already checked against the history.
    checked: u64,
    /// While leading: (term, log length) last seen.
    leading: Option<(u64, usize)>,
}

impl Mirror {
    /// Brings the hash chain up to date with `node`'s log; returns whether
    /// entries were deleted since the last look.
    fn update(&mut self, node: &Raft) -> bool {
        let truncated = node.log_truncations != self.truncations || node.log.len() < self.hashes.len();
        if truncated {
            self.truncations = node.log_truncations;
            self.hashes = ChunkedVec::new();
            self.checked = 0;
        }
        for i in self.hashes.len()..node.log.len() {
            let mut h = StableHasher::default();
            self.hashes.last().copied().unwrap_or(0).hash(&mut h);
            node.log[i].hash(&mut h);
            self.hashes.push(h.finish());
        }
        truncated
    }
}

#[derive(Clone, Debug, Default)]
pub struct RaftChecker {
    /// Every leader the execution ever had, by term.
    leaders: BTreeMap<u64, NodeId>,
    mirrors: Vec<Mirror>,
    history: CommitHistory<Entry>,
    /// The term in which each index was first committed (by index): Leader
    /// Completeness is about the leaders of later terms only.
    commit_terms: ChunkedVec<u64>,
}

impl Checker<Raft> for RaftChecker {
    const INVARIANTS: &'static [&'static str] = &[
        "ElectionSafety",
        "LeaderAppendOnly",
        "LogMatching",
        "LeaderCompleteness",
        "StateMachineSafety",
        "AckedWriteDurable",
    ];

    fn new(config: &RaftConfig) -> Self {
        RaftChecker { mirrors: vec![Mirror::default(); config.nodes], ..RaftChecker::default() }
    }

    fn check(&mut self, ctx: &CheckContext<Raft>, out: &mut Vec<Violation>) {
        for ack in ctx.acks {
            if let Some(entry) = ctx.node(ack.node).and_then(|n| n.log.get(ack.index as usize - 1)) {
                self.history.record_ack(ack.index, entry.clone());
            }
        }
        for &id in ctx.touched {
            let Some(node) = ctx.node(id) else { continue };
            let i = usize::from(id) - 1;
            let truncated = self.mirrors[i].update(node);
            self.check_commits(ctx, node, out);
            self.check_leader(ctx, node, truncated, out);
            self.check_log_matching(ctx, node, out);
        }
    }
}

impl RaftChecker {
    /// StateMachineSafety: no two servers apply different entries at one
    /// index. AckedWriteDurable: an acknowledged command stays committed.
    fn check_commits(&mut self, ctx: &CheckContext<Raft>, node: &Raft, out: &mut Vec<Violation>) {
        let mirror = &mut self.mirrors[usize::from(node.id) - 1];
        let upto = node.commit_index.min(node.last_log_index());
        for index in mirror.checked + 1..=upto {
            let entry = &node.log[index as usize - 1];
            if self.history.committed_at(index).is_none() {
                while self.commit_terms.len() <= index as usize {
                    self.commit_terms.push(0);
                }
                self.commit_terms.set(index as usize, node.current_term);
            }
            if let Some((first, other)) = self.history.observe(node.id, index, entry) {
                out.push(ctx.violation(
                    "StateMachineSafety",
                    vec![first, node.id],
                    text!(STATE_MACHINE_SAFETY, first, other, index, node = node.id, entry),
                ));
            }
            if let Some(detail) = self.history.check_acked(node.id, index, entry) {
                out.push(ctx.violation("AckedWriteDurable", vec![node.id], detail));
            }
        }
        mirror.checked = mirror.checked.max(upto);
    }

    fn check_leader(&mut self, ctx: &CheckContext<Raft>, node: &Raft, truncated: bool, out: &mut Vec<Violation>) {
        let mirror = &mut self.mirrors[usize::from(node.id) - 1];
        if node.role != Role::Leader {
            mirror.leading = None;
            return;
        }
        let term = node.current_term;
        // LeaderAppendOnly: a leader never overwrites or deletes its entries.
        if let Some((t, len)) = mirror.leading
            && t == term
            && (truncated || node.log.len() < len)
        {
            out.push(ctx.violation("LeaderAppendOnly", vec![node.id], text!(LEADER_APPEND_ONLY, node = node.id, term)));
        }
        mirror.leading = Some((term, node.log.len()));
        // ElectionSafety: at most one leader can be elected in a given term.
        match self.leaders.get(&term) {
            Some(&other) if other != node.id => out.push(ctx.violation(
                "ElectionSafety",
                vec![other, node.id],
                text!(ELECTION_SAFETY, other, node = node.id, term),
            )),
            Some(_) => {}
            None => {
                self.leaders.insert(term, node.id);
                // LeaderCompleteness: if an entry is committed in a term, the
                // leaders of all higher terms hold it (Figure 3). A leader of
                // an older term may still win late, with votes granted before
                // the commit (it will be deposed).
                let missing = self.history.committed().find(|(index, entry)| {
                    self.commit_terms.get(*index as usize).is_some_and(|&t| t < term)
                        && node.log.get(*index as usize - 1) != Some(*entry)
                });
                if let Some((index, entry)) = missing {
                    out.push(ctx.violation(
                        "LeaderCompleteness",
                        vec![node.id],
                        text!(LEADER_COMPLETENESS, node = node.id, term, entry, index),
                    ));
                }
            }
        }
    }

    /// LogMatching: if two logs contain an entry with the same index and term,
    /// the logs are identical in all entries up through that index. It is
    /// enough to compare prefix hashes at the highest such index.
    fn check_log_matching(&self, ctx: &CheckContext<Raft>, node: &Raft, out: &mut Vec<Violation>) {
        let mine = &self.mirrors[usize::from(node.id) - 1];
        for (other_id, other) in ctx.live() {
            if other_id == node.id {
                continue;
            }
            let theirs = &self.mirrors[usize::from(other_id) - 1];
            let common = node.log.len().min(other.log.len()).min(theirs.hashes.len());
            let Some(k) = (0..common).rev().find(|&i| node.log[i].term == other.log[i].term) else {
                continue;
            };
            if mine.hashes[k] != theirs.hashes[k] {
                out.push(ctx.violation(
                    "LogMatching",
                    vec![node.id, other_id],
                    text!(LOG_MATCHING, node = node.id, other = other_id, term = node.log[k].term, index = k + 1),
                ));
                return;
            }
        }
    }
}
