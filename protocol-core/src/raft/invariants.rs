//! Raft's safety properties (Figure 3 of the paper), plus AckedWriteDurable.

use std::collections::BTreeMap;

use super::{Entry, Raft, RaftConfig, Role};
use crate::NodeId;
use crate::invariants::{CheckContext, Checker, CommitHistory, Violation};

#[derive(Clone, Debug, Default)]
pub struct RaftChecker {
    /// Every leader the execution ever had, by term.
    leaders: BTreeMap<u64, NodeId>,
    /// Each node's log when it was last seen leading, for LeaderAppendOnly.
    leader_logs: BTreeMap<NodeId, (u64, Vec<Entry>)>,
    history: CommitHistory<Entry>,
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

    fn new(_config: &RaftConfig) -> Self {
        RaftChecker::default()
    }

    fn check(&mut self, ctx: &CheckContext<Raft>, out: &mut Vec<Violation>) {
        for ack in ctx.acks {
            if let Some(entry) = ctx.node(ack.node).and_then(|n| n.log.get(ack.index as usize - 1)) {
                self.history.record_ack(ack.index, entry.clone());
            }
        }
        for &id in ctx.touched {
            let Some(node) = ctx.node(id) else { continue };
            self.check_commits(ctx, node, out);
            if node.role == Role::Leader {
                self.check_leader(ctx, node, out);
            } else {
                self.leader_logs.remove(&id);
            }
            self.check_log_matching(ctx, node, out);
        }
    }
}

impl RaftChecker {
    /// StateMachineSafety: no two servers apply different entries at one
    /// index. AckedWriteDurable: an acknowledged command stays committed.
    fn check_commits(&mut self, ctx: &CheckContext<Raft>, node: &Raft, out: &mut Vec<Violation>) {
        let upto = node.commit_index.min(node.last_log_index());
        for index in 1..=upto {
            let entry = &node.log[index as usize - 1];
            if let Some((first, other)) = self.history.observe(node.id, index, entry) {
                out.push(ctx.violation(
                    "StateMachineSafety",
                    vec![first, node.id],
                    format!("S{first} committed {other} at index {index}, S{} committed {entry}", node.id),
                ));
            }
            if let Some(detail) = self.history.check_acked(node.id, index, entry) {
                out.push(ctx.violation("AckedWriteDurable", vec![node.id], detail));
            }
        }
    }

    fn check_leader(&mut self, ctx: &CheckContext<Raft>, node: &Raft, out: &mut Vec<Violation>) {
        let term = node.current_term;
        // ElectionSafety: at most one leader can be elected in a given term.
        match self.leaders.get(&term) {
            Some(&other) if other != node.id => out.push(ctx.violation(
                "ElectionSafety",
                vec![other, node.id],
                format!("S{other} and S{} were both leader in term {term}", node.id),
            )),
            Some(_) => {}
            None => {
                self.leaders.insert(term, node.id);
                // LeaderCompleteness: a newly elected leader holds every entry
                // committed so far.
                for (index, entry) in self.history.committed() {
                    if node.log.get(index as usize - 1) != Some(entry) {
                        out.push(ctx.violation(
                            "LeaderCompleteness",
                            vec![node.id],
                            format!(
                                "S{} became leader of term {term} without the committed entry {entry} at index {index}",
                                node.id
                            ),
                        ));
                        break;
                    }
                }
            }
        }
        // LeaderAppendOnly: a leader never overwrites or deletes its entries.
        if let Some((t, old)) = self.leader_logs.get(&node.id)
            && *t == term
            && !node.log.starts_with(old)
        {
            out.push(ctx.violation(
                "LeaderAppendOnly",
                vec![node.id],
                format!("leader S{} of term {term} overwrote or deleted entries of its own log", node.id),
            ));
        }
        self.leader_logs.insert(node.id, (term, node.log.clone()));
    }

    /// LogMatching: if two logs contain an entry with the same index and term,
    /// the logs are identical in all entries up through that index.
    fn check_log_matching(&self, ctx: &CheckContext<Raft>, node: &Raft, out: &mut Vec<Violation>) {
        for (other_id, other) in ctx.live() {
            if other_id == node.id {
                continue;
            }
            let common = node.log.len().min(other.log.len());
            let Some(last_same) = (0..common).rev().find(|&i| node.log[i].term == other.log[i].term) else {
                continue;
            };
            if node.log[..=last_same] != other.log[..=last_same] {
                out.push(ctx.violation(
                    "LogMatching",
                    vec![node.id, other_id],
                    format!(
                        "S{} and S{other_id} both have an entry of term {} at index {}, but their logs differ before it",
                        node.id,
                        node.log[last_same].term,
                        last_same + 1
                    ),
                ));
                return;
            }
        }
    }
}
