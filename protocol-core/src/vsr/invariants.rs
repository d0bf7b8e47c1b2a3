//! VSR's safety properties, judged over the whole execution:
//! CommittedPrefixAgreement (no two replicas ever commit different operations
//! at one op-number), CommitWithinLog (commit-number <= op-number) and
//! AckedWriteDurable (an operation answered to a client stays committed).

use super::phrases::*;
use super::{Entry, Vsr, VsrConfig};
use crate::invariants::{CheckContext, Checker, CommitHistory, Violation};
use crate::text;

#[derive(Clone, Debug, Default)]
pub struct VsrChecker {
    history: CommitHistory<Entry>,
}

impl Checker<Vsr> for VsrChecker {
    const INVARIANTS: &'static [&'static str] = &["CommittedPrefixAgreement", "CommitWithinLog", "AckedWriteDurable"];

    fn new(_config: &VsrConfig) -> Self {
        VsrChecker::default()
    }

    fn check(&mut self, ctx: &CheckContext<Vsr>, out: &mut Vec<Violation>) {
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
