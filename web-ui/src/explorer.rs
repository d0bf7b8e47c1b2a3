//! The Explore panel's logic (issue 11), with no web APIs so that it is
//! tested natively: the form's validation, and a search that runs in small
//! slices of time.
//!
//! Why slices on the main thread and not a Web Worker: a worker would be a
//! second wasm binary holding the whole kernel again (the page is already over
//! its size budget), plus gloo-worker's codec dependencies, a worker-src CSP
//! rule and a message protocol to keep in sync. One seeded execution
//! (`explore::generate`) takes a few milliseconds, so the component calls
//! [`Search::slice`] with a budget of about 8 ms per `setTimeout` tick: the
//! page keeps painting and handling clicks (Stop included) between ticks.
//! Shrinking is sliced too, with the kernel's step-wise
//! [`explore::Shrinker`] (one replay per step).

use std::collections::BTreeMap;

use protocol_core::explore::{self, Config, Fault, Shrinker};
use protocol_core::invariants::Violation;
use protocol_core::scenario::OptionValue;
use protocol_core::{MAX_NODES, MIN_NODES, ProtocolId, Scenario};

use crate::text;

/// The most executions or seconds a search may be given.
pub const MAX_EXECUTIONS: u64 = 1_000_000;
pub const MAX_SECONDS: u64 = 3_600;
/// Replays the shrinker may spend (each is one step of a slice).
pub const SHRINK_BUDGET: usize = 600;

/// A fault kind's id in the form (and in `data-fault` attributes).
pub fn fault_id(f: Fault) -> &'static str {
    match f {
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

/// How long a search may run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    Executions(u64),
    Seconds(u64),
}

/// What the form holds, as typed (numbers are text until validated).
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub protocol: ProtocolId,
    pub nodes: String,
    pub variants: Vec<&'static str>,
    pub options: Vec<&'static str>,
    pub faults: Vec<Fault>,
    /// "executions" or "seconds".
    pub budget_kind: String,
    pub budget: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            protocol: ProtocolId::Raft,
            nodes: "5".into(),
            variants: Vec::new(),
            options: Vec::new(),
            faults: Fault::ALL.to_vec(),
            budget_kind: "executions".into(),
            budget: "2000".into(),
        }
    }
}

/// A number field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberField {
    Nodes,
    Executions,
    Seconds,
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
                    NumberField::Executions => text::explore_executions_field(),
                    NumberField::Seconds => text::explore_seconds_field(),
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

impl Form {
    /// The search configuration and budget, or what is wrong.
    pub fn validate(&self) -> Result<(Config, Budget), FormError> {
        let nodes = number(NumberField::Nodes, &self.nodes, MIN_NODES as u64, MAX_NODES as u64)? as usize;
        if self.faults.is_empty() {
            return Err(FormError::NoFaults);
        }
        let budget = match self.budget_kind.as_str() {
            "executions" => Budget::Executions(number(NumberField::Executions, &self.budget, 1, MAX_EXECUTIONS)?),
            "seconds" => Budget::Seconds(number(NumberField::Seconds, &self.budget, 1, MAX_SECONDS)?),
            other => return Err(FormError::BadBudgetKind(other.to_string())),
        };
        let known = self.protocol.variants();
        if let Some(v) = self.variants.iter().find(|v| !known.contains(v)) {
            return Err(FormError::UnknownVariant(v.to_string()));
        }
        let mut config = Config::new(self.protocol);
        config.nodes = nodes;
        config.variants = self.variants.iter().map(|v| v.to_string()).collect();
        config.options =
            self.options.iter().map(|o| (o.to_string(), OptionValue::Bool(true))).collect::<BTreeMap<_, _>>();
        // Keep Fault::ALL's order whatever order the boxes were ticked in.
        config.faults = Fault::ALL.iter().copied().filter(|f| self.faults.contains(f)).collect();
        Ok((config, budget))
    }
}

/// Where a search is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Searching,
    /// A violation was found in `seed`; shrinking its scenario.
    Shrinking {
        seed: u64,
        invariant: &'static str,
        tries: usize,
        original: usize,
    },
    /// Done: the shrunk counterexample and the violation it replays to.
    Found {
        seed: u64,
        violation: Violation,
        scenario: Box<Scenario>,
        original: usize,
    },
    /// The budget ran out without a violation.
    Exhausted,
    Stopped,
    Failed(Failure),
}

/// Why a search stopped without a counterexample.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The kernel refused to generate an execution (its reason).
    Kernel(String),
    NothingToShrink,
    /// The shrunk scenario no longer breaks the invariant.
    NoReplay,
}

impl Failure {
    pub fn text(&self) -> String {
        let reason = match self {
            Failure::Kernel(reason) => reason.as_str(),
            Failure::NothingToShrink => text::explore_nothing_to_shrink(),
            Failure::NoReplay => text::explore_no_replay(),
        };
        text::explore_failed(reason)
    }
}

/// A running (or finished) search.
#[derive(Clone, Debug)]
pub struct Search {
    config: Config,
    budget: Budget,
    next_seed: u64,
    pub executions: u64,
    /// Milliseconds spent generating executions (not shrinking, and not the
    /// idle time between ticks).
    pub busy_ms: f64,
    /// Wall-clock start, for a budget in seconds.
    started_ms: f64,
    pub phase: Phase,
    shrinker: Option<Shrinker>,
}

impl Search {
    pub fn new(config: Config, budget: Budget, first_seed: u64, now_ms: f64) -> Search {
        Search {
            config,
            budget,
            next_seed: first_seed,
            executions: 0,
            busy_ms: 0.0,
            started_ms: now_ms,
            phase: Phase::Searching,
            shrinker: None,
        }
    }

    /// Still working (searching or shrinking)?
    pub fn active(&self) -> bool {
        matches!(self.phase, Phase::Searching | Phase::Shrinking { .. })
    }

    pub fn stop(&mut self) {
        if self.active() {
            self.phase = Phase::Stopped;
            self.shrinker = None;
        }
    }

    /// Executions per second of search time.
    pub fn rate(&self) -> f64 {
        if self.busy_ms <= 0.0 { 0.0 } else { self.executions as f64 * 1000.0 / self.busy_ms }
    }

    /// Works until `now()` passes `slice_ms` after the call (at least one
    /// execution or one shrink round, so progress is always made).
    pub fn slice(&mut self, now: &dyn Fn() -> f64, slice_ms: f64) {
        let start = now();
        loop {
            match self.phase {
                Phase::Searching => {
                    let t = now();
                    self.one_execution();
                    self.busy_ms += (now() - t).max(0.0);
                }
                Phase::Shrinking { .. } => self.one_shrink_round(),
                _ => break,
            }
            let t = now();
            if self.phase == Phase::Searching && self.out_of_time(t) {
                self.phase = Phase::Exhausted;
            }
            if t - start >= slice_ms {
                break;
            }
        }
    }

    fn out_of_time(&self, now_ms: f64) -> bool {
        match self.budget {
            Budget::Executions(n) => self.executions >= n,
            Budget::Seconds(s) => now_ms - self.started_ms >= s as f64 * 1000.0,
        }
    }

    fn one_execution(&mut self) {
        let seed = self.next_seed;
        self.next_seed = self.next_seed.wrapping_add(1);
        match explore::generate(&self.config, seed) {
            Err(e) => self.phase = Phase::Failed(Failure::Kernel(e.to_string())),
            Ok((scenario, found)) => {
                self.executions += 1;
                if let Some(v) = found {
                    let original = scenario.script.len();
                    self.shrinker = Some(Shrinker::new(&scenario, v.invariant));
                    self.phase = Phase::Shrinking { seed, invariant: v.invariant, tries: 0, original };
                }
            }
        }
    }

    fn one_shrink_round(&mut self) {
        let Phase::Shrinking { seed, invariant, original, .. } = self.phase else { return };
        let Some(shrinker) = self.shrinker.as_mut() else {
            self.phase = Phase::Failed(Failure::NothingToShrink);
            return;
        };
        if shrinker.tries() < SHRINK_BUDGET && shrinker.step() {
            let tries = shrinker.tries();
            self.phase = Phase::Shrinking { seed, invariant, tries, original };
            return;
        }
        let Some(shrinker) = self.shrinker.take() else { return };
        let mut scenario = shrinker.into_best();
        match explore::replay(&scenario) {
            Some(violation) => {
                scenario.title = text::explore_title(invariant, seed);
                self.phase = Phase::Found { seed, violation, scenario: Box::new(scenario), original };
            }
            None => self.phase = Phase::Failed(Failure::NoReplay),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(protocol: ProtocolId, variants: &[&'static str]) -> Form {
        Form { protocol, variants: variants.to_vec(), ..Form::default() }
    }

    /// A clock that moves 1 ms per reading.
    fn ticking() -> impl Fn() -> f64 {
        let t = std::cell::Cell::new(0.0);
        move || {
            t.set(t.get() + 1.0);
            t.get()
        }
    }

    #[test]
    fn the_default_form_is_valid() {
        let (config, budget) = Form::default().validate().expect("valid");
        assert_eq!(config.nodes, 5);
        assert_eq!(config.faults, Fault::ALL.to_vec());
        assert_eq!(budget, Budget::Executions(2000));
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
        ];
        for (f, needle) in cases {
            let e = f.validate().expect_err("invalid").text();
            assert!(e.contains(needle), "{e:?} should mention {needle:?}");
        }
    }

    #[test]
    fn faults_keep_the_kernel_order() {
        let f = Form { faults: vec![Fault::Loss, Fault::Crash], ..Form::default() };
        assert_eq!(f.validate().expect("valid").0.faults, vec![Fault::Crash, Fault::Loss]);
    }

    #[test]
    fn finds_shrinks_and_replays_a_raft_bug() {
        let (config, budget) = form(ProtocolId::Raft, &["no_up_to_date_check"]).validate().expect("valid");
        let mut s = Search::new(config, budget, 1, 0.0);
        let now = ticking();
        for _ in 0..10_000 {
            if !s.active() {
                break;
            }
            s.slice(&now, 8.0);
        }
        let Phase::Found { violation, scenario, original, .. } = &s.phase else { panic!("{:?}", s.phase) };
        assert!(scenario.script.len() < *original, "{} of {original} actions", scenario.script.len());
        let again = explore::replay(scenario).expect("the shrunk scenario still fails");
        assert_eq!(again.invariant, violation.invariant);
        assert!(s.executions >= 1 && s.rate() > 0.0);
    }

    #[test]
    fn the_correct_protocol_runs_out_of_budget_and_stop_stops() {
        let (config, _) = form(ProtocolId::Raft, &[]).validate().expect("valid");
        let mut s = Search::new(config.clone(), Budget::Executions(3), 1, 0.0);
        let now = ticking();
        while s.active() {
            s.slice(&now, 1.0);
        }
        assert_eq!(s.phase, Phase::Exhausted);
        assert_eq!(s.executions, 3);
        let mut s = Search::new(config, Budget::Seconds(60), 1, 0.0);
        s.slice(&now, 1.0);
        s.stop();
        let done = s.executions;
        s.slice(&now, 50.0);
        assert_eq!((s.phase.clone(), s.executions), (Phase::Stopped, done));
    }
}
