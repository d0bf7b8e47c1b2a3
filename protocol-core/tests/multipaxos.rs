//! Multi-Paxos over random executions from the explorer's generator.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::ProtocolId;
use protocol_core::explore::Config;
use protocol_core::scenario::OptionValue;

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
