//! The kernel's and the explorer's speed inside Chromium, for `./run bench`
//! (not part of `./run test`): the workloads of benches/core.rs
//! (benches/workload.rs), timed with the browser's clock. Run with
//! `cargo test --release --target wasm32-unknown-unknown -p protocol-core --test wasm_bench`.
#![cfg(target_arch = "wasm32")]

use protocol_core::ProtocolId;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../benches/workload.rs"]
mod workload;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen_test]
fn kernel_in_the_browser() {
    for protocol in ProtocolId::ALL {
        console_log!("{}", workload::events_per_second(protocol, false, "wasm", &now_ms));
    }
}

#[wasm_bindgen_test]
fn explorer_in_the_browser() {
    console_log!("{}", workload::explorer_rate("wasm", &now_ms));
    for line in workload::time_to_find("wasm", &now_ms) {
        console_log!("{line}");
    }
}
