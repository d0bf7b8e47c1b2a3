//! The UI's own logic, run inside Chromium (wasm32): message interpolation,
//! the speed scale, the store reducer driving a real simulation, and the
//! whole app re-rendering in another language.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use protocol_core::protocol::RoleKind;
use protocol_core::scenario::{Action as Do, Matcher, presets};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_ui::model::{self, RING};
use web_ui::store::{Action, Store};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn messages_are_interpolated_between_sender_and_receiver() {
    let n = 5;
    let a = RING.message(2, 4, n, model::progress(100, 140, 100.0));
    let b = RING.message(2, 4, n, model::progress(100, 140, 120.0));
    let c = RING.message(2, 4, n, model::progress(100, 140, 140.0));
    assert!((b.x - (a.x + c.x) / 2.0).abs() < 1e-6);
    assert!((b.y - (a.y + c.y) / 2.0).abs() < 1e-6);
    // In manual mode a late message waits at the receiver.
    assert_eq!(model::progress(100, 140, 10_000.0), 1.0);
}

#[wasm_bindgen_test]
fn speed_scale_round_trips() {
    for v in -model::SPEED_STEPS..=model::SPEED_STEPS {
        assert_eq!(model::slider_from_speed(model::speed_from_slider(v)), v);
    }
}

#[wasm_bindgen_test]
fn the_store_elects_a_leader_and_rewinds() {
    let mut s = Rc::new(Store::new(presets::default_scenario(), None));
    s = s.reduce(Action::SetSpeed(10.0));
    s = s.reduce(Action::TogglePlay);
    for _ in 0..400 {
        s = s.reduce(Action::Tick(16.0));
    }
    assert!(s.sim().roles().contains(&Some(RoleKind::Leader)));
    let here = (s.position, s.sim().trace_hash(), s.view.clone());
    s = s.reduce(Action::StepForward);
    s = s.reduce(Action::StepBack);
    s = s.reduce(Action::StepForward);
    s = s.reduce(Action::StepBack);
    assert_eq!(s.position, here.0);
    assert_eq!(s.sim().trace_hash(), here.1);
    assert_eq!(s.view.nodes, here.2.nodes);
}

#[wasm_bindgen_test]
fn dropping_a_message_through_the_store() {
    let mut s = Rc::new(Store::new(presets::default_scenario(), None));
    while s.view.messages.is_empty() {
        s = s.reduce(Action::StepForward);
    }
    let id = s.view.messages[0].id;
    s = s.reduce(Action::Intervene(Do::Drop(Matcher::id(id))));
    assert!(s.view.messages.iter().all(|m| m.id != id));
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector).ok().flatten().and_then(|e| e.text_content()).unwrap_or_default()
}

/// Picks a language in the header's picker, as a user does.
async fn pick(root: &web_sys::Element, lang: &str) {
    let select: web_sys::HtmlSelectElement =
        root.query_selector("[data-control=lang]").unwrap().expect("the picker").dyn_into().unwrap();
    select.set_value(lang);
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn switching_language_re_renders_every_panel_and_keeps_the_session() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    storage.set_item("quorumscope.lang", "en").unwrap();
    let doc = window.document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<web_ui::app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    // Pause, and step a few events so that the event list has headlines.
    let button = |s: &str| -> web_sys::HtmlElement { root.query_selector(s).unwrap().unwrap().dyn_into().unwrap() };
    if button("[data-control=play]").get_attribute("data-playing").as_deref() == Some("true") {
        button("[data-control=play]").click();
    }
    for _ in 0..3 {
        button("[data-control=forward]").click();
    }
    yew::scheduler::flush().await;
    let clock = || root.query_selector(".clock").unwrap().unwrap().get_attribute("data-position");
    let at = clock();
    assert_eq!(text_of(&root, "[data-control=help]"), "Help");
    assert!(text_of(&root, ".events h2").starts_with("Events"));
    assert!(text_of(&root, ".event-list").contains("timer fires"));

    pick(&root, "zh").await;
    assert_eq!(text_of(&root, "[data-control=help]"), "帮助");
    // Panels that did not change otherwise re-render too.
    assert!(text_of(&root, ".events h2").starts_with("事件"));
    assert!(text_of(&root, ".event-list").contains("计时器触发"));
    assert!(text_of(&root, ".invariants").contains("成立"));
    assert!(text_of(&root, ".logs h2").starts_with("日志"));
    assert_eq!(doc.document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-Hans"));
    assert_eq!(storage.get_item("quorumscope.lang").unwrap().as_deref(), Some("zh"));
    assert_eq!(clock(), at, "the session stays where it was");

    pick(&root, "en").await;
    assert_eq!(text_of(&root, "[data-control=help]"), "Help");
    assert_eq!(doc.document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    app.destroy();
    root.remove();
    storage.remove_item("quorumscope.lang").unwrap();
}
