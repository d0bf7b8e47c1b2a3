//! Shared by the random-execution tests of every protocol.

use protocol_core::explore::{self, Config};

/// `seeds` random executions from `first_seed` on break no invariant; a
/// failure prints the shrunk counterexample as a scenario.
pub fn survives(config: &Config, first_seed: u64, seeds: u64) {
    let found = explore::search(config, first_seed, seeds, |_, _| {}).unwrap();
    if let Some(f) = found {
        panic!("{} violated: {}\n{}", f.violation.invariant, f.violation.detail, f.scenario.to_json());
    }
}
