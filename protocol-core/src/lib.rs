//! QuorumScope kernel: deterministic simulation of consensus protocols.
//!
//! Pure Rust with no web dependencies; the same code runs natively (CLI,
//! tests, benchmarks) and in the browser (wasm32).

pub mod anysim;
pub mod chunked;
pub mod exhaustive;
pub mod explain;
pub mod explore;
pub mod invariants;
pub mod paxos;
pub mod protocol;
pub mod raft;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod timeline;
pub mod trace;
pub mod vsr;

/// Node ids are 1..=n, shown as S1..Sn.
pub type NodeId = u8;

/// The smallest and largest cluster a scenario may ask for.
pub const MIN_NODES: usize = 3;
pub const MAX_NODES: usize = 9;

/// Adds an explanation (a catalogue phrase and its arguments, as for
/// [`text!`]) to an outbox, formatting the arguments only when the simulation
/// wants explanations (the explorer and benchmarks turn them off).
#[macro_export]
macro_rules! note {
    ($out:expr, $($arg:tt)*) => {
        if $out.explaining() {
            $out.notes.push($crate::text!($($arg)*));
        }
    };
}

pub use anysim::{AnySim, ClusterView, Report, Session, check};
pub use scenario::{Action, ProtocolId, Scenario, ScenarioError};
