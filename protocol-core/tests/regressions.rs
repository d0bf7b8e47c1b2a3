//! Executions that once broke a checker or the protocol, found by the
//! exhaustive search; each must stay as it is now.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::{Scenario, check};

/// S1 wins term 1 with a vote granted before S2 committed v1 in term 2: a
/// leader of an older term may lack a newer committed entry (it is deposed at
/// its first contact), so Leader Completeness, which speaks of higher terms
/// only, holds.
#[test]
fn a_late_leader_of_an_older_term_breaks_nothing() {
    let scenario = Scenario::from_json(include_str!("regressions/late-vote-leader.json")).unwrap();
    let report = check(scenario).unwrap();
    assert_eq!(report.violations, vec![]);
    assert_eq!(report.events, 9);
}
