//! The deterministic simulator: virtual clock, event queue, network, faults.
//!
//! Events are ordered by (virtual time, sequence number), every random choice
//! comes from one seeded [`SimRng`], and nothing depends on hash-map order, so
//! a scenario replays event for event on every platform (madsim and the
//! TigerBeetle simulator work the same way).

mod network;
pub mod phrases;

use std::collections::BTreeMap;

pub use network::{InFlight, Links};

use crate::NodeId;
use crate::anysim::{ClusterView, Envelope, MessageView, NodeSnapshot};
use crate::explain::Text;
use crate::invariants::{Ack, CheckContext, Checker, Violation};
use crate::protocol::{Effect, Outbox, Protocol, ReplyOutcome, Settings, Time};
use crate::protocol::{Message, RoleKind};
use crate::rng::{Draw, SplitMix64, Streams};
use crate::scenario::{Action, Auto, Matcher, Network, Scenario, ScenarioError, Timing};
use crate::text;
use crate::trace::{ClientReply, Event, LossReason, MsgId, StableHasher, What, fold};

/// Why an action could not run (bad input in a script or from the UI).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("{}", self.reason())]
    NoSuchNode(NodeId),
    #[error("{}", self.reason())]
    Crashed(NodeId),
    #[error("{}", self.reason())]
    NotCrashed(NodeId),
    #[error("{}", self.reason())]
    NoMatch(String),
    /// The action itself is malformed: which field (may be empty), and why.
    #[error("{0}{sep}{1}", sep = if .0.is_empty() { "" } else { ": " })]
    Invalid(&'static str, Text),
}

impl ActionError {
    /// Why the action was refused, in any language (prefixed by the field
    /// for a malformed action).
    pub fn reason(&self) -> Text {
        use crate::scenario::phrases::*;
        match self {
            ActionError::NoSuchNode(node) => text!(NO_SUCH_NODE, node),
            ActionError::Crashed(node) => text!(NODE_CRASHED, node),
            ActionError::NotCrashed(node) => text!(NODE_NOT_CRASHED, node),
            ActionError::NoMatch(matcher) => text!(NO_MATCH, matcher),
            ActionError::Invalid(_, reason) => reason.clone(),
        }
    }
}

/// A queued automatic event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Deliver(MsgId),
    Timer(NodeId),
}

type QueueKey = (Time, u64);

/// What a random stream is for (see [`Streams`]).
#[derive(Clone, Copy, Debug)]
enum Stream {
    Message = 0,
    /// A copy made by the `duplicate` action.
    Copy = 1,
    Timer = 2,
}

/// A node's one protocol timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timer {
    pub set_at: Time,
    pub deadline: Time,
    key: QueueKey,
}

/// What the simulator keeps about a node besides its protocol state.
#[derive(Clone, Debug)]
struct Slot<D> {
    /// What the node had on disk when it crashed.
    disk: Option<D>,
    /// Restarts so far (see [`Protocol::on_restart`]).
    restarts: u64,
    timer: Option<Timer>,
}

/// Message accounting, for the conservation property: every message sent or
/// duplicated is delivered, dropped, lost or still in flight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub sent: u64,
    pub duplicated: u64,
    pub delivered: u64,
    pub dropped: u64,
    pub lost: u64,
}

#[derive(Clone, Debug)]
pub struct Simulation<P: Protocol> {
    config: P::Config,
    timing: Timing,
    network: Network,
    auto: Auto,
    /// Produce explanations (the UI wants them; the explorer does not).
    explain: bool,
    now: Time,
    streams: Streams,
    /// How many streams of each kind each link (or node) has used.
    used: Vec<u64>,
    seq: u64,
    next_msg: MsgId,
    /// Node i+1 is `nodes[i]`; None while crashed.
    nodes: Vec<Option<P>>,
    slots: Vec<Slot<P::Durable>>,
    flight: BTreeMap<MsgId, InFlight<P::Message>>,
    queue: BTreeMap<QueueKey, Pending>,
    links: Links,
    checker: P::Checker,
    violations: Vec<Violation>,
    stats: Stats,
    hash: StableHasher,
    events: usize,
}

impl<P: Protocol> Simulation<P> {
    /// Builds the simulation of a scenario's header (its script is run by a
    /// [`crate::timeline::Timeline`] or by [`crate::run::run_scenario`]).
    pub fn new(scenario: &Scenario) -> Result<Self, ScenarioError> {
        scenario.validate()?;
        for (i, v) in scenario.variant.iter().enumerate() {
            if !P::VARIANTS.contains(&v.as_str()) {
                let (variant, known) = (format!("{v:?}"), P::VARIANTS.join(", "));
                return Err(ScenarioError::new(
                    format!("variant[{i}]"),
                    text!(crate::scenario::phrases::UNKNOWN_VARIANT, variant, protocol = P::ID, known),
                ));
            }
        }
        for name in scenario.options.keys() {
            if !P::OPTIONS.contains(&name.as_str()) {
                return Err(ScenarioError::new(
                    format!("options.{name}"),
                    text!(crate::scenario::phrases::UNKNOWN_OPTION, protocol = P::ID, known = P::OPTIONS.join(", ")),
                ));
            }
        }
        let settings = Settings {
            nodes: scenario.nodes,
            variants: scenario.variant.clone(),
            options: scenario.options.clone(),
            timing: scenario.timing(),
        };
        let config = P::configure(&settings)?;
        let mut sim = Simulation {
            checker: P::Checker::new(&config),
            config,
            timing: settings.timing,
            network: scenario.network,
            auto: scenario.auto,
            explain: true,
            now: 0,
            streams: Streams::new(scenario.seed),
            used: vec![0; 3 * scenario.nodes * scenario.nodes],
            seq: 0,
            next_msg: 1,
            nodes: Vec::new(),
            slots: Vec::new(),
            flight: BTreeMap::new(),
            queue: BTreeMap::new(),
            links: Links::new(scenario.nodes),
            violations: Vec::new(),
            stats: Stats::default(),
            hash: StableHasher::default(),
            events: 0,
        };
        for id in 1..=scenario.nodes as NodeId {
            sim.nodes.push(Some(P::boot(id, &sim.config, None)));
            sim.slots.push(Slot { disk: None, restarts: 0, timer: None });
        }
        // Boot is not an event: each node arms its first timer, in id order.
        for id in 1..=scenario.nodes as NodeId {
            let mut out = sim.outbox();
            if let Some(node) = sim.node_mut(id) {
                node.on_start(&mut out);
            }
            sim.apply_effects(id, out, &mut Vec::new(), &mut Vec::new(), &mut Vec::new());
        }
        Ok(sim)
    }

    /// Turns explanations off (faster; for the explorer and benchmarks).
    pub fn set_explain(&mut self, on: bool) {
        self.explain = on;
    }

    pub fn now(&self) -> Time {
        self.now
    }
    pub fn n(&self) -> usize {
        self.nodes.len()
    }
    pub fn stats(&self) -> Stats {
        self.stats
    }
    /// Events processed so far.
    pub fn events(&self) -> usize {
        self.events
    }
    pub fn trace_hash(&self) -> u64 {
        std::hash::Hasher::finish(&self.hash)
    }

    /// Node `id` (1-based), or None if it is crashed or does not exist.
    pub fn node(&self, id: NodeId) -> Option<&P> {
        index(id).and_then(|i| self.nodes.get(i)).and_then(Option::as_ref)
    }
    pub fn is_crashed(&self, id: NodeId) -> bool {
        index(id).and_then(|i| self.nodes.get(i)).is_some_and(Option::is_none)
    }
    pub fn timer(&self, id: NodeId) -> Option<Timer> {
        self.slot(id).and_then(|s| s.timer)
    }
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, Option<&P>)> {
        self.nodes.iter().enumerate().map(|(i, s)| (i as NodeId + 1, s.as_ref()))
    }
    /// Messages in flight, in send order.
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight<P::Message>> {
        self.flight.values()
    }

    /// The time of the next automatic event, if any.
    pub fn next_event_time(&self) -> Option<Time> {
        self.queue.keys().next().map(|k| k.0)
    }

    /// Processes the next automatic event (a delivery or a timer firing).
    pub fn step(&mut self) -> Option<Event> {
        let (&key, &pending) = self.queue.iter().next()?;
        self.queue.remove(&key);
        self.now = self.now.max(key.0);
        Some(match pending {
            Pending::Deliver(id) => self.deliver(id),
            Pending::Timer(node) => {
                if let Some(slot) = self.slot_mut(node) {
                    slot.timer = None;
                }
                self.fire_timer(node)
            }
        })
    }

    /// Applies one scripted or user action (anything but `run`). Every check
    /// comes before any change: on error the simulation is untouched.
    pub fn apply(&mut self, action: &Action) -> Result<Event, ActionError> {
        let mut notes = Vec::new();
        let mut sent = Vec::new();
        let mut replies = Vec::new();
        let mut acks = Vec::new();
        let mut touched = Vec::new();
        let mut dropped = Vec::new();
        match action {
            Action::Run { .. } => {
                return Err(ActionError::Invalid("do", text!(crate::scenario::phrases::NOT_AN_INTERVENTION)));
            }
            Action::Request { node, value } => {
                self.live(*node)?;
                let mut out = self.outbox();
                if let Some(p) = self.node_mut(*node) {
                    p.on_client_request(value, &mut out);
                }
                notes.append(&mut out.notes);
                acks = self.apply_effects(*node, out, &mut sent, &mut replies, &mut Vec::new());
                touched.push(*node);
            }
            Action::Timeout { node } => {
                self.live(*node)?;
                return Ok(self.fire_timer_by_action(*node, action));
            }
            Action::Deliver(m) => {
                let id = self.oldest(m)?;
                if let Some(key) = self.flight.get(&id).and_then(|f| f.key) {
                    self.queue.remove(&key);
                }
                return Ok(self.deliver_with(id, Some(action)));
            }
            Action::Drop(m) => {
                let ids = self.matching(m)?;
                for id in &ids {
                    self.remove_flight(*id);
                    self.stats.dropped += 1;
                }
                notes.push(text!(phrases::DROPPED, count = ids.len(), ids = list_ids(&ids)));
                dropped = ids;
            }
            Action::Delay(d) => {
                let ids = self.matching(&d.matcher())?;
                for id in &ids {
                    if let Some(f) = self.flight.get_mut(id) {
                        f.deliver_at += d.ms;
                        let deliver_at = f.deliver_at;
                        if let Some(key) = f.key.take() {
                            self.queue.remove(&key);
                            let key = self.enqueue(deliver_at, Pending::Deliver(*id));
                            if let Some(f) = self.flight.get_mut(id) {
                                f.key = Some(key);
                            }
                        }
                    }
                }
                notes.push(text!(phrases::DELAYED, count = ids.len(), ms = d.ms, ids = list_ids(&ids)));
            }
            Action::Duplicate(m) => {
                let id = self.oldest(m)?;
                let Some(orig) = self.flight.get(&id).cloned() else {
                    return Err(ActionError::NoMatch(m.to_string()));
                };
                self.stats.duplicated += 1;
                let mut rng = self.next_stream(Stream::Copy, orig.from, orig.to);
                let copy = self.launch(orig.from, orig.to, orig.msg, &mut rng);
                notes.push(text!(phrases::DUPLICATED, id, copy));
                sent.push(copy);
            }
            Action::Crash { node } => {
                self.live(*node)?;
                let i = usize::from(*node) - 1;
                self.slots[i].disk = self.nodes[i].take().map(|p| p.durable());
                if let Some(t) = self.slots[i].timer.take() {
                    self.queue.remove(&t.key);
                }
                notes.push(text!(phrases::CRASHED, node));
            }
            Action::Restart { node, amnesia } => {
                self.check_id(*node)?;
                if !self.is_crashed(*node) {
                    return Err(ActionError::NotCrashed(*node));
                }
                let disk = if *amnesia { None } else { self.slots[usize::from(*node) - 1].disk.clone() };
                notes.push(text!(*if *amnesia { &phrases::RESTARTED_AMNESIA } else { &phrases::RESTARTED }, node));
                let mut p = P::boot(*node, &self.config, disk);
                let slot = &mut self.slots[usize::from(*node) - 1];
                slot.restarts += 1;
                p.on_restart(slot.restarts);
                let mut out = self.outbox();
                p.on_start(&mut out);
                self.nodes[usize::from(*node) - 1] = Some(p);
                notes.append(&mut out.notes);
                acks = self.apply_effects(*node, out, &mut sent, &mut replies, &mut Vec::new());
                touched.push(*node);
            }
            Action::Partition { groups } => {
                self.links.partition(groups);
                notes.push(if self.links.is_healthy() {
                    text!(phrases::HEALED)
                } else {
                    text!(phrases::PARTITIONED, groups = self.links.describe())
                });
            }
            Action::Cut { from, to } => {
                self.check_id(*from)?;
                self.check_id(*to)?;
                self.links.cut(*from, *to);
                notes.push(text!(phrases::CUT, from, to));
            }
            Action::Heal {} => {
                self.links.heal();
                notes.push(text!(phrases::HEALED));
            }
            Action::Set(c) => {
                if let Some(l) = c.loss {
                    self.network.loss = l;
                }
                if let Some(d) = c.duplicate {
                    self.network.duplicate = d;
                }
                if let Some([lo, hi]) = c.latency {
                    self.timing.latency = (lo, hi);
                }
            }
        }
        let what = What::Do { action: action.clone() };
        let mut event = self.finish(what, notes, sent, replies, &acks, &touched);
        event.dropped = dropped;
        Ok(event)
    }

    // --- internals -----------------------------------------------------------

    fn outbox(&self) -> Outbox<P::Message> {
        Outbox::new(self.explain)
    }

    fn slot(&self, id: NodeId) -> Option<&Slot<P::Durable>> {
        index(id).and_then(|i| self.slots.get(i))
    }
    fn slot_mut(&mut self, id: NodeId) -> Option<&mut Slot<P::Durable>> {
        index(id).and_then(|i| self.slots.get_mut(i))
    }
    fn node_mut(&mut self, id: NodeId) -> Option<&mut P> {
        index(id).and_then(|i| self.nodes.get_mut(i)).and_then(Option::as_mut)
    }

    fn check_id(&self, id: NodeId) -> Result<(), ActionError> {
        self.slot(id).map(|_| ()).ok_or(ActionError::NoSuchNode(id))
    }

    fn live(&self, id: NodeId) -> Result<(), ActionError> {
        self.check_id(id)?;
        if self.is_crashed(id) { Err(ActionError::Crashed(id)) } else { Ok(()) }
    }

    fn matching(&self, m: &Matcher) -> Result<Vec<MsgId>, ActionError> {
        let ids: Vec<MsgId> = self
            .flight
            .values()
            .filter(|f| m.matches(f.id, f.from, f.to, crate::protocol::Message::kind(&f.msg)))
            .map(|f| f.id)
            .collect();
        if ids.is_empty() { Err(ActionError::NoMatch(m.to_string())) } else { Ok(ids) }
    }

    /// The matching message sent first.
    fn oldest(&self, m: &Matcher) -> Result<MsgId, ActionError> {
        Ok(self.matching(m)?[0])
    }

    fn enqueue(&mut self, t: Time, p: Pending) -> QueueKey {
        self.seq += 1;
        let key = (t, self.seq);
        self.queue.insert(key, p);
        key
    }

    fn remove_flight(&mut self, id: MsgId) -> Option<InFlight<P::Message>> {
        let f = self.flight.remove(&id)?;
        if let Some(key) = f.key {
            self.queue.remove(&key);
        }
        Some(f)
    }

    /// Sends a message: its latency, its loss and a network duplicate are
    /// drawn from the stream of this link's n-th message.
    fn send(&mut self, from: NodeId, to: NodeId, msg: P::Message) -> MsgId {
        let mut rng = self.next_stream(Stream::Message, from, to);
        let id = self.launch(from, to, msg.clone(), &mut rng);
        if rng.chance(self.network.duplicate) {
            self.stats.duplicated += 1;
            self.launch(from, to, msg, &mut rng);
        }
        id
    }

    /// Puts a message in flight, drawing its latency and loss from `rng`.
    fn launch(&mut self, from: NodeId, to: NodeId, msg: P::Message, rng: &mut SplitMix64) -> MsgId {
        let id = self.next_msg;
        self.next_msg += 1;
        let (lo, hi) = self.timing.latency;
        let deliver_at = self.now + rng.range(lo, hi);
        let doomed = rng.chance(self.network.loss);
        let key = self.auto.deliver.then(|| self.enqueue(deliver_at, Pending::Deliver(id)));
        self.flight.insert(id, InFlight { id, from, to, msg, sent_at: self.now, deliver_at, doomed, key });
        id
    }

    /// The name of the next random stream of one kind on one link (or, for
    /// timers, one node): a counter per link and kind, hashed with the kind.
    fn next_stream(&mut self, kind: Stream, from: NodeId, to: NodeId) -> SplitMix64 {
        let n = self.nodes.len();
        let i = (kind as usize * n + usize::from(from) - 1) * n + usize::from(to) - 1;
        let count = self.used[i];
        self.used[i] += 1;
        let mut h = StableHasher::default();
        fold(&mut h, &(kind as u8, from, to, count));
        self.streams.stream(std::hash::Hasher::finish(&h))
    }

    /// Carries out a node's effects; returns the acknowledgements it made.
    fn apply_effects(
        &mut self,
        node: NodeId,
        out: Outbox<P::Message>,
        sent: &mut Vec<MsgId>,
        replies: &mut Vec<ClientReply>,
        notes: &mut Vec<Text>,
    ) -> Vec<Ack> {
        notes.extend(out.notes);
        let mut acks = Vec::new();
        for effect in out.effects {
            match effect {
                Effect::Send { to, msg } => {
                    if to == node || self.slot(to).is_none() {
                        debug_assert!(false, "S{node} sent a message to S{to}");
                        continue;
                    }
                    self.stats.sent += 1;
                    let before = self.next_msg;
                    self.send(node, to, msg);
                    sent.extend(before..self.next_msg);
                }
                Effect::SetTimer { lo, hi } => {
                    let deadline = self.now + self.next_stream(Stream::Timer, node, node).range(lo, hi);
                    let key = if self.auto.timers {
                        self.enqueue(deadline, Pending::Timer(node))
                    } else {
                        self.seq += 1;
                        (deadline, self.seq)
                    };
                    let timer = Timer { set_at: self.now, deadline, key };
                    if let Some(old) = self.slot_mut(node).and_then(|s| s.timer.replace(timer)) {
                        self.queue.remove(&old.key);
                    }
                }
                Effect::Reply { value, outcome } => {
                    let (index, leader) = match outcome {
                        ReplyOutcome::Acknowledged { index } => {
                            acks.push(Ack { node, index, value: value.clone() });
                            (Some(index), Some(node))
                        }
                        ReplyOutcome::Redirect { leader } => (None, leader),
                    };
                    replies.push(ClientReply { node, value, index, leader });
                }
            }
        }
        acks
    }

    fn deliver(&mut self, id: MsgId) -> Event {
        self.deliver_with(id, None)
    }

    /// Delivers message `id` now (its queue entry is already gone).
    fn deliver_with(&mut self, id: MsgId, by: Option<&Action>) -> Event {
        let Some(mut f) = self.flight.remove(&id) else {
            unreachable!("message #{id} is queued but not in flight");
        };
        f.key = None;
        let kind = crate::protocol::Message::kind(&f.msg);
        let reason = if self.is_crashed(f.to) {
            Some(LossReason::Crashed)
        } else if self.links.is_cut(f.from, f.to) {
            Some(LossReason::Cut)
        } else if f.doomed {
            Some(LossReason::Network)
        } else {
            None
        };
        let mut notes = Vec::new();
        if let Some(Action::Deliver(_)) = by {
            notes.push(text!(phrases::DELIVERED_BY_HAND, id));
        }
        if let Some(reason) = reason {
            self.stats.lost += 1;
            let what = What::Lost { id, from: f.from, to: f.to, msg: kind, reason };
            return self.finish(what, notes, Vec::new(), Vec::new(), &[], &[]);
        }
        self.stats.delivered += 1;
        fold(&mut self.hash, &f.msg);
        let summary = self.explain.then(|| crate::protocol::Message::summary(&f.msg));
        let mut out = self.outbox();
        if let Some(p) = self.node_mut(f.to) {
            p.on_message(f.from, f.msg, &mut out);
        }
        let (mut sent, mut replies) = (Vec::new(), Vec::new());
        let acks = self.apply_effects(f.to, out, &mut sent, &mut replies, &mut notes);
        let what = What::Deliver { id, from: f.from, to: f.to, msg: kind, summary };
        self.finish(what, notes, sent, replies, &acks, &[f.to])
    }

    fn fire_timer(&mut self, node: NodeId) -> Event {
        let mut out = self.outbox();
        if let Some(p) = self.node_mut(node) {
            p.on_timer(&mut out);
        }
        let (mut sent, mut replies, mut notes) = (Vec::new(), Vec::new(), Vec::new());
        let acks = self.apply_effects(node, out, &mut sent, &mut replies, &mut notes);
        self.finish(What::Timer { node }, notes, sent, replies, &acks, &[node])
    }

    fn fire_timer_by_action(&mut self, node: NodeId, action: &Action) -> Event {
        if let Some(t) = self.slot_mut(node).and_then(|s| s.timer.take()) {
            self.queue.remove(&t.key);
        }
        let mut e = self.fire_timer(node);
        // Re-label the event: the user fired it, it did not expire.
        e.what = What::Do { action: action.clone() };
        e
    }

    /// Records the event: count, hash, invariants.
    fn finish(
        &mut self,
        what: What,
        notes: Vec<Text>,
        sent: Vec<MsgId>,
        replies: Vec<ClientReply>,
        acks: &[Ack],
        touched: &[NodeId],
    ) -> Event {
        let index = self.events;
        self.events += 1;
        fold(&mut self.hash, &self.now);
        match &what {
            What::Deliver { id, .. } => fold(&mut self.hash, &(1u8, id)),
            What::Lost { id, reason, .. } => fold(&mut self.hash, &(2u8, id, reason)),
            What::Timer { node } => fold(&mut self.hash, &(3u8, node)),
            What::Do { action } => fold(&mut self.hash, &(4u8, serde_json::to_string(action).unwrap_or_default())),
        }
        fold(&mut self.hash, &sent);
        let mut found = Vec::new();
        let ctx = CheckContext { nodes: &self.nodes, touched, acks, event: index, time: self.now };
        self.checker.check(&ctx, &mut found);
        let mut violations = Vec::new();
        for v in found {
            if !self.violations.iter().any(|old| old.invariant == v.invariant) {
                self.violations.push(v.clone());
                violations.push(v);
            }
        }
        Event { time: self.now, what, notes, sent, dropped: Vec::new(), replies, violations }
    }
}

/// The position of node `id` (1-based) in the node vectors.
fn index(id: NodeId) -> Option<usize> {
    usize::from(id).checked_sub(1)
}

fn list_ids(ids: &[MsgId]) -> String {
    ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
}

/// A simulation of some protocol, behind one object-safe interface: the
/// timeline (script executor, checkpoints, seeking) is written once against
/// it instead of once per protocol, which keeps the browser build small.
pub trait DynSim {
    fn now(&self) -> Time;
    /// Events processed so far.
    fn events(&self) -> usize;
    fn next_event_time(&self) -> Option<Time>;
    /// Processes the next automatic event.
    fn step(&mut self) -> Option<Event>;
    /// Moves the clock forward to `t`; no automatic event may be due before.
    fn idle_until(&mut self, t: Time);
    fn apply(&mut self, action: &Action) -> Result<Event, ActionError>;
    fn trace_hash(&self) -> u64;
    fn stats(&self) -> Stats;
    fn set_explain(&mut self, on: bool);
    fn boxed_clone(&self) -> Box<dyn DynSim>;
    /// Everything the UI draws.
    fn view(&self) -> ClusterView;
    /// Each node's role (None while crashed), cheaper than `view`.
    fn roles(&self) -> Vec<Option<RoleKind>>;
    /// Messages in flight without payloads, in send order.
    fn envelopes(&self) -> Vec<Envelope>;
    fn network_healthy(&self) -> bool;
    /// The protocol's invariant ids.
    fn invariants(&self) -> &'static [&'static str];
    /// The first violation of each invariant, in the order they happened.
    fn violations(&self) -> &[Violation];
    /// A hash of the state that matters for what can happen next (nodes,
    /// disks, messages in flight by content, links), for exhaustive search:
    /// two states with the same fingerprint are explored once.
    fn fingerprint(&self) -> u64;
}

impl<P: Protocol> DynSim for Simulation<P> {
    fn now(&self) -> Time {
        self.now
    }
    fn events(&self) -> usize {
        self.events
    }
    fn next_event_time(&self) -> Option<Time> {
        Simulation::next_event_time(self)
    }
    fn step(&mut self) -> Option<Event> {
        Simulation::step(self)
    }
    fn idle_until(&mut self, t: Time) {
        debug_assert!(self.next_event_time().is_none_or(|next| next > t), "an event is due before {t}");
        self.now = self.now.max(t);
    }
    fn apply(&mut self, action: &Action) -> Result<Event, ActionError> {
        Simulation::apply(self, action)
    }
    fn trace_hash(&self) -> u64 {
        Simulation::trace_hash(self)
    }
    fn stats(&self) -> Stats {
        self.stats
    }
    fn set_explain(&mut self, on: bool) {
        self.explain = on;
    }
    fn boxed_clone(&self) -> Box<dyn DynSim> {
        Box::new(self.clone())
    }
    fn view(&self) -> ClusterView {
        let nodes = self
            .nodes()
            .map(|(id, p)| NodeSnapshot {
                id,
                view: p.map(Protocol::view),
                timer: self.timer(id).map(|t| (t.set_at, t.deadline)),
            })
            .collect();
        let messages = self
            .in_flight()
            .map(|f| MessageView {
                id: f.id,
                from: f.from,
                to: f.to,
                kind: f.msg.kind(),
                summary: f.msg.summary(),
                sent_at: f.sent_at,
                deliver_at: f.deliver_at,
            })
            .collect();
        let n = self.n() as NodeId;
        let cut = (1..=n)
            .flat_map(|a| (1..=n).map(move |b| (a, b)))
            .filter(|&(a, b)| a != b && self.links.is_cut(a, b))
            .collect();
        ClusterView {
            time: self.now,
            nodes,
            messages,
            cut,
            auto_deliver: self.auto.deliver,
            auto_timers: self.auto.timers,
        }
    }
    fn roles(&self) -> Vec<Option<RoleKind>> {
        self.nodes.iter().map(|p| p.as_ref().map(Protocol::role)).collect()
    }
    fn envelopes(&self) -> Vec<Envelope> {
        self.in_flight().map(|f| Envelope { id: f.id, from: f.from, to: f.to, kind: f.msg.kind() }).collect()
    }
    fn network_healthy(&self) -> bool {
        self.links.is_healthy()
    }
    fn invariants(&self) -> &'static [&'static str] {
        <P::Checker as Checker<P>>::INVARIANTS
    }
    fn violations(&self) -> &[Violation] {
        &self.violations
    }
    fn fingerprint(&self) -> u64 {
        // Protocol states are compared through their Debug form: every field
        // counts, which explores a few equivalent states twice but never
        // merges two different ones.
        let mut h = StableHasher::default();
        for (node, slot) in self.nodes.iter().zip(&self.slots) {
            fold(&mut h, &format!("{node:?}{:?}", slot.disk));
        }
        let mut messages: Vec<u64> = self
            .flight
            .values()
            .map(|f| {
                let mut m = StableHasher::default();
                fold(&mut m, &(f.from, f.to, &f.msg));
                std::hash::Hasher::finish(&m)
            })
            .collect();
        messages.sort_unstable();
        fold(&mut h, &messages);
        fold(&mut h, &format!("{:?}", self.links));
        std::hash::Hasher::finish(&h)
    }
}

impl Clone for Box<dyn DynSim> {
    fn clone(&self) -> Self {
        self.boxed_clone()
    }
}
