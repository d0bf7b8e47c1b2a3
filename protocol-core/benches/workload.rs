//! The workloads measured both natively (benches/core.rs) and inside
//! Chromium (tests/wasm_bench.rs), so that the two numbers compare like for
//! like. Each function takes the harness's clock (milliseconds) and returns
//! one JSON line per measurement, tagged with `place` ("native" or "wasm").

use protocol_core::explore::{self, Config};
use protocol_core::protocol::RoleKind;
use protocol_core::{Action, AnySim, ProtocolId, Scenario};
use serde_json::json;

/// Seeds a search may try before a bug variant counts as not found.
const FIND_SEEDS: u64 = 20_000;

/// A 5-node cluster of `protocol` with a client request to the leader every
/// `every_ms` virtual milliseconds, run to at least `events` events.
pub fn steady_load(protocol: ProtocolId, events: usize, every_ms: u64, explain: bool) -> AnySim {
    let mut sim = AnySim::new(Scenario::new(protocol)).expect("the default scenario is valid");
    sim.set_explain(explain);
    let mut k = 0u64;
    while sim.position() < events {
        let t = sim.now() + every_ms;
        sim.advance_to(t);
        let leader = sim.roles().iter().position(|r| *r == Some(RoleKind::Leader)).map(|i| i as u8 + 1);
        if let Some(node) = leader {
            k += 1;
            let _ = sim.intervene(Action::Request { node, value: format!("v{k}") });
        }
    }
    sim
}

/// Seconds, rounded to the millisecond.
fn millis(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

/// Runs of each throughput measurement: the median is reported (this
/// machine's speed varies from run to run), and the best beside it.
const RUNS: usize = 5;

/// Kernel events per second under steady load, invariants on.
pub fn events_per_second(protocol: ProtocolId, explain: bool, place: &str, now_ms: &dyn Fn() -> f64) -> String {
    let mut rates = Vec::new();
    let mut events = 0;
    for _ in 0..RUNS {
        let start = now_ms();
        let sim = steady_load(protocol, 300_000, 10, explain);
        let secs = (now_ms() - start) / 1000.0;
        assert!(sim.violations().is_empty(), "{protocol:?} under steady load");
        events = sim.position();
        rates.push(events as f64 / secs);
    }
    rates.sort_by(f64::total_cmp);
    json!({
        "bench": "steady_load", "place": place, "protocol": protocol, "explain": explain, "events": events,
        "runs": RUNS, "events_per_s": rates[RUNS / 2].round() as u64, "best_events_per_s": rates[RUNS - 1].round() as u64,
    })
    .to_string()
}

/// Random explorer executions per second on correct Raft (none breaks it).
pub fn explorer_rate(place: &str, now_ms: &dyn Fn() -> f64) -> String {
    let config = Config::new(ProtocolId::Raft);
    let start = now_ms();
    let found = explore::search(&config, 1, 500, |_, _| {}).expect("the default configuration is valid");
    let secs = (now_ms() - start) / 1000.0;
    assert!(found.is_none(), "the correct protocol must survive");
    json!({
        "bench": "explore", "place": place, "executions": 500, "seconds": millis(secs),
        "executions_per_s": (500.0 / secs).round() as u64,
    })
    .to_string()
}

/// For every bug variant of every protocol, the Explore panel's default
/// search (5 nodes, every fault kind, from seed 1): the time to find a
/// violation and shrink it, the executions it took and the shrunk size.
pub fn time_to_find(place: &str, now_ms: &dyn Fn() -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    for protocol in ProtocolId::ALL {
        for variant in protocol.variants() {
            let config = Config { variants: vec![variant.to_string()], ..Config::new(protocol) };
            let start = now_ms();
            let found = explore::search(&config, 1, FIND_SEEDS, |_, _| {}).expect("every variant is valid");
            let secs = (now_ms() - start) / 1000.0;
            lines.push(
                json!({
                    "bench": "explore_find", "place": place, "protocol": protocol, "variant": variant,
                    "found": found.is_some(),
                    "invariant": found.as_ref().map(|f| f.violation.invariant),
                    "executions": found.as_ref().map_or(FIND_SEEDS, |f| f.executions),
                    "shrunk_actions": found.as_ref().map(|f| f.scenario.script.len()),
                    "seconds": millis(secs),
                })
                .to_string(),
            );
        }
    }
    lines
}
