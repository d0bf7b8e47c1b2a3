//! The one store of the app: a Yew `Reducible` holding the simulation.
//!
//! A user gesture becomes an [`Action`]; the reducer turns it into a call on
//! the `AnySim` (an intervention is the same `scenario::Action` a script
//! holds, so recording a session is appending it) and refreshes the cached
//! view that components render. No web APIs here: the reducer is tested
//! natively.

use std::cell::RefCell;
use std::rc::Rc;

use protocol_core::invariants::Violation;
use protocol_core::scenario::{self, presets};
use protocol_core::timeline::Stop;
use protocol_core::{AnySim, ClusterView, Scenario};
use yew::Reducible;

use crate::model::{self, Mark};
use crate::text;

/// A notice shown above the cluster (errors from links or actions).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A shared handle to the simulation; equal only to itself.
#[derive(Clone)]
pub struct SimHandle(pub Rc<RefCell<AnySim>>);

impl PartialEq for SimHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// An animation frame: `real_ms` of wall-clock time passed.
    Tick(f64),
    TogglePlay,
    Pause,
    StepForward,
    StepBack,
    /// Go to the state after this many events.
    Seek(usize),
    SetSpeed(f64),
    SelectNode(Option<u8>),
    SelectMessage(Option<u64>),
    /// Do something to the simulation (the scenario's own action type).
    Intervene(scenario::Action),
    /// Start a new scenario.
    Load(Box<Scenario>),
    DismissNotice,
    DismissBanner,
    ToggleHelp,
    SetSetup(bool),
    /// Escape: close what is open, else clear the selection.
    Escape,
}

#[derive(Clone)]
pub struct Store {
    pub sim: SimHandle,
    /// Bumped whenever the simulation's state changes (not for time alone).
    pub version: u64,
    pub view: Rc<ClusterView>,
    /// The virtual time drawn (fractional while playing).
    pub vtime: f64,
    pub position: usize,
    pub events_len: usize,
    pub marks: Rc<Vec<Mark>>,
    pub violations: Rc<Vec<Violation>>,
    pub playing: bool,
    pub speed: f64,
    pub selected_node: Option<u8>,
    pub selected_msg: Option<u64>,
    pub notice: Option<Notice>,
    /// The violation that paused the run.
    pub banner: Option<Violation>,
    pub help: bool,
    pub setup: bool,
}

impl Store {
    /// A store playing `scenario`; if it cannot be built, the default
    /// scenario with a notice saying why.
    pub fn new(scenario: Scenario, notice: Option<Notice>) -> Store {
        let (sim, notice) = match AnySim::new(scenario.clone()) {
            Ok(sim) => (sim, notice),
            Err(e) => (default_sim(), Some(Notice { text: text::bad_link(&e.to_string()), error: true })),
        };
        let mut store = Store::from_sim(sim);
        store.notice = notice;
        if let Some(n) = scenario.cursor {
            store.sim.0.borrow_mut().seek(n);
            store.refresh();
        }
        store
    }

    /// The default scenario, playing.
    pub fn default_playing() -> Store {
        let mut s = Store::from_sim(default_sim());
        s.playing = true;
        s
    }

    /// The store after opening a share link (`#s=1.…`): a broken link loads
    /// the default scenario and says why.
    pub fn from_link(fragment: &str) -> Store {
        match scenario::link::decode(fragment) {
            Ok(s) => Store::new(s, None),
            Err(e) => {
                let mut s = Store::from_sim(default_sim());
                s.notice = Some(Notice { text: text::bad_link(&e.reason), error: true });
                s
            }
        }
    }

    fn from_sim(mut sim: AnySim) -> Store {
        sim.set_pause_on_violation(true);
        let view = Rc::new(sim.view());
        let vtime = view.time as f64;
        let mut store = Store {
            sim: SimHandle(Rc::new(RefCell::new(sim))),
            version: 0,
            view,
            vtime,
            position: 0,
            events_len: 0,
            marks: Rc::new(Vec::new()),
            violations: Rc::new(Vec::new()),
            playing: false,
            speed: 1.0,
            selected_node: None,
            selected_msg: None,
            notice: None,
            banner: None,
            help: false,
            setup: false,
        };
        store.refresh();
        store
    }

    /// Recomputes everything derived from the simulation.
    fn refresh(&mut self) {
        let sim = self.sim.0.borrow();
        self.version += 1;
        self.view = Rc::new(sim.view());
        self.vtime = self.view.time as f64;
        self.position = sim.position();
        let events = sim.events();
        if events.len() != self.events_len || events.len() < self.marks.last().map_or(0, |m| m.event + 1) {
            // Events only grow, or a fork cuts them back: extend or rebuild.
            let marks = Rc::make_mut(&mut self.marks);
            let from = if events.len() >= self.events_len { self.events_len } else { 0 };
            if from == 0 {
                marks.clear();
            }
            model::extend_marks(marks, events, from);
            self.events_len = events.len();
            self.violations = Rc::new(events.iter().flat_map(|e| e.violations.iter().cloned()).collect());
        }
    }

    fn after_stop(&mut self, stop: Stop) {
        match stop {
            Stop::Reached => {}
            Stop::Violation => {
                self.playing = false;
                let sim = self.sim.0.borrow();
                let pos = sim.position();
                self.banner =
                    pos.checked_sub(1).and_then(|i| sim.events().get(i)).and_then(|e| e.violations.first().cloned());
            }
            Stop::Error { error, .. } => {
                self.playing = false;
                self.notice = Some(Notice { text: text::action_failed(&error.to_string()), error: true });
            }
        }
    }

    /// The simulation, for reading (event list, share links).
    pub fn sim(&self) -> std::cell::Ref<'_, AnySim> {
        self.sim.0.borrow()
    }

    /// The share-link payload of the run, with the event being looked at.
    pub fn share_payload(&self) -> String {
        let sim = self.sim();
        let mut s = sim.scenario().clone();
        s.cursor = Some(sim.position());
        scenario::link::encode(&s)
    }

    pub fn invariants(&self) -> &'static [&'static str] {
        self.sim().invariants()
    }

    /// Violations found at or before the current position.
    pub fn violated_now(&self) -> Vec<&Violation> {
        self.violations.iter().filter(|v| v.event < self.position).collect()
    }

    /// The scenario's narration for the script action being played: the last
    /// note at or before it, as (which note, how many notes, text).
    pub fn narration(&self) -> Option<(usize, usize, String)> {
        let sim = self.sim();
        let at = sim.action_index();
        let notes = &sim.scenario().notes;
        notes.iter().enumerate().rev().find(|(_, n)| n.step <= at).map(|(i, n)| (i, notes.len(), n.text.clone()))
    }

    /// Client requests in the script so far (to suggest the next value).
    pub fn requests_so_far(&self) -> usize {
        self.sim().scenario().script.iter().filter(|a| matches!(a, scenario::Action::Request { .. })).count()
    }
}

fn default_sim() -> AnySim {
    AnySim::new(presets::default_scenario())
        .or_else(|_| AnySim::new(Scenario::new(protocol_core::ProtocolId::Raft)))
        .expect("the default scenario always builds")
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Tick(real_ms) => {
                if !s.playing {
                    return self;
                }
                let target = s.vtime + model::virtual_delta(real_ms, s.speed);
                let before = s.position;
                let stop = s.sim.0.borrow_mut().advance_to(target.floor() as u64);
                let moved = s.sim().position() != before || stop != Stop::Reached;
                if moved {
                    s.refresh();
                }
                s.after_stop(stop);
                s.vtime = if s.playing { target } else { s.sim().now() as f64 };
            }
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing {
                    s.banner = None;
                    s.notice = None;
                }
            }
            Action::Pause => s.playing = false,
            Action::StepForward => {
                s.playing = false;
                let (moved, stop) = s.sim.0.borrow_mut().step_event();
                s.refresh();
                s.after_stop(stop);
                if !moved {
                    s.notice = Some(Notice { text: text::NOTHING_TO_DO.to_string(), error: false });
                }
            }
            Action::StepBack => {
                s.playing = false;
                let p = s.position.saturating_sub(1);
                s.sim.0.borrow_mut().seek(p);
                s.banner = None;
                s.refresh();
            }
            Action::Seek(n) => {
                s.playing = false;
                s.sim.0.borrow_mut().seek(n);
                s.banner = None;
                s.refresh();
            }
            Action::SetSpeed(x) => s.speed = x.clamp(0.1, 10.0),
            Action::SelectNode(n) => {
                s.selected_node = if s.selected_node == n { None } else { n };
                s.selected_msg = None;
            }
            Action::SelectMessage(m) => {
                s.selected_msg = m;
                if m.is_some() {
                    s.selected_node = None;
                    s.playing = false;
                }
            }
            Action::Intervene(a) => {
                let result = s.sim.0.borrow_mut().intervene(a);
                s.refresh();
                match result {
                    Ok(e) => {
                        s.notice = None;
                        if let Some(v) = e.violations.first() {
                            s.playing = false;
                            s.banner = Some(v.clone());
                        }
                    }
                    Err(e) => s.notice = Some(Notice { text: text::action_failed(&e.to_string()), error: true }),
                }
            }
            Action::Load(scenario) => {
                let mut n = Store::new(*scenario, None);
                n.speed = s.speed;
                n.playing = n.notice.is_none();
                return Rc::new(n);
            }
            Action::DismissNotice => s.notice = None,
            Action::DismissBanner => s.banner = None,
            Action::ToggleHelp => s.help = !s.help,
            Action::SetSetup(open) => {
                s.setup = open;
                if open {
                    s.playing = false;
                }
            }
            Action::Escape => {
                if s.help || s.setup {
                    s.help = false;
                    s.setup = false;
                } else {
                    s.selected_node = None;
                    s.selected_msg = None;
                }
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol_core::protocol::RoleKind;

    fn store() -> Rc<Store> {
        Rc::new(Store::new(presets::default_scenario(), None))
    }

    fn signature(s: &Store) -> (usize, u64, Vec<Option<RoleKind>>, u64) {
        let sim = s.sim();
        (s.position, s.view.time, sim.roles(), sim.trace_hash())
    }

    #[test]
    fn playing_elects_a_leader() {
        let mut s = store();
        s = s.reduce(Action::SetSpeed(10.0));
        s = s.reduce(Action::TogglePlay);
        for _ in 0..400 {
            s = s.reduce(Action::Tick(16.0));
        }
        assert!(s.view.time > 300);
        assert!(s.sim().roles().contains(&Some(RoleKind::Leader)), "no leader after {} ms", s.view.time);
    }

    #[test]
    fn step_back_then_forward_is_the_same_state() {
        let mut s = store();
        for _ in 0..30 {
            s = s.reduce(Action::StepForward);
        }
        let here = signature(&s);
        s = s.reduce(Action::StepBack);
        assert_eq!(s.position, here.0 - 1);
        s = s.reduce(Action::StepForward);
        assert_eq!(signature(&s), here);
    }

    #[test]
    fn dropping_a_message_removes_it() {
        let mut s = store();
        while s.view.messages.is_empty() {
            s = s.reduce(Action::StepForward);
        }
        let id = s.view.messages[0].id;
        s = s.reduce(Action::SelectMessage(Some(id)));
        s = s.reduce(Action::Intervene(scenario::Action::Drop(scenario::Matcher::id(id))));
        assert!(s.view.messages.iter().all(|m| m.id != id));
        assert!(s.notice.is_none());
        assert_eq!(s.marks.last().map(|m| m.kind), Some(model::MarkKind::Intervention));
    }

    #[test]
    fn a_failed_action_says_why() {
        let mut s = store();
        s = s.reduce(Action::Intervene(scenario::Action::Deliver(scenario::Matcher::id(999))));
        assert!(s.notice.as_ref().is_some_and(|n| n.error && n.text.contains("999")));
    }

    #[test]
    fn a_broken_link_loads_the_default_with_a_message() {
        let s = Store::from_link("#s=1.AAAA!!");
        assert!(s.notice.as_ref().is_some_and(|n| n.error));
        assert_eq!(s.view.nodes.len(), 5);
        let s = Store::from_link("#s=7.abc");
        assert!(s.notice.as_ref().is_some_and(|n| n.text.contains("version")));
    }

    #[test]
    fn a_share_link_replays_to_the_same_event() {
        let mut s = store();
        for _ in 0..20 {
            s = s.reduce(Action::StepForward);
        }
        let link = format!("#s={}", s.share_payload());
        let t = Store::from_link(&link);
        assert!(t.notice.is_none());
        assert_eq!(signature(&t), signature(&s));
    }

    #[test]
    fn a_violation_pauses_and_names_the_invariant() {
        let preset = presets::find("raft/bug-vote-not-persisted").expect("preset");
        let mut s = Rc::new(Store::new(preset.scenario(), None));
        s = s.reduce(Action::SetSpeed(10.0));
        s = s.reduce(Action::TogglePlay);
        for _ in 0..2000 {
            if !s.playing {
                break;
            }
            s = s.reduce(Action::Tick(16.0));
        }
        assert!(!s.playing);
        let b = s.banner.as_ref().expect("a banner");
        assert_eq!(b.invariant, "ElectionSafety");
        assert!(!s.violated_now().is_empty());
    }
}
