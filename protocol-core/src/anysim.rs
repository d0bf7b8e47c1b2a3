//! `AnySim`: a timeline of any protocol behind one interface, so that the UI
//! and the CLI never match on the protocol.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::NodeId;
use crate::explain::Text;
use crate::invariants::Violation;
use crate::paxos::Paxos;
use crate::protocol::{NodeView, Protocol, RoleKind, Time};
use crate::raft::Raft;
use crate::scenario::{Action, ProtocolId, Scenario, ScenarioError};
use crate::sim::{ActionError, DynSim, Simulation, Stats};
use crate::timeline::{Stop, Timeline};
use crate::trace::{Event, MsgId};
use crate::vsr::Vsr;

/// One node as the UI draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSnapshot {
    pub id: NodeId,
    /// None while crashed.
    pub view: Option<NodeView>,
    /// The protocol timer: when it was armed and when it fires.
    pub timer: Option<(Time, Time)>,
}

/// One message in flight.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: &'static str,
    pub summary: Text,
    pub sent_at: Time,
    pub deliver_at: Time,
}

/// A message in flight without its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: &'static str,
}

/// Everything the UI renders at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    pub time: Time,
    pub nodes: Vec<NodeSnapshot>,
    pub messages: Vec<MessageView>,
    /// Directed links that are cut.
    pub cut: Vec<(NodeId, NodeId)>,
    pub auto_deliver: bool,
    pub auto_timers: bool,
}

/// The `check` output of shared SCENARIO.md.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub protocol: ProtocolId,
    pub events: usize,
    pub time_ms: Time,
    pub violations: Vec<Violation>,
    pub committed: BTreeMap<String, Vec<String>>,
    pub trace_hash: String,
}

/// A scenario being played, whatever its protocol.
pub trait Session {
    fn protocol(&self) -> ProtocolId;
    /// The scenario as recorded so far.
    fn scenario(&self) -> &Scenario;
    fn view(&self) -> ClusterView;
    fn events(&self) -> &[Event];
    /// Each node's role (None while crashed), cheaper than `view`.
    fn roles(&self) -> Vec<Option<RoleKind>>;
    /// Messages in flight, in send order (cheaper than `view`).
    fn envelopes(&self) -> Vec<Envelope>;
    /// True when no link is cut.
    fn network_healthy(&self) -> bool;
    /// The first violation up to the current position, without scanning
    /// the trace.
    fn first_violation(&self) -> Option<Violation>;
    fn position(&self) -> usize;
    fn action_index(&self) -> usize;
    fn now(&self) -> Time;
    fn at_end(&self) -> bool;
    fn trace_hash(&self) -> u64;
    fn stats(&self) -> Stats;
    /// The protocol's invariant ids.
    fn invariants(&self) -> &'static [&'static str];
    fn set_pause_on_violation(&mut self, on: bool);
    fn set_explain(&mut self, on: bool);
    fn run_to_end(&mut self) -> Stop;
    fn advance_to(&mut self, t: Time) -> Stop;
    fn step_event(&mut self) -> (bool, Stop);
    fn seek(&mut self, n: usize) -> Stop;
    fn intervene(&mut self, action: Action) -> Result<Event, ActionError>;
    /// Boxed copy (the explorer and tests fork whole sessions).
    fn boxed_clone(&self) -> Box<dyn Session>;
}

impl Session for Timeline {
    fn protocol(&self) -> ProtocolId {
        self.scenario().protocol
    }
    fn scenario(&self) -> &Scenario {
        Timeline::scenario(self)
    }
    fn view(&self) -> ClusterView {
        self.sim().view()
    }
    fn events(&self) -> &[Event] {
        Timeline::events(self)
    }
    fn roles(&self) -> Vec<Option<RoleKind>> {
        self.sim().roles()
    }
    fn envelopes(&self) -> Vec<Envelope> {
        self.sim().envelopes()
    }
    fn network_healthy(&self) -> bool {
        self.sim().network_healthy()
    }
    fn first_violation(&self) -> Option<Violation> {
        self.sim().violations().first().cloned()
    }
    fn position(&self) -> usize {
        Timeline::position(self)
    }
    fn action_index(&self) -> usize {
        Timeline::action_index(self)
    }
    fn now(&self) -> Time {
        self.sim().now()
    }
    fn at_end(&self) -> bool {
        Timeline::at_end(self)
    }
    fn trace_hash(&self) -> u64 {
        self.sim().trace_hash()
    }
    fn stats(&self) -> Stats {
        self.sim().stats()
    }
    fn invariants(&self) -> &'static [&'static str] {
        self.sim().invariants()
    }
    fn set_pause_on_violation(&mut self, on: bool) {
        self.pause_on_violation = on;
    }
    fn set_explain(&mut self, on: bool) {
        Timeline::set_explain(self, on);
    }
    fn run_to_end(&mut self) -> Stop {
        Timeline::run_to_end(self)
    }
    fn advance_to(&mut self, t: Time) -> Stop {
        Timeline::advance_to(self, t)
    }
    fn step_event(&mut self) -> (bool, Stop) {
        Timeline::step_event(self)
    }
    fn seek(&mut self, n: usize) -> Stop {
        Timeline::seek(self, n)
    }
    fn intervene(&mut self, action: Action) -> Result<Event, ActionError> {
        Timeline::intervene(self, action).cloned()
    }
    fn boxed_clone(&self) -> Box<dyn Session> {
        Box::new(self.clone())
    }
}

impl ProtocolId {
    /// The protocol's bug variant ids.
    pub fn variants(self) -> &'static [&'static str] {
        match self {
            ProtocolId::Raft => Raft::VARIANTS,
            ProtocolId::Multipaxos => Paxos::VARIANTS,
            ProtocolId::Vsr => Vsr::VARIANTS,
        }
    }

    /// The protocol's option ids (switches, or numbers for quorum sizes).
    pub fn options(self) -> &'static [&'static str] {
        match self {
            ProtocolId::Raft => Raft::OPTIONS,
            ProtocolId::Multipaxos => Paxos::OPTIONS,
            ProtocolId::Vsr => Vsr::OPTIONS,
        }
    }
}

/// The simulation of a scenario's protocol (the one place that matches on
/// the protocol to build one).
pub fn simulation(scenario: &Scenario) -> Result<Box<dyn DynSim>, ScenarioError> {
    Ok(match scenario.protocol {
        ProtocolId::Raft => Box::new(Simulation::<Raft>::new(scenario)?),
        ProtocolId::Multipaxos => Box::new(Simulation::<Paxos>::new(scenario)?),
        ProtocolId::Vsr => Box::new(Simulation::<Vsr>::new(scenario)?),
    })
}

/// A session of any protocol.
pub struct AnySim(Box<dyn Session>);

impl AnySim {
    pub fn new(scenario: Scenario) -> Result<AnySim, ScenarioError> {
        Ok(AnySim(Box::new(Timeline::new(scenario)?)))
    }

    /// Every live node's log up to its commit point (no-ops omitted); `[]`
    /// for a crashed node.
    pub fn committed(&self) -> BTreeMap<String, Vec<String>> {
        self.view()
            .nodes
            .iter()
            .map(|n| {
                let values = n.view.as_ref().map_or_else(Vec::new, |v| {
                    v.log
                        .iter()
                        .filter(|e| e.index <= v.commit && e.label != "no-op")
                        .map(|e| e.label.clone())
                        .collect()
                });
                (n.id.to_string(), values)
            })
            .collect()
    }

    /// Every violation found so far.
    pub fn violations(&self) -> Vec<Violation> {
        self.events().iter().flat_map(|e| e.violations.iter().cloned()).collect()
    }

    pub fn report(&self) -> Report {
        Report {
            protocol: self.protocol(),
            events: self.position(),
            time_ms: self.now(),
            violations: self.violations(),
            committed: self.committed(),
            trace_hash: format!("{:016x}", self.trace_hash()),
        }
    }
}

impl Clone for AnySim {
    fn clone(&self) -> Self {
        AnySim(self.0.boxed_clone())
    }
}

impl std::ops::Deref for AnySim {
    type Target = dyn Session;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::ops::DerefMut for AnySim {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.0
    }
}

/// Runs a scenario's whole script. Bad input in the script (an action that
/// cannot run) is an error naming the action.
pub fn check(scenario: Scenario) -> Result<Report, ScenarioError> {
    let mut sim = AnySim::new(scenario)?;
    match sim.run_to_end() {
        Stop::Error { index, error } => Err(ScenarioError::new(format!("script[{index}]"), error.reason())),
        _ => Ok(sim.report()),
    }
}
