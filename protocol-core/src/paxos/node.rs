//! One Multi-Paxos node: proposer, acceptor and learner in one process (PMMC
//! §3 runs them as separate processes; here they share a node and the
//! node's own promise or acceptance is local, never a message).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::messages::{Ballot, PValue, PaxosMessage, Value};
use super::phrases::*;
use super::{PaxosChecker, PaxosConfig};
use crate::chunked::SlotMap;
use crate::protocol::{EntryView, Field, NodeView, Outbox, Protocol, QuorumView, ReplyOutcome, RoleKind, Settings};
use crate::scenario::ScenarioError;
use crate::{NodeId, note};

type Out = Outbox<PaxosMessage>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Not proposing: follows the leader of the highest ballot it has seen.
    Follower,
    /// Running phase 1 for its ballot (PMMC's scout): collecting promises.
    Proposer,
    /// Phase 1 succeeded (PMMC's active leader): runs phase 2 per slot and
    /// skips phase 1 while its ballot holds.
    Leader,
}

/// The acceptor's state (PMMC §3, Acceptor), on disk before it answers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaxosDurable {
    pub promised: Ballot,
    pub accepted: SlotMap<(Ballot, Value)>,
}

/// What the node's last input changed, for the invariant checker (which
/// looks at every node an event touched, right after the event).
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Slots whose accepted pvalue was (re)written.
    pub accepted: Vec<u64>,
    /// Slots this node learned were chosen.
    pub decided: Vec<u64>,
    /// Client commands this node took as proposer.
    pub proposed: Vec<Arc<str>>,
}

#[derive(Clone, Debug)]
pub struct Paxos {
    pub id: NodeId,
    config: PaxosConfig,
    // Acceptor (durable).
    /// The highest ballot promised: no lower ballot is accepted (P1b).
    pub promised: Ballot,
    /// Per slot, the last value accepted and the ballot it was accepted in.
    pub accepted: SlotMap<(Ballot, Value)>,
    // Learner.
    /// Chosen values, with the round of the ballot that chose or announced them.
    pub decided: SlotMap<(u64, Value)>,
    /// Every slot up to here is decided.
    pub commit: u64,
    // Proposer.
    pub role: Role,
    /// The ballot of this node's last phase 1.
    pub ballot: Ballot,
    /// The leader this node knows, for redirecting clients.
    pub leader: Option<NodeId>,
    /// The highest ballot round seen: the next ballot is one above.
    max_round: u64,
    /// Phase 1: pvalues reported by each acceptor that promised, self included.
    promises: BTreeMap<NodeId, Vec<PValue>>,
    /// Phase 2: the undecided slots proposed in this ballot...
    proposals: BTreeMap<u64, Value>,
    /// ...and who accepted each, self included.
    accepts: BTreeMap<u64, BTreeSet<NodeId>>,
    /// The leader's next free slot.
    next_slot: u64,
    /// Client commands that reached this proposer during phase 1.
    waiting: Vec<Arc<str>>,
    /// Client commands proposed and not yet answered, by slot.
    pending: Vec<(u64, Arc<str>)>,
    /// Per node (index i-1 is Si): the decided prefix it last reported.
    learned: Vec<u64>,
    pub changes: Changes,
}

impl Protocol for Paxos {
    type Message = PaxosMessage;
    type Durable = PaxosDurable;
    type Config = PaxosConfig;
    type Checker = PaxosChecker;

    const ID: &'static str = "multipaxos";
    const VARIANTS: &'static [&'static str] = super::VARIANTS;
    const OPTIONS: &'static [&'static str] = super::OPTIONS;

    fn configure(settings: &Settings) -> Result<PaxosConfig, ScenarioError> {
        PaxosConfig::from_settings(settings)
    }

    fn boot(id: NodeId, config: &PaxosConfig, durable: Option<PaxosDurable>) -> Self {
        let d = durable.unwrap_or_default();
        let max_round = d.accepted.values().map(|(b, _)| b.round).fold(d.promised.round, u64::max);
        Paxos {
            id,
            config: config.clone(),
            promised: d.promised,
            accepted: d.accepted,
            decided: SlotMap::new(),
            commit: 0,
            role: Role::Follower,
            ballot: Ballot::default(),
            leader: None,
            max_round,
            promises: BTreeMap::new(),
            proposals: BTreeMap::new(),
            accepts: BTreeMap::new(),
            next_slot: 1,
            waiting: Vec::new(),
            pending: Vec::new(),
            learned: vec![0; config.nodes],
            changes: Changes::default(),
        }
    }

    fn durable(&self) -> PaxosDurable {
        // Bug `acceptor_amnesia`: nothing reaches the disk.
        if self.config.bugs.acceptor_amnesia {
            return PaxosDurable::default();
        }
        PaxosDurable { promised: self.promised, accepted: self.accepted.clone() }
    }

    fn on_start(&mut self, out: &mut Out) {
        self.reset_leader_timer(out);
    }

    fn on_message(&mut self, from: NodeId, msg: PaxosMessage, out: &mut Out) {
        self.changes = Changes::default();
        let seen = msg.ballot();
        self.max_round = self.max_round.max(seen.round);
        let preempted = self.role != Role::Follower && seen > self.ballot;
        if preempted {
            let kind = crate::protocol::Message::kind(&msg);
            let (node, ballot) = (self.id, self.ballot);
            if self.config.retry_immediately {
                note!(out, PREEMPTED_RETRIES, node, from, kind, seen, ballot);
                self.abandon_ballot();
            } else {
                note!(out, PREEMPTED, node, from, kind, seen, ballot);
                self.step_down(out);
            }
        }
        match msg {
            PaxosMessage::Prepare { ballot } => self.handle_prepare(from, ballot, out),
            PaxosMessage::Promise { ballot, accepted, decided } => {
                self.handle_promise(from, ballot, accepted, decided, out)
            }
            PaxosMessage::Accept { ballot, slot, value } => self.handle_accept(from, ballot, slot, value, out),
            PaxosMessage::Accepted { ballot, slot, decided } => self.handle_accepted(from, ballot, slot, decided, out),
            PaxosMessage::Nack { .. } => {}
            PaxosMessage::Decide { ballot, decisions, decided } => {
                self.handle_decide(from, ballot, decisions, decided, out)
            }
            PaxosMessage::CatchUp { decided, .. } => self.handle_catch_up(from, decided, out),
        }
        // Option `retry_immediately`: no back-off. The message was handled
        // as a follower would (a Prepare got its promise), then the node
        // tries a ballot above everything it has seen.
        if preempted && self.config.retry_immediately {
            self.start_phase1(true, out);
        }
    }

    fn on_timer(&mut self, out: &mut Out) {
        self.changes = Changes::default();
        match self.role {
            Role::Leader => self.heartbeat(out),
            // No word from a leader (or phase 1 did not finish): try a
            // higher ballot.
            Role::Follower | Role::Proposer => self.start_phase1(false, out),
        }
    }

    fn on_client_request(&mut self, value: &str, out: &mut Out) {
        self.changes = Changes::default();
        let value: Arc<str> = Arc::from(value);
        match self.role {
            Role::Follower => {
                let leader = self.leader;
                match leader {
                    Some(l) => note!(out, REDIRECT, node = self.id, leader = l),
                    None => note!(out, NO_LEADER_KNOWN, node = self.id),
                }
                out.reply(&value, ReplyOutcome::Redirect { leader });
            }
            Role::Proposer => {
                note!(out, REQUEST_WAITS, node = self.id, ballot = self.ballot, value = format!("{value:?}"));
                self.changes.proposed.push(value.clone());
                self.waiting.push(value);
            }
            Role::Leader => {
                self.changes.proposed.push(value.clone());
                let slot = self.next_slot;
                self.next_slot += 1;
                note!(out, PROPOSES_REQUEST, node = self.id, ballot = self.ballot, value = format!("{value:?}"), slot);
                self.pending.push((slot, value.clone()));
                self.propose(slot, Value::Client(value), out);
            }
        }
    }

    fn role(&self) -> RoleKind {
        match self.role {
            Role::Follower => RoleKind::Follower,
            Role::Proposer => RoleKind::Candidate,
            Role::Leader => RoleKind::Leader,
        }
    }

    fn view(&self) -> NodeView {
        let role_label = match self.role {
            Role::Follower => "acceptor",
            Role::Proposer => "proposer (phase 1)",
            Role::Leader => "leader",
        };
        let slots: BTreeSet<u64> = self.accepted.keys().chain(self.decided.keys()).collect();
        let log = slots
            .into_iter()
            .map(|slot| {
                let accepted = self.accepted.get(slot);
                let (epoch, value) = match (self.decided.get(slot), accepted) {
                    (Some((_, d)), Some((b, a))) if a == d => (b.round, d),
                    (Some((round, d)), _) => (*round, d),
                    (None, Some((b, a))) => (b.round, a),
                    (None, None) => (0, &Value::Noop),
                };
                EntryView { index: slot, epoch, label: value.to_string() }
            })
            .collect();
        let quorum = match self.role {
            Role::Proposer => Some(QuorumView {
                what: "promises (phase 1)",
                have: self.promises.keys().copied().collect(),
                need: self.config.phase1_quorum,
            }),
            Role::Leader => self.accepts.iter().next().map(|(_, who)| QuorumView {
                what: "Accepted for the oldest undecided slot",
                have: who.iter().copied().collect(),
                need: self.config.phase2_quorum,
            }),
            Role::Follower => None,
        };
        let opt = |n: Option<NodeId>| n.map_or("none".to_string(), |n| format!("S{n}"));
        let durable = !self.config.bugs.acceptor_amnesia;
        let accepted: Vec<String> = self.accepted.iter().map(|(s, (b, v))| format!("{s}: {v} in {b}")).collect();
        let mut fields = vec![
            Field { name: "promised", value: self.promised.to_string(), durable },
            Field { name: "accepted", value: accepted.join(", "), durable },
            Field { name: "decided up to", value: self.commit.to_string(), durable: false },
            Field { name: "ballot", value: self.ballot.to_string(), durable: false },
            Field { name: "leader", value: opt(self.leader), durable: false },
            Field {
                name: "quorums",
                value: format!("|Q1|={} |Q2|={}", self.config.phase1_quorum, self.config.phase2_quorum),
                durable: false,
            },
        ];
        if self.role == Role::Leader {
            fields.push(Field { name: "next slot", value: self.next_slot.to_string(), durable: false });
        }
        NodeView {
            role: Protocol::role(self),
            role_label,
            epoch: self.promised.round,
            epoch_label: "ballot",
            log,
            commit: self.commit,
            quorum,
            fields,
        }
    }
}

impl Paxos {
    pub fn config(&self) -> &PaxosConfig {
        &self.config
    }

    fn peers(&self) -> impl Iterator<Item = NodeId> + use<> {
        let me = self.id;
        (1..=self.config.nodes as NodeId).filter(move |&p| p != me)
    }

    /// Followers detect a failed leader by this timer; the leader's messages
    /// reset it.
    fn reset_leader_timer(&self, out: &mut Out) {
        out.set_timer(self.config.timing.election_timeout);
    }

    fn pvalues(&self) -> Vec<PValue> {
        self.accepted
            .iter()
            .map(|(slot, (ballot, value))| PValue { ballot: *ballot, slot, value: value.clone() })
            .collect()
    }

    /// Preempted, with back-off: the node stops proposing, tells the
    /// clients waiting for phase 1 to retry, and tries again only when its
    /// timer (drawn from the election-timeout range) fires, unless a
    /// leader's messages keep resetting it first.
    fn step_down(&mut self, out: &mut Out) {
        self.abandon_ballot();
        self.pending.clear();
        for value in std::mem::take(&mut self.waiting) {
            out.reply(&value, ReplyOutcome::Redirect { leader: None });
        }
        self.reset_leader_timer(out);
    }

    /// Drops the phase 1 and phase 2 state of the node's ballot. The client
    /// commands it holds stay with it (`retry_immediately`: it proposes them
    /// again in its next ballot).
    fn abandon_ballot(&mut self) {
        self.role = Role::Follower;
        self.leader = None;
        self.promises.clear();
        self.proposals.clear();
        self.accepts.clear();
    }

    /// The acceptor accepts a pvalue (P2b); accepting a ballot also promises it.
    fn accept(&mut self, ballot: Ballot, slot: u64, value: Value) {
        self.promised = self.promised.max(ballot);
        self.accepted.insert(slot, (ballot, value));
        self.changes.accepted.push(slot);
    }

    /// P1a: a new ballot, one round above the highest seen, and a Prepare to
    /// every acceptor. The node's own promise is local. `retry`: started at
    /// once after a preemption (`retry_immediately`), not by the timer.
    fn start_phase1(&mut self, retry: bool, out: &mut Out) {
        self.role = Role::Proposer;
        self.leader = None;
        self.ballot = Ballot { round: self.max_round + 1, node: self.id };
        self.max_round = self.ballot.round;
        self.promised = self.ballot;
        self.promises = BTreeMap::from([(self.id, self.pvalues())]);
        self.reset_leader_timer(out);
        if self.config.bugs.skip_phase1_on_takeover {
            note!(out, BUG_SKIPS_PHASE1, node = self.id, ballot = self.ballot);
            self.become_leader(out);
            return;
        }
        if retry {
            note!(out, RETRIES_PHASE1, node = self.id, ballot = self.ballot);
        } else {
            note!(out, STARTS_PHASE1, node = self.id, ballot = self.ballot);
        }
        let ballot = self.ballot;
        for p in self.peers() {
            out.send(p, PaxosMessage::Prepare { ballot });
        }
        self.maybe_end_phase1(out);
    }

    /// P1b: an acceptor promises a ballot at least as high as any it promised,
    /// and reports every pvalue it accepted.
    fn handle_prepare(&mut self, from: NodeId, ballot: Ballot, out: &mut Out) {
        if ballot < self.promised {
            note!(out, PREPARE_BELOW_PROMISE, node = self.id, promised = self.promised, from, ballot);
            out.send(from, PaxosMessage::Nack { ballot, promised: self.promised });
            return;
        }
        note!(out, PROMISES, node = self.id, ballot, count = self.accepted.len());
        self.promised = ballot;
        self.reset_leader_timer(out);
        out.send(from, PaxosMessage::Promise { ballot, accepted: self.pvalues(), decided: self.commit });
    }

    fn handle_promise(&mut self, from: NodeId, ballot: Ballot, accepted: Vec<PValue>, decided: u64, out: &mut Out) {
        if self.role != Role::Proposer || ballot != self.ballot {
            return;
        }
        self.learned[usize::from(from) - 1] = decided;
        self.promises.insert(from, accepted);
        note!(
            out,
            PROMISES_SO_FAR,
            node = self.id,
            have = self.promises.len(),
            need = self.config.phase1_quorum,
            ballot
        );
        self.maybe_end_phase1(out);
    }

    fn maybe_end_phase1(&mut self, out: &mut Out) {
        if self.role == Role::Proposer && self.promises.len() >= self.config.phase1_quorum {
            self.become_leader(out);
        }
    }

    /// Phase 1 is over: for every slot a promise reported, propose the value
    /// of the highest ballot reported (P2a, PMS §2.2); fill the gaps below the
    /// highest reported slot with no-ops; then the waiting client commands.
    fn become_leader(&mut self, out: &mut Out) {
        self.role = Role::Leader;
        self.leader = Some(self.id);
        self.proposals.clear();
        self.accepts.clear();
        note!(out, LEADS_BALLOT, node = self.id, ballot = self.ballot);
        let mut highest: BTreeMap<u64, (Ballot, Value)> = BTreeMap::new();
        let mut top = 0;
        for pv in std::mem::take(&mut self.promises).into_values().flatten() {
            top = top.max(pv.slot);
            // Bug `ignore_promised_values`: the reported values are dropped,
            // so every slot looks free.
            if self.config.bugs.ignore_promised_values {
                continue;
            }
            if highest.get(&pv.slot).is_none_or(|(b, _)| pv.ballot > *b) {
                highest.insert(pv.slot, (pv.ballot, pv.value));
            }
        }
        for slot in self.commit + 1..=top {
            if self.decided.contains_key(slot) {
                continue;
            }
            let value = match highest.remove(&slot) {
                Some((b, v)) => {
                    note!(out, REPROPOSES, slot, accepted_in = b, value = v, node = self.id);
                    v
                }
                None => {
                    if self.config.bugs.ignore_promised_values {
                        note!(out, BUG_IGNORES_PROMISED, node = self.id, slot);
                    } else {
                        note!(out, FILLS_GAP, slot, node = self.id);
                    }
                    Value::Noop
                }
            };
            self.propose(slot, value, out);
        }
        let last_decided = self.decided.last_key().unwrap_or(0);
        self.next_slot = top.max(last_decided).max(self.commit) + 1;
        for value in std::mem::take(&mut self.waiting) {
            let slot = self.next_slot;
            self.next_slot += 1;
            note!(out, PROPOSES_WAITING, node = self.id, value = format!("{value:?}"), slot);
            self.pending.push((slot, value.clone()));
            self.propose(slot, Value::Client(value), out);
        }
        out.set_timer((self.config.timing.heartbeat, self.config.timing.heartbeat));
    }

    /// P2a for one slot: accept locally, send Accept to every other acceptor.
    fn propose(&mut self, slot: u64, value: Value, out: &mut Out) {
        let ballot = self.ballot;
        self.accept(ballot, slot, value.clone());
        self.proposals.insert(slot, value.clone());
        self.accepts.insert(slot, BTreeSet::from([self.id]));
        for p in self.peers() {
            out.send(p, PaxosMessage::Accept { ballot, slot, value: value.clone() });
        }
        self.maybe_choose(slot, out);
    }

    /// P2b: an acceptor accepts unless it promised a higher ballot.
    fn handle_accept(&mut self, from: NodeId, ballot: Ballot, slot: u64, value: Value, out: &mut Out) {
        let current = ballot >= self.promised;
        if !current {
            if !self.config.bugs.accept_below_promise {
                note!(out, ACCEPT_BELOW_PROMISE, node = self.id, promised = self.promised, from, slot, ballot);
                out.send(from, PaxosMessage::Nack { ballot, promised: self.promised });
                return;
            }
            note!(out, BUG_ACCEPTS_BELOW_PROMISE, node = self.id, value, slot, ballot, promised = self.promised);
        } else {
            note!(out, ACCEPTS, node = self.id, value, slot, ballot);
            self.leader = Some(ballot.node);
            self.reset_leader_timer(out);
        }
        self.accept(ballot, slot, value);
        out.send(from, PaxosMessage::Accepted { ballot, slot, decided: self.commit });
    }

    fn handle_accepted(&mut self, from: NodeId, ballot: Ballot, slot: u64, decided: u64, out: &mut Out) {
        if self.role != Role::Leader || ballot != self.ballot {
            return;
        }
        self.learned[usize::from(from) - 1] = decided;
        let Some(who) = self.accepts.get_mut(&slot) else { return };
        who.insert(from);
        note!(out, ACCEPTED_SO_FAR, from, slot, have = who.len(), need = self.config.phase2_quorum);
        self.maybe_choose(slot, out);
    }

    /// A value accepted by a phase 2 quorum in one ballot is chosen (PMS
    /// §2.3): the leader learns it and tells the other learners.
    fn maybe_choose(&mut self, slot: u64, out: &mut Out) {
        if self.accepts.get(&slot).is_none_or(|who| who.len() < self.config.phase2_quorum) {
            return;
        }
        self.accepts.remove(&slot);
        let Some(value) = self.proposals.remove(&slot) else { return };
        note!(out, CHOSEN, slot, value, ballot = self.ballot);
        let ballot = self.ballot;
        self.learn(slot, ballot.round, value.clone(), out);
        for p in self.peers() {
            out.send(p, PaxosMessage::Decide { ballot, decisions: vec![(slot, value.clone())], decided: 0 });
        }
    }

    /// Learners: a chosen value is chosen whatever the ballot that announces
    /// it. A keep-alive also says how far its sender has learned: a learner
    /// still below that after taking the keep-alive's decisions asks for the
    /// rest (the keep-alive carries what the learner has not reported, so
    /// that happens when the learner lost what it had reported: a restart).
    fn handle_decide(
        &mut self,
        from: NodeId,
        ballot: Ballot,
        decisions: Vec<(u64, Value)>,
        decided: u64,
        out: &mut Out,
    ) {
        if ballot >= self.promised && self.role == Role::Follower {
            self.leader = Some(ballot.node);
            self.reset_leader_timer(out);
        }
        for (slot, value) in decisions {
            if !self.decided.contains_key(slot) {
                note!(out, LEARNS, node = self.id, value, slot);
                self.learn(slot, ballot.round, value, out);
            }
        }
        if self.commit < decided {
            note!(out, ASKS_CATCH_UP, node = self.id, commit = self.commit, leader = from, decided);
            out.send(from, PaxosMessage::CatchUp { ballot, decided: self.commit });
        }
    }

    /// The leader answers a learner that is behind with one Decide holding
    /// every chosen value above the learner's prefix, and counts the learner
    /// as up to date: if that Decide is lost, the next keep-alive shows the
    /// learner it is still behind, and it asks again.
    fn handle_catch_up(&mut self, from: NodeId, decided: u64, out: &mut Out) {
        if self.role != Role::Leader {
            return;
        }
        self.learned[usize::from(from) - 1] = self.commit;
        let decisions: Vec<(u64, Value)> =
            self.decided.iter_from(decided.saturating_add(1)).map(|(s, (_, v))| (s, v.clone())).collect();
        note!(out, SENDS_MISSING, node = self.id, from, count = decisions.len(), decided);
        out.send(from, PaxosMessage::Decide { ballot: self.ballot, decisions, decided: self.commit });
    }

    fn learn(&mut self, slot: u64, round: u64, value: Value, out: &mut Out) {
        if self.decided.contains_key(slot) {
            return;
        }
        self.decided.insert(slot, (round, value));
        self.changes.decided.push(slot);
        self.proposals.remove(&slot);
        self.accepts.remove(&slot);
        while self.decided.contains_key(self.commit + 1) {
            self.commit += 1;
        }
        self.answer_clients(out);
    }

    /// The leader answers each client whose command is decided, once every
    /// slot before it is decided too (commands run in slot order, PMMC §3).
    fn answer_clients(&mut self, out: &mut Out) {
        let commit = self.commit;
        let (done, waiting): (Vec<_>, Vec<_>) = self.pending.drain(..).partition(|(s, _)| *s <= commit);
        self.pending = waiting;
        for (slot, value) in done {
            if self.decided.get(slot).is_some_and(|(_, v)| *v == Value::Client(value.clone())) {
                note!(out, ANSWERS_CLIENT, node = self.id, value = format!("{value:?}"), slot);
                out.reply(&value, ReplyOutcome::Acknowledged { index: slot });
            }
        }
    }

    /// The leader's timeout: re-send Accept for every undecided slot to the
    /// acceptors that have not accepted it, and a Decide (the keep-alive,
    /// with the decisions above what the follower last reported, and how
    /// far the leader has learned) to every other node. It never starts a
    /// new ballot.
    fn heartbeat(&mut self, out: &mut Out) {
        note!(
            out,
            KEEP_ALIVE,
            node = self.id,
            ballot = self.ballot,
            decided = self.commit,
            count = self.proposals.len()
        );
        let ballot = self.ballot;
        for p in self.peers() {
            for (&slot, value) in &self.proposals {
                if self.accepts.get(&slot).is_some_and(|who| !who.contains(&p)) {
                    out.send(p, PaxosMessage::Accept { ballot, slot, value: value.clone() });
                }
            }
            let from = self.learned[usize::from(p) - 1] + 1;
            let decisions = self.decided.iter_from(from).map(|(s, (_, v))| (s, v.clone())).collect();
            out.send(p, PaxosMessage::Decide { ballot, decisions, decided: self.commit });
        }
        out.set_timer((self.config.timing.heartbeat, self.config.timing.heartbeat));
    }
}
