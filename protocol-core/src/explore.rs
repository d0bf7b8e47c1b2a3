//! Random search for invariant violations, and shrinking of what it finds.
//!
//! Swarm testing (Groce et al., 2012): each execution switches on a random
//! subset of fault kinds, so some runs hammer one kind of fault and others
//! mix them. The generator acts on a live simulation, so every action it
//! picks is valid at that point (crash a live node, drop a message that is in
//! flight) and it can aim at dangerous moments (crash the leader right after
//! it appends). What it records is an ordinary scenario: replaying it gives
//! the same execution, and the shrinker works on the script alone.
//!
//! Uniform faults almost never line up the several moments that the subtle
//! bugs need (a reply held across five view changes, a second restart while
//! answers to the first are on their way). So each execution may also play
//! *plots* (`PlotKind` below), again a swarm choice: fault patterns over several
//! moments, each stage at a random later time and aimed at whoever leads
//! then, in the protocol-neutral terms of leaders, epochs, quorums and
//! messages. While a plot plays, the generator does nothing else.

use crate::NodeId;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::anysim::{AnySim, Envelope};
use crate::invariants::Violation;
use crate::protocol::{RoleKind, Time};
use crate::rng::{Draw, SimRng};
use crate::scenario::{Action, DelayBy, Matcher, NetworkChange, OptionValue, ProtocolId, Scenario, ScenarioError};
use crate::timeline::Stop;

/// Fault kinds the generator may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

    /// Its name in the CLI's `--fault` flag and the Explore panel's form (and
    /// in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Fault::Crash => "crash",
            Fault::Partition => "partition",
            Fault::Cut => "cut",
            Fault::Drop => "drop",
            Fault::Delay => "delay",
            Fault::Duplicate => "duplicate",
            Fault::Timeout => "timeout",
            Fault::Loss => "loss",
        }
    }

    /// The fault kind named `id`.
    pub fn from_id(id: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// The largest first seed of a search: the Explore panel's number input holds
/// a JavaScript double, exact up to 2^53 - 1, and the CLI takes the same.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// What to search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// Replays the shrinker may spend on one counterexample, in the CLI and in
/// the browser alike (so that the same seed shrinks to the same scenario).
pub const SHRINK_BUDGET: usize = 3_000;

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

/// How long a plot holds messages back: past the end of any execution, so
/// that only the plot's own `deliver` brings them back.
const HOLD_MS: u64 = 100_000;

/// One generated execution.
#[derive(Clone, Debug)]
pub struct Execution {
    /// The scenario, its script as it was recorded.
    pub scenario: Scenario,
    /// The first violation, if any.
    pub violation: Option<Violation>,
    /// The events it ran.
    pub events: usize,
}

/// Generates one random execution from `seed` and returns its scenario (the
/// script as it was recorded) and the first violation, if any.
pub fn generate(config: &Config, seed: u64) -> Result<(Scenario, Option<Violation>), ScenarioError> {
    execute(config, seed).map(|e| (e.scenario, e.violation))
}

/// [`generate`], also counting the events the execution ran.
pub fn execute(config: &Config, seed: u64) -> Result<Execution, ScenarioError> {
    let mut g = Generator::new(config, seed)?;
    // Swarm over length too: short runs shrink well, long ones reach the
    // bugs that need many leader changes.
    let steps = g.rng.range(config.steps as u64 / 2, config.steps as u64 * 5 / 2);
    for _ in 0..steps {
        if let Some(v) = g.sim.first_violation() {
            return Ok(g.finish(Some(v)));
        }
        for action in g.next_actions() {
            // A generated action is valid by construction; if not, skip it.
            let _ = g.sim.intervene(action);
        }
        let until = g.sim.now() + g.run_length();
        if let Stop::Error { .. } = g.sim.advance_to(until) {
            break;
        }
    }
    // Let the cluster settle so that late commits are checked too.
    let until = g.sim.now() + 600;
    g.sim.advance_to(until);
    let v = g.sim.first_violation();
    Ok(g.finish(v))
}

/// One random execution being generated: the live simulation and what the
/// generator remembers about it.
struct Generator {
    rng: SimRng,
    sim: AnySim,
    /// The swarm: the fault kinds this execution uses ...
    faults: Vec<Fault>,
    /// ... and the plots it may play.
    plots: Vec<PlotKind>,
    /// The plot being played.
    plot: Option<Plot>,
    n: NodeId,
    requests: u32,
    /// A follow-up due at a given time (crash the leader right after it
    /// appended).
    follow_up: Option<(Time, Action)>,
    /// The next run is short, to land the next action between deliveries.
    short: bool,
}

impl Generator {
    fn finish(self, violation: Option<Violation>) -> Execution {
        Execution { scenario: self.sim.scenario().clone(), violation, events: self.sim.position() }
    }

    fn new(config: &Config, seed: u64) -> Result<Generator, ScenarioError> {
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
        // Plots are a swarm choice of their own, among those made only of
        // fault kinds the search allows.
        let allowed = |kinds: &[Fault]| kinds.iter().all(|k| config.faults.contains(k));
        let mut plots = Vec::new();
        if allowed(&[Fault::Partition, Fault::Delay, Fault::Timeout]) && rng.chance(0.6) {
            plots.push(PlotKind::StaleReply);
        }
        if allowed(&[Fault::Partition, Fault::Delay, Fault::Timeout, Fault::Crash]) && rng.chance(0.6) {
            plots.push(PlotKind::Pivot);
        }
        if allowed(&[Fault::Partition, Fault::Timeout, Fault::Crash]) && rng.chance(0.6) {
            plots.push(PlotKind::Figure8);
        }
        if allowed(&[Fault::Delay, Fault::Timeout, Fault::Crash]) && rng.chance(0.6) {
            plots.push(PlotKind::DoubleVote);
        }
        Ok(Generator {
            rng,
            sim,
            faults,
            plots,
            plot: None,
            n: config.nodes as NodeId,
            requests: 0,
            follow_up: None,
            short: false,
        })
    }

    fn pick(&mut self, from: &[NodeId]) -> NodeId {
        from[self.rng.range(0, from.len() as u64 - 1) as usize]
    }

    fn request(&mut self, node: NodeId) -> Action {
        self.requests += 1;
        Action::Request { node, value: format!("v{}", self.requests) }
    }

    /// How long to run before the next action: now and then only a few
    /// milliseconds, to land the next action between two deliveries; never
    /// much past the moment something is due.
    fn run_length(&mut self) -> u64 {
        let short = std::mem::take(&mut self.short) || self.rng.chance(0.3);
        let ms = if short { self.rng.range(1, 25) } else { self.rng.range(5, 250) };
        let due = self.follow_up.as_ref().map(|f| f.0).into_iter().chain(self.plot.as_ref().map(|p| p.at)).min();
        match due {
            Some(at) => ms.min(at.saturating_sub(self.sim.now()).max(1)),
            None => ms,
        }
    }

    /// The actions of the next step.
    fn next_actions(&mut self) -> Vec<Action> {
        let roles = self.sim.roles();
        let ids = |keep: fn(&Option<RoleKind>) -> bool| {
            roles.iter().enumerate().filter(|(_, r)| keep(r)).map(|(i, _)| i as NodeId + 1).collect::<Vec<_>>()
        };
        let live = ids(Option::is_some);
        let crashed = ids(Option::is_none);
        let leader = ids(|r| *r == Some(RoleKind::Leader)).first().copied();
        let net = Net { messages: self.sim.envelopes(), healthy: self.sim.network_healthy() };
        if let Some((at, action)) = self.follow_up.take() {
            if at <= self.sim.now() {
                self.short = true;
                return vec![action];
            }
            self.follow_up = Some((at, action));
        }
        if let Some(actions) = self.plot_step(&roles, &net, leader) {
            self.short = true;
            return actions;
        }
        let roll = self.rng.range(0, 99);
        // While a plot plays, nothing else happens: a random fault in the
        // middle of it would mostly spoil it.
        if roll < 30 || live.is_empty() || self.plot.is_some() {
            Vec::new() // just run
        } else if roll < 55 {
            let node = match leader {
                Some(l) if self.rng.chance(0.8) => l,
                _ => self.pick(&live),
            };
            if Some(node) == leader && self.faults.contains(&Fault::Crash) && self.rng.chance(0.25) {
                // Crash the leader right after it appended.
                let at = self.sim.now() + self.rng.range(1, 25);
                self.follow_up = Some((at, Action::Crash { node }));
            }
            vec![self.request(node)]
        } else if self.faults.is_empty() {
            Vec::new()
        } else {
            let fault = self.faults[self.rng.range(0, self.faults.len() as u64 - 1) as usize];
            fault_action(&mut self.rng, fault, &net, &live, &crashed, leader, self.n)
        }
    }
}

/// The plots: fault patterns that play out over several moments of one
/// execution, each stage at a random later time and aimed at whoever leads
/// then. All are about quorums that barely overlap or epochs that cross, in
/// any protocol; the shapes come from the bug presets, which uniform faults
/// reach rarely or never.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PlotKind {
    /// A reply from an old epoch reaches a leader of a later one. The leader
    /// is cut off with one follower and appends a few entries (Figure 8's
    /// opening); what the follower sends it is held; the others elect a new
    /// leader; the network heals and the epochs turn (someone who does not
    /// lead times out) until the old leader leads again; then the held
    /// replies arrive, the leader is cut off with another follower and
    /// appends; the others elect a leader and it appends. A leader that
    /// counts a reply of an older epoch (VSR `stale_prepare_ok`) commits an
    /// entry that only a minority has.
    StaleReply,
    /// A quorum hands over through one forgetful node, the pivot. The pivot
    /// restarts and what the leader sends it just then is held (its answer
    /// to a recovery); the leader commits with a bare majority that
    /// includes the pivot; the pivot restarts again, gets the held messages,
    /// and the network splits so that the pivot is the only member of that
    /// majority on the other side, which elects a leader that appends.
    /// Whatever the pivot forgot on restart or took from a stale answer
    /// (VSR `recovery_without_nonce`, Multi-Paxos `acceptor_amnesia`) is
    /// lost there.
    Pivot,
    /// Figure 8 of the Raft paper: the leader appends an entry that only one
    /// follower gets and crashes; the others elect a leader, which appends
    /// its own entry at the same place and crashes at once; the first leader
    /// comes back, is elected, spreads its old entry to a majority and
    /// crashes; the second comes back and is elected. A leader that commits
    /// an old entry by counting replicas (Raft `commit_by_counting`) loses
    /// a committed entry here.
    Figure8,
    /// Two candidates at once, and a voter in between that restarts: two
    /// nodes time out together; what one of them sends the voter is held
    /// until the voter has restarted. A voter that forgets its vote (Raft
    /// `vote_not_persisted`) votes twice in one term.
    DoubleVote,
}

/// A plot being played.
#[derive(Clone, Debug)]
struct Plot {
    kind: PlotKind,
    stage: u8,
    /// When the next stage is due.
    at: Time,
    /// Who led when the plot began.
    leader: NodeId,
    /// StaleReply and Figure8: the follower cut off with the leader; Pivot
    /// and DoubleVote: the pivot, the voter.
    other: NodeId,
    /// Figure8: the second leader; DoubleVote: the second candidate.
    third: Option<NodeId>,
    /// Messages held back: everything in flight from one node to another
    /// during a short window.
    held: Option<(NodeId, NodeId)>,
    /// StaleReply: the leader has stopped leading since the plot began.
    lost: bool,
    /// The side of the last split that should elect a new leader.
    group: Vec<NodeId>,
    /// Attempts left at the current stage.
    tries: u8,
}

impl Generator {
    /// The next stage of the plot being played, if one is due; or the first
    /// stage of a new plot, now and then. None: nothing to do now.
    fn plot_step(&mut self, roles: &[Option<RoleKind>], net: &Net, leader: Option<NodeId>) -> Option<Vec<Action>> {
        if self.plot.is_none() {
            if self.plots.is_empty() || !net.healthy {
                return None;
            }
            let l = leader?;
            if !self.rng.chance(0.15) {
                return None;
            }
            let kind = self.plots[self.rng.range(0, self.plots.len() as u64 - 1) as usize];
            let others: Vec<NodeId> = (1..=self.n).filter(|&x| x != l && roles[usize::from(x) - 1].is_some()).collect();
            if others.is_empty() {
                return None;
            }
            let other = self.pick(&others);
            let at = self.sim.now();
            let group = Vec::new();
            let (held, lost, third) = (None, false, None);
            self.plot = Some(Plot { kind, stage: 0, at, leader: l, other, third, held, lost, group, tries: 3 });
        }
        let mut plot = self.plot.take()?;
        let leading = |x: NodeId| roles[usize::from(x) - 1] == Some(RoleKind::Leader);
        plot.lost |= !leading(plot.leader);
        let now = self.sim.now();
        // StaleReply waits for the old leader to lead again, whenever.
        let returned = plot.kind == PlotKind::StaleReply && plot.stage == 4 && plot.lost && leading(plot.leader);
        if now < plot.at && !returned {
            self.plot = Some(plot);
            return None;
        }
        let held =
            plot.held.map_or(0, |(from, to)| net.messages.iter().filter(|m| (m.from, m.to) == (from, to)).count());
        // Delivering the oldest matching message `held` times brings back
        // the held ones first: they were sent first.
        let release = |plot: &Plot| match plot.held {
            Some((from, to)) => {
                vec![Action::Deliver(Matcher { id: None, from: Some(from), to: Some(to), kind: None }); held]
            }
            None => Vec::new(),
        };
        let (l, o) = (plot.leader, plot.other);
        let n = self.n;
        let without = |out: &[NodeId]| (1..=n).filter(|x| !out.contains(x)).collect::<Vec<_>>();
        let mut actions = Vec::new();
        // The stage after this one and when it is due; None: the plot ends.
        let mut next: Option<(u8, (u64, u64))> = None;
        match (plot.kind, plot.stage) {
            (PlotKind::StaleReply, 0) => {
                actions.push(Action::Partition { groups: vec![vec![l, o], without(&[l, o])] });
                for _ in 0..self.rng.range(2, 6) {
                    actions.push(self.request(l));
                }
                next = Some((1, (20, 70)));
            }
            (PlotKind::StaleReply | PlotKind::Pivot, 1) => {
                // Hold what is in flight from one to the other, three times
                // over a short window.
                let (from, to) = if plot.kind == PlotKind::StaleReply { (o, l) } else { (l, o) };
                if net.messages.iter().any(|m| (m.from, m.to) == (from, to)) {
                    plot.held = Some((from, to));
                    let (from, to) = (Some(from), Some(to));
                    actions.push(Action::Delay(DelayBy { id: None, from, to, kind: None, ms: HOLD_MS }));
                }
                if plot.tries > 1 {
                    plot.tries -= 1;
                    next = Some((1, (8, 25)));
                } else if plot.held.is_some() {
                    next = Some(if plot.kind == PlotKind::StaleReply { (2, (0, 10)) } else { (2, (100, 400)) });
                }
            }
            (PlotKind::StaleReply, 2) => {
                // The others elect a new leader (their timers would, in time).
                let a = self.pick(&without(&[l, o]));
                actions.extend(std::iter::repeat_n(Action::Timeout { node: a }, self.rng.range(1, 3) as usize));
                next = Some((3, (300, 900)));
            }
            (PlotKind::StaleReply, 3) => {
                actions.push(Action::Heal {});
                plot.tries = 12;
                next = Some((4, (100, 300)));
            }
            (PlotKind::StaleReply, 4) if held == 0 => {}
            (PlotKind::StaleReply, 4) if returned => {
                actions = release(&plot);
                let x = self.pick(&without(&[l, o]));
                plot.group = without(&[l, x]);
                actions.push(Action::Partition { groups: vec![vec![l, x], plot.group.clone()] });
                actions.push(self.request(l));
                next = Some((5, (50, 300)));
            }
            (PlotKind::StaleReply, 4) => {
                // Turn the epochs: someone who does not lead times out.
                let idle: Vec<NodeId> =
                    (1..=n).filter(|&x| roles[usize::from(x) - 1].is_some() && !leading(x)).collect();
                if !idle.is_empty() && plot.tries > 1 {
                    plot.tries -= 1;
                    let a = self.pick(&idle);
                    actions.extend(std::iter::repeat_n(Action::Timeout { node: a }, self.rng.range(1, 2) as usize));
                    next = Some((4, (100, 300)));
                }
            }
            (PlotKind::Pivot, 0) => {
                actions.extend([Action::Crash { node: o }, Action::Restart { node: o, amnesia: false }]);
                next = Some((1, (5, 40)));
            }
            (PlotKind::Pivot, 2) => {
                // A bare majority: the leader, the pivot and as few others
                // as make a quorum; the leader appends.
                let mut side = vec![l, o];
                let mut rest = without(&side);
                while side.len() < usize::from(n) / 2 + 1 {
                    side.push(rest.remove(self.rng.range(0, rest.len() as u64 - 1) as usize));
                }
                side.sort_unstable();
                actions.push(Action::Partition { groups: vec![side.clone(), rest] });
                actions.push(self.request(l));
                plot.group = side;
                next = Some((3, (30, 120)));
            }
            (PlotKind::Pivot, 3) => {
                // The pivot restarts, gets the held messages, and finds
                // itself on the other side.
                actions.extend([Action::Crash { node: o }, Action::Restart { node: o, amnesia: false }]);
                actions.extend(release(&plot));
                let old: Vec<NodeId> = plot.group.iter().copied().filter(|&x| x != o).collect();
                plot.group = without(&old);
                actions.push(Action::Partition { groups: vec![plot.group.clone(), old] });
                next = Some((5, (50, 200)));
            }
            (PlotKind::Figure8, 0) => {
                actions.push(Action::Partition { groups: vec![vec![l, o], without(&[l, o])] });
                actions.push(self.request(l));
                next = Some((1, (20, 60)));
            }
            (PlotKind::Figure8, 1) => {
                actions.push(Action::Crash { node: l });
                plot.group = without(&[l, o]);
                next = Some((5, (0, 10)));
            }
            (PlotKind::Figure8, 7) => {
                // The second leader appends and crashes before it sends it.
                let second = plot.group.iter().copied().find(|&x| leading(x));
                if let Some(second) = second {
                    actions.push(Action::Partition { groups: vec![vec![second], without(&[second])] });
                    actions.extend([self.request(second), Action::Crash { node: second }]);
                    plot.third = Some(second);
                    next = Some((8, (40, 80)));
                }
            }
            (PlotKind::Figure8, 8) => {
                actions.extend([Action::Heal {}, Action::Restart { node: l, amnesia: false }]);
                actions.extend([Action::Timeout { node: l }, Action::Timeout { node: l }]);
                plot.tries = 4;
                next = Some((9, (100, 300)));
            }
            (PlotKind::Figure8, 9) if leading(l) => next = Some((10, (60, 200))), // spreading its entry
            (PlotKind::Figure8, 9) if plot.tries > 1 && roles[usize::from(l) - 1].is_some() => {
                plot.tries -= 1;
                actions.push(Action::Timeout { node: l });
                next = Some((9, (100, 300)));
            }
            (PlotKind::Figure8, 10) => {
                let second = plot.third.unwrap_or(o);
                actions.extend([Action::Crash { node: l }, Action::Restart { node: second, amnesia: false }]);
                actions.extend([Action::Timeout { node: second }, Action::Timeout { node: second }]);
                plot.group = vec![second];
                next = Some((6, (100, 300)));
            }
            (PlotKind::DoubleVote, 0) => {
                // Two who do not lead time out together; what the second
                // sends the voter waits.
                let idle: Vec<NodeId> = (1..=n).filter(|&x| x != o && roles[usize::from(x) - 1].is_some()).collect();
                let idle: Vec<NodeId> = idle.into_iter().filter(|&x| !leading(x)).collect();
                if idle.len() >= 2 {
                    let a = self.pick(&idle);
                    let rest: Vec<NodeId> = idle.into_iter().filter(|&x| x != a).collect();
                    let b = self.pick(&rest);
                    actions.extend([Action::Timeout { node: a }, Action::Timeout { node: b }]);
                    let (from, to) = (Some(b), Some(o));
                    actions.push(Action::Delay(DelayBy { id: None, from, to, kind: None, ms: HOLD_MS }));
                    plot.held = Some((b, o));
                    next = Some((1, (30, 100)));
                }
            }
            (PlotKind::DoubleVote, 1) => {
                actions.extend([Action::Crash { node: o }, Action::Restart { node: o, amnesia: false }]);
                next = Some((2, (0, 5)));
            }
            (PlotKind::DoubleVote, 2) => actions = release(&plot),
            (_, 5) => {
                // The new side elects a leader (its timers would, in time).
                let a = self.pick(&plot.group.clone());
                actions.extend(std::iter::repeat_n(Action::Timeout { node: a }, self.rng.range(1, 3) as usize));
                plot.tries = 3;
                next = Some((6, (200, 500)));
            }
            (PlotKind::Figure8, 6) if plot.third.is_none() && plot.group.iter().any(|&x| leading(x)) => {
                next = Some((7, (0, 0)));
            }
            (_, 6) => match plot.group.iter().copied().find(|&x| leading(x)) {
                // ... and appends.
                Some(node) => actions.push(self.request(node)),
                None if plot.tries > 1 => {
                    plot.tries -= 1;
                    next = Some((6, (150, 400)));
                }
                None => {}
            },
            _ => {}
        }
        if let Some((stage, (lo, hi))) = next {
            plot.stage = stage;
            plot.at = now + self.rng.range(lo, hi);
            self.plot = Some(plot);
        }
        Some(actions)
    }
}

/// What the generator needs to know about the network.
struct Net {
    messages: Vec<Envelope>,
    healthy: bool,
}

fn fault_action(
    rng: &mut SimRng,
    fault: Fault,
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

/// Plays a scenario's script on a fresh session as the generator does, one
/// action at a time, skipping every action that cannot run at its point (a
/// restart of a node no longer crashed, a delivery that matches nothing) and
/// stopping at the first violation. Returns the script as recorded (only
/// actions that ran, consecutive runs merged, nothing after the violation),
/// which replays to the same execution, and that violation. None if the
/// scenario's header is invalid.
pub fn replay_leniently(scenario: &Scenario) -> Option<(Scenario, Option<Violation>)> {
    let mut header = scenario.clone();
    header.script.clear();
    header.notes.clear();
    let mut sim = AnySim::new(header).ok()?;
    sim.set_explain(false);
    sim.set_pause_on_violation(true);
    for action in &scenario.script {
        if sim.first_violation().is_some() {
            break;
        }
        match action {
            Action::Run { ms: Some(ms), .. } => {
                let until = sim.now() + ms;
                if let Stop::Error { .. } = sim.advance_to(until) {
                    return None;
                }
            }
            Action::Run { events: Some(k), .. } => {
                for _ in 0..*k {
                    if sim.step_event() != (true, Stop::Reached) {
                        break;
                    }
                }
            }
            Action::Run { .. } => {}
            other => {
                let _ = sim.intervene(other.clone());
            }
        }
    }
    let v = sim.first_violation();
    Some((sim.scenario().clone(), v))
}

/// Shrinks a failing scenario (see [`Shrinker`]) with at most about
/// `budget` replays.
pub fn shrink(scenario: &Scenario, invariant: &'static str, budget: usize) -> Scenario {
    let mut shrinker = Shrinker::new(scenario, invariant);
    while shrinker.tries() < budget && shrinker.step() {}
    shrinker.into_best()
}

/// The shrinker as a step function, one replay per [`Shrinker::step`], so
/// that the browser can shrink in small slices without freezing the page.
///
/// A candidate is the best scenario so far with something taken out; it is
/// replayed leniently ([`replay_leniently`]), so taking out a crash also
/// drops the restart that no longer applies, and kept (as recorded) if it
/// still breaks the same invariant and is smaller: fewer actions, or as
/// many with less time in runs. Rounds of four passes until one round
/// changes nothing:
/// 1. delta debugging over the script: chunks of half the script, then of a
///    quarter, down to single actions;
/// 2. one node's interventions at a time (its requests, timeouts, crashes,
///    restarts and the messages to or from it that the script handles);
/// 3. pairs of actions that only go together;
/// 4. halving each run.
#[derive(Clone, Debug)]
pub struct Shrinker {
    best: Scenario,
    invariant: &'static str,
    tries: usize,
    stage: Stage,
    /// The size of the best scenario when the current round's removals
    /// came to a fixpoint.
    round: (usize, u64),
    /// The descent: 0 removes chunks from the start of the script onwards,
    /// 1 (once 0 is over) starts again from `start` and removes them from
    /// the end backwards. They often end in different local minima.
    descent: u8,
    start: Scenario,
    /// The result of the first descent, during the second.
    first: Option<Scenario>,
}

#[derive(Clone, Copy, Debug)]
enum Stage {
    /// Removing `chunk` actions at `at`; `pass_len` is the script length
    /// when this pass (down to chunks of one) began.
    Remove {
        chunk: usize,
        at: usize,
        pass_len: usize,
    },
    /// Removing node `node`'s interventions.
    Node {
        node: NodeId,
    },
    /// Removing the actions at `i` and `j` together (`i < j`).
    Pair {
        i: usize,
        j: usize,
    },
    /// Halving the run at script index `at`.
    Shorten {
        at: usize,
    },
    Done,
}

/// How big a scenario is: its actions, then the time its runs take.
fn size(scenario: &Scenario) -> (usize, u64) {
    let ms = scenario.script.iter().map(|a| if let Action::Run { ms: Some(ms), .. } = a { *ms } else { 0 }).sum();
    (scenario.script.len(), ms)
}

/// Does `action` act at or on node `node` (not counting partitions)?
fn involves(action: &Action, node: NodeId) -> bool {
    match action {
        Action::Request { node: x, .. }
        | Action::Timeout { node: x }
        | Action::Crash { node: x }
        | Action::Restart { node: x, .. } => *x == node,
        Action::Deliver(m) | Action::Drop(m) | Action::Duplicate(m) => m.from == Some(node) || m.to == Some(node),
        Action::Delay(d) => d.from == Some(node) || d.to == Some(node),
        Action::Cut { from, to } => *from == node || *to == node,
        Action::Run { .. } | Action::Partition { .. } | Action::Heal {} | Action::Set(_) => false,
    }
}

impl Shrinker {
    /// Starts from `scenario`, cut just after its violation (one replay).
    pub fn new(scenario: &Scenario, invariant: &'static str) -> Shrinker {
        let mut best = scenario.clone();
        best.notes.clear();
        best.cursor = None;
        let start = best.clone();
        let stage = Stage::Done;
        let mut shrinker = Shrinker { best, invariant, tries: 0, stage, round: (0, 0), descent: 0, start, first: None };
        let cut = shrinker.best.clone();
        shrinker.accept_if_fails(cut);
        shrinker.start = shrinker.best.clone();
        shrinker.start_round();
        shrinker
    }

    /// The smallest failing scenario so far.
    pub fn best(&self) -> &Scenario {
        match &self.first {
            Some(first) if size(first) <= size(&self.best) => first,
            _ => &self.best,
        }
    }

    pub fn into_best(self) -> Scenario {
        match self.first {
            Some(first) if size(&first) <= size(&self.best) => first,
            _ => self.best,
        }
    }

    /// Replays spent so far.
    pub fn tries(&self) -> usize {
        self.tries
    }

    fn start_round(&mut self) {
        self.round = size(&self.best);
        let len = self.best.script.len();
        self.stage = Stage::Remove { chunk: len.div_ceil(2).max(1), at: 0, pass_len: len };
    }

    /// Tries one smaller scenario; false once there is nothing left to try.
    pub fn step(&mut self) -> bool {
        let len = self.best.script.len();
        match self.stage {
            Stage::Remove { chunk, at, pass_len } if at < len => {
                let mut candidate = self.best.clone();
                let from = if self.descent == 0 { at } else { len.saturating_sub(at + chunk) };
                candidate.script.drain(from..(from + chunk).min(len));
                let next = if self.accept_if_fails(candidate) { at } else { at + chunk };
                self.stage = Stage::Remove { chunk, at: next, pass_len };
            }
            Stage::Remove { chunk, pass_len, .. } if chunk > 1 => {
                self.stage = Stage::Remove { chunk: chunk / 2, at: 0, pass_len };
            }
            Stage::Remove { pass_len, .. } if len < pass_len => {
                // The pass down to single actions helped: go again.
                self.stage = Stage::Remove { chunk: len.div_ceil(2).max(1), at: 0, pass_len: len };
            }
            Stage::Remove { .. } => {
                // No single action can go: whatever helps from here on
                // calls for another round.
                self.round = size(&self.best);
                self.stage = Stage::Node { node: 1 };
            }
            Stage::Node { node } if usize::from(node) <= self.best.nodes => {
                let mut candidate = self.best.clone();
                candidate.script.retain(|a| !involves(a, node));
                if candidate.script.len() < len {
                    self.accept_if_fails(candidate);
                }
                self.stage = Stage::Node { node: node + 1 };
            }
            Stage::Node { .. } if size(&self.best) < self.round => self.start_round(),
            Stage::Node { .. } if self.descent == 0 => {
                // Again from the start, removing from the end backwards.
                self.descent = 1;
                self.first = Some(std::mem::replace(&mut self.best, self.start.clone()));
                self.start_round();
            }
            Stage::Node { .. } => {
                // Go on from the better of the two descents.
                if let Some(first) = self.first.take_if(|f| size(f) < size(&self.best)) {
                    self.best = first;
                }
                self.stage = Stage::Pair { i: 0, j: 1 };
            }
            Stage::Pair { i, j } if j < len => {
                let run = |k: usize| matches!(self.best.script[k], Action::Run { .. });
                let (run_i, run_j) = (run(i), run(j));
                // Runs are shortened instead.
                if !run_i && !run_j {
                    let mut candidate = self.best.clone();
                    candidate.script.remove(j);
                    candidate.script.remove(i);
                    if self.accept_if_fails(candidate) {
                        // Everything after i moved: start i's partners again.
                        self.stage = Stage::Pair { i, j: i + 1 };
                        return true;
                    }
                }
                self.stage = if run_i { Stage::Pair { i: i + 1, j: i + 2 } } else { Stage::Pair { i, j: j + 1 } };
            }
            Stage::Pair { i, .. } if i + 2 < len => self.stage = Stage::Pair { i: i + 1, j: i + 2 },
            Stage::Pair { .. } if size(&self.best) < self.round => self.start_round(),
            // Nothing more to take out: shorten the runs, once.
            Stage::Pair { .. } => self.stage = Stage::Shorten { at: 0 },
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

    /// Keeps `candidate`, as replayed, if it still breaks the invariant and
    /// is smaller than the best so far.
    fn accept_if_fails(&mut self, candidate: Scenario) -> bool {
        self.tries += 1;
        let Some((recorded, Some(v))) = replay_leniently(&candidate) else { return false };
        if v.invariant != self.invariant || size(&recorded) >= size(&self.best) {
            return false;
        }
        self.best = recorded;
        true
    }
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
            let shrunk = shrink(&scenario, v.invariant, SHRINK_BUDGET);
            let violation = replay(&shrunk).unwrap_or(v);
            return Ok(Some(Found { seed, violation, scenario: shrunk, executions: k + 1 }));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(protocol: ProtocolId, variant: &str) -> Config {
        Config { variants: vec![variant.to_string()], ..Config::new(protocol) }
    }

    /// The browser and the CLI search the same executions: a seed is one
    /// scenario, and the scenario replays to the violation it was found with.
    #[test]
    fn a_seed_is_one_execution_and_it_replays() {
        for (protocol, variant) in [
            (ProtocolId::Raft, "commit_by_counting"),
            (ProtocolId::Multipaxos, "acceptor_amnesia"),
            (ProtocolId::Vsr, "stale_prepare_ok"),
            (ProtocolId::Vsr, "recovery_without_nonce"),
        ] {
            let c = config(protocol, variant);
            let mut found = 0;
            for seed in 1..=60 {
                let (a, va) = generate(&c, seed).unwrap();
                let (b, vb) = generate(&c, seed).unwrap();
                assert_eq!(a.to_json(), b.to_json(), "{variant} seed {seed}");
                assert_eq!(va, vb);
                assert_eq!(replay(&a), va, "{variant} seed {seed}: the recorded scenario replays");
                found += usize::from(va.is_some());
            }
            assert!(found > 0, "{variant}: no violation in 60 seeds");
        }
    }

    #[test]
    fn fault_ids_name_each_kind_once() {
        for f in Fault::ALL {
            assert_eq!(Fault::from_id(f.id()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), f.id());
        }
        assert_eq!(Fault::from_id("meteor"), None);
    }

    /// Every plot plays on every cluster size without an action the
    /// simulation refuses (the recorded scripts replay without error).
    #[test]
    fn plots_play_on_every_cluster_size() {
        for protocol in [ProtocolId::Raft, ProtocolId::Multipaxos, ProtocolId::Vsr] {
            for nodes in [3, 4, 9] {
                let c = Config { nodes, ..Config::new(protocol) };
                for seed in 1..=40 {
                    let (scenario, v) = generate(&c, seed).unwrap();
                    assert_eq!(v, None, "{protocol:?} on {nodes} nodes, seed {seed}");
                    crate::check(scenario).unwrap();
                }
            }
        }
    }

    /// A search that allows no fault at all runs requests only.
    #[test]
    fn no_fault_kinds_means_requests_only() {
        let c = Config { faults: vec![], ..Config::new(ProtocolId::Raft) };
        let (scenario, v) = generate(&c, 1).unwrap();
        assert_eq!(v, None);
        assert!(scenario.script.iter().all(|a| matches!(a, Action::Run { .. } | Action::Request { .. })));
    }

    /// Without the fault kinds a plot is made of, no plot plays: a search
    /// that allows only message drops drops messages and nothing else.
    #[test]
    fn plots_use_only_the_allowed_fault_kinds() {
        let c = Config { faults: vec![Fault::Drop], ..Config::new(ProtocolId::Vsr) };
        for seed in 1..=40 {
            let (scenario, _) = generate(&c, seed).unwrap();
            for action in &scenario.script {
                assert!(
                    matches!(action, Action::Run { .. } | Action::Request { .. } | Action::Drop(_)),
                    "seed {seed}: {action}"
                );
            }
        }
    }

    /// Issue 11: each bug variant's first counterexample, shrunk as the CLI
    /// does, has at most 30 script actions, breaks the same invariant and
    /// replays as an ordinary scenario (no action that cannot run).
    #[test]
    fn every_bug_variant_shrinks_to_at_most_30_actions() {
        for protocol in [ProtocolId::Raft, ProtocolId::Multipaxos, ProtocolId::Vsr] {
            for variant in protocol.variants() {
                let config = Config { variants: vec![variant.to_string()], ..Config::new(protocol) };
                let (scenario, v) = (1..=2000)
                    .map(|seed| generate(&config, seed).unwrap())
                    .find(|(_, v)| v.is_some())
                    .unwrap_or_else(|| panic!("{variant}: no violation in 2000 seeds"));
                let v = v.unwrap();
                let shrunk = shrink(&scenario, v.invariant, SHRINK_BUDGET);
                assert!(shrunk.script.len() <= 30, "{variant}: {} actions\n{}", shrunk.script.len(), shrunk.to_json());
                assert!(shrunk.script.len() <= scenario.script.len());
                let report = crate::check(shrunk.clone()).unwrap();
                assert_eq!(report.violations.first().map(|v| v.invariant), Some(v.invariant), "{variant}");
            }
        }
    }

    /// Taking out a crash takes out the restart that no longer applies, even
    /// far apart; the shrinker only keeps what still fails.
    #[test]
    fn removing_a_crash_drops_its_restart() {
        let mut s = Scenario::new(ProtocolId::Raft);
        s.script = vec![
            Action::run_ms(400),
            Action::Crash { node: 2 },
            Action::run_ms(300),
            Action::Request { node: 1, value: "x".into() },
            Action::Restart { node: 2, amnesia: false },
            Action::run_ms(300),
        ];
        let mut without = s.clone();
        without.script.remove(1);
        let (recorded, v) = replay_leniently(&without).unwrap();
        assert_eq!(v, None);
        assert!(!recorded.script.iter().any(|a| matches!(a, Action::Restart { .. })), "{:?}", recorded.script);
        assert!(crate::check(recorded).is_ok());
    }

    /// The browser shrinks in slices: stepping by hand with a budget gives
    /// what `shrink` gives.
    #[test]
    fn stepping_the_shrinker_is_shrink() {
        let config = Config { variants: vec!["no_up_to_date_check".into()], ..Config::new(ProtocolId::Raft) };
        let (scenario, v) = (1..=200).map(|s| generate(&config, s).unwrap()).find(|(_, v)| v.is_some()).unwrap();
        let invariant = v.unwrap().invariant;
        let mut stepped = Shrinker::new(&scenario, invariant);
        while stepped.tries() < 600 && stepped.step() {}
        assert_eq!(stepped.best().to_json(), shrink(&scenario, invariant, 600).to_json());
        assert_eq!(replay(stepped.best()).map(|v| v.invariant), Some(invariant));
    }
}
