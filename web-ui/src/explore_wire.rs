//! The messages between the Explore panel and its worker, as JSON strings:
//! the worker says [`READY`] once it listens, the panel sends it a [`Plan`],
//! and the worker sends [`Snapshot`]s until the search is over.
//!
//! A counterexample travels as its scenario and is replayed on arrival, to
//! its violation, titled in the language shown ([`Phase::found`]); a kernel
//! error travels as its phrase id and arguments, rendered when shown.

use protocol_core::explain::{Phrase, Text, catalogue};
use protocol_core::{Scenario, ScenarioError};
use serde::{Deserialize, Serialize};

use crate::explorer::{Failure, Origin, Phase, Plan, Progress, Snapshot};

/// The worker's first message: it listens now.
pub const READY: &str = "ready";

pub fn encode_plan(plan: &Plan) -> String {
    serde_json::to_string(plan).expect("a plan always serializes")
}

pub fn decode_plan(msg: &str) -> serde_json::Result<Plan> {
    serde_json::from_str(msg)
}

pub fn encode(snapshot: &Snapshot) -> String {
    let phase = match &snapshot.phase {
        Phase::Searching => Wire::Searching,
        Phase::Shrinking { seed, invariant, tries, original, best } => Wire::Shrinking {
            seed: *seed,
            invariant: invariant.clone(),
            tries: *tries,
            original: *original,
            best: *best,
        },
        Phase::Found { scenario, origin, .. } => Wire::Found { scenario: scenario.clone(), origin: *origin },
        Phase::Exhausted => Wire::Exhausted,
        Phase::Stopped => Wire::Stopped,
        Phase::Failed(Failure::Kernel(e)) => Wire::Kernel {
            field: e.field.clone(),
            phrase: e.reason.phrase.id.to_string(),
            args: e.reason.args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        },
        Phase::Failed(Failure::NothingToShrink) => Wire::NothingToShrink,
        Phase::Failed(Failure::NoReplay) => Wire::NoReplay,
        Phase::Failed(Failure::Worker) => Wire::Worker,
    };
    serde_json::to_string(&Report { phase, progress: snapshot.progress }).expect("a report always serializes")
}

/// A report from the worker; an error for anything else (never a panic).
pub fn decode(msg: &str) -> Result<Snapshot, String> {
    let Report { phase, progress } = serde_json::from_str(msg).map_err(|e| e.to_string())?;
    let phase = match phase {
        Wire::Searching => Phase::Searching,
        Wire::Shrinking { seed, invariant, tries, original, best } => {
            Phase::Shrinking { seed, invariant, tries, original, best }
        }
        Wire::Found { scenario, origin } => Phase::found(*scenario, origin),
        Wire::Exhausted => Phase::Exhausted,
        Wire::Stopped => Phase::Stopped,
        Wire::Kernel { field, phrase, args } => {
            let reason = text(&phrase, args).ok_or_else(|| format!("unknown phrase {phrase}"))?;
            Phase::Failed(Failure::Kernel(ScenarioError::new(field, reason)))
        }
        Wire::NothingToShrink => Phase::Failed(Failure::NothingToShrink),
        Wire::NoReplay => Phase::Failed(Failure::NoReplay),
        Wire::Worker => Phase::Failed(Failure::Worker),
    };
    Ok(Snapshot { phase, progress })
}

/// A kernel text from its phrase id and arguments, if the phrase exists and
/// takes those arguments.
fn text(id: &str, args: Vec<(String, String)>) -> Option<Text> {
    let phrase: &'static Phrase = catalogue().find(|p| p.id == id)?;
    let names = Phrase::placeholders(phrase.en);
    let args = args
        .into_iter()
        .map(|(name, value)| names.iter().find(|n| **n == name).map(|n| (*n, value)))
        .collect::<Option<Vec<_>>>()?;
    Some(Text { phrase, args })
}

#[derive(Serialize, Deserialize)]
struct Report {
    phase: Wire,
    progress: Progress,
}

/// A [`Phase`] on the wire.
#[derive(Serialize, Deserialize)]
enum Wire {
    Searching,
    Shrinking { seed: u64, invariant: String, tries: usize, original: usize, best: usize },
    Found { scenario: Box<Scenario>, origin: Origin },
    Exhausted,
    Stopped,
    Kernel { field: String, phrase: String, args: Vec<(String, String)> },
    NothingToShrink,
    NoReplay,
    Worker,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explorer::{Form, run};
    use crate::text::Lang;
    use crate::text::tests::{has_cjk, in_lang};
    use protocol_core::ProtocolId;

    fn random(variant: &'static str) -> Plan {
        Form { variants: vec![variant], ..Form::default() }.validate().expect("valid")
    }

    #[test]
    fn a_plan_survives_the_trip() {
        let plan = random("no_up_to_date_check");
        assert_eq!(decode_plan(&encode_plan(&plan)).expect("a plan"), plan);
    }

    /// Every report of a whole search reads back as it was sent, the
    /// counterexample included (replayed to the same violation).
    #[test]
    fn every_report_of_a_search_survives_the_trip() {
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        let mut reports = Vec::new();
        run(random("no_up_to_date_check"), &now, &mut |s| reports.push(s.clone()));
        assert!(reports.len() > 2, "{} reports", reports.len());
        assert!(matches!(reports.last().map(|s| &s.phase), Some(Phase::Found { .. })));
        for s in &reports {
            assert_eq!(&decode(&encode(s)).expect("a report"), s);
        }
    }

    #[test]
    fn a_kernel_error_arrives_in_the_language_shown() {
        let mut scenario = Scenario::new(ProtocolId::Raft);
        scenario.variant = vec!["no_such_bug".into()];
        let e = protocol_core::anysim::simulation(&scenario).err().expect("an unknown variant");
        let sent = Snapshot {
            phase: Phase::Failed(Failure::Kernel(e)),
            progress: Progress::Random { first_seed: 1, executions: 0, events: 0, busy_ms: 0.0 },
        };
        let got = decode(&encode(&sent)).expect("a report");
        assert_eq!(got, sent);
        let zh = in_lang(Lang::Zh, || got.status().1);
        assert!(has_cjk(&zh) && zh.contains("no_such_bug"), "{zh}");
    }

    #[test]
    fn malformed_messages_are_errors() {
        let kernel = r#"{"phase":{"Kernel":{"field":"x","phrase":"nope","args":[]}},"progress":{"Random":{"first_seed":1,"executions":0,"events":0,"busy_ms":0}}}"#;
        for msg in ["", "ready", "{}", "[1,2]", r#"{"phase":"Searching"}"#, kernel] {
            assert!(decode(msg).is_err(), "{msg}");
        }
        for msg in ["", "{}", r#"{"Random":{"budget":{"Executions":5}}}"#] {
            assert!(decode_plan(msg).is_err(), "{msg}");
        }
    }
}
