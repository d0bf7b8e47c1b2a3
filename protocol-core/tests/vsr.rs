//! Viewstamped Replication over random executions from the explorer's
//! generator, and the lessons of its presets.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::explore::{self, Config};
use protocol_core::scenario::presets;
use protocol_core::{ProtocolId, check};

mod common;
use common::survives;

/// The correct protocol survives 10,000 random executions with faults
/// (crash/restart and so recovery, partitions, cuts, loss, duplication,
/// delay, drops, timeouts).
#[test]
fn correct_vsr_survives_10000_random_executions() {
    survives(&Config { steps: 30, ..Config::new(ProtocolId::Vsr) }, 5_000_000, 10_000);
}

/// ... on the smallest cluster, and on an even one (majority quorums).
#[test]
fn correct_vsr_survives_2000_random_executions_on_3_and_4_replicas() {
    for nodes in [3, 4] {
        survives(&Config { nodes, steps: 30, ..Config::new(ProtocolId::Vsr) }, 6_000_000, 2_000);
    }
}

/// The explorer finds the view-change bug without help.
#[test]
fn the_explorer_finds_log_by_op_only() {
    let config = Config { variants: vec!["log_by_op_only".into()], ..Config::new(ProtocolId::Vsr) };
    let found = explore::search(&config, 1, 2_000, |_, _| {}).unwrap().expect("a violation");
    assert_eq!(found.violation.invariant, "CommittedPrefixAgreement");
}

/// ... and the other two, through the plots that hold a PrepareOk across
/// five view changes (the same primary again) and the primary's answer to a
/// first recovery until a second one. The shrunk counterexample breaks
/// nothing once the bug is switched off.
#[test]
fn the_explorer_finds_stale_prepare_ok_and_recovery_without_nonce() {
    for variant in ["stale_prepare_ok", "recovery_without_nonce"] {
        let config = Config { variants: vec![variant.into()], ..Config::new(ProtocolId::Vsr) };
        let found = explore::search(&config, 1, 2_000, |_, _| {}).unwrap().expect(variant);
        let v = &found.violation;
        assert!(
            ["CommittedPrefixAgreement", "AckedWriteDurable", "CommitWithinLog"].contains(&v.invariant),
            "{variant}: {} {}",
            v.invariant,
            v.detail
        );
        let mut correct = found.scenario.clone();
        correct.variant.clear();
        assert_eq!(explore::replay(&correct), None, "{variant} without the bug:\n{}", correct.to_json());
    }
}

/// §4.2 step 3: the committed c (view 1) survives against the longer [a, b]
/// of view 0; with log_by_op_only, a replaces it.
#[test]
fn the_latest_normal_view_beats_the_longest_log() {
    let correct = check(presets::find("vsr/longer-log-loses").unwrap().scenario()).unwrap();
    assert_eq!(correct.committed["3"], ["c", "d"]);
    let buggy = check(presets::find("vsr/bug-log-by-op-only").unwrap().scenario()).unwrap();
    let v = &buggy.violations[0];
    assert_eq!((v.invariant, v.nodes.as_slice()), ("CommittedPrefixAgreement", &[2, 3][..]));
    assert_eq!((v.detail.arg("other"), v.detail.arg("entry")), (Some("c@view1"), Some("a@view0")), "{}", v.detail);
}

/// §4.3: every replica recovers, the crashed primary only once a new view
/// has a primary that can answer it.
#[test]
fn recovered_replicas_catch_up() {
    for id in ["vsr/recovery", "vsr/state-transfer", "vsr/primary-crash"] {
        let report = check(presets::find(id).unwrap().scenario()).unwrap();
        let logs: Vec<_> = report.committed.values().filter(|l| !l.is_empty()).collect();
        assert!(logs.len() >= 3 && logs.windows(2).all(|w| w[0] == w[1]), "{id}: {:?}", report.committed);
    }
}
