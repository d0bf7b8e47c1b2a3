//! The Share dialog: the link to this exact run (the whole scenario and the
//! event shown), its trace hash, an `<iframe>` snippet for embedding, and
//! downloads of the scenario and the trace. A box puts the page's language
//! into the link and the snippet (`&lang=zh`); without it, each reader gets
//! their own.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::components::files::download;
use crate::components::{dialog_close, input_checked, use_lang};
use crate::session;
use crate::spacetime::LinkParams;
use crate::store::SimHandle;
use crate::text;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub sim: SimHandle,
    /// The page address without query or fragment.
    pub page: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn ShareDialog(p: &ShareProps) -> Html {
    let lang = use_lang();
    let keep_lang = use_state(|| false);
    let (payload, hash, title, position) = {
        let sim = p.sim.0.borrow();
        let mut s = sim.scenario().clone();
        s.cursor = Some(sim.position());
        let payload = protocol_core::scenario::link::encode(&s);
        (payload, session::hash_hex(sim.trace_hash()), s.title.clone(), sim.position())
    };
    let lang_param = LinkParams { lang: keep_lang.then_some(lang), ..LinkParams::default() }.suffix();
    let link = format!("{}#s={payload}{}{lang_param}", p.page, crate::components::spacetime::link_suffix());
    let snippet = session::embed_snippet(&p.page, &payload, &lang_param, &title);
    let on_keep_lang = {
        let keep_lang = keep_lang.clone();
        Callback::from(move |e: Event| keep_lang.set(input_checked(&e)))
    };
    let copied = use_state(|| None::<&'static str>);
    let focus = use_focus_on_open();
    let copy = |what: &'static str, value: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            if copy_to_clipboard(&value) {
                copied.set(Some(what));
            }
        })
    };
    let export_scenario = {
        let sim = p.sim.clone();
        Callback::from(move |_| {
            let sim = sim.0.borrow();
            download(
                &session::file_name(&sim.scenario().title, ".json"),
                "application/json",
                &session::scenario_file(&sim),
            );
        })
    };
    let export_trace = {
        let sim = p.sim.clone();
        Callback::from(move |_| {
            let sim = sim.0.borrow();
            download(
                &session::file_name(&sim.scenario().title, ".trace.json"),
                "application/json",
                &session::trace_file(&sim),
            );
        })
    };
    let (close, onkeydown) = dialog_close(&p.on_close);
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(t) = e.target() {
            if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
                i.select();
            } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                a.select();
            }
        }
    });
    let note = |what: &'static str| if *copied == Some(what) { text::copied() } else { "" };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="share-title" data-share="open" {onkeydown}>
            <div class="dialog share">
                <h2 id="share-title">{text::share_title()}</h2>
                <p class="hint">{text::share_intro()}</p>
                <label class="field">
                    <span>{text::share_link()}{" · "}{text::link_size(link.len())}</span>
                    <span class="copy-row">
                        <input type="text" readonly=true data-share-link="" value={link.clone()} onfocus={select_all.clone()}
                            ref={focus.clone()} />
                        <button type="button" data-copy="link" onclick={copy("link", link.clone())}>{text::copy()}</button>
                    </span>
                    <small class="copied" aria-live="polite">{note("link")}</small>
                </label>
                <label class="check">
                    <input type="checkbox" data-share-lang={lang.id()} checked={*keep_lang} onchange={on_keep_lang} />
                    {text::share_lang(lang.name())}
                </label>
                <p class="trace-hash">
                    {text::trace_hash()}{text::colon()}<code data-trace-hash={hash.clone()}>{hash.clone()}</code>
                    {" · "}{text::at_event(position)}
                    <br /><small>{text::trace_hash_hint()}</small>
                </p>
                <label class="field">
                    <span>{text::embed_title()}</span>
                    <textarea readonly=true rows="3" data-embed-snippet="" value={snippet.clone()} onfocus={select_all} />
                    <small>{text::embed_hint()}</small>
                    <span class="copy-row">
                        <button type="button" data-copy="embed" onclick={copy("embed", snippet)}>{text::copy()}</button>
                        <small class="copied" aria-live="polite">{note("embed")}</small>
                    </span>
                </label>
                <div class="actions">
                    <span class="label">{text::export()}{text::colon()}</span>
                    <button type="button" data-export="scenario" title={text::export_scenario_title()} onclick={export_scenario}>
                        {text::export_scenario()}
                    </button>
                    <button type="button" data-export="trace" title={text::export_trace_title()} onclick={export_trace}>
                        {text::export_trace()}
                    </button>
                </div>
                <div class="actions">
                    <button type="button" class="primary" data-share="close" onclick={close}>{text::close()}</button>
                </div>
            </div>
        </div>
    }
}

/// Starts copying to the clipboard; false when there is no clipboard. A
/// refusal (no permission) is caught, so it never reaches the console.
pub fn copy_to_clipboard(s: &str) -> bool {
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

/// A ref whose element gets the focus when the dialog opens (so Escape and
/// Tab work inside it).
#[hook]
pub fn use_focus_on_open() -> NodeRef {
    let r = use_node_ref();
    {
        let r = r.clone();
        use_effect_with((), move |_| {
            if let Some(el) = r.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    r
}
