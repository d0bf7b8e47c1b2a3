//! The `quorumscope` binary: output shape and exit codes of shared SCENARIO.md.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn quorumscope(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quorumscope"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn preset(name: &str) -> String {
    format!("{}/../protocol-core/presets/raft/{name}.json", env!("CARGO_MANIFEST_DIR"))
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn check_reports_a_clean_run_with_exit_0() {
    let out = quorumscope(&["check", &preset("replication")], None);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["protocol"], "raft");
    assert_eq!(report["violations"], serde_json::json!([]));
    assert_eq!(report["committed"]["1"], serde_json::json!(["x=1", "y=2", "z=3"]));
    assert_eq!(report["trace_hash"].as_str().unwrap().len(), 16);
    assert!(report["events"].as_u64().unwrap() > 0 && report["time_ms"] == 800);
}

#[test]
fn check_reports_a_violation_with_exit_1() {
    let out = quorumscope(&["check", &preset("bug-vote-not-persisted")], None);
    assert_eq!(out.status.code(), Some(1));
    let v = &json(&out)["violations"][0];
    assert_eq!(v["invariant"], "ElectionSafety");
    assert_eq!(v["nodes"], serde_json::json!([1, 3]));
    assert!(v["event"].is_u64() && v["time_ms"].is_u64() && v["detail"].is_string());
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field() {
    let out = quorumscope(&["check", "-"], Some(r#"{"format":"quorumscope/1","protocol":"raft","nodes":11}"#));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.starts_with("error: nodes: 11 is out of range"), "{err}");
    let out = quorumscope(&["check", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = quorumscope(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn link_and_decode_round_trip_and_check_accepts_links() {
    let out = quorumscope(&["link", &preset("election")], None);
    assert_eq!(out.status.code(), Some(0));
    let link = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(link.contains("#s=1."), "{link}");
    let decoded = quorumscope(&["decode", &link], None);
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(preset("election")).unwrap()).unwrap();
    assert_eq!(json(&decoded), original);
    let by_link = json(&quorumscope(&["check", &link], None));
    let by_file = json(&quorumscope(&["check", &preset("election")], None));
    assert_eq!(by_link["trace_hash"], by_file["trace_hash"]);
    let broken = quorumscope(&["decode", &link[..link.len() - 10]], None);
    assert_eq!(broken.status.code(), Some(2));
}

#[test]
fn explore_finds_a_bug_variant_and_prints_a_replayable_counterexample() {
    let out =
        quorumscope(&["explore", "--protocol", "raft", "--variant", "no_up_to_date_check", "--seeds", "200"], None);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let found = json(&out);
    let invariant = found["violations"][0]["invariant"].as_str().unwrap().to_string();
    assert!(String::from_utf8_lossy(&out.stderr).contains("executions"));
    // The link replays to the same violation.
    let replay = json(&quorumscope(&["check", found["link"].as_str().unwrap()], None));
    assert_eq!(replay["violations"][0]["invariant"], invariant.as_str());
    assert_eq!(replay["trace_hash"], found["trace_hash"]);
}

#[test]
fn explore_on_the_correct_protocol_exits_0() {
    let out = quorumscope(&["explore", "--protocol", "raft", "--seeds", "50"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["violations"], serde_json::json!([]));
    let out = quorumscope(&["explore", "--protocol", "zab"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exhaustive_search_proves_a_small_depth_and_finds_a_shortest_counterexample() {
    let ok = quorumscope(&["explore", "--protocol", "raft", "--nodes", "3", "--exhaustive", "6"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let report = json(&ok);
    assert_eq!(report["exhaustive"]["depth"], 6);
    assert!(report["exhaustive"]["states"].as_u64().unwrap() > 1000);
    let bug = quorumscope(
        &["explore", "--protocol", "raft", "--nodes", "3", "--variant", "vote_not_persisted", "--exhaustive", "8"],
        None,
    );
    assert_eq!(bug.status.code(), Some(1));
    let found = json(&bug);
    assert_eq!(found["violations"][0]["invariant"], "ElectionSafety");
    // Breadth-first: no shorter path exists, and this one replays.
    assert_eq!(found["scenario"]["script"].as_array().unwrap().len(), 8);
    let replay = json(&quorumscope(&["check", found["link"].as_str().unwrap()], None));
    assert_eq!(replay["violations"][0]["invariant"], "ElectionSafety");
}

#[test]
fn explore_takes_the_panels_first_seed_faults_and_options() {
    let args = ["explore", "--protocol", "raft", "--variant", "no_up_to_date_check", "--option", "prevote"];
    let first =
        quorumscope(&[&args[..], &["--fault", "crash", "--fault", "partition", "--seeds", "400"]].concat(), None);
    assert_eq!(first.status.code(), Some(1), "{}", String::from_utf8_lossy(&first.stderr));
    let first = json(&first);
    let seed = first["seed"].as_u64().unwrap();
    assert_eq!(seed, first["executions"].as_u64().unwrap(), "the search starts at seed 1");
    assert_eq!(first["scenario"]["options"]["prevote"], true);
    // Only the fault kinds asked for: crashes and partitions, no message faults.
    let script = serde_json::to_string(&first["scenario"]["script"]).unwrap();
    for other in ["\"drop\"", "\"duplicate\"", "\"delay\"", "\"cut\""] {
        assert!(!script.contains(other), "{other} in {script}");
    }
    // Starting at the seed that broke it finds the same counterexample at once.
    let again = quorumscope(
        &[&args[..], &["--fault", "crash", "--fault", "partition", "--first-seed", &seed.to_string(), "--seeds", "1"]]
            .concat(),
        None,
    );
    let again = json(&again);
    assert_eq!(again["executions"], 1);
    assert_eq!(again["scenario"], first["scenario"]);
    // A wrong fault kind or option value names the flag.
    let bad = quorumscope(&["explore", "--protocol", "raft", "--fault", "meteor"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error: --fault: \"meteor\" is not one of crash"));
    let bad = quorumscope(&["explore", "--protocol", "raft", "--option", "prevote=maybe"], None);
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error: --option: \"maybe\" is not"));
}
