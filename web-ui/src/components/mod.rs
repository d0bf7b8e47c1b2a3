//! The components. Each takes narrow `PartialEq` props and sends `Action`s
//! through the dispatcher in context.

pub mod cluster;
pub mod controls;
pub mod events;
pub mod explore;
pub mod files;
pub mod inspector;
pub mod library;
pub mod log_view;
pub mod network;
pub mod overlays;
pub mod share;
pub mod spacetime;
pub mod tour;

use yew::prelude::*;

use crate::store::Store;

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
