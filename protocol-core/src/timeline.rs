//! A scenario being played: the script executor, the trace, checkpoints for
//! seeking, and forking when the user acts at a past point.
//!
//! The script is the single record of an execution. Playing the page extends
//! its last `run`; an intervention appends an action; acting in the past
//! truncates the script to that point first. Seeking restores the nearest
//! checkpoint (one every [`CHECKPOINT_EVERY`] events) and replays forward, so
//! a seek costs at most that many events whatever the history length.

use crate::invariants::Violation;
use crate::protocol::Time;
use crate::scenario::{Action, Scenario, ScenarioError};
use crate::sim::{ActionError, DynSim};
use crate::text;
use crate::trace::Event;

pub const CHECKPOINT_EVERY: usize = 256;

/// Where the executor is in the script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cursor {
    /// The action being executed (== script length at the end).
    action: usize,
    /// Inside a `run`: when it started and how many events had happened.
    run: Option<RunStart>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RunStart {
    time: Time,
    events: usize,
}

#[derive(Clone)]
struct Checkpoint {
    sim: Box<dyn DynSim>,
    cursor: Cursor,
}

/// Why playing stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Reached the requested time or event count.
    Reached,
    /// An event broke an invariant.
    Violation,
    /// Script action `index` could not run.
    Error { index: usize, error: ActionError },
}

/// How far to play.
#[derive(Clone, Copy, Debug)]
enum Limit {
    Time(Time),
    Events(usize),
    End,
}

#[derive(Clone)]
pub struct Timeline {
    scenario: Scenario,
    sim: Box<dyn DynSim>,
    cursor: Cursor,
    /// Every event known, including those after the current position when
    /// the user has stepped back.
    events: Vec<Event>,
    checkpoints: Vec<Checkpoint>,
    /// Stop playing at an event that breaks an invariant.
    pub pause_on_violation: bool,
}

impl Timeline {
    /// A timeline at the start of the scenario (nothing run yet).
    pub fn new(scenario: Scenario) -> Result<Self, ScenarioError> {
        let sim = crate::anysim::simulation(&scenario)?;
        let cursor = Cursor { action: 0, run: None };
        Ok(Timeline {
            checkpoints: vec![Checkpoint { sim: sim.boxed_clone(), cursor }],
            scenario,
            sim,
            cursor,
            events: Vec::new(),
            pause_on_violation: false,
        })
    }

    pub fn sim(&self) -> &dyn DynSim {
        &*self.sim
    }
    pub fn script(&self) -> &[Action] {
        &self.scenario.script
    }
    /// The scenario as recorded so far.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    /// Every known event (also those after the current position).
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// Events applied to the current state.
    pub fn position(&self) -> usize {
        self.sim.events()
    }
    /// The index of the script action being executed (for narration).
    pub fn action_index(&self) -> usize {
        self.cursor.action
    }
    pub fn set_explain(&mut self, on: bool) {
        self.sim.set_explain(on);
        for c in &mut self.checkpoints {
            c.sim.set_explain(on);
        }
    }

    /// Every violation found so far, whether or not the position is past it.
    pub fn violations(&self) -> Vec<&Violation> {
        self.events.iter().flat_map(|e| &e.violations).collect()
    }

    /// Runs the whole script.
    pub fn run_to_end(&mut self) -> Stop {
        self.play(Limit::End)
    }

    /// Plays until virtual time `t`, extending the script's last `run` when the
    /// script is used up (this is how the page records a session).
    pub fn advance_to(&mut self, t: Time) -> Stop {
        let stop = self.play(Limit::Time(t));
        if stop != Stop::Reached || self.sim.now() >= t {
            return stop;
        }
        self.extend_run(t);
        self.play(Limit::Time(t))
    }

    /// Processes exactly one more event (appending `run events 1` at the end
    /// of the script when needed). Returns false when nothing can happen.
    pub fn step_event(&mut self) -> (bool, Stop) {
        let target = self.position() + 1;
        let stop = self.play(Limit::Events(target));
        if self.position() >= target || stop != Stop::Reached {
            return (self.position() >= target, stop);
        }
        if self.sim.next_event_time().is_none() {
            return (false, stop);
        }
        // Extend a trailing `run events k` rather than add one per step, so
        // stepping through a session keeps its link short.
        let last = self.scenario.script.len().checked_sub(1);
        match self.scenario.script.last_mut() {
            Some(Action::Run { events: Some(k), .. })
                if self.cursor.run.is_some() && Some(self.cursor.action) == last =>
            {
                *k += 1
            }
            _ => self.push_action(Action::run_events(1)),
        }
        let stop = self.play(Limit::Events(target));
        (self.position() >= target, stop)
    }

    /// Goes to the state right after `n` events (0 = the start), or as far
    /// as the script goes.
    pub fn seek(&mut self, n: usize) -> Stop {
        let here = self.position();
        let c = self.checkpoints.iter().rev().find(|c| c.sim.events() <= n).unwrap_or(&self.checkpoints[0]);
        if n <= here || c.sim.events() > here {
            self.sim = c.sim.boxed_clone();
            self.cursor = c.cursor;
        }
        let keep = self.pause_on_violation;
        self.pause_on_violation = false;
        let stop = self.play(Limit::Events(n));
        self.pause_on_violation = keep;
        stop
    }

    /// Applies a user action now. At a past point this forks: the script and
    /// the trace after the current position are discarded first.
    pub fn intervene(&mut self, action: Action) -> Result<&Event, ActionError> {
        if matches!(action, Action::Run { .. }) {
            return Err(ActionError::Invalid("do", text!(crate::scenario::phrases::NOT_AN_INTERVENTION)));
        }
        self.scenario.validate_action(&action).map_err(|(field, reason)| ActionError::Invalid(field, reason))?;
        let event = if self.position() < self.events.len() {
            // In the past: try it on a copy first, an action that cannot run
            // must not discard the future.
            let mut next = self.sim.boxed_clone();
            let event = next.apply(&action)?;
            self.fork_here();
            self.sim = next;
            event
        } else {
            // At the end, forking only trims the current run to what has been
            // played; `apply` checks everything before it changes anything.
            self.fork_here();
            self.sim.apply(&action)?
        };
        self.push_action(action);
        self.cursor = Cursor { action: self.scenario.script.len(), run: None };
        self.record(event);
        Ok(self.events.last().expect("just recorded"))
    }

    /// True when every action of the script has run.
    pub fn at_end(&self) -> bool {
        self.cursor.action >= self.scenario.script.len()
            || (self.cursor.action + 1 == self.scenario.script.len() && self.run_done())
    }

    // --- the executor ----------------------------------------------------------

    fn play(&mut self, limit: Limit) -> Stop {
        loop {
            if let Limit::Events(n) = limit
                && self.position() >= n
            {
                return Stop::Reached;
            }
            let Some(action) = self.scenario.script.get(self.cursor.action).cloned() else {
                return Stop::Reached;
            };
            let before = self.position();
            match action {
                Action::Run { ms, events } => {
                    let start = *self.cursor.run.get_or_insert(RunStart { time: self.sim.now(), events: before });
                    let next = self.sim.next_event_time();
                    let due = match (ms, events) {
                        (Some(ms), _) => next.filter(|&t| t <= start.time + ms),
                        (None, Some(k)) => next.filter(|_| before - start.events < k as usize),
                        (None, None) => None,
                    };
                    match due {
                        Some(t) if matches!(limit, Limit::Time(l) if t > l) => {
                            self.sim_idle_until(limit);
                            return Stop::Reached;
                        }
                        Some(_) => {
                            let Some(e) = self.sim.step() else { continue };
                            if self.record(e) {
                                return Stop::Violation;
                            }
                        }
                        None => {
                            // The run is over: set its clock, then move on
                            // (but stay inside the last run, so it can grow).
                            let end = ms.map(|ms| start.time + ms);
                            if let (Some(end), Limit::Time(l)) = (end, limit)
                                && l < end
                            {
                                self.sim_idle_until(limit);
                                return Stop::Reached;
                            }
                            if let Some(end) = end {
                                self.sim.idle_until(end);
                            }
                            if self.cursor.action + 1 == self.scenario.script.len() {
                                return Stop::Reached;
                            }
                            self.cursor = Cursor { action: self.cursor.action + 1, run: None };
                        }
                    }
                }
                other => {
                    if let Limit::Time(l) = limit
                        && self.sim.now() > l
                    {
                        return Stop::Reached;
                    }
                    match self.sim.apply(&other) {
                        Ok(e) => {
                            self.cursor = Cursor { action: self.cursor.action + 1, run: None };
                            if self.record(e) {
                                return Stop::Violation;
                            }
                        }
                        Err(error) => {
                            return Stop::Error { index: self.cursor.action, error };
                        }
                    }
                }
            }
        }
    }

    /// No event is due before the limit: let the clock run to it.
    fn sim_idle_until(&mut self, limit: Limit) {
        if let Limit::Time(l) = limit {
            let t = l.max(self.sim.now());
            self.sim.idle_until(t);
        }
    }

    /// Has the current `run` finished (its time or event count reached)?
    fn run_done(&self) -> bool {
        let (Some(Action::Run { ms, events }), Some(start)) =
            (self.scenario.script.get(self.cursor.action), self.cursor.run)
        else {
            return false;
        };
        match (ms, events) {
            (Some(ms), _) => {
                self.sim.now() >= start.time + ms && self.sim.next_event_time().is_none_or(|t| t > start.time + ms)
            }
            (None, Some(k)) => self.position() - start.events >= *k as usize,
            _ => true,
        }
    }

    /// Records an event (unless replaying one already known); returns whether
    /// playing should pause for a violation.
    fn record(&mut self, e: Event) -> bool {
        let index = self.sim.events() - 1;
        let violated = !e.violations.is_empty();
        if index == self.events.len() {
            self.events.push(e);
        }
        self.maybe_checkpoint();
        violated && self.pause_on_violation
    }

    /// Called right after an event, so a checkpoint holds the canonical
    /// state "after event n" (the clock at that event's time).
    fn maybe_checkpoint(&mut self) {
        let n = self.sim.events();
        let last = self.checkpoints.last().map_or(0, |c| c.sim.events());
        if n.is_multiple_of(CHECKPOINT_EVERY) && n > last {
            self.checkpoints.push(Checkpoint { sim: self.sim.boxed_clone(), cursor: self.cursor });
        }
    }

    /// The script is used up: make its last `run ms` reach `t` (or add one).
    fn extend_run(&mut self, t: Time) {
        let now = self.sim.now();
        let last = self.scenario.script.len().checked_sub(1);
        if let (Some(i), Some(start)) = (last, self.cursor.run)
            && self.cursor.action == i
            && let Some(Action::Run { ms: Some(ms), .. }) = self.scenario.script.get_mut(i)
        {
            *ms = t - start.time;
            return;
        }
        self.push_action(Action::run_ms(t - now));
    }

    /// Appends an action after the current position, leaving the cursor on it.
    fn push_action(&mut self, action: Action) {
        self.fork_here();
        self.scenario.script.push(action);
        self.cursor = Cursor { action: self.scenario.script.len() - 1, run: None };
    }

    /// Makes the current position the end of the script and of the trace.
    fn fork_here(&mut self) {
        let n = self.position();
        if n < self.events.len() {
            self.events.truncate(n);
            self.checkpoints.retain(|c| c.sim.events() <= n);
        }
        let i = self.cursor.action;
        if i >= self.scenario.script.len() {
            return;
        }
        if self.run_done() {
            self.scenario.script.truncate(i + 1);
            self.cursor = Cursor { action: i + 1, run: None };
            return self.notes_within_script();
        }
        let script = &mut self.scenario.script;
        match (self.cursor.run, &script[i]) {
            (Some(start), Action::Run { .. }) if n == start.events && self.sim.now() == start.time => {
                script.truncate(i);
                self.cursor = Cursor { action: i, run: None };
            }
            (Some(start), Action::Run { .. }) => {
                // Keep the part of the run already played, in a form that
                // replays to exactly this state.
                let done = n - start.events;
                let last_event_time = self.events.last().map_or(0, |e| e.time);
                let replacement = if self.sim.now() > last_event_time {
                    Action::run_ms(self.sim.now() - start.time)
                } else {
                    Action::run_events(done as u64)
                };
                script.truncate(i);
                script.push(replacement);
                self.cursor = Cursor { action: i + 1, run: None };
            }
            _ => {
                script.truncate(i);
                self.cursor = Cursor { action: i, run: None };
            }
        }
        self.notes_within_script();
    }

    fn notes_within_script(&mut self) {
        let len = self.scenario.script.len().max(1);
        self.scenario.notes.retain(|n| n.step < len);
    }
}
