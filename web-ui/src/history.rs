//! The page address and title follow the run (issue 7): the URL fragment
//! holds the share link of what is shown (replaced as the user explores,
//! pushed when another scenario is opened), and back/forward reopen it.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::components::Dispatch;
use crate::session;
use crate::store::{Action, Store};
use crate::text::{self, Lang};

/// The page's address with its query (`?embed=1`) and without its fragment.
pub fn page_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            l.origin().unwrap_or_default() + &l.pathname().unwrap_or_default() + &l.search().unwrap_or_default()
        })
        .unwrap_or_default()
}

/// The page's address without query or fragment (for links to share).
pub fn page_base() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            l.origin().unwrap_or_default() + &l.pathname().unwrap_or_default()
        })
        .unwrap_or_default()
}

/// Keeps the URL and the title (in `lang`) in step with the store; reopens
/// the run of a history entry on back/forward.
#[hook]
pub fn use_history(s: &Store, dispatch: Dispatch, lang: Lang) {
    let last_nav = use_mut_ref(|| None::<u64>);
    let key = (s.nav, s.playing, if s.playing { 0 } else { s.version }, lang);
    let (sim, nav, push, playing) = (s.sim.clone(), s.nav, s.nav_push, s.playing);
    use_effect_with(key, move |_| {
        if !playing && let Some(w) = web_sys::window() {
            let sim = sim.0.borrow();
            let mut scenario = sim.scenario().clone();
            scenario.cursor = Some(sim.position());
            let url = format!("{}#s={}", page_url(), protocol_core::scenario::link::encode(&scenario));
            let new_entry = push && last_nav.borrow().is_some_and(|n| n != nav);
            *last_nav.borrow_mut() = Some(nav);
            if let Ok(h) = w.history() {
                let _ = if new_entry {
                    h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                } else {
                    h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                };
            }
            if let Some(doc) = w.document() {
                let protocol = text::protocol_name(sim.protocol().id());
                doc.set_title(&session::page_title(&scenario.title, protocol, sim.position()));
            }
        }
    });
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "popstate", move |_| {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                dispatch.dispatch(Action::OpenLink(hash));
            })
        });
        move || drop(listener)
    });
}
