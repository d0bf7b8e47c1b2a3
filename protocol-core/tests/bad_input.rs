//! Every bad-input case of shared SCENARIO.md gives an error that names the
//! field and the reason, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use protocol_core::explain::Lang;
use protocol_core::scenario::link;
use protocol_core::{Scenario, check};

fn base() -> serde_json::Value {
    serde_json::json!({ "format": "quorumscope/1", "protocol": "raft" })
}

/// The error for `base()` with `field` set to `value`, as "field: reason"
/// (in English; the Chinese is checked to render too).
fn error_with(field: &str, value: serde_json::Value) -> String {
    let mut v = base();
    v[field] = value;
    let text = v.to_string();
    let error = match Scenario::from_json(&text) {
        Err(e) => e,
        Ok(s) => match check(s) {
            Ok(_) => return "no error".to_string(),
            Err(e) => e,
        },
    };
    let zh = error.reason.in_lang(Lang::Zh);
    assert!(!zh.contains('{') && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
    error.to_string()
}

fn assert_names(err: &str, field: &str, reason: &str) {
    assert!(err.starts_with(field), "error {err:?} should name {field:?}");
    assert!(err.contains(reason), "error {err:?} should say {reason:?}");
}

#[test]
fn malformed_json_says_where() {
    let e = Scenario::from_json("{\"format\": \"quorumscope/1\",").unwrap_err().to_string();
    assert!(e.contains("line 1"), "{e}");
    assert!(Scenario::from_json("").is_err());
    assert!(Scenario::from_json("[]").is_err());
}

#[test]
fn unknown_fields_are_named() {
    assert_names(&error_with("nodez", 5.into()), "nodez", "unknown field `nodez`, expected one of `format`");
    assert_names(&error_with("timing", serde_json::json!({ "latncy": [1, 2] })), "timing", "unknown field `latncy`");
    let e = error_with("script", serde_json::json!([{ "do": "crash", "node": 1, "hard": true }]));
    assert_names(&e, "script[0]", "unknown field `hard`");
}

#[test]
fn unknown_ids_are_named() {
    assert_names(&error_with("protocol", "zab".into()), "protocol", "unknown variant `zab`");
    assert_names(&error_with("variant", serde_json::json!(["no_such_bug"])), "variant[0]", "not a raft bug variant");
    assert_names(&error_with("options", serde_json::json!({ "turbo": true })), "options.turbo", "not a raft option");
    assert_names(&error_with("options", serde_json::json!({ "prevote": 3 })), "options.prevote", "true or false");
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "explode" }])),
        "script[0]",
        "unknown variant `explode`",
    );
    assert_names(&error_with("format", "quorumscope/9".into()), "format", "must be \"quorumscope/1\"");
}

#[test]
fn out_of_range_numbers_are_named() {
    assert_names(&error_with("nodes", 12.into()), "nodes", "out of range");
    assert_names(&error_with("nodes", 2.into()), "nodes", "out of range");
    assert_names(&error_with("nodes", (-1).into()), "nodes", "invalid value");
    assert_names(&error_with("seed", "seven".into()), "seed", "invalid type");
    assert_names(&error_with("network", serde_json::json!({ "loss": 1.5 })), "network.loss", "not a probability");
    assert_names(&error_with("timing", serde_json::json!({ "latency": [30, 10] })), "timing.latency", "is empty");
    assert_names(
        &error_with("timing", serde_json::json!({ "election_timeout": [0, 10] })),
        "timing.election_timeout",
        "at least 1 ms",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "crash", "node": 6 }])),
        "script[0].node",
        "out of range 1..5",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "crash", "node": 300 }])),
        "script[0]",
        "expected a node id",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "run" }])),
        "script[0]",
        "exactly one of `ms` or `events`",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "partition", "groups": [[1, 2], [2, 3]] }])),
        "script[0].groups",
        "more than one group",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "cut", "from": 2, "to": 2 }])),
        "script[0].to",
        "itself",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "set", "duplicate": -0.1 }])),
        "script[0].duplicate",
        "probability",
    );
    assert_names(
        &error_with("notes", serde_json::json!([{ "step": 4, "text": "x" }])),
        "notes[0].step",
        "past the end",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "run", "ms": 1u64 << 60 }])),
        "script[0].ms",
        "more than",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "run", "events": 1u64 << 40 }])),
        "script[0].events",
        "more than",
    );
    assert_names(
        &error_with("script", serde_json::json!([{ "do": "delay", "ms": u64::MAX }])),
        "script[0].ms",
        "more than",
    );
}

#[test]
fn actions_that_cannot_run_name_their_index() {
    let e =
        error_with("script", serde_json::json!([{ "do": "run", "ms": 10 }, { "do": "deliver", "type": "Prepare" }]));
    assert_names(&e, "script[1]", "no message in flight matches Prepare");
    let e = error_with("script", serde_json::json!([{ "do": "crash", "node": 2 }, { "do": "timeout", "node": 2 }]));
    assert_names(&e, "script[1]", "S2 is crashed");
    let e = error_with("script", serde_json::json!([{ "do": "restart", "node": 3 }]));
    assert_names(&e, "script[0]", "S3 is not crashed");
}

#[test]
fn broken_links_say_what_is_wrong() {
    let good = link::encode(&Scenario::new(protocol_core::ProtocolId::Raft));
    let cases = [
        ("http://x/#s=2.abc", "link version \"2\" is not known"),
        ("http://x/#t=1", "not a QuorumScope scenario link"),
        ("#s=1.@@@", "not valid base64url"),
        (&good[..good.len() / 2], "compressed data is broken"),
    ];
    for (input, reason) in cases {
        let e = link::decode(input).unwrap_err().to_string();
        assert_names(&e, "link", reason);
    }
    let huge = format!("#s=1.{}", "A".repeat(9000));
    assert_names(&link::decode(&huge).unwrap_err().to_string(), "link", "refused");
    // A link holding a semantically invalid scenario names the field.
    let mut s = Scenario::new(protocol_core::ProtocolId::Raft);
    s.nodes = 42;
    let bad = format!("#s={}", link::encode(&s));
    assert_names(&link::decode(&bad).unwrap_err().to_string(), "nodes", "out of range");
}

/// Links made by this release: they must decode in every later one.
#[test]
fn golden_links_keep_decoding() {
    let scenario = Scenario::from_json(include_str!("golden/link-v1.json")).unwrap();
    let link = include_str!("golden/link-v1.txt").trim();
    assert_eq!(link::decode(link).unwrap(), scenario);
}

/// The UI and the explorer act through the same checks as a script.
#[test]
fn user_actions_are_validated_like_script_actions() {
    let mut sim = protocol_core::AnySim::new(Scenario::new(protocol_core::ProtocolId::Raft)).unwrap();
    let e = sim.intervene(protocol_core::Action::Crash { node: 9 }).unwrap_err().to_string();
    assert!(e.contains("node: node 9 is out of range 1..5"), "{e}");
    let e = sim.intervene(protocol_core::Action::Partition { groups: vec![vec![1], vec![1, 2]] }).unwrap_err();
    assert!(e.to_string().contains("more than one group"));
    assert!(sim.events().is_empty() && sim.scenario().script.is_empty(), "a refused action is not recorded");
    // Refused at a past point, it does not discard the future either.
    sim.advance_to(500);
    let known = sim.events().len();
    sim.seek(known / 2);
    assert!(sim.intervene(protocol_core::Action::Restart { node: 1, amnesia: false }).is_err());
    assert_eq!(sim.events().len(), known);
}
