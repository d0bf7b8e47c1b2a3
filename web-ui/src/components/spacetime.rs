//! The space-time diagram panel, its SVG and PNG export, and compare mode. The
//! model is `crate::spacetime`; this file only draws it and keeps the view
//! state (open panels, the time window) that share links carry.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use protocol_core::{AnySim, ProtocolId};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::adapter;
use crate::components::files::{download, download_blob, text_blob};
use crate::components::{input_checked, use_dispatch, use_lang};
use crate::spacetime::{self as st, Arrow, Diagram, End, LinkParams, MarkKind, PathData, Scale, Tracker};
use crate::store::{Action, SimHandle};
use crate::text;

thread_local! {
    /// The view part of the share link (`&compare=…&view=diagram`).
    static PARAMS: RefCell<LinkParams> = RefCell::new(LinkParams::default());
}

/// What to append to a share link so it reopens these panels.
pub fn link_suffix() -> String {
    PARAMS.with(|p| p.borrow().suffix())
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Events folded into a diagram per render while playing (a long link's
/// first build happens when paused, all at once).
const PLAY_BUDGET: usize = 400;
/// While playing, the diagram catches up at most this often (real ms).
const PLAY_EVERY_MS: f64 = 120.0;
/// How long the window must stay put before arrows are drawn one by one
/// (real ms); until then they are sketched.
const REST_MS: u32 = 150;
/// Exported PNGs have this many pixels per unit of the drawing.
const PNG_SCALE: f64 = 2.0;

const W: f64 = 1000.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 34.0;
const LANE: f64 = 34.0;
/// The room a tick's label needs.
const TICK_LABEL: f64 = 50.0;
/// How far left of the time axis the arrows and marks may still be drawn.
const CLIP_MARGIN: f64 = 14.0;

/// The styles of the drawing, put into an exported file so that it is
/// self-contained (colours through the page's CSS variables, with fallbacks
/// for the file). static/style.css holds the same rules for the page: keep
/// them in step.
const SVG_STYLE: &str = "\
.st-bg{fill:var(--panel,#fff)}\
.st-lane{stroke:var(--line,#d5dae1);stroke-width:1}\
.st-label,.st-tick,.st-head{fill:var(--ink,#1b1f24);font:12px system-ui,sans-serif}\
.st-tick{fill:var(--muted,#5b6470);font-size:10px}\
.st-head{font-weight:600;font-size:13px}\
.st-grid{stroke:var(--line,#d5dae1);stroke-width:.5;stroke-dasharray:2 4}\
.st-down{fill:var(--crashed,#8a9099);opacity:.35}\
line.v,path.v{stroke-width:1.4;fill:none}\
.v.copy{stroke-dasharray:5 3}\
.v.open{stroke-dasharray:2 3}\
.v.sel{stroke-width:3}\
path.head{stroke:none}\
.st-arrow line.hit{stroke:transparent;stroke-width:9;cursor:pointer}\
.x{stroke:var(--danger,#c62828);stroke-width:2;fill:none}\
.fork{fill:var(--ink,#1b1f24)}\
.k0{stroke:var(--k0,#e8710a);fill:var(--k0,#e8710a)}.k1{stroke:var(--k1,#8e44ad);fill:var(--k1,#8e44ad)}\
.k2{stroke:var(--k2,#0f8b8d);fill:var(--k2,#0f8b8d)}.k3{stroke:var(--k3,#6d4c41);fill:var(--k3,#6d4c41)}\
.k4{stroke:var(--k4,#d81b60);fill:var(--k4,#d81b60)}.k5{stroke:var(--k5,#546e7a);fill:var(--k5,#546e7a)}\
.k6{stroke:var(--k6,#7cb342);fill:var(--k6,#7cb342)}.k7{stroke:var(--k7,#3949ab);fill:var(--k7,#3949ab)}\
.st-mark{cursor:pointer}.st-mark text{font:bold 10px system-ui,sans-serif;text-anchor:middle;dominant-baseline:central}\
.st-mark rect{stroke:var(--ink,#1b1f24);stroke-width:.6}\
.st-mark.leader rect{fill:var(--leader,#2457c5)}.st-mark.leader text{fill:var(--leader-ink,#fff)}\
.st-mark.candidate rect{fill:var(--candidate,#f0a202)}.st-mark.candidate text{fill:#1b1f24}\
.st-mark.follower rect,.st-mark.other rect{fill:var(--follower,#e3e8ef)}.st-mark.follower text,.st-mark.other text{fill:#1b1f24}\
.st-mark.commit path{fill:var(--ok,#2e7d32)}\
.st-mark.crash text,.st-mark.restart text{fill:var(--ink,#1b1f24);font-size:12px}\
.st-mark.violation circle{fill:var(--danger,#c62828)}.st-mark.violation text{fill:#fff}\
.st-vline{stroke:var(--danger,#c62828);stroke-width:1.5;opacity:.6}\
.st-future{fill:var(--bg,#f6f7f9);opacity:.55;pointer-events:none}\
.st-now{stroke:var(--accent,#2457c5);stroke-width:2}";

#[derive(Clone, Copy, Debug, PartialEq)]
struct Window {
    start: f64,
    span: f64,
    follow: bool,
}

impl Default for Window {
    fn default() -> Self {
        Window { start: 0.0, span: 1000.0, follow: true }
    }
}

/// Chooses a tick step of 1, 2 or 5 times a power of ten, ~8 per window.
fn tick_step(span: f64) -> f64 {
    let raw = span / 8.0;
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|s| *s >= raw).unwrap_or(p * 10.0)
}

fn lane_y(node: u8) -> f64 {
    TOP + LANE * (f64::from(node) - 0.5)
}

/// The height of a drawing of `nodes` lanes.
fn plot_height(nodes: usize) -> f64 {
    TOP + LANE * nodes.max(1) as f64 + 8.0
}

/// A diagram kept up to date with a session, and when it was last brought up
/// to date (real ms, to throttle that while playing).
type Tracked = Rc<RefCell<(Tracker, f64)>>;

/// The diagram a drawing reads: equal while it is unchanged, so that the
/// arrows are drawn again only when it grows or forks.
#[derive(Clone)]
struct Source {
    tracked: Tracked,
    revision: u64,
}

impl Source {
    fn of(tracked: &Tracked) -> Source {
        Source { tracked: tracked.clone(), revision: tracked.borrow().0.revision }
    }
}

impl PartialEq for Source {
    fn eq(&self, other: &Source) -> bool {
        Rc::ptr_eq(&self.tracked, &other.tracked) && self.revision == other.revision
    }
}

#[derive(Properties, PartialEq)]
struct PlotProps {
    source: Source,
    /// Names the drawing's clip path (unique on the page).
    id: AttrValue,
    protocol: ProtocolId,
    start: f64,
    span: f64,
    /// Where unfinished arrows end (the known trace's latest time).
    end: u64,
    /// The time of the current position.
    now: f64,
    selected: Option<u64>,
    title: AttrValue,
    /// Seeks to an event (numbered from 1) and selects a message.
    on_seek: Callback<(usize, Option<u64>)>,
}

/// One diagram: the frame (lanes, ticks, the current time), redrawn as the
/// time moves, around the [`Layer`] of arrows and marks, redrawn only when
/// the window, the diagram or the selection changes. Clicks are handled here
/// for every arrow and mark: each carries the event to seek to.
#[component]
fn Plot(p: &PlotProps) -> Html {
    // While the window keeps moving (scrubbing, fast play) the arrows are
    // sketched; they are drawn one by one, with hover texts and click
    // targets, once it has stayed put for REST_MS.
    let window = (p.start, p.span);
    let rested = use_state(|| None::<(f64, f64)>);
    {
        let rested = rested.clone();
        use_effect_with(window, move |&w| {
            let timer = Timeout::new(REST_MS, move || rested.set(Some(w)));
            move || drop(timer)
        });
    }
    let detailed = *rested == Some(window);
    let n = p.source.tracked.borrow().0.diagram.nodes.max(1);
    let height = plot_height(n);
    let sc = Scale { start: p.start, span: p.span, left: LEFT, width: W - LEFT - 10.0 };
    let lanes = (1..=n as u8).map(|id| {
        let y = lane_y(id);
        html! { <g>
            <line class="st-lane" x1={LEFT.to_string()} x2={(W - 10.0).to_string()} y1={y.to_string()} y2={y.to_string()} />
            <text class="st-label" x="6" y={(y + 4.0).to_string()}>{text::node_name(id)}</text>
        </g> }
    });
    let step = tick_step(p.span);
    let first = (p.start / step).ceil() as i64;
    let last = ((p.start + p.span) / step).floor() as i64;
    let ticks = (first..=last).map(|k| {
        let t = k as f64 * step;
        let x = sc.x(t);
        html! { <g>
            <line class="st-grid" x1={st::tenths(x)} x2={st::tenths(x)} y1={(TOP - 8.0).to_string()} y2={(height - 8.0).to_string()} />
            // A label too close to the right edge would be cut.
            if x <= W - TICK_LABEL {
                <text class="st-tick" x={st::tenths(x + 2.0)} y={(TOP - 10.0).to_string()}>{text::event_time(t as u64)}</text>
            }
        </g> }
    });
    let now_x = sc.x(p.now);
    let future = (p.now < p.end as f64).then(|| {
        let x0 = now_x.clamp(LEFT, W - 10.0);
        let x1 = sc.x(p.end as f64).clamp(LEFT, W - 10.0);
        html! { <rect class="st-future" x={st::tenths(x0)} y={TOP.to_string()} width={st::tenths((x1 - x0).max(0.0))}
        height={(LANE * n as f64).to_string()} /> }
    });
    let now_line = (LEFT..=W - 10.0).contains(&now_x).then(|| {
        let x = st::tenths(now_x);
        html! { <line class="st-now" data-now={format!("{:.0}", p.now)} x1={x.clone()} x2={x}
        y1={(TOP - 6.0).to_string()} y2={(height - 4.0).to_string()} /> }
    });
    let (on_seek, source, end) = (p.on_seek.clone(), p.source.clone(), p.end);
    let onclick = Callback::from(move |e: MouseEvent| {
        let closest = |sel: &str| e.target_dyn_into::<web_sys::Element>().and_then(|t| t.closest(sel).ok().flatten());
        if let Some(hit) = closest("[data-event]") {
            let attr = |name: &str| hit.get_attribute(name).unwrap_or_default();
            if let Ok(ev) = attr("data-event").parse() {
                on_seek.emit((ev, attr("data-msg").parse().ok()));
            }
            return;
        }
        // A sketch has no element per arrow: find the arrow under the pointer.
        let Some(svg) = closest("svg.st-svg") else { return };
        let r = svg.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let at =
            ((e.client_x() as f64 - r.left()) * W / r.width(), (e.client_y() as f64 - r.top()) * height / r.height());
        let tracked = source.tracked.borrow();
        if let Some(ar) = arrow_at(&tracked.0.diagram, &sc, end, at) {
            on_seek.emit((ar.send_event + 1, Some(ar.id)));
        }
    });
    let clip = format!("{}-clip", p.id);
    html! {
        <svg class="st-svg" xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {W} {height}")}
            width={W.to_string()} height={height.to_string()} role="img" aria-label={p.title.clone()} {onclick}>
            <title>{p.title.clone()}</title>
            <defs>
                // Marks at the window's edges stay whole; nothing reaches the lane labels.
                <clipPath id={clip.clone()}>
                    <rect x={(LEFT - CLIP_MARGIN).to_string()} y="0" width={(W - LEFT + CLIP_MARGIN).to_string()}
                        height={height.to_string()} />
                </clipPath>
            </defs>
            <rect class="st-bg" x="0" y="0" width={W.to_string()} height={height.to_string()} />
            <text class="st-head" x="6" y="14">{p.title.clone()}</text>
            { for ticks }{ for lanes }
            <Layer source={p.source.clone()} protocol={p.protocol} start={p.start} span={p.span} end={p.end}
                selected={p.selected} {detailed} clip={format!("url(#{clip})")} />
            { for future }{ for now_line }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct LayerProps {
    source: Source,
    protocol: ProtocolId,
    start: f64,
    span: f64,
    end: u64,
    selected: Option<u64>,
    /// One element per arrow (hover texts, click targets), or a sketch.
    detailed: bool,
    clip: AttrValue,
}

/// Where an arrow is drawn.
struct Shape {
    from: (f64, f64),
    to: (f64, f64),
    /// A copy forks off its original where the copy was made.
    fork: bool,
}

fn shape(d: &Diagram, ar: &Arrow, sc: &Scale, end: u64) -> Shape {
    let mut from = (sc.x(ar.sent as f64), lane_y(ar.from));
    let original = ar.copy_of.and_then(|o| d.arrow(o));
    if let Some(o) = original {
        let (t0, t1) = (o.sent as f64, o.until(end) as f64);
        let f = if t1 > t0 { ((ar.sent as f64 - t0) / (t1 - t0)).clamp(0.0, 1.0) } else { 0.0 };
        from = (sc.x(t0 + (t1 - t0) * f), lane_y(o.from) + (lane_y(o.to) - lane_y(o.from)) * f);
    }
    Shape { from, to: (sc.x(ar.until(end) as f64), lane_y(ar.to)), fork: original.is_some() }
}

/// How an arrow's line looks: its message type's colour, and how it is
/// dashed (a copy, still in flight) or thickened (selected).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Look {
    kind: usize,
    copy: bool,
    open: bool,
    sel: bool,
}

impl Look {
    fn of(protocol: ProtocolId, ar: &Arrow, selected: Option<u64>) -> Look {
        Look {
            kind: adapter::kind_class(protocol, ar.kind),
            copy: ar.copy_of.is_some(),
            open: ar.end == End::InFlight,
            sel: selected == Some(ar.id),
        }
    }

    /// The classes of the line.
    fn class(self) -> String {
        let mut c = format!("v k{}", self.kind);
        for (on, name) in [(self.copy, " copy"), (self.open, " open"), (self.sel, " sel")] {
            if on {
                c.push_str(name);
            }
        }
        c
    }
}

/// The classes of an arrowhead of message type colour `kind` (never dashed).
fn head_class(kind: usize) -> String {
    format!("head k{kind}")
}

const CROSS: f64 = 4.0;
const FORK: f64 = 2.5;

/// The arrows and marks of a window, clipped to the lanes.
#[component]
fn Layer(p: &LayerProps) -> Html {
    use_lang();
    let tracked = p.source.tracked.borrow();
    let d = &tracked.0.diagram;
    let height = plot_height(d.nodes);
    let sc = Scale { start: p.start, span: p.span, left: LEFT, width: W - LEFT - 10.0 };
    let (a, b) = sc.times();
    let within = |t: f64| t.clamp(p.start, p.start + p.span);
    let downs = d.crashes.iter().filter(|c| (c.from as f64) <= p.start + p.span).map(|c| {
        let x0 = sc.x(within(c.from as f64));
        let x1 = sc.x(within(c.to.map_or(p.end as f64, |t| t as f64)));
        let y = lane_y(c.node) - LANE * 0.35;
        html! { <rect class="st-down" data-down={c.node.to_string()} x={st::tenths(x0)} y={y.to_string()}
        width={st::tenths((x1 - x0).max(1.0))} height={(LANE * 0.7).to_string()}>
        <title>{text::st_down(c.node, c.from, c.to)}</title></rect> }
    });
    let (drawn, thinned) = window_arrows(d, &sc, p.end);
    let arrows = if p.detailed {
        drawn.iter().map(|ar| arrow(d, ar, &sc, p)).collect::<Html>()
    } else {
        sketch(d, &drawn, &sc, p)
    };
    let marks = d.visible_marks(a, b).iter().map(|m| {
        let x = sc.x(m.time as f64);
        let (xs, y) = (st::tenths(x), lane_y(m.node));
        let (class, shape) = match m.kind {
            MarkKind::Leader | MarkKind::Candidate | MarkKind::Follower | MarkKind::Other => {
                let (c, l) = match m.kind {
                    MarkKind::Leader => ("leader", "L"),
                    MarkKind::Candidate => ("candidate", "C"),
                    MarkKind::Follower => ("follower", "F"),
                    _ => ("other", "V"),
                };
                (c, html! { <>
                    <rect x={st::tenths(x - 6.0)} y={(y - 14.0).to_string()} width="12" height="12" rx="2" />
                    <text x={xs.clone()} y={(y - 8.0).to_string()}>{l}</text>
                </> })
            }
            MarkKind::Commit => ("commit", html! { <path d={format!("M{xs} {}l5 5l-5 5l-5 -5z", y + 1.0)} /> }),
            MarkKind::Violation => ("violation", html! { <>
                <line class="st-vline" x1={xs.clone()} x2={xs.clone()} y1={TOP.to_string()} y2={(height - 8.0).to_string()} />
                <circle cx={xs.clone()} cy={y.to_string()} r="7" />
                <text x={xs} y={y.to_string()}>{"!"}</text>
            </> }),
            MarkKind::Crash => ("crash", html! { <text x={xs} y={(y + 12.0).to_string()}>{"✕"}</text> }),
            MarkKind::Restart => ("restart", html! { <text x={xs} y={(y + 12.0).to_string()}>{"↻"}</text> }),
        };
        html! {
            <g class={classes!("st-mark", class)} data-mark-kind={class} data-event={(m.event + 1).to_string()}>
                <title>{text::st_mark(m)}</title>{shape}
            </g>
        }
    });
    html! {
        <g class="st-layer" clip-path={p.clip.clone()} data-arrows={drawn.len().to_string()}
            data-total-arrows={d.arrows.len().to_string()} data-thinned={thinned.to_string()}
            data-detailed={p.detailed.to_string()}>
            { for downs }{ arrows }{ for marks }
        </g>
    }
}

/// One arrow as its own element: hover text, click target, data for tests.
fn arrow(d: &Diagram, ar: &Arrow, sc: &Scale, p: &LayerProps) -> Html {
    let s = shape(d, ar, sc, p.end);
    let [x1, y1, x2, y2] = [s.from.0, s.from.1, s.to.0, s.to.1].map(st::tenths);
    let (mut head, mut cross) = (PathData::default(), PathData::default());
    match ar.end {
        End::Delivered => head.head(s.from, s.to),
        End::Lost(_) | End::Dropped => cross.cross(s.to, CROSS),
        End::InFlight => {}
    }
    let look = Look::of(p.protocol, ar, p.selected);
    let end = match ar.end {
        End::Delivered => "delivered",
        End::Lost(_) => "lost",
        End::Dropped => "dropped",
        End::InFlight => "in-flight",
    };
    html! {
        <g class={classes!("st-arrow", (p.selected == Some(ar.id)).then_some("sel"))} data-msg={ar.id.to_string()}
            data-end={end} data-copy={ar.copy_of.map(|o| o.to_string())} data-event={(ar.send_event + 1).to_string()}>
            <title>{text::st_arrow(ar)}</title>
            <line class={look.class()} x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} />
            if !head.is_empty() { <path class={head_class(look.kind)} d={head.into_string()} /> }
            if !cross.is_empty() { <path class="x" d={cross.into_string()} /> }
            if s.fork { <circle class="fork" cx={x1.clone()} cy={y1.clone()} r={FORK.to_string()} /> }
            <line class="hit" {x1} {y1} {x2} {y2} />
        </g>
    }
}

/// The arrows drawn in a window (and whether some were thinned out).
fn window_arrows<'d>(d: &'d Diagram, sc: &Scale, end: u64) -> (Vec<&'d Arrow>, bool) {
    let (a, b) = sc.times();
    let (drawn, thinned) = d.drawn_arrows(a, b, end);
    (drawn.iter().map(|&k| &d.arrows[k]).filter(|ar| ar.to != 0).collect(), thinned)
}

/// The arrow drawn nearest to `at` (drawing units), if one passes within the
/// width of an arrow's click target.
fn arrow_at<'d>(d: &'d Diagram, sc: &Scale, end: u64, at: (f64, f64)) -> Option<&'d Arrow> {
    const REACH: f64 = 4.5;
    window_arrows(d, sc, end)
        .0
        .into_iter()
        .map(|ar| {
            let s = shape(d, ar, sc, end);
            (st::distance_to_segment(at, s.from, s.to), ar)
        })
        .filter(|&(dist, _)| dist <= REACH)
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, ar)| ar)
}

/// Every arrow of the window in a few paths, one per colour and dash: cheap
/// to redraw at every step while the window moves.
fn sketch(d: &Diagram, drawn: &[&Arrow], sc: &Scale, p: &LayerProps) -> Html {
    let mut lines: BTreeMap<Look, PathData> = BTreeMap::new();
    let mut heads: BTreeMap<usize, PathData> = BTreeMap::new();
    let (mut crosses, mut forks) = (PathData::default(), PathData::default());
    for ar in drawn {
        let s = shape(d, ar, sc, p.end);
        let look = Look::of(p.protocol, ar, p.selected);
        lines.entry(look).or_default().line(s.from, s.to);
        match ar.end {
            End::Delivered => heads.entry(look.kind).or_default().head(s.from, s.to),
            End::Lost(_) | End::Dropped => crosses.cross(s.to, CROSS),
            End::InFlight => {}
        }
        if s.fork {
            forks.dot(s.from, FORK);
        }
    }
    let lines = lines.into_iter().map(|(look, path)| html! { <path class={look.class()} d={path.into_string()} /> });
    let heads = heads.into_iter().map(|(k, path)| html! { <path class={head_class(k)} d={path.into_string()} /> });
    html! {
        <g class="st-sketch">
            { for lines }{ for heads }
            if !crosses.is_empty() { <path class="x" d={crosses.into_string()} /> }
            if !forks.is_empty() { <path class="fork" d={forks.into_string()} /> }
        </g>
    }
}

/// Keeps a tracker in sync with a session (throttled while playing).
fn sync(tracker: &Tracked, sim: &AnySim, playing: bool) {
    let mut t = tracker.borrow_mut();
    if playing && now_ms() - t.1 < PLAY_EVERY_MS && t.0.diagram.events > 0 {
        return;
    }
    let budget = if playing { PLAY_BUDGET } else { usize::MAX };
    if t.0.update(sim, budget) {
        t.1 = now_ms();
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewsProps {
    pub sim: SimHandle,
    pub version: u64,
    pub position: usize,
    pub vtime: f64,
    pub playing: bool,
    pub selected_msg: Option<u64>,
}

/// The diagram and compare panels with the toggles that open them.
#[component]
pub fn Views(p: &ViewsProps) -> Html {
    use_lang();
    let state = use_state(|| {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let p = LinkParams::parse(&hash);
        (p.diagram, p.compare)
    });
    let (diagram, picks) = (*state).clone();
    let compare = if picks.len() >= 2 { picks.clone() } else { Vec::new() };
    let params = LinkParams { compare, diagram, lang: None };
    {
        let v = params.clone();
        PARAMS.with(|p| *p.borrow_mut() = v);
    }
    let protocol = p.sim.0.borrow().protocol();
    let toggle_diagram = {
        let state = state.clone();
        Callback::from(move |_| {
            let (d, picks) = (*state).clone();
            state.set((!d, picks));
        })
    };
    let checks = ProtocolId::ALL.into_iter().filter(|x| adapter::available(*x)).map(|x| {
        let state = state.clone();
        let checked = picks.contains(&x);
        let onchange = Callback::from(move |e: Event| {
            let (d, mut list) = (*state).clone();
            list.retain(|y| *y != x);
            if input_checked(&e) {
                list.push(x);
                list.sort_by_key(|p| ProtocolId::ALL.iter().position(|q| q == p));
            }
            state.set((d, list));
        });
        html! {
            <label class="pick">
                <input type="checkbox" data-compare={x.id()} {checked} {onchange} />
                {text::protocol_name(x.id())}
            </label>
        }
    });
    html! {
        <section class="panel views" aria-label={text::st_views()}>
            <div class="views-bar">
                <button data-control="diagram" aria-pressed={params.diagram.to_string()} onclick={toggle_diagram}>
                    {text::st_diagram()}
                </button>
                <fieldset class="compare-picks">
                    <legend>{text::compare()}</legend>
                    { for checks }
                </fieldset>
            </div>
            if params.diagram {
                <SpaceTime sim={p.sim.clone()} version={p.version} position={p.position} vtime={p.vtime}
                    playing={p.playing} selected_msg={p.selected_msg} {protocol} />
            }
            if params.compare.len() >= 2 {
                <Compare sim={p.sim.clone()} version={p.version} vtime={p.vtime} playing={p.playing}
                    protocols={params.compare.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SpaceTimeProps {
    sim: SimHandle,
    version: u64,
    position: usize,
    vtime: f64,
    playing: bool,
    selected_msg: Option<u64>,
    protocol: ProtocolId,
}

/// Zoom, pan and follow buttons over a window, and export buttons for the
/// drawing inside element `export` if given.
fn window_bar(win: &UseStateHandle<Window>, end: f64, now: f64, export: Option<&'static str>) -> Html {
    let set = |f: Box<dyn Fn(Window) -> Window>| {
        let win = win.clone();
        Callback::from(move |_: MouseEvent| win.set(f(*win)))
    };
    let zoom_in = set(Box::new(move |w| {
        let (start, span) = st::zoom(w.start, w.span, 0.5, now.clamp(w.start, w.start + w.span));
        Window { start, span, ..w }
    }));
    let zoom_out = set(Box::new(move |w| {
        let (start, span) = st::zoom(w.start, w.span, 2.0, now.clamp(w.start, w.start + w.span));
        Window { start, span, ..w }
    }));
    let back = set(Box::new(|w| Window { start: (w.start - w.span / 2.0).max(0.0), follow: false, ..w }));
    let fwd = set(Box::new(|w| Window { start: w.start + w.span / 2.0, follow: false, ..w }));
    let fit = set(Box::new(move |_| Window { start: 0.0, span: end.clamp(st::MIN_SPAN, st::MAX_SPAN), follow: false }));
    let follow = set(Box::new(|w| Window { follow: !w.follow, ..w }));
    html! {
        <div class="st-bar">
            <button data-st="zoom-in" title={text::st_zoom_in()} onclick={zoom_in}>{"+"}</button>
            <button data-st="zoom-out" title={text::st_zoom_out()} onclick={zoom_out}>{"−"}</button>
            <button data-st="back" title={text::st_pan_back()} onclick={back}>{"◀"}</button>
            <button data-st="forward" title={text::st_pan_forward()} onclick={fwd}>{"▶"}</button>
            <button data-st="fit" onclick={fit}>{text::st_fit()}</button>
            <button data-st="follow" aria-pressed={win.follow.to_string()} onclick={follow}>{text::st_follow()}</button>
            if let Some(id) = export {
                <button data-st="export" onclick={Callback::from(move |_| export_svg(id))}>{text::st_export()}</button>
                <button data-st="export-png" onclick={Callback::from(move |_| export_png(id))}>{text::st_export_png()}</button>
            }
        </div>
    }
}

#[component]
fn SpaceTime(p: &SpaceTimeProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let tracked = use_mut_ref(|| (Tracker::default(), 0.0));
    let win = use_state(Window::default);
    let sim = p.sim.0.borrow();
    sync(&tracked, &sim, p.playing);
    let end = sim.events().last().map_or(0, |e| e.time).max(sim.now());
    let title = text::st_title(text::protocol_name(p.protocol.id()), &text::scenario_title(sim.scenario()));
    drop(sim);
    let mut w = *win;
    if w.follow {
        w.start = st::follow(w.start, w.span, p.vtime);
    }
    let on_seek = Callback::from(move |(ev, msg): (usize, Option<u64>)| {
        d.dispatch(Action::Seek(ev));
        if msg.is_some() {
            d.dispatch(Action::SelectMessage(msg));
        }
    });
    let events = tracked.borrow().0.diagram.events;
    html! {
        <div class="spacetime" id="spacetime" data-events={events.to_string()}>
            <h2>{text::st_diagram()}<small>{text::st_hint()}</small></h2>
            { window_bar(&win, end as f64, p.vtime, Some("spacetime")) }
            <div class="st-scroll">
                <Plot source={Source::of(&tracked)} id="spacetime" protocol={p.protocol} start={w.start} span={w.span}
                    {end} now={p.vtime} selected={p.selected_msg} {title} {on_seek} />
            </div>
        </div>
    }
}

/// The drawing inside element `id` as a standalone SVG file, with its
/// size; None if it is not on the page.
fn standalone_svg(id: &str) -> Option<(String, f64, f64)> {
    let doc = web_sys::window()?.document()?;
    let svg = doc.get_element_by_id(id)?.query_selector("svg").ok()??;
    let size = |name: &str| svg.get_attribute(name).and_then(|v| v.parse().ok());
    let (width, height) = (size("width")?, size("height")?);
    // The page's strict CSP forbids inline styles, so the styles go into
    // the file only (the page gets the same rules from style.css).
    let html = svg.outer_html();
    let cut = html.find('>').map_or(0, |i| i + 1);
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}<style>{SVG_STYLE}</style>{}\n",
        &html[..cut],
        &html[cut..]
    );
    Some((body, width, height))
}

/// Downloads the drawing inside element `id` as an SVG file.
fn export_svg(id: &str) {
    if let Some((body, _, _)) = standalone_svg(id) {
        download("quorumscope-diagram.svg", "image/svg+xml", &body);
    }
}

/// Downloads the drawing inside element `id` as a PNG at PNG_SCALE: the
/// same file as the SVG export, drawn on a canvas.
fn export_png(id: &str) {
    let Some((body, width, height)) = standalone_svg(id) else { return };
    let Some(blob) = text_blob("image/svg+xml", &body) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let image = img.clone();
    let source = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(canvas) =
            doc.create_element("canvas").ok().and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let (w, h) = (width * PNG_SCALE, height * PNG_SCALE);
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        if ctx.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h).is_err() {
            return;
        }
        let save = Closure::once_into_js(|png: Option<web_sys::Blob>| {
            if let Some(png) = png {
                download_blob("quorumscope-diagram.png", &png);
            }
        });
        let _ = canvas.to_blob_with_type(save.unchecked_ref(), "image/png");
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

#[derive(Properties, PartialEq)]
struct CompareProps {
    sim: SimHandle,
    version: u64,
    vtime: f64,
    playing: bool,
    protocols: Vec<ProtocolId>,
}

/// One protocol in compare mode: its session and its diagram.
struct Lane {
    protocol: ProtocolId,
    sim: Result<AnySim, String>,
    tracked: Tracked,
}

struct CompareState {
    /// The fault script and protocols the sessions were built for.
    key: (Vec<(u64, protocol_core::Action)>, Vec<ProtocolId>, usize, u64),
    lanes: Vec<Lane>,
}

/// The same fault script on two or three protocols, one shared clock (the
/// page's), side by side.
#[component]
fn Compare(p: &CompareProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let state = use_mut_ref(|| None::<CompareState>);
    let win = use_state(Window::default);
    let src = p.sim.0.borrow();
    let key = (st::fault_script(src.events()), p.protocols.clone(), src.scenario().nodes, src.scenario().seed);
    let mut guard = state.borrow_mut();
    if guard.as_ref().is_none_or(|s| s.key != key) {
        let lanes = p
            .protocols
            .iter()
            .map(|&protocol| {
                let sc = st::compare_scenario(src.scenario(), src.events(), protocol);
                let sim = AnySim::new(sc).map_err(|e| e.to_string()).map(|mut s| {
                    s.set_pause_on_violation(false);
                    s
                });
                Lane { protocol, sim, tracked: Rc::new(RefCell::new((Tracker::default(), 0.0))) }
            })
            .collect();
        *guard = Some(CompareState { key, lanes });
    }
    let end_src = src.events().last().map_or(0, |e| e.time).max(src.now());
    drop(src);
    let t = p.vtime.max(0.0);
    let Some(cs) = guard.as_mut() else { return html! {} };
    let mut end = end_src;
    for lane in &mut cs.lanes {
        if let Ok(sim) = lane.sim.as_mut() {
            // One clock: every protocol is shown at the page's time.
            let target = t.floor() as u64;
            if sim.now() < target {
                sim.advance_to(target);
            } else {
                let n = sim.events().partition_point(|e| e.time <= target);
                if n != sim.position() {
                    sim.seek(n);
                }
            }
            sync(&lane.tracked, sim, p.playing);
            end = end.max(sim.events().last().map_or(0, |e| e.time));
        }
    }
    let mut w = *win;
    if w.follow {
        w.start = st::follow(w.start, w.span, t);
    }
    let columns = cs.lanes.iter().enumerate().map(|(k, lane)| {
        let name = text::protocol_name(lane.protocol.id());
        let body = match &lane.sim {
            Err(e) => html! { <p class="hint">{text::action_failed(e)}</p> },
            Ok(sim) => {
                let s = lane.tracked.borrow().0.diagram.stats(t as u64);
                let faults: Vec<String> = st::fault_script(sim.events()).iter().map(|f| f.0.to_string()).collect();
                let on_seek = {
                    let (d, state, src) = (d.clone(), state.clone(), p.sim.clone());
                    Callback::from(move |(ev, _): (usize, Option<u64>)| {
                        // Seek the page to the same virtual time.
                        let state = state.borrow();
                        let lane = state.as_ref().and_then(|cs| cs.lanes.get(k)).and_then(|l| l.sim.as_ref().ok());
                        let at = lane.and_then(|sim| sim.events().get(ev.saturating_sub(1))).map_or(0, |e| e.time);
                        let n = src.0.borrow().events().partition_point(|e| e.time <= at);
                        d.dispatch(Action::Seek(n));
                    })
                };
                let svg = html! {
                    <Plot source={Source::of(&lane.tracked)} id={format!("compare-{}", lane.protocol.id())}
                        protocol={lane.protocol} start={w.start} span={w.span} {end} now={t} selected={None::<u64>}
                        title={name} {on_seek} />
                };
                html! { <>
                    <dl class="cmp-stats">
                        <dt>{text::cmp_first_leader()}</dt>
                        <dd data-stat="first-leader">{s.first_leader.map_or_else(|| text::cmp_none().to_string(), text::event_time)}</dd>
                        <dt>{text::cmp_commits()}</dt><dd data-stat="commits">{s.commits}</dd>
                        <dt>{text::cmp_sent()}</dt><dd data-stat="sent">{s.sent}</dd>
                        <dt>{text::cmp_unavailable()}</dt>
                        <dd data-stat="unavailable">{text::cmp_unavailable_time(s.unavailable_ms, s.unavailable.len())}</dd>
                    </dl>
                    <div class="st-scroll">{svg}</div>
                    <span hidden=true data-fault-times={faults.join(",")}></span>
                </> }
            }
        };
        html! {
            <section class="cmp-col" data-compare-protocol={lane.protocol.id()}>
                <h3>{name}</h3>
                {body}
            </section>
        }
    });
    html! {
        <div class="compare" id="compare">
            <h2>{text::compare()}<small>{text::cmp_hint()}</small></h2>
            { window_bar(&win, end as f64, t, None) }
            <div class="cmp-grid">{ for columns }</div>
        </div>
    }
}
