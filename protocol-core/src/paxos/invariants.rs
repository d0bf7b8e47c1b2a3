//! Multi-Paxos safety properties (PMS §2.1 "safety requirements"), plus
//! PromiseKept (the acceptor's side of P1b) and AckedWriteDurable.
//!
//! Checked after every event on the nodes it touched, from what each node's
//! last input changed ([`super::Changes`]), and judged over the whole
//! execution: a value counts as chosen from the first moment any node
//! decides it, and a promise counts even after its acceptor crashed.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::phrases::*;
use super::{Ballot, Paxos, PaxosConfig, Value};
use crate::invariants::{CheckContext, Checker, CommitHistory, Violation};
use crate::text;

#[derive(Clone, Debug, Default)]
pub struct PaxosChecker {
    /// The first value decided for each slot, and the acknowledged ones.
    history: CommitHistory<Value>,
    /// Each acceptor's highest promise ever (index i-1 is Si).
    promised: Vec<Ballot>,
    /// Client commands some proposer took: with no-ops, the proposed values.
    proposed: BTreeSet<Arc<str>>,
}

impl Checker<Paxos> for PaxosChecker {
    const INVARIANTS: &'static [&'static str] = &["Agreement", "Validity", "PromiseKept", "AckedWriteDurable"];

    fn new(config: &PaxosConfig) -> Self {
        PaxosChecker { promised: vec![Ballot::default(); config.nodes], ..PaxosChecker::default() }
    }

    fn check(&mut self, ctx: &CheckContext<Paxos>, out: &mut Vec<Violation>) {
        for ack in ctx.acks {
            if let Some((_, value)) = ctx.node(ack.node).and_then(|n| n.decided.get(ack.index)) {
                self.history.record_ack(ack.index, value.clone());
            }
        }
        for &id in ctx.touched {
            let Some(node) = ctx.node(id) else { continue };
            self.proposed.extend(node.changes.proposed.iter().cloned());
            self.check_promise_kept(ctx, node, out);
            for &slot in &node.changes.decided {
                let Some((_, value)) = node.decided.get(slot) else { continue };
                // Agreement: only a single value is chosen for a slot.
                if let Some((first, other)) = self.history.observe(id, slot, value) {
                    out.push(ctx.violation(
                        "Agreement",
                        vec![first, id],
                        text!(AGREEMENT, first, other, slot, node = id, value),
                    ));
                }
                // Validity: only a value that has been proposed may be chosen.
                if let Value::Client(v) = value
                    && !self.proposed.contains(v)
                {
                    out.push(ctx.violation("Validity", vec![id], text!(VALIDITY, node = id, value = v, slot)));
                }
                if let Some(detail) = self.history.check_acked(id, slot, value) {
                    out.push(ctx.violation("AckedWriteDurable", vec![id], detail));
                }
            }
        }
    }
}

impl PaxosChecker {
    /// PromiseKept: an acceptor never accepts a ballot below one it promised
    /// (before a crash included).
    fn check_promise_kept(&mut self, ctx: &CheckContext<Paxos>, node: &Paxos, out: &mut Vec<Violation>) {
        let promised = &mut self.promised[usize::from(node.id) - 1];
        for &slot in &node.changes.accepted {
            if let Some((ballot, value)) = node.accepted.get(slot)
                && ballot < promised
            {
                out.push(ctx.violation(
                    "PromiseKept",
                    vec![node.id],
                    text!(PROMISE_KEPT, node = node.id, value, slot, ballot, promised),
                ));
            }
        }
        *promised = (*promised).max(node.promised);
    }
}
