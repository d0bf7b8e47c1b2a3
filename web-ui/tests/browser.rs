//! The UI's own logic, run inside Chromium (wasm32): message interpolation,
//! the speed scale, and the store reducer driving a real simulation.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use protocol_core::protocol::RoleKind;
use protocol_core::scenario::{Action as Do, Matcher, presets};
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
