//! Scenario format version 1 (shared SCENARIO.md is the contract): the types,
//! strict parsing and validation. Every error names the field and the reason.

mod json_path;
pub mod link;
pub mod phrases;
pub mod presets;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::explain::Text;
use crate::text;
use crate::{MAX_NODES, MIN_NODES, NodeId};

pub const FORMAT: &str = "quorumscope/1";

/// Limits that keep every scenario finite and quick to replay (a link must
/// never freeze the page): one `run` or `delay` covers at most ten virtual
/// minutes or a million events, and a script has at most 10,000 actions.
pub const MAX_RUN_MS: u64 = 600_000;
pub const MAX_RUN_EVENTS: u64 = 1_000_000;
pub const MAX_SCRIPT: usize = 10_000;

/// Bad input: which field, and what is wrong with it (in any language).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ScenarioError {
    pub field: String,
    pub reason: Text,
}

impl ScenarioError {
    pub fn new(field: impl Into<String>, reason: Text) -> Self {
        ScenarioError { field: field.into(), reason }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtocolId {
    Raft,
    Multipaxos,
    Vsr,
}

impl ProtocolId {
    pub const ALL: [ProtocolId; 3] = [ProtocolId::Raft, ProtocolId::Multipaxos, ProtocolId::Vsr];

    pub fn id(self) -> &'static str {
        match self {
            ProtocolId::Raft => "raft",
            ProtocolId::Multipaxos => "multipaxos",
            ProtocolId::Vsr => "vsr",
        }
    }
}

impl fmt::Display for ProtocolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An option's value: a switch or a number (a quorum size).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    Bool(bool),
    Number(u64),
}

/// Timing in virtual milliseconds, resolved against the protocol's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub latency: (u64, u64),
    pub election_timeout: (u64, u64),
    pub heartbeat: u64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { latency: (10, 30), election_timeout: (150, 300), heartbeat: 50 }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimingSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<[u64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election_timeout: Option<[u64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heartbeat: Option<u64>,
}

impl TimingSpec {
    pub fn resolve(&self) -> Timing {
        let d = Timing::default();
        Timing {
            latency: self.latency.map_or(d.latency, |[a, b]| (a, b)),
            election_timeout: self.election_timeout.map_or(d.election_timeout, |[a, b]| (a, b)),
            heartbeat: self.heartbeat.unwrap_or(d.heartbeat),
        }
    }

    fn is_empty(&self) -> bool {
        self == &TimingSpec::default()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub loss: f64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub duplicate: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auto {
    #[serde(default = "yes")]
    pub deliver: bool,
    #[serde(default = "yes")]
    pub timers: bool,
}

impl Default for Auto {
    fn default() -> Self {
        Auto { deliver: true, timers: true }
    }
}

/// Selects in-flight messages; a missing field matches anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NodeId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NodeId>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Matcher {
    pub fn id(id: u64) -> Self {
        Matcher { id: Some(id), ..Matcher::default() }
    }

    pub fn matches(&self, id: u64, from: NodeId, to: NodeId, kind: &str) -> bool {
        self.id.is_none_or(|m| m == id)
            && self.from.is_none_or(|m| m == from)
            && self.to.is_none_or(|m| m == to)
            && self.kind.as_deref().is_none_or(|m| m == kind)
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(id) = self.id {
            parts.push(format!("#{id}"));
        }
        if let Some(k) = &self.kind {
            parts.push(k.clone());
        }
        if let Some(n) = self.from {
            parts.push(format!("from S{n}"));
        }
        if let Some(n) = self.to {
            parts.push(format!("to S{n}"));
        }
        if parts.is_empty() { f.write_str("any message") } else { f.write_str(&parts.join(" ")) }
    }
}

/// `delay` takes a matcher and a duration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelayBy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NodeId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NodeId>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub ms: u64,
}

impl DelayBy {
    pub fn matcher(&self) -> Matcher {
        Matcher { id: self.id, from: self.from, to: self.to, kind: self.kind.clone() }
    }
}

/// `set` changes the network from now on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<[u64; 2]>,
}

/// One step of a script: everything a user, a preset or the explorer can do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "lowercase", deny_unknown_fields)]
pub enum Action {
    /// Advance virtual time by `ms`, or process exactly `events` automatic events.
    Run {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ms: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events: Option<u64>,
    },
    Request {
        node: NodeId,
        value: String,
    },
    Timeout {
        node: NodeId,
    },
    Deliver(Matcher),
    Drop(Matcher),
    Delay(DelayBy),
    Duplicate(Matcher),
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
        #[serde(default, skip_serializing_if = "is_false")]
        amnesia: bool,
    },
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    Cut {
        from: NodeId,
        to: NodeId,
    },
    Heal {},
    Set(NetworkChange),
}

impl Action {
    pub fn run_ms(ms: u64) -> Self {
        Action::Run { ms: Some(ms), events: None }
    }

    pub fn run_events(events: u64) -> Self {
        Action::Run { ms: None, events: Some(events) }
    }

    /// The name used in the `do` field.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Run { .. } => "run",
            Action::Request { .. } => "request",
            Action::Timeout { .. } => "timeout",
            Action::Deliver(_) => "deliver",
            Action::Drop(_) => "drop",
            Action::Delay(_) => "delay",
            Action::Duplicate(_) => "duplicate",
            Action::Crash { .. } => "crash",
            Action::Restart { .. } => "restart",
            Action::Partition { .. } => "partition",
            Action::Cut { .. } => "cut",
            Action::Heal {} => "heal",
            Action::Set(_) => "set",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Run { ms: Some(ms), .. } => write!(f, "run {ms} ms"),
            Action::Run { events, .. } => write!(f, "run {} events", events.unwrap_or(0)),
            Action::Request { node, value } => write!(f, "client request {value:?} to S{node}"),
            Action::Timeout { node } => write!(f, "fire S{node}'s timer"),
            Action::Deliver(m) => write!(f, "deliver {m}"),
            Action::Drop(m) => write!(f, "drop {m}"),
            Action::Delay(d) => write!(f, "delay {} by {} ms", d.matcher(), d.ms),
            Action::Duplicate(m) => write!(f, "duplicate {m}"),
            Action::Crash { node } => write!(f, "crash S{node}"),
            Action::Restart { node, amnesia: false } => write!(f, "restart S{node}"),
            Action::Restart { node, amnesia: true } => write!(f, "restart S{node} with amnesia"),
            Action::Partition { groups } => {
                let gs: Vec<String> =
                    groups.iter().map(|g| g.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(" ")).collect();
                write!(f, "partition {{{}}}", gs.join("} {"))
            }
            Action::Cut { from, to } => write!(f, "cut S{from} → S{to}"),
            Action::Heal {} => write!(f, "heal the network"),
            Action::Set(c) => {
                write!(f, "set network")?;
                if let Some(l) = c.loss {
                    write!(f, " loss {l}")?;
                }
                if let Some(d) = c.duplicate {
                    write!(f, " duplicate {d}")?;
                }
                if let Some([a, b]) = c.latency {
                    write!(f, " latency {a}..{b} ms")?;
                }
                Ok(())
            }
        }
    }
}

/// Narration shown when a replay reaches script action `step` (0-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub step: usize,
    pub text: String,
}

/// A whole scenario. Fields beyond SCENARIO.md: `description` (one line for
/// the preset library) and `cursor` (the event the sender was looking at).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub protocol: ProtocolId,
    #[serde(default = "default_nodes")]
    pub nodes: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variant: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, OptionValue>,
    #[serde(default, skip_serializing_if = "TimingSpec::is_empty")]
    pub timing: TimingSpec,
    #[serde(default, skip_serializing_if = "is_default")]
    pub network: Network,
    #[serde(default, skip_serializing_if = "is_default")]
    pub auto: Auto,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<Action>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<usize>,
}

impl Scenario {
    /// A scenario with every default and an empty script.
    pub fn new(protocol: ProtocolId) -> Self {
        Scenario {
            format: FORMAT.to_string(),
            title: String::new(),
            description: String::new(),
            protocol,
            nodes: default_nodes(),
            seed: default_seed(),
            variant: Vec::new(),
            options: BTreeMap::new(),
            timing: TimingSpec::default(),
            network: Network::default(),
            auto: Auto::default(),
            script: Vec::new(),
            notes: Vec::new(),
            cursor: None,
        }
    }

    /// Parses and validates JSON. Protocol-specific ids (variants, options) are
    /// checked when a simulation is built from the scenario.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_json::from_str(text).map_err(|e| {
            let path = json_path::path_at(text, e.line(), e.column());
            let field = if path.is_empty() { "scenario".to_string() } else { path };
            ScenarioError::new(field, text!(phrases::INVALID_JSON, message = clean_serde_message(&e)))
        })?;
        scenario.validate()?;
        Ok(scenario)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serializes")
    }

    /// Range checks that the types cannot express.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.format != FORMAT {
            return Err(ScenarioError::new(
                "format",
                text!(phrases::WRONG_FORMAT, expected = FORMAT, got = format!("{:?}", self.format)),
            ));
        }
        if !(MIN_NODES..=MAX_NODES).contains(&self.nodes) {
            return Err(ScenarioError::new(
                "nodes",
                text!(phrases::NODES_OUT_OF_RANGE, nodes = self.nodes, min = MIN_NODES, max = MAX_NODES),
            ));
        }
        for (name, range) in
            [("timing.latency", self.timing.latency), ("timing.election_timeout", self.timing.election_timeout)]
        {
            if let Some([lo, hi]) = range {
                check_range(name, lo, hi)?;
            }
        }
        if self.timing.heartbeat == Some(0) {
            return Err(ScenarioError::new("timing.heartbeat", text!(phrases::HEARTBEAT_ZERO)));
        }
        check_probability("network.loss", self.network.loss)?;
        check_probability("network.duplicate", self.network.duplicate)?;
        if self.script.len() > MAX_SCRIPT {
            return Err(ScenarioError::new(
                "script",
                text!(phrases::SCRIPT_TOO_LONG, len = self.script.len(), max = MAX_SCRIPT),
            ));
        }
        for (i, action) in self.script.iter().enumerate() {
            self.validate_action(action).map_err(|(f, reason)| {
                let field = if f.is_empty() { format!("script[{i}]") } else { format!("script[{i}].{f}") };
                ScenarioError::new(field, reason)
            })?;
        }
        for (i, note) in self.notes.iter().enumerate() {
            if note.step >= self.script.len().max(1) {
                return Err(ScenarioError::new(
                    format!("notes[{i}].step"),
                    text!(phrases::NOTE_PAST_END, step = note.step, len = self.script.len()),
                ));
            }
        }
        Ok(())
    }

    /// Checks one action against this scenario's cluster; the error names the
    /// action's field (empty for the action itself) and the reason.
    pub fn validate_action(&self, action: &Action) -> Result<(), (&'static str, Text)> {
        let node = |field: &'static str, id: NodeId| {
            if id == 0 || usize::from(id) > self.nodes {
                Err((field, text!(phrases::NODE_OUT_OF_RANGE, id, nodes = self.nodes)))
            } else {
                Ok(())
            }
        };
        let matcher = |m: &Matcher| {
            m.from.map_or(Ok(()), |n| node("from", n))?;
            m.to.map_or(Ok(()), |n| node("to", n))
        };
        match action {
            Action::Run { ms, events } => match (ms, events) {
                (Some(ms), None) if *ms > MAX_RUN_MS => Err(("ms", text!(phrases::RUN_TOO_LONG, ms, max = MAX_RUN_MS))),
                (None, Some(k)) if *k > MAX_RUN_EVENTS => {
                    Err(("events", text!(phrases::RUN_TOO_MANY_EVENTS, events = k, max = MAX_RUN_EVENTS)))
                }
                (Some(_), None) | (None, Some(_)) => Ok(()),
                _ => Err(("", text!(phrases::RUN_NEEDS_ONE))),
            },
            Action::Request { node: n, value } => {
                node("node", *n)?;
                if value.is_empty() || value.len() > 64 {
                    return Err(("value", text!(phrases::COMMAND_LENGTH)));
                }
                Ok(())
            }
            Action::Timeout { node: n } | Action::Crash { node: n } | Action::Restart { node: n, .. } => {
                node("node", *n)
            }
            Action::Deliver(m) | Action::Drop(m) | Action::Duplicate(m) => matcher(m),
            Action::Delay(d) if d.ms > MAX_RUN_MS => {
                Err(("ms", text!(phrases::DELAY_TOO_LONG, ms = d.ms, max = MAX_RUN_MS)))
            }
            Action::Delay(d) => matcher(&d.matcher()),
            Action::Partition { groups } => {
                let mut seen = Vec::new();
                for g in groups {
                    for &n in g {
                        node("groups", n)?;
                        if seen.contains(&n) {
                            return Err(("groups", text!(phrases::IN_TWO_GROUPS, node = n)));
                        }
                        seen.push(n);
                    }
                }
                Ok(())
            }
            Action::Cut { from, to } => {
                node("from", *from)?;
                node("to", *to)?;
                if from == to {
                    return Err(("to", text!(phrases::SELF_CUT)));
                }
                Ok(())
            }
            Action::Heal {} => Ok(()),
            Action::Set(c) => {
                if let Some(p) = c.loss {
                    check_probability("loss", p).map_err(|e| ("loss", e.reason))?;
                }
                if let Some(p) = c.duplicate {
                    check_probability("duplicate", p).map_err(|e| ("duplicate", e.reason))?;
                }
                if let Some([lo, hi]) = c.latency {
                    check_range("latency", lo, hi).map_err(|e| ("latency", e.reason))?;
                }
                Ok(())
            }
        }
    }

    pub fn timing(&self) -> Timing {
        self.timing.resolve()
    }
}

fn check_range(field: &str, lo: u64, hi: u64) -> Result<(), ScenarioError> {
    if lo > hi {
        return Err(ScenarioError::new(field, text!(phrases::RANGE_EMPTY, lo, hi)));
    }
    if lo == 0 {
        return Err(ScenarioError::new(field, text!(phrases::RANGE_LOW_ZERO)));
    }
    if hi > 3_600_000 {
        return Err(ScenarioError::new(field, text!(phrases::RANGE_TOO_LONG, hi)));
    }
    Ok(())
}

fn check_probability(field: &str, p: f64) -> Result<(), ScenarioError> {
    if !(0.0..=1.0).contains(&p) {
        return Err(ScenarioError::new(field, text!(phrases::NOT_A_PROBABILITY, p)));
    }
    Ok(())
}

/// serde_json appends " at line L column C"; keep it, but drop serde's
/// internal jargon where it would confuse a reader.
fn clean_serde_message(e: &serde_json::Error) -> String {
    // Node ids are the format's only u8.
    e.to_string()
        .replace("internally tagged enum Action", "action")
        .replace("expected u8", "expected a node id (1 to 9)")
}

fn default_nodes() -> usize {
    5
}
fn default_seed() -> u64 {
    1
}
fn yes() -> bool {
    true
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}
