//! The components. Each takes narrow `PartialEq` props and sends `Action`s
//! through the dispatcher in context.

pub mod cluster;
pub mod controls;
pub mod events;
pub mod explore;
pub mod files;
pub mod inspector;
pub mod language;
pub mod library;
pub mod log_view;
pub mod network;
pub mod overlays;
pub mod share;
pub mod spacetime;
pub mod theme;
pub mod tour;

use yew::prelude::*;

use crate::store::Store;

pub use language::use_lang;

pub type Dispatch = UseReducerDispatcher<Store>;

/// The store's dispatcher (provided by the app).
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("the app provides the dispatcher")
}

/// The value of the input or select an event came from.
pub fn input_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(t) = e.target() else { return String::new() };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    String::new()
}

/// The checked state of the checkbox an event came from.
pub fn input_checked(e: &Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked())
}

/// A callback that applies `f` to a copy of a form's state and stores it.
pub fn form_update<F: Clone + 'static>(form: &UseStateHandle<F>, f: fn(&mut F, &Event)) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let mut next = (*form).clone();
        f(&mut next, &e);
        form.set(next);
    })
}

/// A callback for a checkbox that adds `id` to, or removes it from, a list
/// in a form's state.
pub fn form_toggle<F: Clone + 'static>(
    form: &UseStateHandle<F>,
    list: fn(&mut F) -> &mut Vec<&'static str>,
    id: &'static str,
) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let mut next = (*form).clone();
        let l = list(&mut next);
        l.retain(|x| *x != id);
        if input_checked(&e) {
            l.push(id);
        }
        form.set(next);
    })
}

/// A dialog's close button and its Escape key.
pub fn dialog_close(on_close: &Callback<()>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let c = on_close.clone();
    let close = Callback::from(move |_| c.emit(()));
    let c = on_close.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            c.emit(());
        }
    });
    (close, onkeydown)
}

/// A protocol option's checkbox, with its explanation.
pub fn option_checkbox(id: &'static str, checked: bool, onchange: Callback<Event>, disabled: bool) -> Html {
    html! {
        <label class="check">
            <input type="checkbox" data-option={id} {checked} {onchange} {disabled} />
            <code>{id}</code>{" "}<span>{crate::text::option_help(id)}</span>
        </label>
    }
}

/// A bug variant's checkbox, marked as a bug, with its explanation.
pub fn bug_checkbox(id: &'static str, checked: bool, onchange: Callback<Event>, disabled: bool) -> Html {
    html! {
        <label class="check bug">
            <input type="checkbox" data-variant={id} {checked} {onchange} {disabled} />
            <span class="bug-tag">{crate::text::bug_tag()}</span><code>{id}</code>{" "}<span>{crate::text::variant_help(id)}</span>
        </label>
    }
}
