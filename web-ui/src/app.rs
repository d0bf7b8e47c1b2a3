//! The top-level layout: the store, the clock, the keyboard, and the panels.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::cluster::{Cluster, Legend};
use crate::components::controls::Controls;
use crate::components::events::{EventList, InvariantPanel, ViolationBanner};
use crate::components::explore::ExplorePanel;
use crate::components::files::{OpenFile, use_file_drop};
use crate::components::inspector::Inspector;
use crate::components::language::{LangState, LanguagePicker, use_language};
use crate::components::library::Library;
use crate::components::log_view::LogView;
use crate::components::network::NetworkPanel;
use crate::components::overlays::{HelpOverlay, NoticeBar, SetupDialog};
use crate::components::share::ShareDialog;
use crate::components::spacetime::Views;
use crate::components::tour::Narration;
use crate::history::{page_base, use_history};
use crate::hooks::{Key, prefers_reduced_motion, use_animation_frame, use_keyboard};
use crate::store::{Action, Store};
use crate::{model, session, text};

/// The store for the page: the scenario in the URL fragment, or the default.
fn initial_store() -> Store {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if session::start_from_hash(&hash) != session::Start::Default {
        Store::from_hash(&hash)
    } else {
        let mut s = Store::default_playing();
        s.playing = !prefers_reduced_motion();
        s
    }
}

#[component]
pub fn App() -> Html {
    let lang = use_language();
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
    let title = text::scenario_title(s.sim().scenario());
    let highlight: Rc<Vec<u8>> = Rc::new(match &s.banner {
        Some(v) => v.nodes.clone(),
        None => s.violations.iter().filter(|v| v.event + 1 == s.position).flat_map(|v| v.nodes.clone()).collect(),
    });
    // Dropped messages fall away, and a duplicated one splits, only while
    // the run stays at that action.
    let gesture = if s.position == s.gesture.at { s.gesture.clone() } else { Rc::default() };
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
    // Issue 7: share dialog, library, files, history, embed mode, tours.
    let embed = use_state(|| {
        session::is_embed(&web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default())
    });
    let embed = *embed;
    let share_open = use_state(|| false);
    let library_open = use_state(|| false);
    let explore_open = use_state(|| false);
    let dragging = use_state(|| false);
    use_history(s, dispatcher.clone(), *lang);
    use_file_drop(dispatcher.clone(), dragging.clone());
    let toggle = |h: &UseStateHandle<bool>, v: bool| {
        let h = h.clone();
        let d = dispatcher.clone();
        Callback::from(move |_: ()| {
            if v {
                d.dispatch(Action::Pause);
            }
            h.set(v)
        })
    };
    let share = toggle(&share_open, true).reform(|_: MouseEvent| ());
    let open_library = toggle(&library_open, true).reform(|_: MouseEvent| ());
    let open_explore = toggle(&explore_open, true).reform(|_: MouseEvent| ());
    let manual = !s.view.auto_deliver || !s.view.auto_timers;
    let narration = s.narration();
    let notes = text::tour_notes(s.sim().scenario());
    let spot_text = match &s.tour {
        Some(t) => notes.get(t.at).cloned(),
        None => narration.as_ref().map(|n| n.2.clone()),
    };
    let spot = spot_text.map(|t| session::nodes_named(&t, s.view.nodes.len())).unwrap_or_default();
    let spot_class = classes!("cluster-wrap", spot.iter().map(|n| format!("spot-{n}")).collect::<Vec<_>>());
    let hash = session::hash_hex(s.sim().trace_hash());
    let narration_html = html! { <Narration note={narration.clone()} notes={notes.clone()} tour={s.tour.clone()} /> };
    // The cluster, its controls and the narration: the whole of embed mode,
    // the left column of the full page.
    let stage = html! {
        <>
            <div class={spot_class}>
                <Cluster view={s.view.clone()} {protocol} vtime={s.vtime} selected_node={s.selected_node}
                    selected_msg={s.selected_msg} highlight={highlight.clone()} gesture={gesture.clone()} />
            </div>
            <Controls playing={s.playing} speed={s.speed} position={s.position} events_len={s.events_len}
                vtime={s.vtime} marks={s.marks.clone()} />
            { narration_html }
        </>
    };
    let footer = html! { <footer class="foot">{text::trace_hash()}{" "}<code data-trace-hash={hash.clone()}>{hash}</code></footer> };
    if embed {
        return html! {
            <ContextProvider<LangState> context={lang}>
            <ContextProvider<crate::components::Dispatch> context={dispatcher.clone()}>
                <div class="app embed" data-version={s.version.to_string()} data-embed="1">
                    <div class="embed-title">
                        <strong>{text::protocol_name(protocol.id())}</strong>
                        if !title.is_empty() { {" · "}{title.clone()} }
                        <a href={format!("{}#s={}", page_base(), s.share_payload())} target="_blank" rel="noopener"
                            data-open-full="">{text::open_full()}</a>
                    </div>
                    if let Some(n) = &s.notice { <NoticeBar notice={n.clone()} /> }
                    if let Some(v) = &s.banner { <ViolationBanner violation={v.clone()} /> }
                    { stage.clone() }
                    { footer.clone() }
                </div>
            </ContextProvider<crate::components::Dispatch>>
            </ContextProvider<LangState>>
        };
    }

    html! {
        <ContextProvider<LangState> context={lang}>
        <ContextProvider<crate::components::Dispatch> context={dispatcher.clone()}>
            <div class="app" data-version={s.version.to_string()}>
                <header class="top">
                    <div class="brand">
                        <h1>{text::APP_NAME}</h1>
                        <span class="tagline">{text::tagline()}</span>
                    </div>
                    <div class="scenario-title">
                        <strong>{text::protocol_name(protocol.id())}</strong>
                        if !title.is_empty() { {" · "}{title} }
                        if manual { <span class="tag">{text::manual_tag()}</span> }
                    </div>
                    <nav class="top-actions">
                        <button data-control="new" onclick={open_setup}>{text::new_scenario()}</button>
                        <button data-control="library" onclick={open_library}>{text::library()}</button>
                        <button data-control="explore" title={text::explore_title_tip()} onclick={open_explore}>{text::explore()}</button>
                        <OpenFile />
                        <button data-control="share" onclick={share}>{text::share()}</button>
                        <button data-control="help" title={text::help_title()} onclick={help}>{text::help()}</button>
                        <crate::components::theme::ThemeButton />
                        <LanguagePicker />
                    </nav>
                </header>
                if let Some(n) = &s.notice { <NoticeBar notice={n.clone()} /> }
                if let Some(v) = &s.banner { <ViolationBanner violation={v.clone()} /> }
                <main class="layout">
                    <div class="stage">
                        { stage }
                        <Legend {protocol} />
                    </div>
                    <div class="side">
                        <Inspector {node} {msg} {next_value} />
                        <InvariantPanel names={s.invariants()} violations={s.violations.clone()} position={s.position} />
                        <NetworkPanel nodes={s.view.nodes.len()} selected={s.selected_node} />
                    </div>
                    <div class="wide">
                        <Views sim={s.sim.clone()} version={s.version} position={s.position} vtime={s.vtime}
                            playing={s.playing} selected_msg={s.selected_msg} />
                    </div>
                    <div class="bottom">
                        <LogView view={s.view.clone()} highlight={highlight} />
                        <EventList sim={s.sim.clone()} version={s.version} position={s.position} />
                    </div>
                </main>
                { footer }
                if s.setup { <SetupDialog /> }
                if s.help { <HelpOverlay /> }
                if *share_open { <ShareDialog sim={s.sim.clone()} page={page_base()} on_close={toggle(&share_open, false)} /> }
                if *library_open { <Library on_close={toggle(&library_open, false)} /> }
                if *explore_open { <ExplorePanel on_close={toggle(&explore_open, false)} /> }
                if *dragging { <div class="drop-hint" aria-hidden="true">{text::drop_here()}</div> }
            </div>
        </ContextProvider<crate::components::Dispatch>>
        </ContextProvider<LangState>>
    }
}
