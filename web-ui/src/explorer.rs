//! The Explore panel's logic (issue 11), with no web APIs so that it is
//! tested natively: the form's validation, and the two searches: seeded
//! random executions (then shrinking what breaks), or a bounded exhaustive
//! search over every order of events.
//!
//! A search runs in a Web Worker (`src/bin/explore_worker.rs`), so the page
//! never waits for it: [`run`] works in slices of [`REPORT_MS`] and sends a
//! [`Snapshot`] (phase and progress) after each, which the panel shows.
//! Shrinking goes step by step with the kernel's [`explore::Shrinker`] and the
//! exhaustive search with its resumable [`Bfs`], so a slice ends on time.
//! `explore_wire` turns plans and snapshots into the worker's messages.

use std::collections::BTreeMap;

use protocol_core::exhaustive::{Bfs, Bounds};
use protocol_core::explore::{self, Config, Fault, SHRINK_BUDGET, Shrinker};
use protocol_core::invariants::Violation;
use protocol_core::scenario::OptionValue;
use protocol_core::{MAX_NODES, MIN_NODES, ProtocolId, Scenario, ScenarioError};
use serde::{Deserialize, Serialize};

use crate::text;

/// The most executions or seconds a search may be given.
pub const MAX_EXECUTIONS: u64 = 1_000_000;
pub const MAX_SECONDS: u64 = 3_600;
/// The exhaustive search: its cluster size, deepest depth, and the states it
/// may keep. Each state waiting in the frontier holds a whole simulation
/// (2 to 3 KB), so the limit keeps the tab's memory to a few hundred MB; the
/// CLI allows 2 million.
pub const EXHAUSTIVE_NODES: usize = 3;
pub const MAX_DEPTH: u64 = 12;
pub const MAX_STATES: usize = 150_000;
/// States the exhaustive search expands between two looks at the clock.
const STATES_PER_STEP: usize = 4;
/// The worker's work between two reports: at most ten reports a second.
pub const REPORT_MS: f64 = 100.0;

/// Which search the panel runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Seeded random executions with faults, the first violation shrunk.
    Random,
    /// Every order of events to a depth, breadth-first.
    Exhaustive,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Random, Mode::Exhaustive];

    /// Its id in the form (the `<select>`'s values).
    pub fn id(self) -> &'static str {
        match self {
            Mode::Random => "random",
            Mode::Exhaustive => "exhaustive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::Random => text::explore_mode_random(),
            Mode::Exhaustive => text::explore_mode_exhaustive(),
        }
    }

    /// The line that says what the search does, with its limits.
    pub fn hint(self) -> String {
        match self {
            Mode::Random => text::explore_random_hint().to_string(),
            Mode::Exhaustive => {
                let b = bounds(MAX_DEPTH as usize);
                text::explore_exhaustive_hint(EXHAUSTIVE_NODES, b.requests, b.crashes, b.max_states)
            }
        }
    }
}

/// The bounds of the panel's exhaustive search to `depth`: the CLI's, with
/// fewer states.
fn bounds(depth: usize) -> Bounds {
    Bounds { max_states: MAX_STATES, ..Bounds::new(depth) }
}

/// How long a random search may run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Budget {
    Executions(u64),
    Seconds(u64),
}

/// What the form holds, as typed (numbers are text until validated).
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub mode: Mode,
    pub protocol: ProtocolId,
    pub variants: Vec<&'static str>,
    pub options: Vec<&'static str>,
    // Random search only.
    pub nodes: String,
    pub seed: String,
    pub faults: Vec<Fault>,
    /// "executions" or "seconds".
    pub budget_kind: String,
    pub budget: String,
    // Exhaustive search only.
    pub depth: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            mode: Mode::Random,
            protocol: ProtocolId::Raft,
            variants: Vec::new(),
            options: Vec::new(),
            nodes: "5".into(),
            seed: "1".into(),
            faults: Fault::ALL.to_vec(),
            budget_kind: "executions".into(),
            budget: "2000".into(),
            depth: "6".into(),
        }
    }
}

/// A number field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberField {
    Nodes,
    Seed,
    Executions,
    Seconds,
    Depth,
}

/// What is wrong with the form; rendered when shown, in the language shown.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// What was typed in a number field, and the range it must be in.
    BadNumber {
        field: NumberField,
        raw: String,
        min: u64,
        max: u64,
    },
    NoFaults,
    BadBudgetKind(String),
    UnknownVariant(String),
}

impl FormError {
    pub fn text(&self) -> String {
        match self {
            FormError::BadNumber { field, raw, min, max } => {
                let name = match field {
                    NumberField::Nodes => text::nodes(),
                    NumberField::Seed => text::explore_first_seed(),
                    NumberField::Executions => text::explore_executions_field(),
                    NumberField::Seconds => text::explore_seconds_field(),
                    NumberField::Depth => text::explore_depth(),
                };
                text::explore_bad_number(name, raw, *min, *max)
            }
            FormError::NoFaults => text::explore_no_faults().to_string(),
            FormError::BadBudgetKind(kind) => text::explore_bad_budget_kind(kind),
            FormError::UnknownVariant(v) => text::explore_unknown_variant(v),
        }
    }
}

fn number(field: NumberField, raw: &str, min: u64, max: u64) -> Result<u64, FormError> {
    match raw.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(FormError::BadNumber { field, raw: raw.trim().to_string(), min, max }),
    }
}

/// A search to start: what the form asks for, validated (what the panel
/// sends its worker).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Plan {
    Random { config: Config, budget: Budget, first_seed: u64 },
    Exhaustive { config: Config, depth: usize },
}

impl Form {
    /// The search to run, or what is wrong. Only the fields of the chosen
    /// mode are read (the others are hidden).
    pub fn validate(&self) -> Result<Plan, FormError> {
        let known = self.protocol.variants();
        if let Some(v) = self.variants.iter().find(|v| !known.contains(v)) {
            return Err(FormError::UnknownVariant(v.to_string()));
        }
        let mut config = Config::new(self.protocol);
        config.variants = self.variants.iter().map(|v| v.to_string()).collect();
        config.options =
            self.options.iter().map(|o| (o.to_string(), OptionValue::Bool(true))).collect::<BTreeMap<_, _>>();
        if self.mode == Mode::Exhaustive {
            let depth = number(NumberField::Depth, &self.depth, 1, MAX_DEPTH)? as usize;
            config.nodes = EXHAUSTIVE_NODES;
            return Ok(Plan::Exhaustive { config, depth });
        }
        config.nodes = number(NumberField::Nodes, &self.nodes, MIN_NODES as u64, MAX_NODES as u64)? as usize;
        let first_seed = number(NumberField::Seed, &self.seed, 1, explore::MAX_SEED)?;
        if self.faults.is_empty() {
            return Err(FormError::NoFaults);
        }
        // Keep Fault::ALL's order whatever order the boxes were ticked in.
        config.faults = Fault::ALL.iter().copied().filter(|f| self.faults.contains(f)).collect();
        let budget = match self.budget_kind.as_str() {
            "executions" => Budget::Executions(number(NumberField::Executions, &self.budget, 1, MAX_EXECUTIONS)?),
            "seconds" => Budget::Seconds(number(NumberField::Seconds, &self.budget, 1, MAX_SECONDS)?),
            other => return Err(FormError::BadBudgetKind(other.to_string())),
        };
        Ok(Plan::Random { config, budget, first_seed })
    }
}

/// Where a search is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Searching,
    /// A violation was found in `seed`; shrinking its scenario of
    /// `original` actions, `best` so far.
    Shrinking {
        seed: u64,
        invariant: String,
        tries: usize,
        original: usize,
        best: usize,
    },
    /// Done: the counterexample and the violation it replays to.
    Found {
        violation: Violation,
        scenario: Box<Scenario>,
        origin: Origin,
    },
    /// No violation: the random search's budget ran out, or the exhaustive
    /// search reached its depth (or its state limit).
    Exhausted,
    Stopped,
    Failed(Failure),
}

impl Phase {
    /// Still working (searching or shrinking)?
    pub fn active(&self) -> bool {
        matches!(self, Phase::Searching | Phase::Shrinking { .. })
    }

    /// A counterexample replayed to its violation and titled in the language
    /// shown, or `NoReplay` if it no longer breaks an invariant.
    pub fn found(mut scenario: Scenario, origin: Origin) -> Phase {
        let Some(violation) = explore::replay(&scenario) else { return Phase::Failed(Failure::NoReplay) };
        scenario.title = match origin {
            Origin::Seed { seed, .. } => text::explore_title(violation.invariant, seed),
            Origin::Shortest => text::explore_shortest_title(violation.invariant, scenario.script.len()),
        };
        Phase::Found { violation, scenario: Box::new(scenario), origin }
    }
}

/// Where a counterexample comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// The random execution of `seed`, of `original` script actions, shrunk.
    Seed { seed: u64, original: usize },
    /// The exhaustive search: a shortest path.
    Shortest,
}

/// Why a search stopped without a counterexample.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The kernel refused the configuration.
    Kernel(ScenarioError),
    NothingToShrink,
    /// The shrunk scenario no longer breaks the invariant.
    NoReplay,
    /// The worker could not be started, or failed (seen by the page).
    Worker,
}

impl Failure {
    pub fn text(&self) -> String {
        let reason = match self {
            Failure::Kernel(e) => text::explain(&e.reason),
            Failure::NothingToShrink => text::explore_nothing_to_shrink().to_string(),
            Failure::NoReplay => text::explore_no_replay().to_string(),
            Failure::Worker => text::explore_worker_failed().to_string(),
        };
        text::explore_failed(&reason)
    }
}

/// How far a search has got.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Progress {
    /// Executions run from `first_seed` on, the events they ran, and the
    /// milliseconds spent generating them (not shrinking).
    Random { first_seed: u64, executions: u64, events: u64, busy_ms: f64 },
    /// Distinct states explored, the depth explored fully, and the depth
    /// asked for.
    Exhaustive { states: usize, depth: usize, max_depth: usize },
}

impl Progress {
    /// Before the first execution or state.
    pub fn start(plan: &Plan) -> Progress {
        match *plan {
            Plan::Random { first_seed, .. } => Progress::Random { first_seed, executions: 0, events: 0, busy_ms: 0.0 },
            Plan::Exhaustive { depth, .. } => Progress::Exhaustive { states: 0, depth: 0, max_depth: depth },
        }
    }

    /// Executions and events per second of search time.
    pub fn rates(&self) -> (f64, f64) {
        match *self {
            Progress::Random { executions, events, busy_ms, .. } if busy_ms > 0.0 => {
                let per_s = 1000.0 / busy_ms;
                (executions as f64 * per_s, events as f64 * per_s)
            }
            _ => (0.0, 0.0),
        }
    }

    /// Executions run, or states explored.
    pub fn count(&self) -> u64 {
        match *self {
            Progress::Random { executions, .. } => executions,
            Progress::Exhaustive { states, .. } => states as u64,
        }
    }

    pub fn text(&self) -> String {
        match *self {
            Progress::Random { first_seed, executions, .. } => {
                let (executions_per_s, events_per_s) = self.rates();
                text::explore_progress(executions, first_seed, executions_per_s, events_per_s)
            }
            Progress::Exhaustive { states, depth, max_depth } => {
                text::explore_progress_states(states, depth, max_depth)
            }
        }
    }
}

/// The random search's state.
struct Random {
    config: Config,
    budget: Budget,
    first_seed: u64,
    next_seed: u64,
    executions: u64,
    events: u64,
    busy_ms: f64,
    /// Wall-clock start, for a budget in seconds.
    started_ms: f64,
    shrinker: Option<Shrinker>,
}

/// The exhaustive search's state.
struct Bounded {
    /// None once the search is over: its states are freed.
    bfs: Option<Box<Bfs>>,
    states: usize,
    depth: usize,
    max_depth: usize,
}

/// The search's engine.
enum Engine {
    Random(Box<Random>),
    Exhaustive(Bounded),
}

/// A running (or finished) search.
pub struct Search {
    pub phase: Phase,
    engine: Engine,
}

impl Search {
    pub fn new(plan: Plan, now_ms: f64) -> Search {
        match plan {
            Plan::Random { config, budget, first_seed } => Search {
                phase: Phase::Searching,
                engine: Engine::Random(Box::new(Random {
                    config,
                    budget,
                    first_seed,
                    next_seed: first_seed,
                    executions: 0,
                    events: 0,
                    busy_ms: 0.0,
                    started_ms: now_ms,
                    shrinker: None,
                })),
            },
            Plan::Exhaustive { config, depth } => {
                let (bfs, phase) = match Bfs::new(&config, bounds(depth)) {
                    Ok(bfs) => (Some(Box::new(bfs)), Phase::Searching),
                    Err(e) => (None, Phase::Failed(Failure::Kernel(e))),
                };
                Search { phase, engine: Engine::Exhaustive(Bounded { bfs, states: 0, depth: 0, max_depth: depth }) }
            }
        }
    }

    /// Drops what only a running search needs (the shrinker, the states of
    /// the breadth-first search).
    fn release(&mut self) {
        match &mut self.engine {
            Engine::Random(r) => r.shrinker = None,
            Engine::Exhaustive(b) => b.bfs = None,
        }
    }

    pub fn progress(&self) -> Progress {
        match &self.engine {
            Engine::Random(r) => {
                let (first_seed, executions, events, busy_ms) = (r.first_seed, r.executions, r.events, r.busy_ms);
                Progress::Random { first_seed, executions, events, busy_ms }
            }
            Engine::Exhaustive(b) => Progress::Exhaustive { states: b.states, depth: b.depth, max_depth: b.max_depth },
        }
    }

    /// Works until `now()` passes `slice_ms` after the call (at least one
    /// execution, shrink round or handful of states, so progress is always
    /// made).
    pub fn slice(&mut self, now: &dyn Fn() -> f64, slice_ms: f64) {
        let start = now();
        while self.phase.active() {
            self.phase = match &mut self.engine {
                Engine::Random(r) => r.step(&self.phase, now),
                Engine::Exhaustive(b) => b.step(),
            };
            if now() - start >= slice_ms {
                break;
            }
        }
        if !self.phase.active() {
            self.release();
        }
    }

    /// Its phase and progress, as the worker reports them.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { phase: self.phase.clone(), progress: self.progress() }
    }
}

/// Runs a search to its end in slices of [`REPORT_MS`], reporting after each
/// one (and once at the start): the worker's whole job.
pub fn run(plan: Plan, now: &dyn Fn() -> f64, report: &mut dyn FnMut(&Snapshot)) {
    let mut search = Search::new(plan, now());
    report(&search.snapshot());
    while search.phase.active() {
        search.slice(now, REPORT_MS);
        report(&search.snapshot());
    }
}

/// What the panel shows of a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub phase: Phase,
    pub progress: Progress,
}

impl Snapshot {
    /// Stopped by the user: the progress stays as last reported.
    pub fn stop(&mut self) {
        if self.phase.active() {
            self.phase = Phase::Stopped;
        }
    }

    /// What the status line says, and its state for `data-state`.
    pub fn status(&self) -> (&'static str, String) {
        match &self.phase {
            Phase::Searching => ("searching", text::explore_searching().to_string()),
            Phase::Shrinking { seed, invariant, tries, original, best } => {
                ("shrinking", text::explore_shrinking(invariant, *seed, *tries, *original, *best))
            }
            Phase::Found { violation, scenario, origin: Origin::Seed { seed, original } } => (
                "found",
                text::explore_found(violation.invariant, *seed, scenario.script.len(), *original, violation.event),
            ),
            Phase::Found { violation, scenario, origin: Origin::Shortest } => {
                ("found", text::explore_found_shortest(violation.invariant, scenario.script.len(), violation.event))
            }
            Phase::Exhausted => match self.progress {
                Progress::Random { .. } => ("exhausted", text::explore_exhausted().to_string()),
                Progress::Exhaustive { states, depth, max_depth } => {
                    let limit = (states >= MAX_STATES && depth < max_depth).then_some(MAX_STATES);
                    ("exhausted", text::explore_safe(depth, states, limit))
                }
            },
            Phase::Stopped => ("stopped", text::explore_stopped().to_string()),
            Phase::Failed(f) => ("failed", f.text()),
        }
    }
}

impl Random {
    /// One execution, or one replay of the shrinker; the phase that follows
    /// `phase`.
    fn step(&mut self, phase: &Phase, now: &dyn Fn() -> f64) -> Phase {
        match phase {
            Phase::Searching => {
                let t = now();
                let next = self.one_execution();
                let t2 = now();
                self.busy_ms += (t2 - t).max(0.0);
                let out_of_time = match self.budget {
                    Budget::Executions(n) => self.executions >= n,
                    Budget::Seconds(s) => t2 - self.started_ms >= s as f64 * 1000.0,
                };
                if next == Phase::Searching && out_of_time { Phase::Exhausted } else { next }
            }
            Phase::Shrinking { seed, invariant, original, .. } => {
                self.one_shrink_round(*seed, invariant.clone(), *original)
            }
            done => done.clone(),
        }
    }

    /// Runs the next seed; the phase that follows.
    fn one_execution(&mut self) -> Phase {
        let seed = self.next_seed;
        self.next_seed = self.next_seed.wrapping_add(1);
        match explore::execute(&self.config, seed) {
            Err(e) => Phase::Failed(Failure::Kernel(e)),
            Ok(run) => {
                self.executions += 1;
                self.events += run.events as u64;
                let Some(v) = run.violation else { return Phase::Searching };
                let original = run.scenario.script.len();
                self.shrinker = Some(Shrinker::new(&run.scenario, v.invariant));
                Phase::Shrinking { seed, invariant: v.invariant.to_string(), tries: 0, original, best: original }
            }
        }
    }

    /// One replay of the shrinker; the phase that follows.
    fn one_shrink_round(&mut self, seed: u64, invariant: String, original: usize) -> Phase {
        let Some(shrinker) = self.shrinker.as_mut() else { return Phase::Failed(Failure::NothingToShrink) };
        if shrinker.tries() < SHRINK_BUDGET && shrinker.step() {
            let best = shrinker.best().script.len();
            return Phase::Shrinking { seed, invariant, tries: shrinker.tries(), original, best };
        }
        let scenario = shrinker.best().clone();
        self.shrinker = None;
        Phase::found(scenario, Origin::Seed { seed, original })
    }
}

impl Bounded {
    /// Expands a few states; the phase that follows.
    fn step(&mut self) -> Phase {
        // Only a finished search has let go of its states (and is not stepped).
        let Some(bfs) = self.bfs.as_mut() else { return Phase::Exhausted };
        let Some(over) = bfs.advance(STATES_PER_STEP).cloned() else {
            (self.states, self.depth) = (bfs.states(), bfs.depth());
            return Phase::Searching;
        };
        (self.states, self.depth) = (over.states, over.depth);
        match over.found {
            Some((_, scenario)) => Phase::found(scenario, Origin::Shortest),
            None => Phase::Exhausted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;
    use crate::text::tests::{has_cjk, in_lang};

    fn form(protocol: ProtocolId, variants: &[&'static str]) -> Form {
        Form { protocol, variants: variants.to_vec(), ..Form::default() }
    }

    fn exhaustive(protocol: ProtocolId, variants: &[&'static str], depth: &str) -> Form {
        Form { mode: Mode::Exhaustive, depth: depth.into(), ..form(protocol, variants) }
    }

    fn start(f: &Form) -> Search {
        Search::new(f.validate().expect("valid"), 0.0)
    }

    /// A clock that moves 1 ms per reading.
    fn ticking() -> impl Fn() -> f64 {
        let t = std::cell::Cell::new(0.0);
        move || {
            t.set(t.get() + 1.0);
            t.get()
        }
    }

    /// Runs a search to its end, `slice_ms` at a time; the slices it took.
    fn finish(s: &mut Search, slice_ms: f64) -> usize {
        let now = ticking();
        let mut slices = 0;
        while s.phase.active() {
            s.slice(&now, slice_ms);
            slices += 1;
            assert!(slices < 1_000_000, "the search never ends");
        }
        slices
    }

    /// The counterexample of a finished search, and the text of its status.
    fn found(s: &Search) -> (&Violation, &Scenario, Origin, String) {
        let Phase::Found { violation, scenario, origin } = &s.phase else { panic!("{:?}", s.phase) };
        (violation, scenario, *origin, s.snapshot().status().1)
    }

    #[test]
    fn the_default_form_is_valid() {
        let Plan::Random { config, budget, first_seed } = Form::default().validate().expect("valid") else {
            panic!("random by default")
        };
        assert_eq!(config.nodes, 5);
        assert_eq!(config.faults, Fault::ALL.to_vec());
        assert_eq!((budget, first_seed), (Budget::Executions(2000), 1));
    }

    #[test]
    fn bad_input_is_explained_not_panicked_on() {
        let cases: Vec<(Form, &str)> = vec![
            (Form { nodes: "2".into(), ..Form::default() }, "3"),
            (Form { nodes: "ten".into(), ..Form::default() }, "ten"),
            (Form { nodes: "".into(), ..Form::default() }, "3"),
            (Form { faults: vec![], ..Form::default() }, "fault"),
            (Form { budget: "0".into(), ..Form::default() }, "1"),
            (Form { budget: "-5".into(), ..Form::default() }, "-5"),
            (Form { budget: "99999999999999999999999".into(), ..Form::default() }, "1000000"),
            (Form { budget_kind: "seconds".into(), budget: "7200".into(), ..Form::default() }, "3600"),
            (Form { budget_kind: "minutes".into(), ..Form::default() }, "minutes"),
            (form(ProtocolId::Raft, &["accept_below_promise"]), "accept_below_promise"),
            (Form { seed: "0".into(), ..Form::default() }, "First seed"),
            (Form { seed: "-1".into(), ..Form::default() }, "-1"),
            (Form { seed: "1.5".into(), ..Form::default() }, "1.5"),
            (Form { seed: "9007199254740992".into(), ..Form::default() }, "9007199254740991"),
            (Form { seed: "".into(), ..Form::default() }, "First seed"),
            (exhaustive(ProtocolId::Raft, &[], "0"), "Depth"),
            (exhaustive(ProtocolId::Raft, &[], "13"), "1 to 12"),
            (exhaustive(ProtocolId::Raft, &[], "deep"), "deep"),
            (exhaustive(ProtocolId::Raft, &["log_by_op_only"], "4"), "log_by_op_only"),
        ];
        for (f, needle) in cases {
            let e = f.validate().expect_err("invalid").text();
            assert!(e.contains(needle), "{e:?} should mention {needle:?}");
            let zh = in_lang(Lang::Zh, || f.validate().expect_err("invalid").text());
            assert!(has_cjk(&zh), "{zh:?}");
        }
    }

    #[test]
    fn the_exhaustive_form_reads_its_own_fields_only_on_three_servers() {
        let f = Form {
            nodes: "2".into(),
            seed: "x".into(),
            faults: vec![],
            budget: "".into(),
            ..exhaustive(ProtocolId::Raft, &["vote_not_persisted"], " 8 ")
        };
        let Plan::Exhaustive { config, depth } = f.validate().expect("valid") else { panic!("exhaustive") };
        assert_eq!((config.nodes, depth, config.variants), (3, 8, vec!["vote_not_persisted".to_string()]));
    }

    #[test]
    fn faults_keep_the_kernel_order() {
        let f = Form { faults: vec![Fault::Loss, Fault::Crash], ..Form::default() };
        let Plan::Random { config, .. } = f.validate().expect("valid") else { panic!("random") };
        assert_eq!(config.faults, vec![Fault::Crash, Fault::Loss]);
    }

    #[test]
    fn finds_shrinks_and_replays_a_raft_bug() {
        let mut s = start(&form(ProtocolId::Raft, &["no_up_to_date_check"]));
        let now = ticking();
        s.slice(&now, 1.0);
        assert!(matches!(s.phase, Phase::Searching | Phase::Shrinking { .. }), "{:?}", s.phase);
        finish(&mut s, 8.0);
        let (violation, scenario, origin, status) = found(&s);
        let Origin::Seed { seed, original } = origin else { panic!("{origin:?}") };
        assert!(scenario.script.len() < original, "{} of {original} actions", scenario.script.len());
        let again = explore::replay(scenario).expect("the shrunk scenario still fails");
        assert_eq!(again.invariant, violation.invariant);
        assert!(status.contains(&format!("seed {seed}")), "{status}");
        assert!(
            s.progress().count() >= 1
                && s.progress().rates().0 > 0.0
                && s.progress().rates().1 > s.progress().rates().0
        );
        assert!(matches!(&s.engine, Engine::Random(r) if r.shrinker.is_none()));
    }

    /// While shrinking, the reports show the best size so far: it only
    /// goes down, and the counterexample ends at the last one shown.
    #[test]
    fn shrinking_reports_the_best_so_far() {
        let clock = std::cell::Cell::new(0.0);
        // Each look at the clock is 10 ms later: a report every 10 steps.
        let now = || {
            clock.set(clock.get() + 10.0);
            clock.get()
        };
        let plan = form(ProtocolId::Raft, &["no_up_to_date_check"]).validate().expect("valid");
        let mut bests = Vec::new();
        let mut last = None;
        run(plan, &now, &mut |s| {
            if let Phase::Shrinking { original, best, .. } = s.phase {
                assert!(best <= original);
                bests.push(best);
            }
            last = Some(s.clone());
        });
        assert!(bests.len() > 2 && bests.windows(2).all(|w| w[1] <= w[0]), "{bests:?}");
        let Some(Phase::Found { scenario, .. }) = last.map(|s| s.phase) else { panic!("no counterexample") };
        assert!(scenario.script.len() <= *bests.last().unwrap(), "{bests:?}");
        assert!(bests.first() > bests.last(), "{bests:?}");
    }

    /// The same first seed gives the same counterexample; starting at the
    /// seed it was found in finds it in one execution.
    #[test]
    fn the_first_seed_repeats_a_search_exactly() {
        let f = Form { seed: "7".into(), ..form(ProtocolId::Raft, &["no_up_to_date_check"]) };
        let run = |f: &Form| {
            let mut s = start(f);
            finish(&mut s, 8.0);
            let (_, scenario, origin, status) = found(&s);
            (scenario.to_json(), origin, status, s.progress())
        };
        let first = run(&f);
        assert_eq!(run(&f), first);
        let Origin::Seed { seed, .. } = first.1 else { panic!("{:?}", first.1) };
        assert!(seed > 7, "seed 7 has no violation");
        let Progress::Random { first_seed: 7, executions, .. } = first.3 else { panic!("{:?}", first.3) };
        assert_eq!(executions, seed - 6);
        assert!(first.3.text().contains(&format!("seeds 7–{seed}")), "{}", first.3.text());
        let (json, origin, _, progress) = run(&Form { seed: seed.to_string(), ..f });
        assert_eq!((json, origin, progress.count()), (first.0, first.1, 1));
    }

    #[test]
    fn the_correct_protocol_runs_out_of_budget_and_stop_keeps_the_progress() {
        let mut s = start(&Form { budget: "3".into(), ..form(ProtocolId::Raft, &[]) });
        finish(&mut s, 1.0);
        assert_eq!(s.phase, Phase::Exhausted);
        assert_eq!(s.progress().count(), 3);
        assert_eq!(s.snapshot().status().1, text::explore_exhausted());
        let mut s = start(&Form { budget_kind: "seconds".into(), budget: "60".into(), ..form(ProtocolId::Raft, &[]) });
        let now = ticking();
        s.slice(&now, 1.0);
        let mut shown = s.snapshot();
        shown.stop();
        assert_eq!((shown.phase, shown.progress), (Phase::Stopped, s.progress()));
    }

    /// Start, progress in slices, done: the same states as the kernel's
    /// search run in one go, and a status that says how far it looked.
    #[test]
    fn exhaustive_search_on_correct_raft_reports_no_violation_with_its_states() {
        let f = exhaustive(ProtocolId::Raft, &[], "4");
        let mut s = start(&f);
        assert_eq!(s.progress(), Progress::Exhaustive { states: 0, depth: 0, max_depth: 4 });
        s.slice(&ticking(), 1.0);
        assert_eq!(s.phase, Phase::Searching);
        let Progress::Exhaustive { states, .. } = s.progress() else { panic!("{:?}", s.progress()) };
        assert!(states > 1);
        assert!(finish(&mut s, 1.0) > 3);
        let Plan::Exhaustive { config, .. } = f.validate().expect("valid") else { panic!("exhaustive") };
        let whole = Bfs::new(&config, bounds(4)).expect("a search").run();
        assert_eq!(s.phase, Phase::Exhausted);
        assert_eq!(s.progress(), Progress::Exhaustive { states: whole.states, depth: 4, max_depth: 4 });
        let status = s.snapshot().status().1;
        assert!(
            status.contains("No violation up to depth 4") && status.contains(&whole.states.to_string()),
            "{status}"
        );
        assert!(matches!(&s.engine, Engine::Exhaustive(b) if b.bfs.is_none()), "the states are freed");
    }

    #[test]
    fn exhaustive_search_finds_a_shortest_counterexample_to_replay() {
        let mut s = start(&exhaustive(ProtocolId::Multipaxos, &["accept_below_promise"], "8"));
        finish(&mut s, 2.0);
        let (violation, scenario, origin, status) = found(&s);
        assert_eq!(origin, Origin::Shortest);
        let Progress::Exhaustive { depth, .. } = s.progress() else { panic!("{:?}", s.progress()) };
        assert_eq!(scenario.script.len(), depth);
        assert!(depth < 8);
        assert!(!scenario.auto.deliver && !scenario.auto.timers && scenario.nodes == 3);
        assert_eq!(explore::replay(scenario).map(|v| v.invariant), Some(violation.invariant));
        assert!(scenario.title.contains(violation.invariant), "{}", scenario.title);
        assert!(status.contains("shortest") && status.contains(&format!("#{}", violation.event + 1)), "{status}");
    }

    /// The worker's loop: a report at the start, then one per slice of
    /// [`REPORT_MS`] at most, the last one final.
    #[test]
    fn run_reports_at_most_ten_times_a_second_until_the_end() {
        let now = ticking();
        let mut reports: Vec<(f64, Snapshot)> = Vec::new();
        run(exhaustive(ProtocolId::Raft, &[], "7").validate().expect("valid"), &now, &mut |s| {
            reports.push((now(), s.clone()))
        });
        let (first, last) = (&reports[0].1, &reports[reports.len() - 1].1);
        assert_eq!((&first.phase, first.progress.count()), (&Phase::Searching, 0));
        assert_eq!(last.phase, Phase::Exhausted);
        assert!(reports.len() > 3, "{} reports", reports.len());
        for pair in reports.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= REPORT_MS || !pair[1].1.phase.active(), "{pair:?}");
            assert!(pair[1].1.progress.count() >= pair[0].1.progress.count());
        }
        assert!(reports.iter().rev().skip(1).all(|(_, s)| s.phase.active()));
    }

    /// Every status reads in both languages; the state limit is named when it
    /// cut the search short.
    #[test]
    fn statuses_name_the_state_limit_and_read_in_both_languages() {
        let bounded = |phase: Phase, states: usize, depth: usize, max_depth: usize| Snapshot {
            phase,
            progress: Progress::Exhaustive { states, depth, max_depth },
        };
        let random = |phase: Phase| Snapshot { phase, progress: start(&Form::default()).progress() };
        let capped = bounded(Phase::Exhausted, MAX_STATES, 7, 9);
        let status = capped.status().1;
        assert!(status.contains("depth 7") && status.contains("limit of 150000 states"), "{status}");
        let full = bounded(Phase::Exhausted, 900, 5, 5);
        assert_eq!(full.status().1, "No violation up to depth 5 (900 states).");
        let all = [
            random(Phase::Searching),
            random(Phase::Shrinking { seed: 3, invariant: "Agreement".into(), tries: 4, original: 9, best: 5 }),
            random(Phase::Exhausted),
            random(Phase::Failed(Failure::NoReplay)),
            capped,
            full,
            bounded(Phase::Searching, 10, 1, 5),
            bounded(Phase::Stopped, 10, 1, 5),
        ];
        for s in &all {
            let (en, zh) = (s.status().1, in_lang(Lang::Zh, || s.status().1));
            assert!(!has_cjk(&en) && has_cjk(&zh), "{en} / {zh}");
            let (en, zh) = (s.progress.text(), in_lang(Lang::Zh, || s.progress.text()));
            assert!(!has_cjk(&en) && has_cjk(&zh), "{en} / {zh}");
        }
    }
}
