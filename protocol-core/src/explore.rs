//! Random search for invariant violations, and shrinking of what it finds.
//!
//! Swarm testing (Groce et al., 2012): each execution switches on a random
//! subset of fault kinds, so some runs hammer one kind of fault and others
//! mix them. The generator acts on a live simulation, so every action it
//! picks is valid at that point (crash a live node, drop a message that is in
//! flight) and it can aim at dangerous moments (crash the leader right after
//! it appends). What it records is an ordinary scenario: replaying it gives
//! the same execution, and the shrinker works on the script alone.

use crate::NodeId;
use std::collections::BTreeMap;

use crate::anysim::{AnySim, Envelope};
use crate::invariants::Violation;
use crate::protocol::RoleKind;
use crate::rng::{Draw, SimRng};
use crate::scenario::{Action, DelayBy, Matcher, NetworkChange, OptionValue, ProtocolId, Scenario, ScenarioError};
use crate::timeline::Stop;

/// Fault kinds the generator may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Crash,
    Partition,
    Cut,
    Drop,
    Delay,
    Duplicate,
    Timeout,
    Loss,
}

impl Fault {
    pub const ALL: [Fault; 8] = [
        Fault::Crash,
        Fault::Partition,
        Fault::Cut,
        Fault::Drop,
        Fault::Delay,
        Fault::Duplicate,
        Fault::Timeout,
        Fault::Loss,
    ];
}

/// What to search.
#[derive(Clone, Debug)]
pub struct Config {
    pub protocol: ProtocolId,
    pub nodes: usize,
    pub variants: Vec<String>,
    /// Protocol options (e.g. Raft `prevote`).
    pub options: BTreeMap<String, OptionValue>,
    /// Fault kinds allowed; each run uses a random non-empty subset.
    pub faults: Vec<Fault>,
    /// Script actions per execution on average (besides the runs between
    /// them); each execution takes from half to two and a half times that.
    pub steps: usize,
}

impl Config {
    pub fn new(protocol: ProtocolId) -> Self {
        Config {
            protocol,
            nodes: 5,
            variants: Vec::new(),
            options: BTreeMap::new(),
            faults: Fault::ALL.to_vec(),
            steps: 40,
        }
    }
}

/// A violation found by the search, shrunk.
#[derive(Clone, Debug)]
pub struct Found {
    pub seed: u64,
    pub violation: Violation,
    /// The shrunk scenario: replaying it breaks the same invariant.
    pub scenario: Scenario,
    /// Executions tried before this one was found.
    pub executions: u64,
}

/// Generates one random execution from `seed` and returns its scenario (the
/// script as it was recorded) and the first violation, if any.
pub fn generate(config: &Config, seed: u64) -> Result<(Scenario, Option<Violation>), ScenarioError> {
    let mut rng = SimRng::new(seed ^ 0x5eed_5eed_5eed_5eed);
    let mut base = Scenario::new(config.protocol);
    base.nodes = config.nodes;
    base.seed = seed;
    base.variant = config.variants.clone();
    base.options = config.options.clone();
    let mut sim = AnySim::new(base)?;
    sim.set_explain(false);
    sim.set_pause_on_violation(true);
    // Swarm: a random non-empty subset of the allowed faults.
    let mut faults: Vec<Fault> = config.faults.iter().copied().filter(|_| rng.chance(0.5)).collect();
    if faults.is_empty() && !config.faults.is_empty() {
        faults.push(config.faults[rng.range(0, config.faults.len() as u64 - 1) as usize]);
    }
    let n = config.nodes as NodeId;
    let mut requests = 0u32;
    // A follow-up the previous step scheduled (crash the leader right after
    // it appended), with the short run that lets it land in time.
    let mut follow_up: Option<Action> = None;
    // Swarm over length too: short runs shrink well, long ones reach the
    // bugs that need many leader changes.
    let steps = rng.range(config.steps as u64 / 2, config.steps as u64 * 5 / 2);
    for _ in 0..steps {
        if let Some(v) = sim.first_violation() {
            return Ok((sim.scenario().clone(), Some(v)));
        }
        let roles = sim.roles();
        let ids = |keep: fn(&Option<RoleKind>) -> bool| {
            roles.iter().enumerate().filter(|(_, r)| keep(r)).map(|(i, _)| i as NodeId + 1).collect::<Vec<_>>()
        };
        let live = ids(Option::is_some);
        let crashed = ids(Option::is_none);
        let leader = ids(|r| *r == Some(RoleKind::Leader)).first().copied();
        let net = Net { messages: sim.envelopes(), healthy: sim.network_healthy() };
        let pick = |rng: &mut SimRng, from: &[NodeId]| from[rng.range(0, from.len() as u64 - 1) as usize];
        let roll = rng.range(0, 99);
        let crash_soon = follow_up.is_some();
        let actions = if let Some(a) = follow_up.take() {
            vec![a]
        } else if roll < 30 {
            Vec::new() // just run
        } else if roll < 55 && !live.is_empty() {
            requests += 1;
            let node = match leader {
                Some(l) if rng.chance(0.8) => l,
                _ => pick(&mut rng, &live),
            };
            if Some(node) == leader && faults.contains(&Fault::Crash) && rng.chance(0.25) {
                follow_up = Some(Action::Crash { node });
            }
            vec![Action::Request { node, value: format!("v{requests}") }]
        } else {
            let fault = faults.get(rng.range(0, faults.len().max(1) as u64 - 1) as usize).copied();
            fault_action(&mut rng, fault, &net, &live, &crashed, leader, n)
        };
        for action in actions {
            // A generated action is valid by construction; if not, skip it.
            let _ = sim.intervene(action);
        }
        // Short runs now and then, to land faults between two deliveries.
        let ms =
            if follow_up.is_some() || crash_soon || rng.chance(0.3) { rng.range(1, 25) } else { rng.range(5, 250) };
        let until = sim.now() + ms;
        if let Stop::Error { .. } = sim.advance_to(until) {
            break;
        }
    }
    // Let the cluster settle so that late commits are checked too.
    let until = sim.now() + 600;
    sim.advance_to(until);
    let v = sim.first_violation();
    Ok((sim.scenario().clone(), v))
}

/// What the generator needs to know about the network.
struct Net {
    messages: Vec<Envelope>,
    healthy: bool,
}

fn fault_action(
    rng: &mut SimRng,
    fault: Option<Fault>,
    net: &Net,
    live: &[NodeId],
    crashed: &[NodeId],
    leader: Option<NodeId>,
    n: NodeId,
) -> Vec<Action> {
    let pick = |rng: &mut SimRng, from: &[NodeId]| from[rng.range(0, from.len() as u64 - 1) as usize];
    let message = |rng: &mut SimRng| {
        (!net.messages.is_empty()).then(|| net.messages[rng.range(0, net.messages.len() as u64 - 1) as usize])
    };
    let Some(fault) = fault else { return Vec::new() };
    let one = match fault {
        Fault::Crash => {
            if !crashed.is_empty() && (rng.chance(0.6) || live.len() <= 1) {
                Some(Action::Restart { node: pick(rng, crashed), amnesia: false })
            } else if !live.is_empty() {
                // Aim at the leader half of the time: that is where it hurts.
                let node = match leader {
                    Some(l) if rng.chance(0.5) => l,
                    _ => pick(rng, live),
                };
                if rng.chance(0.3) {
                    // A quick bounce: whatever was not on disk is gone, the
                    // rest of the cluster hardly notices.
                    return vec![Action::Crash { node }, Action::Restart { node, amnesia: false }];
                }
                Some(Action::Crash { node })
            } else {
                None
            }
        }
        Fault::Partition if leader.is_some() && net.healthy && rng.chance(0.4) => {
            // Figure 8's opening: the leader and one follower are cut off,
            // and the leader appends an entry that only a minority gets.
            let l = leader.unwrap_or(1);
            let others: Vec<NodeId> = (1..=n).filter(|&x| x != l).collect();
            let buddy = pick(rng, &others);
            let rest: Vec<NodeId> = others.into_iter().filter(|&x| x != buddy).collect();
            return vec![
                Action::Partition { groups: vec![vec![l, buddy], rest] },
                Action::Request { node: l, value: format!("m{}", rng.range(1, 999)) },
            ];
        }
        Fault::Partition => {
            if net.healthy || rng.chance(0.5) {
                let mut groups = vec![Vec::new(), Vec::new()];
                for id in 1..=n {
                    groups[rng.range(0, 1) as usize].push(id);
                }
                Some(Action::Partition { groups })
            } else {
                Some(Action::Heal {})
            }
        }
        Fault::Cut => {
            let from = rng.range(1, u64::from(n)) as NodeId;
            let to = rng.range(1, u64::from(n)) as NodeId;
            if from == to { Some(Action::Heal {}) } else { Some(Action::Cut { from, to }) }
        }
        Fault::Drop => message(rng).map(|m| Action::Drop(matcher(&m))),
        Fault::Delay => message(rng).map(|m| {
            // Now and then hold a message across several elections or view
            // changes: stale replies are where quorum-counting bugs hide.
            let ms = if rng.chance(0.4) { rng.range(600, 4000) } else { rng.range(20, 600) };
            let m = matcher(&m);
            Action::Delay(DelayBy { id: None, from: m.from, to: m.to, kind: m.kind, ms })
        }),
        Fault::Duplicate => match message(rng) {
            // Duplicate a message and bounce its receiver, so the copy meets
            // a node that has forgotten the original (recovery nonces).
            Some(m) if live.contains(&m.to) && rng.chance(0.3) => {
                return vec![
                    Action::Duplicate(matcher(&m)),
                    Action::Crash { node: m.to },
                    Action::Restart { node: m.to, amnesia: false },
                ];
            }
            m => m.map(|m| Action::Duplicate(matcher(&m))),
        },
        Fault::Timeout if live.len() >= 2 && rng.chance(0.4) => {
            // Two nodes time out at once: competing candidates in one term.
            let a = pick(rng, live);
            let others: Vec<NodeId> = live.iter().copied().filter(|&x| x != a).collect();
            return vec![Action::Timeout { node: a }, Action::Timeout { node: pick(rng, &others) }];
        }
        Fault::Timeout => (!live.is_empty()).then(|| Action::Timeout { node: pick(rng, live) }),
        Fault::Loss => {
            let loss = [0.0, 0.05, 0.2, 0.5][rng.range(0, 3) as usize];
            let duplicate = [0.0, 0.05, 0.2][rng.range(0, 2) as usize];
            Some(Action::Set(NetworkChange { loss: Some(loss), duplicate: Some(duplicate), latency: None }))
        }
    };
    one.into_iter().collect()
}

/// Selects a message by sender, receiver and type rather than by id: ids
/// shift when the shrinker removes earlier actions, these rarely do.
fn matcher(m: &Envelope) -> Matcher {
    Matcher { id: None, from: Some(m.from), to: Some(m.to), kind: Some(m.kind.to_string()) }
}

/// Runs a scenario and returns its first violation; None if there is none
/// or the script cannot run.
pub fn replay(scenario: &Scenario) -> Option<Violation> {
    let mut sim = AnySim::new(scenario.clone()).ok()?;
    sim.set_explain(false);
    sim.set_pause_on_violation(true);
    match sim.run_to_end() {
        Stop::Error { .. } => None,
        _ => sim.first_violation(),
    }
}

/// Shrinks a failing scenario: drops everything after the violation, then
/// removes script actions (chunks, then single ones, as in delta debugging),
/// merges the runs that end up next to each other, and shortens runs, as long
/// as the same invariant still breaks. At most about `budget` replays.
pub fn shrink(scenario: &Scenario, invariant: &'static str, budget: usize) -> Scenario {
    let mut shrinker = Shrinker::new(scenario, invariant);
    while shrinker.tries() < budget && shrinker.step() {}
    shrinker.into_best()
}

/// The shrinker as a step function, one replay per [`Shrinker::step`], so
/// that the browser can shrink in small slices without freezing the page.
#[derive(Clone, Debug)]
pub struct Shrinker {
    best: Scenario,
    invariant: &'static str,
    tries: usize,
    stage: Stage,
}

#[derive(Clone, Copy, Debug)]
enum Stage {
    /// Removing `chunk` actions at `at`; `pass_len` is the script length
    /// when this round of passes (down to chunks of one) began.
    Remove {
        chunk: usize,
        at: usize,
        pass_len: usize,
    },
    /// Halving the run at script index `at`.
    Shorten {
        at: usize,
    },
    Done,
}

impl Shrinker {
    /// Starts from `scenario`, cut just after its violating action (two
    /// replays at most).
    pub fn new(scenario: &Scenario, invariant: &'static str) -> Shrinker {
        let mut best = scenario.clone();
        best.notes.clear();
        best.cursor = None;
        let mut shrinker = Shrinker { best, invariant, tries: 0, stage: Stage::Done };
        if let Some(end) = violating_action(&shrinker.best) {
            let mut cut = shrinker.best.clone();
            cut.script.truncate(end + 1);
            shrinker.accept_if_fails(cut);
        }
        let len = shrinker.best.script.len();
        shrinker.stage = Stage::Remove { chunk: len.div_ceil(2).max(1), at: 0, pass_len: len };
        shrinker
    }

    /// The smallest failing scenario so far.
    pub fn best(&self) -> &Scenario {
        &self.best
    }

    pub fn into_best(self) -> Scenario {
        self.best
    }

    /// Replays spent so far.
    pub fn tries(&self) -> usize {
        self.tries
    }

    /// Tries one smaller scenario; false once there is nothing left to try.
    pub fn step(&mut self) -> bool {
        match self.stage {
            Stage::Remove { chunk, at, pass_len } if at < self.best.script.len() => {
                let mut candidate = self.best.clone();
                let end = (at + chunk).min(candidate.script.len());
                candidate.script.drain(at..end);
                let next = if self.accept_if_fails(candidate) { at } else { at + chunk };
                self.stage = Stage::Remove { chunk, at: next, pass_len };
            }
            Stage::Remove { chunk, pass_len, .. } if chunk > 1 => {
                self.stage = Stage::Remove { chunk: chunk / 2, at: 0, pass_len };
            }
            Stage::Remove { pass_len, .. } => {
                // A pass down to single actions is over: merge the runs it
                // left side by side, and go again while it still helps.
                let merged = merge_runs(&self.best);
                if merged.script.len() < self.best.script.len() {
                    self.accept_if_fails(merged);
                }
                let len = self.best.script.len();
                self.stage = if len < pass_len {
                    Stage::Remove { chunk: len.div_ceil(2).max(1), at: 0, pass_len: len }
                } else {
                    Stage::Shorten { at: 0 }
                };
            }
            Stage::Shorten { at } => match self.best.script.get(at) {
                Some(&Action::Run { ms: Some(ms), .. }) if ms > 1 => {
                    let mut candidate = self.best.clone();
                    candidate.script[at] = Action::run_ms(ms / 2);
                    if !self.accept_if_fails(candidate) {
                        self.stage = Stage::Shorten { at: at + 1 };
                    }
                }
                Some(_) => self.stage = Stage::Shorten { at: at + 1 },
                None => self.stage = Stage::Done,
            },
            Stage::Done => return false,
        }
        true
    }

    /// Keeps `candidate` if it still breaks the invariant.
    fn accept_if_fails(&mut self, candidate: Scenario) -> bool {
        self.tries += 1;
        let fails = replay(&candidate).is_some_and(|v| v.invariant == self.invariant);
        if fails {
            self.best = candidate;
        }
        fails
    }
}

/// The index of the script action during which the first violation happens.
fn violating_action(scenario: &Scenario) -> Option<usize> {
    let mut sim = AnySim::new(scenario.clone()).ok()?;
    sim.set_explain(false);
    sim.set_pause_on_violation(true);
    (sim.run_to_end() == Stop::Violation).then(|| sim.action_index())
}

/// `run a` then `run b` is `run a+b`: the same trace, one action fewer.
fn merge_runs(scenario: &Scenario) -> Scenario {
    let mut out = scenario.clone();
    out.script.clear();
    for action in &scenario.script {
        match (out.script.last_mut(), action) {
            (Some(Action::Run { ms: Some(a), events: None }), Action::Run { ms: Some(b), events: None }) => *a += b,
            _ => out.script.push(action.clone()),
        }
    }
    out
}

/// Searches `seeds` executions starting at `first_seed`; shrinks the first
/// violation found. `progress` is called after each execution.
pub fn search(
    config: &Config,
    first_seed: u64,
    seeds: u64,
    mut progress: impl FnMut(u64, usize),
) -> Result<Option<Found>, ScenarioError> {
    for k in 0..seeds {
        let seed = first_seed + k;
        let (scenario, violation) = generate(config, seed)?;
        progress(k + 1, scenario.script.len());
        if let Some(v) = violation {
            let shrunk = shrink(&scenario, v.invariant, 3000);
            let violation = replay(&shrunk).unwrap_or(v);
            return Ok(Some(Found { seed, violation, scenario: shrunk, executions: k + 1 }));
        }
    }
    Ok(None)
}
