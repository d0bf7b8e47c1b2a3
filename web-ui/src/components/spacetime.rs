//! The space-time diagram panel, its SVG export, and compare mode. The
//! model is `crate::spacetime`; this file only draws it and keeps the view
//! state (open panels, the time window) that share links carry.

use std::cell::RefCell;

use protocol_core::{AnySim, ProtocolId};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::adapter;
use crate::components::{input_checked, use_dispatch, use_lang};
use crate::spacetime::{self as st, Diagram, End, LinkParams, MarkKind, Scale, Tracker};
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

const W: f64 = 1000.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 34.0;
const LANE: f64 = 34.0;

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
.st-arrow line.v{stroke-width:1.4;fill:none}\
.st-arrow line.hit{stroke:transparent;stroke-width:9;cursor:pointer}\
.st-arrow.copy line.v{stroke-dasharray:5 3}\
.st-arrow.open line.v{stroke-dasharray:2 3}\
.st-arrow.sel line.v{stroke-width:3}\
.st-arrow path.x{stroke:var(--danger,#c62828);stroke-width:2;fill:none}\
.st-arrow circle.fork{fill:var(--ink,#1b1f24)}\
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

struct Drawing<'a> {
    d: &'a Diagram,
    protocol: ProtocolId,
    win: Window,
    /// Where unfinished arrows end (the known trace's latest time).
    end: u64,
    /// The time of the current position.
    now: f64,
    selected: Option<u64>,
    title: String,
    on_seek: Callback<(usize, Option<u64>)>,
}

fn lane_y(node: u8) -> f64 {
    TOP + LANE * (f64::from(node) - 0.5)
}

fn draw(g: &Drawing) -> Html {
    let d = g.d;
    let n = d.nodes.max(1);
    let height = TOP + LANE * n as f64 + 8.0;
    let sc = Scale { start: g.win.start, span: g.win.span, left: LEFT, width: W - LEFT - 10.0 };
    let (a, b) = (g.win.start.max(0.0) as u64, (g.win.start + g.win.span).ceil() as u64);
    let clip = |t: f64| t.clamp(g.win.start, g.win.start + g.win.span);
    let lanes = (1..=n as u8).map(|id| {
        let y = lane_y(id);
        html! { <g>
            <line class="st-lane" x1={LEFT.to_string()} x2={(W - 10.0).to_string()} y1={y.to_string()} y2={y.to_string()} />
            <text class="st-label" x="6" y={(y + 4.0).to_string()}>{text::node_name(id)}</text>
        </g> }
    });
    let step = tick_step(g.win.span);
    let first = (g.win.start / step).ceil() as i64;
    let last = ((g.win.start + g.win.span) / step).floor() as i64;
    let ticks = (first..=last).map(|k| {
        let t = k as f64 * step;
        let x = sc.x(t);
        html! { <g>
            <line class="st-grid" x1={x.to_string()} x2={x.to_string()} y1={(TOP - 8.0).to_string()} y2={(height - 8.0).to_string()} />
            <text class="st-tick" x={(x + 2.0).to_string()} y={(TOP - 10.0).to_string()}>{text::event_time(t as u64)}</text>
        </g> }
    });
    let downs = d.crashes.iter().filter(|c| (c.from as f64) <= g.win.start + g.win.span).map(|c| {
        let x0 = sc.x(clip(c.from as f64));
        let x1 = sc.x(clip(c.to.map_or(g.end as f64, |t| t as f64)));
        let y = lane_y(c.node) - LANE * 0.35;
        html! { <rect class="st-down" data-down={c.node.to_string()} x={x0.to_string()} y={y.to_string()}
        width={(x1 - x0).max(1.0).to_string()} height={(LANE * 0.7).to_string()}>
        <title>{text::st_down(c.node, c.from, c.to)}</title></rect> }
    });
    let mut visible = d.visible_arrows(a, b, g.end);
    let thinned = visible.len() > st::MAX_DRAWN;
    if thinned {
        let every = visible.len().div_ceil(st::MAX_DRAWN);
        visible = visible.into_iter().step_by(every).collect();
    }
    let arrows = visible.iter().map(|&k| {
        let ar = &d.arrows[k];
        if ar.to == 0 {
            return html! {};
        }
        // A copy forks off its original where the copy was made.
        let (mut x0, mut y0) = (sc.x(ar.sent as f64), lane_y(ar.from));
        if let Some(o) = ar.copy_of.and_then(|o| d.arrow(o)) {
            let (t0, t1) = (o.sent as f64, o.until(g.end) as f64);
            let f = if t1 > t0 { ((ar.sent as f64 - t0) / (t1 - t0)).clamp(0.0, 1.0) } else { 0.0 };
            x0 = sc.x(t0 + (t1 - t0) * f);
            y0 = lane_y(o.from) + (lane_y(o.to) - lane_y(o.from)) * f;
        }
        let x1 = sc.x(ar.until(g.end) as f64);
        let y1 = lane_y(ar.to);
        let class = classes!(
            "st-arrow",
            ar.copy_of.map(|_| "copy"),
            (ar.end == End::InFlight).then_some("open"),
            (g.selected == Some(ar.id)).then_some("sel")
        );
        let k = format!("v k{}", adapter::kind_class(g.protocol, ar.kind));
        let end_mark = match ar.end {
            End::Delivered => html! {},
            End::InFlight => html! {},
            End::Lost(_) | End::Dropped => {
                let s = 4.0;
                html! { <path class="x" d={format!("M{} {}l{} {}M{} {}l{} {}", x1 - s, y1 - s, 2.0 * s, 2.0 * s, x1 - s, y1 + s, 2.0 * s, -2.0 * s)} /> }
            }
        };
        let fork = ar.copy_of.map(|_| html! { <circle class="fork" cx={x0.to_string()} cy={y0.to_string()} r="2.5" /> });
        let marker = (ar.end == End::Delivered).then_some("url(#st-head)");
        let on_seek = g.on_seek.clone();
        let (ev, id) = (ar.send_event + 1, ar.id);
        let onclick = Callback::from(move |_: MouseEvent| on_seek.emit((ev, Some(id))));
        let end = match ar.end {
            End::Delivered => "delivered",
            End::Lost(_) => "lost",
            End::Dropped => "dropped",
            End::InFlight => "in-flight",
        };
        html! {
            <g {class} data-msg={ar.id.to_string()} data-end={end} data-copy={ar.copy_of.map(|o| o.to_string())} {onclick}>
                <title>{text::st_arrow(ar)}</title>
                <line class={k} x1={x0.to_string()} y1={y0.to_string()} x2={x1.to_string()} y2={y1.to_string()} marker-end={marker} />
                <line class="hit" x1={x0.to_string()} y1={y0.to_string()} x2={x1.to_string()} y2={y1.to_string()} />
                { end_mark }{ for fork }
            </g>
        }
    });
    let marks = d.visible_marks(a, b).iter().map(|m| {
        let x = sc.x(m.time as f64);
        let y = lane_y(m.node);
        let (class, shape) = match m.kind {
            MarkKind::Leader | MarkKind::Candidate | MarkKind::Follower | MarkKind::Other => {
                let (c, l) = match m.kind {
                    MarkKind::Leader => ("leader", "L"),
                    MarkKind::Candidate => ("candidate", "C"),
                    MarkKind::Follower => ("follower", "F"),
                    _ => ("other", "V"),
                };
                (c, html! { <>
                    <rect x={(x - 6.0).to_string()} y={(y - 14.0).to_string()} width="12" height="12" rx="2" />
                    <text x={x.to_string()} y={(y - 8.0).to_string()}>{l}</text>
                </> })
            }
            MarkKind::Commit => ("commit", html! { <path d={format!("M{x} {}l5 5l-5 5l-5 -5z", y + 1.0)} /> }),
            MarkKind::Violation => ("violation", html! { <>
                <line class="st-vline" x1={x.to_string()} x2={x.to_string()} y1={TOP.to_string()} y2={(height - 8.0).to_string()} />
                <circle cx={x.to_string()} cy={y.to_string()} r="7" />
                <text x={x.to_string()} y={y.to_string()}>{"!"}</text>
            </> }),
            MarkKind::Crash => ("crash", html! { <text x={x.to_string()} y={(y + 12.0).to_string()}>{"✕"}</text> }),
            MarkKind::Restart => ("restart", html! { <text x={x.to_string()} y={(y + 12.0).to_string()}>{"↻"}</text> }),
        };
        let on_seek = g.on_seek.clone();
        let ev = m.event + 1;
        let onclick = Callback::from(move |_: MouseEvent| on_seek.emit((ev, None)));
        html! {
            <g class={classes!("st-mark", class)} data-mark-kind={class} data-event={ev.to_string()} {onclick}>
                <title>{text::st_mark(m)}</title>{shape}
            </g>
        }
    });
    let now_x = sc.x(g.now);
    let future = (g.now < g.end as f64).then(|| {
        let x0 = now_x.clamp(LEFT, W - 10.0);
        let x1 = sc.x(g.end as f64).clamp(LEFT, W - 10.0);
        html! { <rect class="st-future" x={x0.to_string()} y={TOP.to_string()} width={(x1 - x0).max(0.0).to_string()}
        height={(LANE * n as f64).to_string()} /> }
    });
    let now_line = (LEFT..=W - 10.0).contains(&now_x).then(|| {
        html! { <line class="st-now" data-now={format!("{:.0}", g.now)} x1={now_x.to_string()} x2={now_x.to_string()}
        y1={(TOP - 6.0).to_string()} y2={(height - 4.0).to_string()} /> }
    });
    html! {
        <svg class="st-svg" xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {W} {height}")}
            width={W.to_string()} height={height.to_string()} role="img" aria-label={g.title.clone()}
            data-arrows={visible.len().to_string()} data-total-arrows={d.arrows.len().to_string()}
            data-thinned={thinned.to_string()}>
            <title>{g.title.clone()}</title>
            <defs>
                <marker id="st-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                    <path d="M0 0L10 5L0 10z" fill="context-stroke" />
                </marker>
            </defs>
            <rect class="st-bg" x="0" y="0" width={W.to_string()} height={height.to_string()} />
            <text class="st-head" x="6" y="14">{g.title.clone()}</text>
            { for ticks }{ for lanes }{ for downs }{ for arrows }{ for marks }{ for future }{ for now_line }
        </svg>
    }
}

/// Keeps a tracker in sync with a session (throttled while playing).
fn sync(tracker: &RefCell<(Tracker, f64)>, sim: &AnySim, playing: bool) {
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

/// Zoom, pan, follow and export buttons over a window.
fn window_bar(win: &UseStateHandle<Window>, end: f64, now: f64, export: Option<Callback<MouseEvent>>) -> Html {
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
            if let Some(export) = export {
                <button data-st="export" onclick={export}>{text::st_export()}</button>
            }
        </div>
    }
}

#[component]
fn SpaceTime(p: &SpaceTimeProps) -> Html {
    use_lang();
    let d = use_dispatch();
    let tracker = use_mut_ref(|| (Tracker::default(), 0.0));
    let win = use_state(Window::default);
    let sim = p.sim.0.borrow();
    sync(&tracker, &sim, p.playing);
    let end = sim.events().last().map_or(0, |e| e.time).max(sim.now());
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
    let export = Callback::from(|_: MouseEvent| export_svg("spacetime", "quorumscope-diagram.svg"));
    let t = tracker.borrow();
    let title =
        text::st_title(text::protocol_name(p.protocol.id()), &text::scenario_title(p.sim.0.borrow().scenario()));
    let svg = draw(&Drawing {
        d: &t.0.diagram,
        protocol: p.protocol,
        win: w,
        end,
        now: p.vtime,
        selected: p.selected_msg,
        title,
        on_seek,
    });
    html! {
        <div class="spacetime" id="spacetime" data-events={t.0.diagram.events.to_string()}>
            <h2>{text::st_diagram()}<small>{text::st_hint()}</small></h2>
            { window_bar(&win, end as f64, p.vtime, Some(export)) }
            <div class="st-scroll">{svg}</div>
        </div>
    }
}

/// Downloads the SVG inside element `id` as a standalone file.
fn export_svg(id: &str, name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(svg) = doc.get_element_by_id(id).and_then(|e| e.query_selector("svg").ok().flatten()) else { return };
    // The page's strict CSP forbids inline styles, so the styles go into
    // the file only (the page gets the same rules from style.css).
    let html = svg.outer_html();
    let cut = html.find('>').map_or(0, |i| i + 1);
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}<style>{SVG_STYLE}</style>{}\n",
        &html[..cut],
        &html[cut..]
    );
    let href = format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&body));
    let Ok(a) = doc.create_element("a") else { return };
    let _ = a.set_attribute("href", &href);
    let _ = a.set_attribute("download", name);
    if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
        a.click();
    }
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
    tracker: RefCell<(Tracker, f64)>,
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
                Lane { protocol, sim, tracker: RefCell::new((Tracker::default(), 0.0)) }
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
            sync(&lane.tracker, sim, p.playing);
            end = end.max(sim.events().last().map_or(0, |e| e.time));
        }
    }
    let mut w = *win;
    if w.follow {
        w.start = st::follow(w.start, w.span, t);
    }
    let columns = cs.lanes.iter().map(|lane| {
        let name = text::protocol_name(lane.protocol.id());
        let body = match &lane.sim {
            Err(e) => html! { <p class="hint">{text::action_failed(e)}</p> },
            Ok(_) => {
                let tr = lane.tracker.borrow();
                let s = tr.0.diagram.stats(t as u64);
                let faults: Vec<String> =
                    lane.sim.as_ref().map(|x| st::fault_script(x.events()).iter().map(|f| f.0.to_string()).collect()).unwrap_or_default();
                let on_seek = {
                    let d = d.clone();
                    let times: Vec<u64> = lane.sim.as_ref().map(|x| x.events().iter().map(|e| e.time).collect()).unwrap_or_default();
                    let src = p.sim.clone();
                    Callback::from(move |(ev, _): (usize, Option<u64>)| {
                        // Seek the page to the same virtual time.
                        let at = times.get(ev.saturating_sub(1)).copied().unwrap_or(0);
                        let n = src.0.borrow().events().partition_point(|e| e.time <= at);
                        d.dispatch(Action::Seek(n));
                    })
                };
                let svg = draw(&Drawing {
                    d: &tr.0.diagram,
                    protocol: lane.protocol,
                    win: w,
                    end,
                    now: t,
                    selected: None,
                    title: name.to_string(),
                    on_seek,
                });
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
