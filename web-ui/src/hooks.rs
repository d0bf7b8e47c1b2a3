//! Side effects live here, in hooks: the animation clock, the keyboard, the
//! media queries.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{AnimationFrame, request_animation_frame};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Calls `on_frame(real ms since the previous frame)` on every animation
/// frame while `running` is true.
#[hook]
pub fn use_animation_frame(running: bool, on_frame: Callback<f64>) {
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(running, move |&running| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
        if running {
            schedule(handle.clone(), latest, None);
        }
        move || {
            handle.borrow_mut().take();
        }
    });
}

fn schedule(handle: Rc<RefCell<Option<AnimationFrame>>>, cb: Rc<RefCell<Callback<f64>>>, last: Option<f64>) {
    let h = handle.clone();
    let frame = request_animation_frame(move |ts| {
        let dt = last.map_or(0.0, |l| ts - l);
        let f = cb.borrow().clone();
        f.emit(dt);
        schedule(h, cb, Some(ts));
    });
    *handle.borrow_mut() = Some(frame);
}

/// A key the app reacts to anywhere on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    PlayPause,
    Back,
    Forward,
    Help,
    Escape,
}

/// Global shortcuts. Keys typed into form fields, and Space/Enter on a
/// focused button (which the browser turns into a click), are left alone.
#[hook]
pub fn use_keyboard(on_key: Callback<Key>) {
    let latest = use_mut_ref(|| on_key.clone());
    *latest.borrow_mut() = on_key;
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            EventListener::new_with_options(&doc, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let tag = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .map(|el| el.tag_name().to_ascii_lowercase())
                    .unwrap_or_default();
                let in_field = matches!(tag.as_str(), "input" | "select" | "textarea");
                let key = e.key();
                let k = match key.as_str() {
                    "Escape" => Some(Key::Escape),
                    _ if in_field => None,
                    " " if tag == "button" || tag == "summary" => None,
                    " " => Some(Key::PlayPause),
                    "ArrowLeft" => Some(Key::Back),
                    "ArrowRight" => Some(Key::Forward),
                    "?" => Some(Key::Help),
                    _ => None,
                };
                if let Some(k) = k {
                    e.prevent_default();
                    let f = latest.borrow().clone();
                    f.emit(k);
                }
            })
        });
        move || drop(listener)
    });
}

/// Does the user ask for less motion?
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}
