//! The same scenario gives the same trace, natively and in the browser: the
//! golden hashes below are checked by both (`cargo test`, and
//! `cargo test --target wasm32-unknown-unknown` in Chromium).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use protocol_core::scenario::presets;
use protocol_core::{AnySim, Scenario};

/// Trace hashes of presets. If one changes, old share links replay
/// differently: that needs a new link version, not a new hash here.
const GOLDEN: &[(&str, &str)] = &[
    ("raft/election", "ab04a8ae136f8039"),
    ("raft/replication", "fa1ed9368938ddb8"),
    ("raft/minority-partition", "3bcafa103ae64629"),
    ("raft/figure8", "ff05d90e7664801f"),
    ("multipaxos/steady-state", "d13b112575da390a"),
    ("vsr/normal-operation", "91dea364c740fb9c"),
];

fn hash_of(scenario: Scenario) -> String {
    protocol_core::check(scenario).unwrap().trace_hash
}

#[test]
fn golden_trace_hashes() {
    for (id, want) in GOLDEN {
        let got = hash_of(presets::find(id).unwrap().scenario());
        assert_eq!(&got, want, "trace hash of {id}");
    }
}

#[test]
fn a_scenario_run_twice_gives_the_same_trace() {
    let s = presets::find("raft/leader-crash").unwrap().scenario();
    let (mut a, mut b) = (AnySim::new(s.clone()).unwrap(), AnySim::new(s).unwrap());
    a.run_to_end();
    b.run_to_end();
    assert_eq!(a.trace_hash(), b.trace_hash());
    assert_eq!(a.events(), b.events());
}

#[test]
fn another_seed_gives_another_trace() {
    let mut s = presets::find("raft/election").unwrap().scenario();
    let first = hash_of(s.clone());
    s.seed += 1;
    assert_ne!(first, hash_of(s));
}

/// The page records a session by extending runs as it plays; the recorded
/// scenario replays to the same trace as the live session.
#[test]
fn a_recorded_session_replays_exactly() {
    let mut live = AnySim::new(Scenario::new(protocol_core::ProtocolId::Raft)).unwrap();
    for t in (16..900).step_by(16) {
        live.advance_to(t);
    }
    let leader =
        live.view().nodes.iter().find(|n| n.view.as_ref().is_some_and(|v| v.role_label == "leader")).unwrap().id;
    live.intervene(protocol_core::Action::Request { node: leader, value: "x=1".into() }).unwrap();
    live.intervene(protocol_core::Action::Crash { node: leader }).unwrap();
    for t in (900..2000).step_by(33) {
        live.advance_to(t);
    }
    let mut replay = AnySim::new(live.scenario().clone()).unwrap();
    replay.run_to_end();
    assert_eq!(replay.trace_hash(), live.trace_hash());
    assert_eq!(replay.position(), live.position());
    assert!(live.scenario().script.len() <= 5, "runs were merged: {:?}", live.scenario().script);
}

/// The random stream itself: ChaCha8 plus our own range sampling.
#[test]
fn the_random_stream_is_the_same_everywhere() {
    use protocol_core::rng::{Draw, SimRng, Streams};
    let mut r = SimRng::new(42);
    let got: Vec<u64> = (0..4).map(|_| r.range(0, 999)).collect();
    assert_eq!(got, [681, 950, 427, 627]);
    let mut st = Streams::new(42).stream(7);
    let got: Vec<u64> = (0..4).map(|_| st.range(0, 999)).collect();
    assert_eq!(got, [353, 771, 805, 307]);
}

/// Stepping event by event records one growing `run events`, not one action
/// per step, and replays to the same trace.
#[test]
fn stepping_extends_one_run() {
    let mut live = AnySim::new(Scenario::new(protocol_core::ProtocolId::Raft)).unwrap();
    for _ in 0..30 {
        assert!(live.step_event().0);
    }
    assert_eq!(live.scenario().script, vec![protocol_core::Action::run_events(30)]);
    let mut replay = AnySim::new(live.scenario().clone()).unwrap();
    replay.run_to_end();
    assert_eq!(replay.trace_hash(), live.trace_hash());
}

/// The browser's explorer and `quorumscope explore` search the same
/// executions: one seed, one scenario, natively and in wasm. The hash pins
/// the generator's output for a few seeds of each protocol (plots included);
/// change it only together with the generator.
#[test]
fn the_explorer_generates_the_same_scenarios_everywhere() {
    use protocol_core::ProtocolId;
    use protocol_core::explore::{Config, generate};
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    for (protocol, variant) in
        [(ProtocolId::Raft, "commit_by_counting"), (ProtocolId::Multipaxos, ""), (ProtocolId::Vsr, "stale_prepare_ok")]
    {
        let config = Config {
            variants: if variant.is_empty() { vec![] } else { vec![variant.into()] },
            ..Config::new(protocol)
        };
        for seed in 1..=8 {
            let (scenario, v) = generate(&config, seed).unwrap();
            let text = format!("{}{:?}", scenario.to_json(), v.map(|v| (v.invariant, v.event)));
            for b in text.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    assert_eq!(format!("{h:016x}"), "7659dd270cb6325f");
}
