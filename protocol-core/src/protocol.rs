//! The sans-IO protocol interface.
//!
//! A protocol is a state machine per node. The simulator hands it inputs
//! (`on_message`, `on_timer`, `on_client_request`) and it answers by pushing
//! effects into an [`Outbox`]: messages to send, a timer to (re)arm, a reply to
//! a client, an explanation of what it did and why. A protocol never reads a
//! clock or a random number generator: the simulator owns both, which is what
//! makes every execution replayable from its seed.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::hash::Hash;

use crate::NodeId;
use crate::explain::Text;
use crate::invariants::Checker;
use crate::scenario::ScenarioError;
use crate::scenario::{OptionValue, Timing};
use crate::text;

/// Virtual time in milliseconds.
pub type Time = u64;

/// A message of some protocol.
pub trait Message: Clone + Debug + Hash {
    /// The name the paper uses ("RequestVote", "Prepare"): shown in the UI and
    /// matched by the scenario's `type` matcher.
    fn kind(&self) -> &'static str;
    /// A short description of the payload ("term 2, last log 3@1").
    fn summary(&self) -> Text;
}

/// Protocol settings from a scenario, before the protocol interprets them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub nodes: usize,
    pub variants: Vec<String>,
    pub options: BTreeMap<String, OptionValue>,
    pub timing: Timing,
}

impl Settings {
    /// Is bug variant `name` switched on?
    pub fn has_variant(&self, name: &str) -> bool {
        self.variants.iter().any(|v| v == name)
    }

    /// An on/off option (off when absent).
    pub fn switch(&self, name: &str) -> Result<bool, ScenarioError> {
        match self.options.get(name) {
            None => Ok(false),
            Some(OptionValue::Bool(b)) => Ok(*b),
            Some(OptionValue::Number(_)) => {
                Err(ScenarioError::new(format!("options.{name}"), text!(crate::scenario::phrases::NOT_A_SWITCH)))
            }
        }
    }
}

/// One consensus protocol, seen from one node.
pub trait Protocol: Clone + Debug + 'static {
    type Message: Message;
    /// What survives a crash ("what must be on disk").
    type Durable: Clone + Debug;
    /// The protocol's interpretation of [`Settings`].
    type Config: Clone + Debug;
    /// The protocol's safety invariants, with the history they need.
    type Checker: Checker<Self>;

    /// The id used in scenarios: "raft", "multipaxos", "vsr".
    const ID: &'static str;
    /// Bug variants this protocol knows, as scenario ids.
    const VARIANTS: &'static [&'static str];
    /// Options (not bugs) this protocol knows, as scenario ids.
    const OPTIONS: &'static [&'static str];

    /// Interprets the settings; an error names the field and the reason.
    fn configure(settings: &Settings) -> Result<Self::Config, ScenarioError>;

    /// A node booting: fresh (`durable` is None) or restarting from disk.
    fn boot(id: NodeId, config: &Self::Config, durable: Option<Self::Durable>) -> Self;

    /// The state a crash keeps.
    fn durable(&self) -> Self::Durable;

    /// A crashed node comes back: called after `boot`, before `on_start`, with
    /// its `incarnation` (1 at its first restart, then 2, ...), amnesia or
    /// not. A protocol that must tell one run of a node from the next without
    /// a disk (VSR recovery's nonce, §4.3) takes it from here: a real replica
    /// would draw a random nonce, but protocols never touch an RNG.
    fn on_restart(&mut self, _incarnation: u64) {}

    /// Called once after boot: arm the first timer.
    fn on_start(&mut self, out: &mut Outbox<Self::Message>);
    fn on_message(&mut self, from: NodeId, msg: Self::Message, out: &mut Outbox<Self::Message>);
    /// The node's one protocol timer fired (election, heartbeat, view change...).
    fn on_timer(&mut self, out: &mut Outbox<Self::Message>);
    fn on_client_request(&mut self, value: &str, out: &mut Outbox<Self::Message>);

    /// Everything the UI shows about this node.
    fn view(&self) -> NodeView;

    /// The node's role, without building the whole view.
    fn role(&self) -> RoleKind {
        self.view().role
    }
}

/// What a protocol asks the simulator to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect<M> {
    Send {
        to: NodeId,
        msg: M,
    },
    /// (Re)arm the node's protocol timer with a duration drawn from `lo..=hi`.
    SetTimer {
        lo: Time,
        hi: Time,
    },
    /// Answer the client that submitted `value`.
    Reply {
        value: String,
        outcome: ReplyOutcome,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReplyOutcome {
    /// The leader/primary executed the command at this log index / slot.
    Acknowledged { index: u64 },
    /// Not the leader: here is the one this node knows, if any.
    Redirect { leader: Option<NodeId> },
}

/// Effects and explanations collected while a node handles one input.
#[derive(Debug)]
pub struct Outbox<M> {
    pub effects: Vec<Effect<M>>,
    /// Explanations, citing the paper's rule where one applies.
    pub notes: Vec<Text>,
    explain: bool,
}

impl<M> Outbox<M> {
    /// With `explain` false, [`note!`](crate::note) formats nothing (fast runs).
    pub fn new(explain: bool) -> Self {
        Outbox { effects: Vec::new(), notes: Vec::new(), explain }
    }
    pub fn explaining(&self) -> bool {
        self.explain
    }
    /// The messages sent so far, with their destinations.
    pub fn sent(&self) -> Vec<(NodeId, M)>
    where
        M: Clone,
    {
        self.effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send { to, msg } => Some((*to, msg.clone())),
                _ => None,
            })
            .collect()
    }
    pub fn send(&mut self, to: NodeId, msg: M) {
        self.effects.push(Effect::Send { to, msg });
    }
    pub fn set_timer(&mut self, (lo, hi): (Time, Time)) {
        self.effects.push(Effect::SetTimer { lo, hi });
    }
    pub fn reply(&mut self, value: &str, outcome: ReplyOutcome) {
        self.effects.push(Effect::Reply { value: value.to_string(), outcome });
    }
}

/// A role, for colour and shape in the UI (the label says the exact name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RoleKind {
    Leader,
    Candidate,
    Follower,
    /// Recovering, or in a view change: not serving.
    Other,
}

/// One entry of a log (or one slot), as the UI draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryView {
    pub index: u64,
    /// Term, ballot round or view that wrote the entry (its colour).
    pub epoch: u64,
    pub label: String,
}

/// A quorum being collected: who answered, out of how many needed.
#[derive(Clone, Debug, PartialEq)]
pub struct QuorumView {
    pub what: &'static str,
    pub have: Vec<NodeId>,
    pub need: usize,
}

/// One field of the inspector.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub value: String,
    /// Survives a crash.
    pub durable: bool,
}

/// A protocol-neutral picture of one node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub role: RoleKind,
    /// The paper's name of the role ("leader", "primary", "recovering").
    pub role_label: &'static str,
    /// Term, ballot round or view number.
    pub epoch: u64,
    /// "term", "ballot" or "view".
    pub epoch_label: &'static str,
    pub log: Vec<EntryView>,
    /// Entries up to this index are committed at this node.
    pub commit: u64,
    pub quorum: Option<QuorumView>,
    pub fields: Vec<Field>,
}
