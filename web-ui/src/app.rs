//! The top-level layout: the store, the clock, the keyboard, and the panels.

use std::rc::Rc;

use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::components::cluster::{Cluster, Legend};
use crate::components::controls::Controls;
use crate::components::events::{EventList, InvariantPanel, ViolationBanner};
use crate::components::inspector::Inspector;
use crate::components::log_view::LogView;
use crate::components::network::NetworkPanel;
use crate::components::overlays::{HelpOverlay, NoticeBar, SetupDialog};
use crate::hooks::{Key, prefers_reduced_motion, use_animation_frame, use_keyboard};
use crate::model;
use crate::store::{Action, Store};
use crate::text;

/// The store for the page: the scenario in the URL fragment, or the default.
fn initial_store() -> Store {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash.starts_with("#s=") {
        Store::from_link(&hash)
    } else {
        let mut s = Store::default_playing();
        s.playing = !prefers_reduced_motion();
        s
    }
}

#[component]
pub fn App() -> Html {
    let store = use_reducer(initial_store);
    let dispatcher = store.dispatcher();

    let on_frame = {
        let d = dispatcher.clone();
        Callback::from(move |dt: f64| d.dispatch(Action::Tick(dt)))
    };
    use_animation_frame(store.playing, on_frame);

    let on_key = {
        let d = dispatcher.clone();
        Callback::from(move |k: Key| {
            d.dispatch(match k {
                Key::PlayPause => Action::TogglePlay,
                Key::Back => Action::StepBack,
                Key::Forward => Action::StepForward,
                Key::Help => Action::ToggleHelp,
                Key::Escape => Action::Escape,
            })
        })
    };
    use_keyboard(on_key);

    let s = &*store;
    let protocol = s.sim().protocol();
    let title = s.sim().scenario().title.clone();
    let highlight: Rc<Vec<u8>> = Rc::new(match &s.banner {
        Some(v) => v.nodes.clone(),
        None => s.violations.iter().filter(|v| v.event + 1 == s.position).flat_map(|v| v.nodes.clone()).collect(),
    });
    let node = s.selected_node.and_then(|id| s.view.nodes.iter().find(|n| n.id == id).cloned());
    let msg = s.selected_msg.map(|id| (id, s.view.messages.iter().find(|m| m.id == id).cloned()));
    let next_value = model::next_value(s.requests_so_far());

    let open_setup = {
        let d = dispatcher.clone();
        Callback::from(move |_| d.dispatch(Action::SetSetup(true)))
    };
    let help = {
        let d = dispatcher.clone();
        Callback::from(move |_| d.dispatch(Action::ToggleHelp))
    };
    let share_link = use_state(|| None::<(String, bool)>);
    let share = {
        let store = store.clone();
        let share_link = share_link.clone();
        Callback::from(move |_| {
            let link = page_url() + "#s=" + &store.share_payload();
            let copied = copy_to_clipboard(&link);
            share_link.set(Some((link, copied)));
        })
    };
    let manual = !s.view.auto_deliver || !s.view.auto_timers;
    let narration = s.narration();

    html! {
        <ContextProvider<crate::components::Dispatch> context={dispatcher.clone()}>
            <div class="app" data-version={s.version.to_string()}>
                <header class="top">
                    <div class="brand">
                        <h1>{text::APP_NAME}</h1>
                        <span class="tagline">{text::TAGLINE}</span>
                    </div>
                    <div class="scenario-title">
                        <strong>{text::protocol_name(protocol.id())}</strong>
                        if !title.is_empty() { {" · "}{title} }
                        if manual { <span class="tag">{"manual"}</span> }
                    </div>
                    <nav class="top-actions">
                        <button data-control="new" onclick={open_setup}>{text::NEW_SCENARIO}</button>
                        <button data-control="share" onclick={share}>{text::SHARE}</button>
                        <button data-control="help" title={text::HELP_TITLE} onclick={help}>{text::HELP}</button>
                    </nav>
                </header>
                if let Some((link, copied)) = &*share_link {
                    <div class="share-box">
                        <label>
                            <span>{text::SHARE_LINK}{" · "}{if *copied { text::COPIED } else { text::COPY_BY_HAND }}</span>
                            <input type="text" readonly=true data-share-link="" value={link.clone()} />
                        </label>
                    </div>
                }
                if let Some(n) = &s.notice { <NoticeBar notice={n.clone()} /> }
                if let Some(v) = &s.banner { <ViolationBanner violation={v.clone()} /> }
                <main class="layout">
                    <div class="stage">
                        <Cluster view={s.view.clone()} {protocol} vtime={s.vtime} selected_node={s.selected_node}
                            selected_msg={s.selected_msg} highlight={highlight.clone()} />
                        <Controls playing={s.playing} speed={s.speed} position={s.position} events_len={s.events_len}
                            vtime={s.vtime} marks={s.marks.clone()} />
                        if let Some((i, total, note)) = narration {
                            <section class="panel narration" aria-label={text::NARRATION} data-narration={i.to_string()}>
                                <p class="step">{text::NARRATION}{" · "}{text::narration_step(i, total)}</p>
                                <p>{note}</p>
                            </section>
                        }
                        <Legend {protocol} />
                    </div>
                    <div class="side">
                        <Inspector {node} {msg} {next_value} />
                        <InvariantPanel names={s.invariants()} violations={s.violations.clone()} position={s.position} />
                        <NetworkPanel nodes={s.view.nodes.len()} selected={s.selected_node} />
                    </div>
                    <div class="bottom">
                        <LogView view={s.view.clone()} highlight={highlight} />
                        <EventList sim={s.sim.clone()} version={s.version} position={s.position} />
                    </div>
                </main>
                if s.setup { <SetupDialog /> }
                if s.help { <HelpOverlay /> }
            </div>
        </ContextProvider<crate::components::Dispatch>>
    }
}

/// The page's address without its fragment.
fn page_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            l.origin().unwrap_or_default() + &l.pathname().unwrap_or_default() + &l.search().unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Starts copying to the clipboard; false when there is no clipboard. A
/// refusal (no permission) is caught, so it never reaches the console.
fn copy_to_clipboard(s: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let nav = w.navigator();
    let has = js_sys::Reflect::get(&nav, &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if !has {
        return false;
    }
    let promise = nav.clipboard().write_text(s);
    let ignore = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
    let _ = promise.catch(&ignore);
    ignore.forget();
    true
}
