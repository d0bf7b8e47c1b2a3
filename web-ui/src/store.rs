//! The one store of the app: a Yew `Reducible` holding the simulation.
//!
//! A user gesture becomes an [`Action`]; the reducer turns it into a call on
//! the `AnySim` (an intervention is the same `scenario::Action` a script
//! holds, so recording a session is appending it) and refreshes the cached
//! view that components render. No web APIs here: the reducer is tested
//! natively.

use std::cell::RefCell;
use std::rc::Rc;

use protocol_core::anysim::MessageView;
use protocol_core::explain::Text;
use protocol_core::invariants::Violation;
use protocol_core::scenario::{self, presets};
use protocol_core::timeline::Stop;
use protocol_core::trace::MsgId;
use protocol_core::{AnySim, ClusterView, Scenario};
use yew::Reducible;

use crate::model::{self, Mark};
use crate::session::{self, FileProblem, LinkProblem};
use crate::text;

/// A notice shown above the cluster: what happened, not a sentence, so that
/// it reads in the language shown (switching language re-renders it).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A link or preset could not be opened; the default scenario was loaded.
    BadLink(LinkProblem),
    /// The simulation refused an action (the kernel's reason).
    ActionFailed(Text),
    /// Stepping found nothing due to happen.
    NothingToDo,
    /// A scenario file could not be opened; the run is unchanged.
    BadFile {
        name: String,
        problem: FileProblem,
    },
    OpenedFile(String),
}

impl Notice {
    pub fn is_error(&self) -> bool {
        !matches!(self, Notice::NothingToDo | Notice::OpenedFile(_))
    }

    /// The notice in the current language.
    pub fn text(&self) -> String {
        match self {
            Notice::BadLink(p) => text::bad_link(&p.reason()),
            Notice::ActionFailed(reason) => text::action_failed(&text::explain(reason)),
            Notice::NothingToDo => text::nothing_to_do().to_string(),
            Notice::BadFile { name, problem } => text::bad_file(name, &problem.reason()),
            Notice::OpenedFile(name) => text::opened_file(name),
        }
    }
}

/// A shared handle to the simulation; equal only to itself.
#[derive(Clone)]
pub struct SimHandle(pub Rc<RefCell<AnySim>>);

impl PartialEq for SimHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A guided tour through a scenario's notes (issue 7): the event each note
/// is shown at, the note shown, and the event being played towards.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    pub points: Rc<Vec<usize>>,
    pub at: usize,
    pub target: Option<usize>,
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
    /// Open a counterexample from the Explore panel: paused just before its
    /// first violating event, with the violation banner.
    LoadCounterexample(Box<Scenario>),
    DismissNotice,
    DismissBanner,
    ToggleHelp,
    SetSetup(bool),
    /// Escape: close what is open, else clear the selection.
    Escape,
    /// Show a notice (a file that could not be opened...).
    Notify(Notice),
    /// Open a share link from browser history (no new history entry).
    OpenLink(String),
    /// Guided tour: start at the first note, go to the next or previous, leave.
    TourStart,
    TourNext,
    TourBack,
    TourExit,
}

/// Messages the user just acted on, for the cluster to animate while the
/// run stays at that event: dropped ones fall away, a duplicated one splits
/// (its copy starts over from the sender).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gesture {
    /// The position right after the action.
    pub at: usize,
    pub dropped: Vec<MessageView>,
    /// The duplicated message, as it was, and its copy's id.
    pub split: Option<(MessageView, MsgId)>,
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
    /// What the user just did to messages, animated while the run stays at
    /// that event.
    pub gesture: Rc<Gesture>,
    pub notice: Option<Notice>,
    /// The violation that paused the run.
    pub banner: Option<Violation>,
    pub help: bool,
    pub setup: bool,
    /// The guided tour, when one is running.
    pub tour: Option<Tour>,
    /// Bumped when another scenario is opened; `nav_push` says whether that
    /// makes a new browser history entry.
    pub nav: u64,
    pub nav_push: bool,
}

impl Store {
    /// A store playing `scenario`; if it cannot be built, the default
    /// scenario with a notice saying why.
    pub fn new(scenario: Scenario, notice: Option<Notice>) -> Store {
        let (sim, notice) = match AnySim::new(scenario.clone()) {
            Ok(sim) => (sim, notice),
            Err(e) => (default_sim(), Some(Notice::BadLink(LinkProblem::Field(e)))),
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
                let problem = if e.field == "link" { LinkProblem::Kernel(e.reason) } else { LinkProblem::Field(e) };
                s.notice = Some(Notice::BadLink(problem));
                s
            }
        }
    }

    /// The store for a page fragment: a share link (`#s=1.…`), a preset
    /// (`#preset=raft/figure8`, with its tour), or the default scenario.
    pub fn from_hash(hash: &str) -> Store {
        match session::start_from_hash(hash) {
            session::Start::Link(link) => Store::from_link(&link),
            session::Start::Preset(id) => match session::preset_scenario(&id) {
                Ok(scenario) => {
                    let mut s = Store::new(scenario, None);
                    s.start_tour();
                    s
                }
                Err(problem) => {
                    let mut s = Store::from_sim(default_sim());
                    s.notice = Some(Notice::BadLink(problem));
                    s
                }
            },
            session::Start::Default => Store::default_playing(),
        }
    }

    /// Starts the guided tour at the first note (nothing without notes).
    pub fn start_tour(&mut self) {
        let points = session::note_points(self.sim().scenario());
        if let Some(&first) = points.first() {
            self.seek_to(first);
            self.tour = Some(Tour { points: Rc::new(points), at: 0, target: None });
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
            gesture: Rc::default(),
            notice: None,
            banner: None,
            help: false,
            setup: false,
            tour: None,
            nav: 0,
            nav_push: false,
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
                self.notice = Some(Notice::ActionFailed(error.reason()));
            }
        }
    }

    /// Runs to the first violation, then goes back to just before the event
    /// that broke the rule and shows its banner (nothing if none breaks).
    fn open_before_violation(&mut self) {
        self.playing = false;
        let found = {
            let mut sim = self.sim.0.borrow_mut();
            if sim.run_to_end() == Stop::Violation {
                let at = sim.position().saturating_sub(1);
                let v = sim.events().get(at).and_then(|e| e.violations.first().cloned());
                sim.seek(at);
                v
            } else {
                None
            }
        };
        self.refresh();
        self.banner = found;
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
        let texts = crate::text::tour_notes(sim.scenario());
        let (i, _) = notes.iter().enumerate().rev().find(|(_, n)| n.step <= at)?;
        Some((i, notes.len(), texts.get(i).cloned().unwrap_or_default()))
    }

    /// Client requests in the script so far (to suggest the next value).
    pub fn requests_so_far(&self) -> usize {
        self.sim().scenario().script.iter().filter(|a| matches!(a, scenario::Action::Request { .. })).count()
    }

    /// Pauses at event `n` (tours).
    fn seek_to(&mut self, n: usize) {
        self.playing = false;
        self.banner = None;
        self.sim.0.borrow_mut().seek(n);
        self.refresh();
    }

    /// Tour: after a manual move, show the note of the event shown.
    fn tour_sync(&mut self) {
        let position = self.position;
        if let Some(t) = self.tour.as_mut() {
            t.target = None;
            t.at = session::note_at(&t.points, position);
        }
    }

    /// Tour: playing stops at the next note's event.
    fn tour_aim(&mut self) {
        let (playing, position) = (self.playing, self.position);
        if let Some(t) = self.tour.as_mut() {
            t.target = if playing { t.points.iter().copied().find(|&p| p > position) } else { None };
        }
    }

    /// Tour: arrived at (or past) the target: pause exactly there.
    fn tour_arrive(&mut self) {
        let Some(t) = self.tour.as_ref() else { return };
        match t.target {
            Some(target) if self.position >= target => {
                if self.position > target {
                    self.seek_to(target);
                }
                self.playing = false;
                self.vtime = self.view.time as f64;
                if let Some(t) = self.tour.as_mut() {
                    t.target = None;
                    t.at = (t.at + 1..t.points.len()).find(|&i| t.points[i] == target).unwrap_or(t.at);
                }
            }
            Some(_) if !self.playing => {
                if let Some(t) = self.tour.as_mut() {
                    t.target = None;
                }
            }
            _ => {}
        }
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
                s.tour_arrive();
            }
            Action::TogglePlay => {
                s.playing = !s.playing;
                if s.playing {
                    s.banner = None;
                    s.notice = None;
                }
                s.tour_aim();
            }
            Action::Pause => s.playing = false,
            Action::StepForward => {
                s.playing = false;
                let (moved, stop) = s.sim.0.borrow_mut().step_event();
                s.refresh();
                s.after_stop(stop);
                if !moved {
                    s.notice = Some(Notice::NothingToDo);
                }
                s.tour_sync();
            }
            Action::StepBack => {
                s.playing = false;
                let p = s.position.saturating_sub(1);
                s.sim.0.borrow_mut().seek(p);
                s.banner = None;
                s.refresh();
                s.tour_sync();
            }
            Action::Seek(n) => {
                s.playing = false;
                s.sim.0.borrow_mut().seek(n);
                s.banner = None;
                s.refresh();
                s.tour_sync();
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
                // Acting forks the run: the tour's script is no longer the one played.
                s.tour = None;
                let matching = |m: &scenario::Matcher| {
                    s.view
                        .messages
                        .iter()
                        .filter(|v| m.matches(v.id, v.from, v.to, v.kind))
                        .cloned()
                        .collect::<Vec<_>>()
                };
                let (dropped, original) = match &a {
                    scenario::Action::Drop(m) => (matching(m), None),
                    // The kernel copies the oldest match, the first in id order.
                    scenario::Action::Duplicate(m) => (Vec::new(), matching(m).into_iter().min_by_key(|v| v.id)),
                    _ => (Vec::new(), None),
                };
                let result = s.sim.0.borrow_mut().intervene(a);
                s.refresh();
                match result {
                    Ok(e) => {
                        let split = original.zip(e.sent.first().copied());
                        s.gesture = Rc::new(Gesture { at: s.position, dropped, split });
                        s.notice = None;
                        if let Some(v) = e.violations.first() {
                            s.playing = false;
                            s.banner = Some(v.clone());
                        }
                    }
                    Err(e) => s.notice = Some(Notice::ActionFailed(e.reason())),
                }
            }
            Action::Load(scenario) => {
                let mut n = Store::new(*scenario, None);
                n.speed = s.speed;
                n.playing = n.notice.is_none();
                n.nav = s.nav + 1;
                n.nav_push = true;
                return Rc::new(n);
            }
            Action::LoadCounterexample(scenario) => {
                let mut n = Store::new(*scenario, None);
                n.speed = s.speed;
                n.nav = s.nav + 1;
                n.nav_push = true;
                n.open_before_violation();
                return Rc::new(n);
            }
            Action::OpenLink(hash) => {
                let mut n = Store::from_hash(&hash);
                n.speed = s.speed;
                n.playing = false;
                n.nav = s.nav + 1;
                return Rc::new(n);
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::TourStart => s.start_tour(),
            Action::TourNext => {
                let Some(t) = s.tour.clone() else { return self };
                if let Some(target) = t.target {
                    // Already playing towards the next note: skip there.
                    s.seek_to(target);
                } else if let Some(&next) = t.points.get(t.at + 1) {
                    if next <= s.position {
                        if next < s.position {
                            s.seek_to(next);
                        }
                        if let Some(t) = s.tour.as_mut() {
                            t.at += 1;
                        }
                    } else {
                        if let Some(t) = s.tour.as_mut() {
                            t.target = Some(next);
                        }
                        s.playing = true;
                        s.banner = None;
                        s.notice = None;
                    }
                }
                s.tour_arrive();
            }
            Action::TourBack => {
                let Some(t) = s.tour.as_mut() else { return self };
                if t.target.take().is_none() {
                    t.at = t.at.saturating_sub(1);
                }
                let p = t.points[t.at];
                s.seek_to(p);
            }
            Action::TourExit => s.tour = None,
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
        assert_eq!(s.gesture.dropped.iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
    }

    #[test]
    fn duplicating_a_message_splits_it_into_a_copy() {
        let mut s = store();
        while s.view.messages.is_empty() {
            s = s.reduce(Action::StepForward);
        }
        let orig = s.view.messages[0].clone();
        s = s.reduce(Action::Intervene(scenario::Action::Duplicate(scenario::Matcher::id(orig.id))));
        let (was, copy) = s.gesture.split.clone().expect("a split");
        assert_eq!((was.id, s.gesture.at), (orig.id, s.position));
        let copy = s.view.messages.iter().find(|m| m.id == copy).expect("the copy is in flight");
        assert_eq!((copy.from, copy.to, copy.kind), (orig.from, orig.to, orig.kind));
        assert!(s.view.messages.iter().any(|m| m.id == orig.id));
    }

    #[test]
    fn a_failed_action_says_why() {
        let mut s = store();
        s = s.reduce(Action::Intervene(scenario::Action::Deliver(scenario::Matcher::id(999))));
        assert!(s.notice.as_ref().is_some_and(|n| n.is_error() && n.text().contains("999")));
    }

    #[test]
    fn a_broken_link_loads_the_default_with_a_message() {
        let s = Store::from_link("#s=1.AAAA!!");
        assert!(s.notice.as_ref().is_some_and(Notice::is_error));
        assert_eq!(s.view.nodes.len(), 5);
        let s = Store::from_link("#s=7.abc");
        assert!(s.notice.as_ref().is_some_and(|n| n.text().contains("version")));
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
    fn a_tour_pauses_at_each_note_and_goes_back() {
        let mut s = Rc::new(Store::from_hash("#preset=raft/figure8"));
        let t = s.tour.clone().expect("figure 8 has a tour");
        let n = t.points.len();
        assert!(n >= 5);
        assert_eq!((t.at, s.position), (0, t.points[0]));
        s = s.reduce(Action::SetSpeed(10.0));
        // Next plays to the next note and pauses there.
        s = s.reduce(Action::TourNext);
        assert!(s.playing);
        for _ in 0..20_000 {
            if !s.playing {
                break;
            }
            s = s.reduce(Action::Tick(16.0));
        }
        assert!(!s.playing);
        let t = s.tour.clone().unwrap();
        assert_eq!((t.at, s.position), (1, t.points[1]));
        // A second Next while playing skips straight to the note.
        s = s.reduce(Action::TourNext);
        s = s.reduce(Action::TourNext);
        let t = s.tour.clone().unwrap();
        assert_eq!((t.at, s.position, s.playing), (2, t.points[2], false));
        for _ in 0..2 * n {
            s = s.reduce(Action::TourNext);
            s = s.reduce(Action::TourNext);
        }
        let t = s.tour.clone().unwrap();
        assert_eq!((t.at, s.position), (n - 1, t.points[n - 1]));
        s = s.reduce(Action::TourBack);
        let t = s.tour.clone().unwrap();
        assert_eq!((t.at, s.position), (n - 2, t.points[n - 2]));
        let (i, _, _) = s.narration().unwrap();
        assert_eq!(i, n - 2, "the narration agrees with the tour");
    }

    #[test]
    fn bad_hashes_load_the_default_and_say_why() {
        let s = Store::from_hash("#preset=nope");
        assert!(s.notice.as_ref().is_some_and(|n| n.is_error() && n.text().contains("nope")));
        let bad = protocol_core::scenario::link::encode(&{
            let mut x = presets::default_scenario();
            x.nodes = 12;
            x.notes.clear();
            x
        });
        let s = Store::from_hash(&format!("#s={bad}"));
        assert!(s.notice.as_ref().is_some_and(|n| n.text().contains("nodes")), "{:?}", s.notice);
        assert_eq!(s.view.nodes.len(), 5);
    }

    #[test]
    fn notices_read_in_the_language_shown() {
        let n = Store::from_hash("#preset=nope").notice.expect("a notice");
        assert!(n.text().contains("could not be opened"), "{}", n.text());
        let zh = crate::text::tests::in_lang(crate::text::Lang::Zh, || n.text());
        assert!(zh.contains("无法打开") && zh.contains("nope"), "{zh}");
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

    #[test]
    fn a_counterexample_opens_just_before_its_violation_with_the_banner() {
        let mut config = protocol_core::explore::Config::new(protocol_core::ProtocolId::Raft);
        config.variants = vec!["no_up_to_date_check".into()];
        let found = (1..200)
            .find_map(|seed| match protocol_core::explore::generate(&config, seed) {
                Ok((scenario, Some(_))) => Some(scenario),
                _ => None,
            })
            .expect("the bug is found in the first seeds");
        let s = store().reduce(Action::LoadCounterexample(Box::new(found)));
        let banner = s.banner.clone().expect("a banner");
        assert_eq!(s.position, banner.event);
        assert!(!s.playing);
        assert!(s.nav_push);
    }
}
