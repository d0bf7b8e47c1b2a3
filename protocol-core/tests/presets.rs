//! Every preset runs: a correct one breaks nothing, a bug preset breaks
//! exactly the invariants it names, and the same script on the correct
//! protocol (no variant, default options) breaks nothing.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::raft::phrases::BECOMES_LEADER;
use protocol_core::scenario::presets::{self, PRESETS};
use protocol_core::{AnySim, check};

fn broken(report: &protocol_core::Report) -> Vec<&'static str> {
    report.violations.iter().map(|v| v.invariant).collect()
}

#[test]
fn every_preset_breaks_exactly_what_it_says() {
    for preset in PRESETS {
        let report = check(preset.scenario()).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        assert_eq!(broken(&report), preset.breaks, "preset {}", preset.id);
    }
}

#[test]
fn bug_preset_scripts_are_safe_on_the_correct_protocol() {
    for preset in PRESETS.iter().filter(|p| p.shows_bug()) {
        let mut scenario = preset.scenario();
        // A bug variant, or unsafe options (Flexible Paxos quorums that do
        // not intersect).
        assert!(
            !scenario.variant.is_empty() || !scenario.options.is_empty(),
            "{} shows a bug but switches none on",
            preset.id
        );
        scenario.variant.clear();
        scenario.options.clear();
        let report = check(scenario).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        assert_eq!(broken(&report), Vec::<&str>::new(), "preset {} without its bug", preset.id);
    }
}

#[test]
fn every_preset_has_a_title_a_description_and_narration() {
    for preset in PRESETS {
        let s = preset.scenario();
        assert!(!s.title.is_empty() && !s.description.is_empty(), "{}", preset.id);
        assert!(!s.notes.is_empty(), "{} has no narration", preset.id);
    }
}

#[test]
fn the_default_scenario_elects_a_leader() {
    let mut sim = AnySim::new(presets::default_scenario()).unwrap();
    sim.run_to_end();
    let leaders = sim.view().nodes.iter().filter(|n| n.view.as_ref().is_some_and(|v| v.role_label == "leader")).count();
    assert_eq!(leaders, 1);
}

/// Figure 8 (c): the term-2 entry on a majority is committed only with the bug.
#[test]
fn figure8_commits_the_old_entry_only_with_commit_by_counting() {
    let correct = check(presets::find("raft/figure8").unwrap().scenario()).unwrap();
    let buggy = check(presets::find("raft/bug-commit-by-counting").unwrap().scenario()).unwrap();
    // At the end, S5 has overwritten index 2 in both runs.
    assert!(correct.violations.is_empty());
    let ssf = buggy.violations.iter().find(|v| v.invariant == "StateMachineSafety").unwrap();
    assert_eq!(ssf.nodes, vec![1, 5]);
    assert_eq!(
        (ssf.detail.arg("other"), ssf.detail.arg("entry")),
        (Some("b@term2"), Some("c@term3")),
        "{}",
        ssf.detail
    );
}

/// Howard and Abraham (2020): without PreVote and CheckQuorum a partial
/// partition deposes leader after leader; with both, one leader stays.
#[test]
fn partial_partition_is_live_only_with_prevote_and_check_quorum() {
    let leaders = |id: &str| {
        let mut sim = AnySim::new(presets::find(id).unwrap().scenario()).unwrap();
        sim.run_to_end();
        let elected = sim.events().iter().filter(|e| e.notes.iter().any(|n| n.phrase == &BECOMES_LEADER)).count();
        (elected, sim.committed())
    };
    let (plain, plain_committed) = leaders("raft/partial-partition");
    let (sticky, sticky_committed) = leaders("raft/partial-partition-prevote");
    assert!(plain >= 3, "only {plain} elections without PreVote");
    assert_eq!(sticky, 1);
    assert!(plain_committed["2"].is_empty());
    assert_eq!(sticky_committed["2"], vec!["x=1".to_string()]);
}
