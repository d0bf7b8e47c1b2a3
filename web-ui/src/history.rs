//! The page address and title follow the run (issue 7): the URL fragment
//! holds the share link of what is shown (replaced as the user explores,
//! pushed when another scenario is opened), and back/forward reopen it.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::Dispatch;
use crate::session;
use crate::store::{Action, SimHandle, Store};
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

/// How long the address waits for the run to hold still before it is
/// rewritten: encoding the link costs about 2 ms, too much for every frame
/// of a scrub (issue 12's frame budget).
const SETTLE_MS: u32 = 250;

/// Keeps the URL and the title (in `lang`) in step with the store; reopens
/// the run of a history entry on back/forward. A new scenario gets its
/// history entry at once; moves within a run replace the address once the
/// run holds still for [`SETTLE_MS`].
#[hook]
pub fn use_history(s: &Store, dispatch: Dispatch, lang: Lang) {
    let last_nav = use_mut_ref(|| None::<u64>);
    let settling = use_mut_ref(|| None::<Timeout>);
    let key = (s.nav, s.playing, if s.playing { 0 } else { s.version }, lang);
    let (sim, nav, push, playing) = (s.sim.clone(), s.nav, s.nav_push, s.playing);
    {
        let settling = settling.clone();
        use_effect_with(key, move |_| {
            settling.borrow_mut().take();
            if !playing && let Some(w) = web_sys::window() {
                let new_entry = push && last_nav.borrow().is_some_and(|n| n != nav);
                *last_nav.borrow_mut() = Some(nav);
                let (title, protocol, position) = {
                    let sim = sim.0.borrow();
                    (sim.scenario().title.clone(), sim.protocol().id(), sim.position())
                };
                if let Some(doc) = w.document() {
                    doc.set_title(&session::page_title(&title, text::protocol_name(protocol), position));
                }
                if new_entry {
                    write_address(&sim, true);
                } else {
                    *settling.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || write_address(&sim, false)));
                }
            }
        });
    }
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "popstate", move |_| {
                settling.borrow_mut().take();
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                dispatch.dispatch(Action::OpenLink(hash));
            })
        });
        move || drop(listener)
    });
}

/// Puts the link of the run, at its position, in the address bar: as a new
/// history entry, or in place of the current one.
fn write_address(sim: &SimHandle, new_entry: bool) {
    let Some(w) = web_sys::window() else { return };
    let sim = sim.0.borrow();
    let mut scenario = sim.scenario().clone();
    scenario.cursor = Some(sim.position());
    let url = format!("{}#s={}", page_url(), protocol_core::scenario::link::encode(&scenario));
    if let Ok(h) = w.history() {
        let _ = if new_entry {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}
