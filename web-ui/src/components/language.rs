//! The language of the page: a link's `&lang=`, else the choice made with
//! the picker (kept in localStorage), else the browser's language.
//!
//! The app holds it in a state handle and provides it as context. Every
//! component that shows text calls [`use_lang`]: switching language then
//! re-renders each of them at once, keeping the session and every
//! component's own state (props alone would not do it: components skip
//! rendering when their props are unchanged).

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::input_value;
use crate::spacetime::LinkParams;
use crate::text::{self, Lang};

const KEY: &str = "quorumscope.lang";

/// The language in context.
pub type LangState = UseStateHandle<Lang>;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn initial() -> Lang {
    let window = web_sys::window();
    let hash = window.as_ref().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let stored = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    let browser = window.and_then(|w| w.navigator().language()).unwrap_or_default();
    Lang::initial(LinkParams::parse(&hash).lang, stored.as_deref(), &browser)
}

/// The app's language: texts render in it from this render on, and
/// `<html lang>` follows it (the browser picks CJK fonts by it).
#[hook]
pub fn use_language() -> LangState {
    let lang = use_state(initial);
    text::set_lang(*lang);
    use_effect_with(*lang, |l| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", l.html_tag());
        }
    });
    lang
}

/// The current language; the calling component re-renders when it changes.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangState>().map_or_else(text::lang, |l| *l)
}

/// A link's language applies to that visit: once the user picks one, the
/// address loses its `&lang=` so that a reload keeps the user's choice.
fn forget_link_language() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if LinkParams::parse(&hash).lang.is_some()
        && let Ok(h) = w.history()
    {
        let url = crate::history::page_url() + &LinkParams::without_lang(&hash);
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The language picker in the header: each language named in itself.
#[component]
pub fn LanguagePicker() -> Html {
    let Some(state) = use_context::<LangState>() else { return html! {} };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(l) = Lang::parse(&input_value(&e)) else { return };
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, l.id());
            }
            forget_link_language();
            state.set(l);
        })
    };
    let options = Lang::ALL.iter().map(|l| {
        html! { <option value={l.id()} lang={l.html_tag()} selected={*l == *state}>{l.name()}</option> }
    });
    html! {
        <select class="lang-picker" data-control="lang" data-lang={state.id()} aria-label={text::language_label()}
            title={text::language_label()} {onchange}>
            { for options }
        </select>
    }
}
