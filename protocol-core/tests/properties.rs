//! Property tests over random executions from the explorer's generator.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::survives;
use proptest::prelude::*;
use protocol_core::explore::{self, Config};
use protocol_core::scenario::link;
use protocol_core::timeline::Timeline;
use protocol_core::{ProtocolId, Scenario};

fn random_scenario(seed: u64, nodes: usize, steps: usize) -> Scenario {
    let config = Config { nodes, steps, ..Config::new(ProtocolId::Raft) };
    explore::generate(&config, seed).unwrap().0
}

fn played(scenario: &Scenario) -> Timeline {
    let mut t = Timeline::new(scenario.clone()).unwrap();
    t.run_to_end();
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every message sent or duplicated is delivered, dropped, lost to a
    /// crashed node or a cut link, or still in flight: after every event.
    #[test]
    fn messages_are_conserved(seed in any::<u64>(), nodes in 3usize..=9) {
        let scenario = random_scenario(seed, nodes, 25);
        let total = played(&scenario).position();
        let mut t = Timeline::new(scenario).unwrap();
        for i in 1..=total {
            t.seek(i);
            let s = t.sim().stats();
            let in_flight = t.sim().envelopes().len() as u64;
            prop_assert_eq!(s.sent + s.duplicated, s.delivered + s.dropped + s.lost + in_flight, "after event {}", i);
        }
    }

    /// seek(i), backward or forward, gives the state a fresh replay has at i.
    #[test]
    fn seek_equals_fresh_replay(seed in any::<u64>(), picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let scenario = random_scenario(seed, 5, 30);
        let mut t = played(&scenario);
        let total = t.position();
        for pick in picks {
            let i = pick.index(total + 1);
            t.seek(i);
            let mut fresh = Timeline::new(scenario.clone()).unwrap();
            for j in 1..=i { fresh.seek(j); }
            prop_assert_eq!(t.position(), i);
            prop_assert_eq!(t.sim().trace_hash(), fresh.sim().trace_hash());
            prop_assert_eq!(t.sim().now(), fresh.sim().now());
            prop_assert_eq!(t.sim().view(), fresh.sim().view());
        }
    }

    /// Forking at a past point and replaying the recorded scenario agree.
    #[test]
    fn forked_sessions_replay_exactly(seed in any::<u64>(), at in any::<prop::sample::Index>()) {
        let scenario = random_scenario(seed, 5, 20);
        let mut t = played(&scenario);
        let i = at.index(t.position() + 1);
        t.seek(i);
        let _ = t.intervene(protocol_core::Action::Heal {});
        t.advance_to(t.sim().now() + 200);
        let mut replay = played(t.scenario());
        replay.seek(t.position());
        prop_assert_eq!(replay.sim().trace_hash(), t.sim().trace_hash());
    }

    /// A link round-trips any scenario the generator makes.
    #[test]
    fn links_round_trip(seed in any::<u64>()) {
        let s = random_scenario(seed, 5, 15);
        prop_assert_eq!(link::decode(&link::encode(&s)).unwrap(), s);
    }
}

proptest! {
    // Thousands of cases in every run: decoding is cheap.
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// The link decoder never panics, whatever it is given.
    #[test]
    fn link_decoder_survives_random_input(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = link::decode(&text);
        let _ = link::decode(&format!("#s=1.{text}"));
    }

    /// ... nor on valid links with bytes flipped, cut or inserted.
    #[test]
    fn link_decoder_survives_mutated_links(seed in any::<u64>(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let mut link = link::encode(&random_scenario(seed, 3, 8)).into_bytes();
        for (at, byte, kind) in edits {
            if link.is_empty() { break; }
            let i = at.index(link.len());
            match kind {
                0 => link[i] = byte,
                1 => { link.truncate(i); }
                _ => link.insert(i, byte),
            }
        }
        let _ = link::decode(&String::from_utf8_lossy(&link));
    }
}

/// The correct protocol survives 10,000 random executions with faults
/// (crash/restart, partitions, cuts, loss, duplication, delay, drops).
#[test]
fn correct_raft_survives_10000_random_executions() {
    let config = Config { steps: 30, ..Config::new(ProtocolId::Raft) };
    survives(&config, 1_000_000, 10_000);
}

/// ... and so does Raft with PreVote, CheckQuorum and leader no-ops.
#[test]
fn correct_raft_with_every_option_survives_2000_random_executions() {
    let mut config = Config { steps: 30, ..Config::new(ProtocolId::Raft) };
    for option in protocol_core::raft::OPTIONS {
        config.options.insert(option.to_string(), protocol_core::scenario::OptionValue::Bool(true));
    }
    survives(&config, 2_000_000, 2_000);
}
