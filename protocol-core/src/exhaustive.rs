//! Bounded exhaustive search, as in the Stateright explorer: breadth-first
//! over every order of events in a small cluster with manual delivery and
//! manual timers, states deduplicated by fingerprint. Resumable in slices
//! ([`Bfs::advance`]) so the browser can run it between frames.

use std::collections::{HashSet, VecDeque};

use crate::NodeId;
use crate::explore::Config;
use crate::invariants::Violation;
use crate::protocol::RoleKind;
use crate::scenario::{Action, Auto, Matcher, Scenario, ScenarioError};
use crate::sim::DynSim;

/// What a bounded exhaustive search found.
#[derive(Clone, Debug)]
pub struct Exhaustive {
    /// Distinct states explored.
    pub states: usize,
    /// The depth every path was explored to (less than asked if the state
    /// budget ran out first).
    pub depth: usize,
    /// The first violation found, on a shortest path, as a scenario.
    pub found: Option<(Violation, Scenario)>,
}

/// The bounds of a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// Events per path.
    pub depth: usize,
    /// Client requests per path (sent to a leader only).
    pub requests: u32,
    /// Nodes down at once.
    pub crashes: usize,
    /// Distinct states before giving up.
    pub max_states: usize,
}

impl Bounds {
    /// What the CLI and the browser search with, to depth `depth`.
    pub fn new(depth: usize) -> Self {
        Bounds { depth, requests: 2, crashes: 1, max_states: 2_000_000 }
    }
}

/// One state waiting to be expanded: its simulation, the actions that led
/// there, and the client requests used on the way.
struct Node {
    sim: Box<dyn DynSim>,
    path: Vec<Action>,
    requests: u32,
}

/// A breadth-first search in progress. From each state it may deliver any
/// message in flight, fire any live node's timer, send a client request to
/// a leader, crash a node or restart one. It stops at the first violation (a
/// shortest one, since the search is breadth-first), at the depth bound, or
/// after the state budget.
pub struct Bfs {
    base: Scenario,
    bounds: Bounds,
    /// States of depth `reached` still to expand, then those of the next.
    frontier: VecDeque<Node>,
    next: Vec<Node>,
    seen: HashSet<u64>,
    reached: usize,
    result: Option<Exhaustive>,
}

impl Bfs {
    pub fn new(config: &Config, bounds: Bounds) -> Result<Self, ScenarioError> {
        let mut base = Scenario::new(config.protocol);
        base.nodes = config.nodes;
        base.variant = config.variants.clone();
        base.options = config.options.clone();
        base.auto = Auto { deliver: false, timers: false };
        let root = crate::anysim::simulation(&base)?;
        let seen = HashSet::from([root.fingerprint()]);
        let frontier = VecDeque::from([Node { sim: root, path: Vec::new(), requests: 0 }]);
        let mut bfs = Bfs { base, bounds, frontier, next: Vec::new(), seen, reached: 0, result: None };
        if bounds.depth == 0 {
            bfs.finish(None);
        }
        Ok(bfs)
    }

    /// Distinct states so far.
    pub fn states(&self) -> usize {
        self.seen.len()
    }

    /// The depth fully explored so far.
    pub fn depth(&self) -> usize {
        self.reached
    }

    /// Expands up to `budget` states; the result once the search is over.
    pub fn advance(&mut self, budget: usize) -> Option<&Exhaustive> {
        for _ in 0..budget {
            if self.result.is_some() {
                break;
            }
            if self.frontier.is_empty() {
                self.reached += 1;
                if self.reached >= self.bounds.depth || self.next.is_empty() {
                    self.finish(None);
                    break;
                }
                self.frontier = std::mem::take(&mut self.next).into();
            }
            if let Some(node) = self.frontier.pop_front() {
                self.expand(node);
            }
        }
        self.result.as_ref()
    }

    /// Runs to the end.
    pub fn run(mut self) -> Exhaustive {
        while self.advance(usize::MAX).is_none() {}
        self.result.unwrap_or(Exhaustive { states: 0, depth: 0, found: None })
    }

    fn expand(&mut self, node: Node) {
        for action in self.moves(&node) {
            let mut child = node.sim.boxed_clone();
            let Ok(event) = child.apply(&action) else { continue };
            let mut path = node.path.clone();
            path.push(action.clone());
            if let Some(v) = event.violations.first() {
                let mut scenario = self.base.clone();
                scenario.script = path;
                self.reached += 1;
                self.finish(Some((v.clone(), scenario)));
                return;
            }
            if self.seen.insert(child.fingerprint()) {
                let requests = node.requests + u32::from(matches!(action, Action::Request { .. }));
                self.next.push(Node { sim: child, path, requests });
            }
            if self.seen.len() >= self.bounds.max_states {
                self.finish(None);
                return;
            }
        }
    }

    /// Every event that can happen next in `node`'s state.
    fn moves(&self, node: &Node) -> Vec<Action> {
        let roles = node.sim.roles();
        let crashed = roles.iter().filter(|r| r.is_none()).count();
        let mut moves: Vec<Action> = node.sim.envelopes().iter().map(|m| Action::Deliver(Matcher::id(m.id))).collect();
        for (i, role) in roles.iter().enumerate() {
            let id = i as NodeId + 1;
            match role {
                Some(r) => {
                    moves.push(Action::Timeout { node: id });
                    if *r == RoleKind::Leader && node.requests < self.bounds.requests {
                        moves.push(Action::Request { node: id, value: format!("v{}", node.requests + 1) });
                    }
                    if crashed < self.bounds.crashes {
                        moves.push(Action::Crash { node: id });
                    }
                }
                None => moves.push(Action::Restart { node: id, amnesia: false }),
            }
        }
        moves
    }

    fn finish(&mut self, found: Option<(Violation, Scenario)>) {
        self.frontier.clear();
        self.next.clear();
        self.result = Some(Exhaustive { states: self.seen.len(), depth: self.reached, found });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProtocolId;

    fn raft(variant: Option<&str>) -> Config {
        let mut c = Config::new(ProtocolId::Raft);
        c.nodes = 3;
        c.variants = variant.map(|v| vec![v.to_string()]).unwrap_or_default();
        c
    }

    #[test]
    fn slices_give_the_same_answer_as_one_run() {
        let whole = Bfs::new(&raft(None), Bounds::new(5)).unwrap().run();
        let mut sliced = Bfs::new(&raft(None), Bounds::new(5)).unwrap();
        let mut slices = 0;
        while sliced.advance(37).is_none() {
            slices += 1;
        }
        let r = sliced.advance(1).unwrap();
        assert!(slices > 10);
        assert_eq!((r.states, r.depth, r.found.is_none()), (whole.states, 5, true));
    }

    #[test]
    fn a_buggy_variant_fails_on_a_shortest_path() {
        let r = Bfs::new(&raft(Some("vote_not_persisted")), Bounds::new(8)).unwrap().run();
        let (v, scenario) = r.found.expect("a counterexample");
        assert_eq!(v.invariant, "ElectionSafety");
        assert_eq!(scenario.script.len(), r.depth);
        // Replaying the path breaks the same invariant.
        assert_eq!(crate::explore::replay(&scenario).map(|v| v.invariant), Some("ElectionSafety"));
    }

    #[test]
    fn the_state_budget_stops_the_search() {
        let bounds = Bounds { max_states: 500, ..Bounds::new(20) };
        let r = Bfs::new(&raft(None), bounds).unwrap().run();
        assert!(r.found.is_none() && r.states == 500 && r.depth < 20);
    }
}
