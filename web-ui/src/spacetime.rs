//! The space-time (Lamport) diagram and the protocol comparison as plain
//! data: no Yew, no web APIs, tested natively.
//!
//! A [`Diagram`] is built event by event from the trace. Arrows come from
//! the events (`sent` lists give the send, `Deliver`/`Lost` the end, a
//! `drop` action's `dropped` list the cross); roles after each event and the
//! envelopes of new messages come from replaying a copy of the session
//! ([`Tracker`]), because the trace does not record them.

use std::collections::HashMap;

use protocol_core::anysim::Envelope;
use protocol_core::explain::Text;
use protocol_core::protocol::RoleKind;
use protocol_core::scenario::{Action, Matcher};
use protocol_core::trace::{Event, LossReason, MsgId, What};
use protocol_core::{AnySim, NodeId, ProtocolId, Scenario};

use crate::text::Lang;

/// Arrows longer than this (delayed messages) are kept in a side list so
/// the time window still finds them cheaply.
const LONG_MS: u64 = 400;

/// How a message's arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Delivered,
    Lost(LossReason),
    /// Removed by a `drop` action.
    Dropped,
    /// Still in flight at the end of the known trace.
    InFlight,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: &'static str,
    /// Virtual time of the send and the index of the event that sent it.
    pub sent: u64,
    pub send_event: usize,
    pub end: End,
    pub end_time: Option<u64>,
    pub end_event: Option<usize>,
    /// The payload summary, once the message is delivered.
    pub summary: Option<Text>,
    /// A copy (duplicate action or network duplication) of this message.
    pub copy_of: Option<MsgId>,
}

impl Arrow {
    /// Where the arrow ends in time (`now` for one still in flight).
    pub fn until(&self, now: u64) -> u64 {
        self.end_time.unwrap_or(now.max(self.sent))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkKind {
    Leader,
    Candidate,
    Follower,
    /// Recovering or in a view change.
    Other,
    /// The node executed a client command and answered (committed).
    Commit,
    Violation,
    Crash,
    Restart,
}

/// Something marked on a node's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneMark {
    pub node: NodeId,
    pub time: u64,
    pub event: usize,
    pub kind: MarkKind,
    pub detail: MarkDetail,
}

/// What a lane mark's hover text says besides its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum MarkDetail {
    None,
    /// A commit: the command and where it went (`x=1 @ 3`).
    Command(String),
    /// The invariant broken, and the kernel's explanation.
    Violation(&'static str, Text),
}

/// A node down from `from` until `to` (None: still down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CrashSpan {
    pub node: NodeId,
    pub from: u64,
    pub to: Option<u64>,
}

#[derive(Clone, Debug, Default)]
pub struct Diagram {
    pub nodes: usize,
    /// In send order (so sorted by send time).
    pub arrows: Vec<Arrow>,
    by_id: HashMap<MsgId, usize>,
    /// Arrows longer than `LONG_MS`, and those not finished.
    long: Vec<usize>,
    open: Vec<usize>,
    /// In time order.
    pub marks: Vec<LaneMark>,
    pub crashes: Vec<CrashSpan>,
    /// Periods without a leader/primary: (from, to), to None = still.
    pub leaderless: Vec<(u64, Option<u64>)>,
    pub first_leader: Option<u64>,
    roles: Vec<Option<RoleKind>>,
    /// Events folded in so far.
    pub events: usize,
    /// The last event's time.
    pub end_time: u64,
}

fn has_leader(roles: &[Option<RoleKind>]) -> bool {
    roles.contains(&Some(RoleKind::Leader))
}

impl Diagram {
    /// An empty diagram of a cluster whose nodes start in `roles`.
    pub fn new(roles: Vec<Option<RoleKind>>) -> Diagram {
        let mut d = Diagram { nodes: roles.len(), ..Diagram::default() };
        if has_leader(&roles) {
            d.first_leader = Some(0);
        } else {
            d.leaderless.push((0, None));
        }
        d.roles = roles;
        d
    }

    /// Folds in event `i`: `roles` are the roles right after it, `envelopes`
    /// describe (at least) the messages it sent.
    pub fn push(&mut self, i: usize, e: &Event, roles: &[Option<RoleKind>], envelopes: &[Envelope]) {
        let t = e.time;
        self.events = i + 1;
        self.end_time = self.end_time.max(t);
        // Ends first: an event cannot send a message and end it.
        match &e.what {
            What::Deliver { id, from, to, msg, summary } => {
                self.finish(*id, End::Delivered, t, i, (*from, *to, msg));
                if let Some(&k) = self.by_id.get(id) {
                    self.arrows[k].summary.clone_from(summary);
                }
            }
            What::Lost { id, from, to, msg, reason } => self.finish(*id, End::Lost(*reason), t, i, (*from, *to, msg)),
            What::Timer { .. } => {}
            What::Do { action } => match action {
                Action::Crash { node } => {
                    self.crashes.push(CrashSpan { node: *node, from: t, to: None });
                    self.mark(*node, t, i, MarkKind::Crash, MarkDetail::None);
                }
                Action::Restart { node, .. } => {
                    if let Some(c) = self.crashes.iter_mut().rev().find(|c| c.node == *node && c.to.is_none()) {
                        c.to = Some(t);
                    }
                    self.mark(*node, t, i, MarkKind::Restart, MarkDetail::None);
                }
                _ => {}
            },
        }
        for id in &e.dropped {
            if let Some(&k) = self.by_id.get(id) {
                let a = &self.arrows[k];
                self.finish(*id, End::Dropped, t, i, (a.from, a.to, a.kind));
            }
        }
        let sender = e.node().unwrap_or(0);
        let mut prev: Option<Envelope> = None;
        for id in &e.sent {
            let env = envelopes.iter().find(|v| v.id == *id).copied();
            let (from, to, kind) = env.map_or((sender, 0, "?"), |v| (v.from, v.to, v.kind));
            let copy_of = match (&e.what, prev) {
                (What::Do { action: Action::Duplicate(m) }, _) => self.original(m, from, to, kind),
                // Network duplication: the copy follows its original.
                (_, Some(p)) if p.id + 1 == *id && (p.from, p.to, p.kind) == (from, to, kind) => Some(p.id),
                _ => None,
            };
            prev = env;
            let k = self.arrows.len();
            self.by_id.insert(*id, k);
            self.open.push(k);
            self.arrows.push(Arrow {
                id: *id,
                from,
                to,
                kind,
                sent: t,
                send_event: i,
                end: End::InFlight,
                end_time: None,
                end_event: None,
                summary: None,
                copy_of,
            });
        }
        for r in &e.replies {
            if let Some(index) = r.index {
                self.mark(r.node, t, i, MarkKind::Commit, MarkDetail::Command(format!("{} @ {index}", r.value)));
            }
        }
        for v in &e.violations {
            let nodes: Vec<NodeId> = if v.nodes.is_empty() { e.node().into_iter().collect() } else { v.nodes.clone() };
            for n in nodes {
                self.mark(n, t, i, MarkKind::Violation, MarkDetail::Violation(v.invariant, v.detail.clone()));
            }
        }
        self.roles_after(i, t, roles);
    }

    fn roles_after(&mut self, i: usize, t: u64, roles: &[Option<RoleKind>]) {
        for (k, (&before, &after)) in self.roles.iter().zip(roles).enumerate() {
            if before == after {
                continue;
            }
            let kind = match after {
                Some(RoleKind::Leader) => MarkKind::Leader,
                Some(RoleKind::Candidate) => MarkKind::Candidate,
                Some(RoleKind::Other) => MarkKind::Other,
                // Back to follower after leading or campaigning.
                Some(RoleKind::Follower) if before.is_some() => MarkKind::Follower,
                _ => continue,
            };
            self.marks.push(LaneMark { node: k as NodeId + 1, time: t, event: i, kind, detail: MarkDetail::None });
        }
        let (had, has) = (has_leader(&self.roles), has_leader(roles));
        if had && !has {
            self.leaderless.push((t, None));
        } else if !had && has {
            if let Some(p) = self.leaderless.last_mut() {
                p.1 = Some(t);
            }
            self.first_leader.get_or_insert(t);
        }
        self.roles.clear();
        self.roles.extend_from_slice(roles);
    }

    /// The message a `duplicate` action copied: the matcher's id, or the
    /// oldest open message of that link and type.
    fn original(&self, m: &Matcher, from: NodeId, to: NodeId, kind: &str) -> Option<MsgId> {
        if m.id.is_some() {
            return m.id;
        }
        self.open
            .iter()
            .map(|&k| &self.arrows[k])
            .filter(|a| (a.from, a.to, a.kind) == (from, to, kind))
            .map(|a| a.id)
            .min()
    }

    fn finish(&mut self, id: MsgId, end: End, t: u64, i: usize, (from, to, kind): (NodeId, NodeId, &'static str)) {
        let Some(&k) = self.by_id.get(&id) else { return };
        let a = &mut self.arrows[k];
        (a.from, a.to, a.kind) = (from, to, kind);
        a.end = end;
        a.end_time = Some(t);
        a.end_event = Some(i);
        if t - a.sent > LONG_MS {
            self.long.push(k);
        }
        self.open.retain(|&x| x != k);
    }

    fn mark(&mut self, node: NodeId, time: u64, event: usize, kind: MarkKind, detail: MarkDetail) {
        self.marks.push(LaneMark { node, time, event, kind, detail });
    }

    /// Indices of the arrows that cross the window `[a, b]`, in send order;
    /// `now` is where unfinished arrows end.
    pub fn visible_arrows(&self, a: u64, b: u64, now: u64) -> Vec<usize> {
        let lo = self.arrows.partition_point(|x| x.sent + LONG_MS < a);
        let hi = self.arrows.partition_point(|x| x.sent <= b);
        let overlaps = |k: &usize| {
            let x = &self.arrows[*k];
            x.sent <= b && x.until(now) >= a
        };
        let mut out: Vec<usize> = (lo..hi).filter(overlaps).collect();
        let extra = self.long.iter().chain(&self.open).copied().filter(|&k| k < lo).filter(overlaps);
        out.extend(extra);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The arrows drawn for the window `[a, b]`: those crossing it, thinned
    /// to every k-th beyond [`MAX_DRAWN`]; and whether they were thinned.
    pub fn drawn_arrows(&self, a: u64, b: u64, now: u64) -> (Vec<usize>, bool) {
        let visible = self.visible_arrows(a, b, now);
        if visible.len() <= MAX_DRAWN {
            return (visible, false);
        }
        let every = visible.len().div_ceil(MAX_DRAWN);
        (visible.into_iter().step_by(every).collect(), true)
    }

    /// The lane marks inside `[a, b]`.
    pub fn visible_marks(&self, a: u64, b: u64) -> &[LaneMark] {
        let lo = self.marks.partition_point(|m| m.time < a);
        let hi = self.marks.partition_point(|m| m.time <= b);
        &self.marks[lo..hi]
    }

    pub fn arrow(&self, id: MsgId) -> Option<&Arrow> {
        self.by_id.get(&id).map(|&k| &self.arrows[k])
    }

    /// The figures of the comparison, as of time `t`.
    pub fn stats(&self, t: u64) -> Stats {
        let leaderless: Vec<(u64, u64)> = self
            .leaderless
            .iter()
            .filter(|p| p.0 <= t)
            .map(|&(a, b)| (a, b.map_or(t, |b| b.min(t))))
            .filter(|(a, b)| b > a)
            .collect();
        Stats {
            first_leader: self.first_leader.filter(|&f| f <= t),
            commits: self.marks.iter().filter(|m| m.kind == MarkKind::Commit && m.time <= t).count(),
            sent: self.arrows.partition_point(|a| a.sent <= t),
            unavailable_ms: leaderless.iter().map(|(a, b)| b - a).sum(),
            unavailable: leaderless,
        }
    }
}

/// Per-protocol figures in compare mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    pub first_leader: Option<u64>,
    /// Client commands executed and answered.
    pub commits: usize,
    pub sent: usize,
    /// Periods without a leader/primary, clipped to the time asked.
    pub unavailable: Vec<(u64, u64)>,
    pub unavailable_ms: u64,
}

/// Keeps a [`Diagram`] up to date with a session: new events are folded in
/// by replaying a copy of the session one event at a time (reading roles and
/// envelopes after each); a fork (the trace cut back or changed) rebuilds.
#[derive(Default)]
pub struct Tracker {
    pub diagram: Diagram,
    /// Counts the updates that changed the diagram (drawings redraw when it moves).
    pub revision: u64,
    last: Option<Event>,
    started: bool,
}

impl Tracker {
    /// Catches up with `sim`'s known trace; at most `budget` events at a time
    /// (the rest on the next call). Returns true if anything changed.
    pub fn update(&mut self, sim: &AnySim, budget: usize) -> bool {
        let events = sim.events();
        let done = self.diagram.events;
        let forked = !self.started
            || done > events.len()
            || (done > 0 && self.last.as_ref() != events.get(done - 1))
            || self.diagram.nodes != sim.scenario().nodes;
        if !forked && done == events.len() {
            return false;
        }
        let mut copy = sim.clone();
        copy.set_pause_on_violation(false);
        if forked {
            copy.seek(0);
            self.diagram = Diagram::new(copy.roles());
            self.started = true;
            self.last = None;
        }
        let from = self.diagram.events;
        let to = events.len().min(from.saturating_add(budget.max(1)));
        copy.seek(from);
        for (i, e) in events.iter().enumerate().take(to).skip(from) {
            copy.seek(i + 1);
            if copy.position() != i + 1 {
                break;
            }
            let envelopes: Vec<Envelope> = if e.sent.is_empty() {
                Vec::new()
            } else {
                copy.envelopes().into_iter().filter(|v| e.sent.contains(&v.id)).collect()
            };
            self.diagram.push(i, e, &copy.roles(), &envelopes);
            self.last = Some(e.clone());
        }
        self.revision += 1;
        true
    }

    /// True when the diagram covers the whole known trace.
    pub fn caught_up(&self, sim: &AnySim) -> bool {
        self.started && self.diagram.events == sim.events().len()
    }
}

// --- compare mode ----------------------------------------------------------

/// The same execution for another protocol: cluster size, seed, timing,
/// network and the protocol-neutral actions at the virtual times they
/// happened in `source`'s trace. Message matchers (deliver, drop, delay,
/// duplicate), bug variants and options are protocol-specific and left out.
pub fn compare_scenario(source: &Scenario, events: &[Event], protocol: ProtocolId) -> Scenario {
    let mut s = Scenario::new(protocol);
    s.title = source.title.clone();
    s.nodes = source.nodes;
    s.seed = source.seed;
    s.timing = source.timing.clone();
    s.network = source.network;
    s.auto = source.auto;
    let mut at = 0;
    for e in events {
        let What::Do { action } = &e.what else { continue };
        if !neutral(action) {
            continue;
        }
        if e.time > at {
            s.script.push(Action::run_ms(e.time - at));
            at = e.time;
        }
        s.script.push(action.clone());
    }
    s
}

/// Is an action the same for every protocol?
pub fn neutral(a: &Action) -> bool {
    !matches!(a, Action::Run { .. } | Action::Deliver(_) | Action::Drop(_) | Action::Delay(_) | Action::Duplicate(_))
}

/// The protocol-neutral actions of a trace with their times (what compare
/// mode replays on every protocol).
pub fn fault_script(events: &[Event]) -> Vec<(u64, Action)> {
    events
        .iter()
        .filter_map(|e| match &e.what {
            What::Do { action } if neutral(action) => Some((e.time, action.clone())),
            _ => None,
        })
        .collect()
}

// --- share links -----------------------------------------------------------

/// The extra parameters after a share link's scenario (or a preset id):
/// `&compare=raft,vsr&view=diagram&lang=zh`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkParams {
    pub compare: Vec<ProtocolId>,
    pub diagram: bool,
    /// The language the link opens in, whatever the reader chose before.
    pub lang: Option<Lang>,
}

impl LinkParams {
    /// Reads them from a URL fragment (after `s=…` or `preset=…`, or alone:
    /// `#lang=zh`); unknown parameters and protocols are ignored.
    pub fn parse(fragment: &str) -> LinkParams {
        let mut p = LinkParams::default();
        for part in fragment.trim_start_matches('#').split('&') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match k {
                "compare" => {
                    for id in v.split(',') {
                        let found = ProtocolId::ALL.into_iter().find(|p| p.id() == id);
                        if let Some(x) = found
                            && !p.compare.contains(&x)
                            && p.compare.len() < 3
                        {
                            p.compare.push(x);
                        }
                    }
                }
                "view" => p.diagram = v.split(',').any(|x| x == "diagram"),
                "lang" => p.lang = Lang::parse(v),
                _ => {}
            }
        }
        if p.compare.len() < 2 {
            p.compare.clear();
        }
        p
    }

    /// The suffix to append after `#s=…` (empty when nothing is set).
    pub fn suffix(&self) -> String {
        let mut s = String::new();
        if self.compare.len() >= 2 {
            s.push_str("&compare=");
            s.push_str(&self.compare.iter().map(|p| p.id()).collect::<Vec<_>>().join(","));
        }
        if self.diagram {
            s.push_str("&view=diagram");
        }
        if let Some(l) = self.lang {
            s.push_str("&lang=");
            s.push_str(l.id());
        }
        s
    }

    /// A fragment without its `lang` parameter: once the user picks a
    /// language, reloading the page keeps that choice.
    pub fn without_lang(fragment: &str) -> String {
        let body = fragment.trim_start_matches('#');
        let kept: Vec<&str> =
            body.split('&').filter(|p| !p.is_empty() && p.split('=').next() != Some("lang")).collect();
        if kept.is_empty() { String::new() } else { format!("#{}", kept.join("&")) }
    }
}

// --- geometry --------------------------------------------------------------

/// Maps virtual time to x in the drawing: the window `[start, start+span]`
/// onto `[left, left+width]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub start: f64,
    pub span: f64,
    pub left: f64,
    pub width: f64,
}

impl Scale {
    pub fn x(&self, t: f64) -> f64 {
        self.left + (t - self.start) / self.span.max(1e-9) * self.width
    }

    /// The whole milliseconds the window covers, first and last.
    pub fn times(&self) -> (u64, u64) {
        (self.start.max(0.0) as u64, (self.start + self.span).ceil() as u64)
    }
}

/// How far point `p` is from the segment `a`-`b`.
pub fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (x, y) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    (x * x + y * y).sqrt()
}

/// A window of `span` ms that keeps `now` in view (at 80% when following).
pub fn follow(start: f64, span: f64, now: f64) -> f64 {
    if now > start + span * 0.9 || now < start { (now - span * 0.8).max(0.0) } else { start }
}

/// Zooms by `factor` (< 1 zooms in) around time `at`, keeping it in place.
pub fn zoom(start: f64, span: f64, factor: f64, at: f64) -> (f64, f64) {
    let new_span = (span * factor).clamp(MIN_SPAN, MAX_SPAN);
    let frac = if span > 0.0 { (at - start) / span } else { 0.5 };
    ((at - frac * new_span).max(0.0), new_span)
}

/// The `d` text of an SVG path, numbers rounded to tenths of a pixel: short
/// strings, quick to build, for the many arrows of a window drawn at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathData(String);

/// The length and half width of an arrowhead.
const HEAD: (f64, f64) = (8.0, 3.5);

impl PathData {
    fn point(&mut self, cmd: char, (x, y): (f64, f64)) {
        self.0.push(cmd);
        push_tenths(&mut self.0, x);
        self.0.push(' ');
        push_tenths(&mut self.0, y);
    }

    /// A straight line.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64)) {
        self.point('M', from);
        self.point('L', to);
    }

    /// A filled arrowhead at `to`, pointing along the line from `from`.
    pub fn head(&mut self, from: (f64, f64), to: (f64, f64)) {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let len = dx.hypot(dy);
        if len < 1e-6 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let base = (to.0 - ux * HEAD.0, to.1 - uy * HEAD.0);
        self.point('M', to);
        self.point('L', (base.0 - uy * HEAD.1, base.1 + ux * HEAD.1));
        self.point('L', (base.0 + uy * HEAD.1, base.1 - ux * HEAD.1));
        self.0.push('Z');
    }

    /// A cross of half size `s` centred on `at`.
    pub fn cross(&mut self, (x, y): (f64, f64), s: f64) {
        self.line((x - s, y - s), (x + s, y + s));
        self.line((x - s, y + s), (x + s, y - s));
    }

    /// A disc of radius `r` centred on `at` (two half-circle arcs).
    pub fn dot(&mut self, (x, y): (f64, f64), r: f64) {
        self.point('M', (x - r, y));
        let (r, d) = (tenths(r), tenths(2.0 * r));
        self.0.push_str(&format!("a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0"));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// `v` rounded to tenths, as short as it goes (`12`, `-0.5`, `3.2`).
pub fn tenths(v: f64) -> String {
    let mut s = String::new();
    push_tenths(&mut s, v);
    s
}

fn push_tenths(s: &mut String, v: f64) {
    use std::fmt::Write;
    let t = (v * 10.0).round() as i64;
    if t < 0 {
        s.push('-');
    }
    let t = t.unsigned_abs();
    let _ = write!(s, "{}", t / 10);
    if !t.is_multiple_of(10) {
        let _ = write!(s, ".{}", t % 10);
    }
}

pub const MIN_SPAN: f64 = 20.0;
pub const MAX_SPAN: f64 = 200_000.0;
/// The most arrows drawn at once; beyond it the diagram thins them out.
pub const MAX_DRAWN: usize = 1500;

#[cfg(test)]
mod tests {
    use super::*;
    use protocol_core::scenario::presets;

    fn built(s: Scenario) -> (AnySim, Tracker) {
        let mut sim = AnySim::new(s).expect("scenario");
        sim.run_to_end();
        let mut t = Tracker::default();
        t.update(&sim, usize::MAX);
        (sim, t)
    }

    fn raft(script: Vec<Action>) -> Scenario {
        let mut s = Scenario::new(ProtocolId::Raft);
        s.nodes = 3;
        s.script = script;
        s
    }

    #[test]
    fn every_sent_message_is_one_arrow_from_send_to_end() {
        let (sim, t) = built(presets::default_scenario());
        let d = &t.diagram;
        let sent: usize = sim.events().iter().map(|e| e.sent.len()).sum();
        assert!(sent > 10);
        assert_eq!(d.arrows.len(), sent);
        assert_eq!(d.events, sim.events().len());
        let in_flight: Vec<u64> = sim.envelopes().iter().map(|e| e.id).collect();
        for a in &d.arrows {
            assert_ne!(a.from, a.to);
            assert!(a.to >= 1 && usize::from(a.to) <= d.nodes, "{a:?}");
            if in_flight.contains(&a.id) {
                assert_eq!(a.end, End::InFlight);
            } else {
                assert!(a.end_time.is_some_and(|e| e >= a.sent), "{a:?}");
                let end = &sim.events()[a.end_event.expect("end")];
                assert!(matches!(&end.what, What::Deliver { id, .. } | What::Lost { id, .. } if *id == a.id));
            }
        }
        // Sorted by send time, for the window's binary search.
        assert!(d.arrows.windows(2).all(|w| w[0].sent <= w[1].sent));
    }

    #[test]
    fn a_leader_is_marked_and_leaderless_time_ends() {
        let (_, t) = built(raft(vec![Action::run_ms(1500)]));
        let d = &t.diagram;
        let leaders: Vec<_> = d.marks.iter().filter(|m| m.kind == MarkKind::Leader).collect();
        assert_eq!(leaders.len(), 1);
        assert!(d.marks.iter().any(|m| m.kind == MarkKind::Candidate));
        assert_eq!(d.first_leader, Some(leaders[0].time));
        assert_eq!(d.leaderless, vec![(0, Some(leaders[0].time))]);
        let s = d.stats(1500);
        assert_eq!(s.unavailable_ms, leaders[0].time);
        assert_eq!(s.commits, 0);
        // Before the election everything so far is unavailable.
        let early = d.stats(leaders[0].time - 1);
        assert_eq!(early.first_leader, None);
        assert_eq!(early.unavailable_ms, leaders[0].time - 1);
    }

    #[test]
    fn drops_crashes_commits_and_duplicates() {
        let mut sim = AnySim::new(raft(vec![Action::run_ms(1000)])).expect("scenario");
        sim.run_to_end();
        let leader = sim.roles().iter().position(|r| *r == Some(RoleKind::Leader)).expect("leader") as NodeId + 1;
        sim.intervene(Action::Request { node: leader, value: "x".into() }).expect("request");
        let first = sim.envelopes()[0];
        sim.intervene(Action::Duplicate(Matcher::id(first.id))).expect("dup");
        let second = sim.envelopes()[1].id;
        sim.intervene(Action::Drop(Matcher::id(second))).expect("drop");
        let follower = if leader == 1 { 2 } else { 1 };
        sim.intervene(Action::Crash { node: follower }).expect("crash");
        sim.advance_to(1200);
        sim.intervene(Action::Restart { node: follower, amnesia: false }).expect("restart");
        sim.advance_to(1400);
        let mut t = Tracker::default();
        t.update(&sim, usize::MAX);
        let d = &t.diagram;
        let copy = d.arrows.iter().find(|a| a.copy_of == Some(first.id)).expect("a fork");
        assert_eq!((copy.from, copy.to, copy.kind), (first.from, first.to, first.kind));
        assert_eq!(d.arrow(second).map(|a| a.end), Some(End::Dropped));
        assert_eq!(d.crashes.len(), 1);
        assert_eq!(d.crashes[0].node, follower);
        assert!(d.crashes[0].to.is_some_and(|t| t == 1200));
        assert!(d.marks.iter().any(|m| m.kind == MarkKind::Commit
            && m.node == leader
            && matches!(&m.detail, MarkDetail::Command(c) if c.starts_with('x'))));
        assert!(d.arrows.iter().any(|a| matches!(a.end, End::Lost(LossReason::Crashed)) && a.to == follower));
    }

    #[test]
    fn incremental_updates_equal_a_rebuild_and_forks_rebuild() {
        let mut sim = AnySim::new(raft(vec![Action::run_ms(400)])).expect("scenario");
        let mut t = Tracker::default();
        for ms in (0..1600).step_by(37) {
            sim.advance_to(ms);
            t.update(&sim, 7);
        }
        while t.update(&sim, 7) {}
        let mut fresh = Tracker::default();
        fresh.update(&sim, usize::MAX);
        assert_eq!(t.diagram.arrows, fresh.diagram.arrows);
        assert_eq!(t.diagram.marks, fresh.diagram.marks);
        // Acting in the past cuts the trace: the tracker starts again.
        sim.seek(20);
        sim.intervene(Action::Crash { node: 1 }).expect("crash");
        t.update(&sim, usize::MAX);
        assert_eq!(t.diagram.events, 21);
        assert_eq!(t.diagram.crashes.len(), 1);
        assert!(t.caught_up(&sim));
    }

    #[test]
    fn the_window_finds_exactly_the_crossing_arrows() {
        let (sim, t) = built(presets::default_scenario());
        let d = &t.diagram;
        let now = sim.now();
        for (a, b) in [(0, 50), (100, 180), (300, 301), (0, now)] {
            let got = d.visible_arrows(a, b, now);
            let want: Vec<usize> =
                (0..d.arrows.len()).filter(|&k| d.arrows[k].sent <= b && d.arrows[k].until(now) >= a).collect();
            assert_eq!(got, want, "window {a}..{b}");
        }
        let marks = d.visible_marks(0, now);
        assert_eq!(marks.len(), d.marks.len());
    }

    #[test]
    fn compare_keeps_fault_times_and_drops_matchers() {
        let mut sim = AnySim::new(raft(vec![Action::run_ms(500)])).expect("scenario");
        sim.run_to_end();
        let id = sim.envelopes().first().map(|e| e.id);
        if let Some(id) = id {
            sim.intervene(Action::Drop(Matcher::id(id))).expect("drop");
        }
        sim.advance_to(700);
        sim.intervene(Action::Partition { groups: vec![vec![1], vec![2, 3]] }).expect("partition");
        sim.advance_to(900);
        sim.intervene(Action::Heal {}).expect("heal");
        sim.advance_to(1500);
        let faults = fault_script(sim.events());
        assert_eq!(faults.iter().map(|f| f.0).collect::<Vec<_>>(), vec![700, 900]);
        for p in ProtocolId::ALL {
            let s = compare_scenario(sim.scenario(), sim.events(), p);
            assert!(s.script.iter().all(neutral_or_run));
            let mut other = AnySim::new(s).expect("mapped scenario");
            other.advance_to(1500);
            assert_eq!(fault_script(other.events()), faults, "{p:?}");
        }
    }

    fn neutral_or_run(a: &Action) -> bool {
        neutral(a) || matches!(a, Action::Run { .. })
    }

    #[test]
    fn link_parameters_round_trip() {
        let p = LinkParams::parse("#s=1.abc&compare=raft,vsr&view=diagram");
        assert_eq!(p.compare, vec![ProtocolId::Raft, ProtocolId::Vsr]);
        assert!(p.diagram);
        assert_eq!(p.suffix(), "&compare=raft,vsr&view=diagram");
        assert_eq!(LinkParams::parse("#s=1.abc"), LinkParams::default());
        // One protocol is not a comparison; unknown ids are ignored.
        assert!(LinkParams::parse("#s=1.x&compare=raft,zab").compare.is_empty());
        assert_eq!(LinkParams::default().suffix(), "");
    }

    #[test]
    fn link_parameters_carry_the_language() {
        let p = LinkParams::parse("#s=1.abc&view=diagram&lang=zh");
        assert_eq!((p.lang, p.diagram), (Some(Lang::Zh), true));
        assert_eq!(p.suffix(), "&view=diagram&lang=zh");
        assert_eq!(LinkParams::parse("#preset=raft/figure8&lang=en").lang, Some(Lang::En));
        // Unknown languages are ignored; a bare `#lang=zh` opens the default scenario in Chinese.
        assert_eq!(LinkParams::parse("#s=1.abc&lang=xx").lang, None);
        assert_eq!(LinkParams::parse("#lang=zh").lang, Some(Lang::Zh));
        assert_eq!(LinkParams::parse("#s=1.lang"), LinkParams::default());
        let zh = LinkParams { lang: Some(Lang::Zh), ..LinkParams::default() };
        assert_eq!(LinkParams::parse(&format!("#s=1.abc{}", zh.suffix())), zh);
        assert_eq!(LinkParams::without_lang("#s=1.abc&lang=zh&view=diagram"), "#s=1.abc&view=diagram");
        assert_eq!(LinkParams::without_lang("#s=1.abc"), "#s=1.abc");
        assert_eq!(LinkParams::without_lang("#lang=zh"), "");
        assert_eq!(LinkParams::without_lang(""), "");
    }

    #[test]
    fn distance_to_a_segment_is_to_its_nearest_point() {
        let (a, b) = ((0.0, 0.0), (10.0, 0.0));
        assert_eq!(distance_to_segment((5.0, 3.0), a, b), 3.0);
        // Beyond an end, the distance is to that end.
        assert_eq!(distance_to_segment((13.0, 4.0), a, b), 5.0);
        assert_eq!(distance_to_segment((-3.0, -4.0), a, b), 5.0);
        // A segment of no length is a point.
        assert_eq!(distance_to_segment((3.0, 4.0), a, a), 5.0);
    }

    #[test]
    fn zoom_and_follow() {
        let (s, w) = zoom(0.0, 1000.0, 0.5, 500.0);
        assert_eq!((s, w), (250.0, 500.0));
        assert_eq!(zoom(0.0, 100.0, 0.01, 0.0).1, MIN_SPAN);
        assert_eq!(follow(0.0, 1000.0, 500.0), 0.0);
        assert_eq!(follow(0.0, 1000.0, 2000.0), 1200.0);
        let sc = Scale { start: 100.0, span: 200.0, left: 10.0, width: 400.0 };
        assert_eq!(sc.x(200.0), 210.0);
    }

    #[test]
    fn path_data_is_short_and_exact_to_a_tenth() {
        assert_eq!(
            [12.0, -0.5, 3.24, 3.25, 0.04, -0.04, 1e3].map(tenths),
            ["12", "-0.5", "3.2", "3.3", "0", "0", "1000"]
        );
        let mut p = PathData::default();
        assert!(p.is_empty());
        p.line((0.0, 0.0), (10.5, 20.0));
        // An arrowhead pointing right: its tip at the end, 8 long, 7 wide.
        p.head((0.0, 5.0), (20.0, 5.0));
        p.cross((10.0, 10.0), 4.0);
        assert_eq!(p.clone().into_string(), "M0 0L10.5 20M20 5L12 8.5L12 1.5ZM6 6L14 14M6 14L14 6");
        // A line of no length has no direction, so no head.
        p.head((1.0, 1.0), (1.0, 1.0));
        p.dot((5.0, 5.0), 2.5);
        assert!(p.into_string().ends_with("ZM6 6L14 14M6 14L14 6M2.5 5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0"));
    }

    #[test]
    fn a_crowded_window_is_thinned_evenly() {
        let mut d = Diagram::new(vec![None; 3]);
        for i in 0..(MAX_DRAWN * 2 + 10) {
            let sent = i as u64 / 10;
            d.arrows.push(Arrow {
                id: i as MsgId,
                from: 1,
                to: 2,
                kind: "X",
                sent,
                send_event: i,
                end: End::Delivered,
                end_time: Some(sent + 5),
                end_event: Some(i),
                summary: None,
                copy_of: None,
            });
        }
        let (few, thinned) = d.drawn_arrows(0, 10, 1000);
        assert!(!thinned);
        assert_eq!(few.len(), 110);
        let (all, thinned) = d.drawn_arrows(0, 1000, 1000);
        assert!(thinned);
        assert!(all.len() <= MAX_DRAWN && all.len() > MAX_DRAWN / 2, "{}", all.len());
        assert_eq!(all[..2], [0, 3]);
    }
}
/// The e2e fixture, stepped by hand: one RequestVote round, 4 messages.
#[cfg(test)]
mod manual_tests {
    use super::*;
    #[test]
    fn stepping_a_manual_scenario_folds_in_every_step() {
        let s: Scenario =
            serde_json::from_str(include_str!("../../e2e/fixtures/spacetime-manual.json")).expect("fixture");
        let mut sim = AnySim::new(s).expect("scenario");
        let mut t = Tracker::default();
        t.update(&sim, usize::MAX);
        for _ in 0..3 {
            sim.step_event();
            t.update(&sim, usize::MAX);
        }
        assert_eq!(t.diagram.arrows.len(), 4);
        assert_eq!(t.diagram.arrows.iter().filter(|a| a.end == End::Delivered).count(), 2);
    }
}
