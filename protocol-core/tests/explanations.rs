//! Every explanation the kernel gives (event notes, violation details,
//! message payloads) renders completely in English and in
//! Chinese: no placeholder left unfilled, no argument without a placeholder
//! (`Text::new` checks that in debug builds), over the presets and random
//! executions of every protocol, with every option and bug variant.

use std::collections::BTreeSet;

use protocol_core::explain::{Lang, Text, catalogue};
use protocol_core::explore::{Config, generate};
use protocol_core::scenario::presets::PRESETS;
use protocol_core::trace::What;
use protocol_core::{Action, AnySim, ProtocolId, Scenario};

/// Runs `scenario` with explanations and renders each of them; returns the
/// phrase ids it used.
fn render_all(scenario: Scenario, seen: &mut BTreeSet<&'static str>) {
    let mut sim = AnySim::new(scenario).unwrap();
    sim.run_to_end();
    let payload = |e: &'_ protocol_core::trace::Event| match &e.what {
        What::Deliver { summary, .. } => summary.clone(),
        _ => None,
    };
    let texts = sim.events().iter().flat_map(|e| {
        let mut v: Vec<Text> = e.notes.clone();
        v.extend(e.violations.iter().map(|v| v.detail.clone()));
        v.extend(payload(e));
        v
    });
    for t in texts {
        check(&t);
        seen.insert(t.phrase.id);
    }
}

fn check(t: &Text) {
    for lang in [Lang::En, Lang::Zh] {
        let s = t.in_lang(lang);
        assert!(!s.contains('{') && !s.contains('}'), "{}: {s}", t.phrase.id);
    }
}

#[test]
fn every_explanation_renders_in_both_languages() {
    let mut seen = BTreeSet::new();
    for p in PRESETS {
        // A bug preset, and its script on the correct protocol.
        let mut correct = p.scenario();
        render_all(correct.clone(), &mut seen);
        correct.variant.clear();
        // Every restart with amnesia too.
        let mut amnesia = correct.clone();
        render_all(correct, &mut seen);
        for a in &mut amnesia.script {
            if let Action::Restart { amnesia, .. } = a {
                *amnesia = true;
            }
        }
        render_all(amnesia, &mut seen);
    }
    for protocol in ProtocolId::ALL {
        let mut configs = vec![Config::new(protocol)];
        for v in protocol.variants() {
            let mut c = Config::new(protocol);
            c.variants = vec![v.to_string()];
            configs.push(c);
        }
        let mut all_options = Config::new(protocol);
        for o in protocol.options() {
            all_options.options.insert(o.to_string(), protocol_core::scenario::OptionValue::Bool(true));
        }
        if protocol == ProtocolId::Raft {
            configs.push(all_options);
        }
        for c in &configs {
            for seed in 0..40 {
                let (scenario, _) = generate(c, seed).unwrap();
                render_all(scenario, &mut seen);
            }
        }
    }
    // The runs reach the whole catalogue but the violations of invariants
    // that no bug variant breaks: a phrase that became unreachable shows up.
    // (Bad-input reasons, `scenario.*`, are reached by tests/bad_input.rs.)
    let missed: Vec<&str> =
        catalogue().map(|p| p.id).filter(|id| !seen.contains(id) && !id.starts_with("scenario.")).collect();
    assert_eq!(missed, ["raft.LEADER_APPEND_ONLY", "raft.LOG_MATCHING", "paxos.VALIDITY", "vsr.COMMIT_WITHIN_LOG"]);
}
