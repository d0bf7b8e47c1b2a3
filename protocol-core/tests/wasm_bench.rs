//! The kernel's speed inside Chromium, for `./run bench` (not part of
//! `./run test`): the same steady-load workload as benches/core.rs, timed
//! with the browser's clock. Run with
//! `cargo test --release --target wasm32-unknown-unknown -p protocol-core --test wasm_bench`.
#![cfg(target_arch = "wasm32")]

use protocol_core::explore::{self, Config};
use protocol_core::protocol::RoleKind;
use protocol_core::{Action, AnySim, ProtocolId, Scenario};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn raft5_steady_load_in_the_browser() {
    let start = now_ms();
    let mut sim = AnySim::new(Scenario::new(ProtocolId::Raft)).unwrap();
    sim.set_explain(false);
    let mut k = 0;
    while sim.position() < 300_000 {
        let t = sim.now() + 10;
        sim.advance_to(t);
        if let Some(i) = sim.roles().iter().position(|r| *r == Some(RoleKind::Leader)) {
            k += 1;
            let _ = sim.intervene(Action::Request { node: i as u8 + 1, value: format!("v{k}") });
        }
    }
    let secs = (now_ms() - start) / 1000.0;
    assert!(sim.violations().is_empty());
    console_log!(
        "{{\"bench\":\"raft5_steady_load_wasm\",\"events\":{},\"seconds\":{secs:.3},\"events_per_s\":{:.0}}}",
        sim.position(),
        sim.position() as f64 / secs
    );
}

#[wasm_bindgen_test]
fn explorer_in_the_browser() {
    let config = Config::new(ProtocolId::Raft);
    let start = now_ms();
    let found = explore::search(&config, 1, 500, |_, _| {}).unwrap();
    let secs = (now_ms() - start) / 1000.0;
    assert!(found.is_none(), "the correct protocol must survive");
    console_log!(
        "{{\"bench\":\"explore_wasm\",\"executions\":500,\"seconds\":{secs:.3},\"executions_per_s\":{:.0}}}",
        500.0 / secs
    );
}
