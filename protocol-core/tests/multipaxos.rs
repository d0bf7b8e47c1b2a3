//! Multi-Paxos over random executions from the explorer's generator.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::explain::Phrase;
use protocol_core::explore::Config;
use protocol_core::paxos::phrases::{ASKS_CATCH_UP, CHOSEN, LEARNS, RETRIES_PHASE1, SENDS_MISSING};
use protocol_core::scenario::{OptionValue, presets};
use protocol_core::trace::What;
use protocol_core::{Action, AnySim, ProtocolId};

mod common;
use common::survives;

/// The correct protocol (majority quorums) survives 10,000 random executions
/// with faults (crash/restart, partitions, cuts, loss, duplication, delay,
/// drops, timeouts).
#[test]
fn correct_multipaxos_survives_10000_random_executions() {
    survives(&Config { steps: 30, ..Config::new(ProtocolId::Multipaxos) }, 3_000_000, 10_000);
}

/// ... and so do Flexible Paxos quorums that intersect (|Q1| + |Q2| > n).
#[test]
fn flexible_paxos_with_intersecting_quorums_survives_2000_random_executions() {
    let mut config = Config { steps: 30, ..Config::new(ProtocolId::Multipaxos) };
    config.options.insert("phase1_quorum".into(), OptionValue::Number(4));
    config.options.insert("phase2_quorum".into(), OptionValue::Number(2));
    survives(&config, 4_000_000, 2_000);
}

/// Without back-off (`retry_immediately`), S1 and S3 preempt each other for
/// the whole two seconds (PMS §2.4): the highest ballot keeps climbing and
/// no node ever decides a slot.
#[test]
fn without_back_off_dueling_proposers_livelock() {
    let mut sim = AnySim::new(presets::find("multipaxos/dueling-no-backoff").unwrap().scenario()).unwrap();
    let mut last = 0;
    for t in (250..=2000).step_by(250) {
        sim.advance_to(t);
        let round = highest_round(&sim);
        assert!(round >= last + 5, "at {t} ms the highest ballot round is {round}, it was {last}");
        last = round;
    }
    assert!(last > 100, "{last}");
    sim.run_to_end();
    assert!(sim.committed().values().all(Vec::is_empty), "{:?}", sim.committed());
    assert!(!said(&sim, &CHOSEN), "a slot was chosen");
    assert!(said(&sim, &RETRIES_PHASE1));
}

/// The same script with the default randomised back-off: S1 yields, S3
/// finishes both phases, and both commands are chosen at once.
#[test]
fn with_back_off_one_proposer_wins_and_the_slots_are_chosen() {
    let livelock = presets::find("multipaxos/dueling-no-backoff").unwrap().scenario();
    let backoff = presets::find("multipaxos/dueling-backoff").unwrap().scenario();
    assert_eq!((&livelock.script, livelock.seed, livelock.nodes), (&backoff.script, backoff.seed, backoff.nodes));
    assert!(backoff.options.is_empty());
    let mut sim = AnySim::new(backoff).unwrap();
    sim.advance_to(150);
    for n in &sim.view().nodes {
        assert_eq!(n.view.as_ref().map(|v| v.commit), Some(2), "S{} by 150 ms", n.id);
    }
    sim.run_to_end();
    for (node, slots) in sim.committed() {
        assert_eq!(slots, ["x=1", "y=2"], "S{node}");
    }
    assert_eq!(highest_round(&sim), 2, "no ballot after S3's (2,S3)");
    assert!(!said(&sim, &RETRIES_PHASE1));
}

/// A node that crashed while slots were chosen comes back knowing none of
/// them (a learner's knowledge is volatile). The leader's keep-alive says how
/// far the leader has learned; the node asks with CatchUp and ends with the
/// same chosen prefix, without accepting anything new.
#[test]
fn a_lagging_learner_catches_up_from_the_keep_alive() {
    let mut sim = AnySim::new(presets::find("multipaxos/lagging-learner").unwrap().scenario()).unwrap();
    sim.run_to_end();
    let committed = sim.committed();
    for node in ["1", "2", "3"] {
        assert_eq!(committed[node], ["a", "b", "c", "d"], "S{node}");
    }
    let restart = sim
        .events()
        .iter()
        .position(|e| matches!(e.what, What::Do { action: Action::Restart { node: 3, .. } }))
        .unwrap();
    let after = &sim.events()[restart..];
    let delivered_to_s3 =
        |kind: &str| after.iter().filter(|e| matches!(e.what, What::Deliver { to: 3, msg, .. } if msg == kind)).count();
    assert_eq!(delivered_to_s3("Accept"), 0, "S3 accepted nothing new");
    assert!(after.iter().any(|e| matches!(e.what, What::Deliver { from: 3, to: 1, msg: "CatchUp", .. })));
    assert!(said(&sim, &ASKS_CATCH_UP) && said(&sim, &SENDS_MISSING));
    // Caught up within 100 ms of the restart.
    let caught_up = after.iter().find(|e| {
        e.notes.iter().any(|n| n.phrase.id == LEARNS.id && n.arg("node") == Some("3") && n.arg("slot") == Some("1"))
    });
    assert!(caught_up.is_some_and(|e| e.time <= sim.events()[restart].time + 100));
}

fn highest_round(sim: &AnySim) -> u64 {
    sim.view().nodes.iter().filter_map(|n| n.view.as_ref()).map(|v| v.epoch).max().unwrap_or(0)
}

fn said(sim: &AnySim, phrase: &Phrase) -> bool {
    sim.events().iter().any(|e| e.notes.iter().any(|n| n.phrase.id == phrase.id))
}

/// Each Multi-Paxos preset's Chinese file (`<id>.zh.json`, when there is
/// one) has a title, a description and as many notes as the English, and
/// keeps the names a reader matches against the page: S1, (1,S1), x=1,
/// §2.4, message types, option and preset ids.
#[test]
fn chinese_preset_files_match_their_english_presets() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let mut checked = 0;
    for preset in presets::PRESETS.iter().filter(|p| p.id.starts_with("multipaxos/")) {
        let Ok(zh) = std::fs::read_to_string(dir.join(format!("{}.zh.json", preset.id))) else { continue };
        let zh: serde_json::Value = serde_json::from_str(&zh).unwrap_or_else(|e| panic!("{}.zh.json: {e}", preset.id));
        let keys: Vec<&str> = zh.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["description", "notes", "title"], "{}.zh.json", preset.id);
        let en = preset.scenario();
        let notes: Vec<&str> = zh["notes"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
        assert_eq!(notes.len(), en.notes.len(), "{}.zh.json: notes", preset.id);
        let pairs = [
            (en.title.as_str(), zh["title"].as_str().unwrap()),
            (&en.description, zh["description"].as_str().unwrap()),
        ];
        for (i, (en, zh)) in pairs.into_iter().chain(en.notes.iter().map(|n| n.text.as_str()).zip(notes)).enumerate() {
            for token in names(en) {
                assert!(zh.contains(&token), "{}.zh.json, text {i}: {token:?} is missing from {zh:?}", preset.id);
            }
        }
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} Chinese preset files");
}

/// The tokens a translation keeps as they are: node names, ballots, commands,
/// section numbers, ids, message types and the paper's rule names.
fn names(text: &str) -> Vec<String> {
    const KEPT: &[&str] =
        &["Prepare", "Promise", "Accept", "Accepted", "Nack", "Decide", "CatchUp", "P1a", "P1b", "P2a", "P2b"];
    let mut out = Vec::new();
    for (i, _) in text.match_indices('(') {
        let Some(len) = text[i..].find(')') else { continue };
        if let Some((round, node)) = text[i + 1..i + len].split_once(",S")
            && round.parse::<u64>().is_ok()
            && node.parse::<u64>().is_ok()
        {
            out.push(text[i..=i + len].to_string());
        }
    }
    for w in text.split(|c: char| c.is_whitespace() || ",;:!?\"'()".contains(c)) {
        let w = w.trim_end_matches('.');
        let node = w.len() > 1 && w.starts_with('S') && w[1..].chars().all(|c| c.is_ascii_digit());
        let section = w.starts_with('§') && w.len() > '§'.len_utf8();
        if node || section || w.contains(['=', '_', '/']) || KEPT.contains(&w) {
            out.push(w.to_string());
        }
    }
    out
}

/// Without back-off Paxos loses progress, never safety.
#[test]
fn multipaxos_with_retry_immediately_survives_2000_random_executions() {
    let mut config = Config { steps: 30, ..Config::new(ProtocolId::Multipaxos) };
    config.options.insert("retry_immediately".into(), OptionValue::Bool(true));
    survives(&config, 5_000_000, 2_000);
}
