//! VSR's safety properties, judged over the whole execution:
//! CommittedPrefixAgreement (no two replicas ever commit different operations
//! at one op-number), CommitWithinLog (commit-number <= op-number) and
//! AckedWriteDurable (an operation answered to a client stays committed).
//!
//! Checked after every event, incrementally: for each replica the checker
//! remembers how far its committed prefix has been checked, and looks only
//! at the operations committed since. That is enough while the replica only
//! appends. Anything else (a StartView, a NewState or a recovery replacing
//! the log, a restart emptying it) changes the replica's `log_version`, and
//! the checker reads that replica's committed prefix again from op 1: a view
//! change that replaces an operation below the checked point is caught like
//! any other. A new acknowledgement at op n has every replica's operations
//! from n on checked again against it at that replica's next event, as a
//! full rescan would.

use super::phrases::*;
use super::{Entry, Vsr, VsrConfig};
use crate::invariants::{CheckContext, Checker, CommitHistory, Violation};
use crate::text;

/// What the checker knows about one replica's log.
#[derive(Clone, Debug, Default)]
struct Mirror {
    /// The log's version when last checked.
    version: (u64, u64),
    /// Committed op-numbers 1..=checked have been checked.
    checked: u64,
    /// Op-numbers from here on are checked again (a new acknowledgement).
    recheck_from: Option<u64>,
}

#[derive(Clone, Debug, Default)]
pub struct VsrChecker {
    history: CommitHistory<Entry>,
    mirrors: Vec<Mirror>,
}

impl Checker<Vsr> for VsrChecker {
    const INVARIANTS: &'static [&'static str] = &["CommittedPrefixAgreement", "CommitWithinLog", "AckedWriteDurable"];

    fn new(config: &VsrConfig) -> Self {
        VsrChecker { history: CommitHistory::default(), mirrors: vec![Mirror::default(); config.nodes] }
    }

    fn check(&mut self, ctx: &CheckContext<Vsr>, out: &mut Vec<Violation>) {
        for ack in ctx.acks {
            if let Some(entry) = ctx.node(ack.node).and_then(|n| n.entry(ack.index)) {
                self.history.record_ack(ack.index, entry.clone());
                for m in &mut self.mirrors {
                    m.recheck_from = Some(m.recheck_from.map_or(ack.index, |r| r.min(ack.index)));
                }
            }
        }
        for &id in ctx.touched {
            let Some(node) = ctx.node(id) else { continue };
            if node.commit_number > node.op_number() {
                out.push(ctx.violation(
                    "CommitWithinLog",
                    vec![id],
                    text!(COMMIT_WITHIN_LOG, node = id, commit = node.commit_number, op = node.op_number()),
                ));
            }
            let Some(mirror) = self.mirrors.get_mut(usize::from(id) - 1) else { continue };
            if mirror.version != node.log_version {
                *mirror = Mirror { version: node.log_version, checked: 0, recheck_from: None };
            }
            let upto = node.commit_number.min(node.op_number());
            let from = mirror.recheck_from.take().map_or(mirror.checked, |r| mirror.checked.min(r - 1)) + 1;
            mirror.checked = upto;
            for op in from..=upto {
                let Some(entry) = node.entry(op) else { break };
                if let Some((first, other)) = self.history.observe(id, op, entry) {
                    out.push(ctx.violation(
                        "CommittedPrefixAgreement",
                        vec![first, id],
                        text!(COMMITTED_PREFIX_AGREEMENT, first, other, op, node = id, entry),
                    ));
                }
                if let Some(detail) = self.history.check_acked(id, op, entry) {
                    out.push(ctx.violation("AckedWriteDurable", vec![id], detail));
                }
            }
        }
    }
}

/// The checker as it was before it became incremental: every touched
/// replica's whole committed prefix after every event. Tests compare the two.
#[cfg(test)]
#[derive(Clone, Debug, Default)]
pub(crate) struct FullRescan {
    history: CommitHistory<Entry>,
}

#[cfg(test)]
impl FullRescan {
    pub(crate) fn check(&mut self, ctx: &CheckContext<Vsr>, out: &mut Vec<Violation>) {
        for ack in ctx.acks {
            if let Some(entry) = ctx.node(ack.node).and_then(|n| n.entry(ack.index)) {
                self.history.record_ack(ack.index, entry.clone());
            }
        }
        for &id in ctx.touched {
            let Some(node) = ctx.node(id) else { continue };
            if node.commit_number > node.op_number() {
                out.push(ctx.violation(
                    "CommitWithinLog",
                    vec![id],
                    text!(COMMIT_WITHIN_LOG, node = id, commit = node.commit_number, op = node.op_number()),
                ));
            }
            for (i, entry) in node.log.iter().take(node.commit_number as usize).enumerate() {
                let op = i as u64 + 1;
                if let Some((first, other)) = self.history.observe(id, op, entry) {
                    out.push(ctx.violation(
                        "CommittedPrefixAgreement",
                        vec![first, id],
                        text!(COMMITTED_PREFIX_AGREEMENT, first, other, op, node = id, entry),
                    ));
                }
                if let Some(detail) = self.history.check_acked(id, op, entry) {
                    out.push(ctx.violation("AckedWriteDurable", vec![id], detail));
                }
            }
        }
    }
}
