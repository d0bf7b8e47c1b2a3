//! The QuorumScope browser app. `model` and `store` are plain logic (tested
//! natively and in the browser); `components` and `hooks` are the Yew side.

pub mod adapter;
pub mod app;
pub mod components;
pub mod explore_wire;
pub mod explorer;
pub mod history;
pub mod hooks;
pub mod model;
pub mod session;
pub mod spacetime;
pub mod store;
pub mod text;

/// Mounts the app on the page's body.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
