//! `quorumscope`: run, explore, link and decode scenarios (shared SCENARIO.md).
//!
//! Exit status: 0 no invariant violated, 1 a violation, 2 bad input.

use std::io::Read;
use std::process::ExitCode;

use protocol_core::scenario::link;
use protocol_core::{Scenario, ScenarioError, text};

const HELP: &str = "\
quorumscope: run consensus scenarios (Raft, Multi-Paxos, VSR) deterministically

USAGE:
  quorumscope check FILE          run a scenario (FILE, - for stdin, or a share link)
                                  and print the report as JSON
  quorumscope explore [FLAGS]     search random executions for an invariant violation
  quorumscope trace FILE          print every event of the run with its explanation
  quorumscope link FILE           print the share link of a scenario
  quorumscope decode LINK         print the scenario JSON inside a share link

EXPLORE FLAGS:
  --protocol P     raft, multipaxos or vsr (required)
  --variant V      a bug variant to switch on (repeatable)
  --option O[=X]   a protocol option, on (or set to true, false or a number;
                   repeatable), e.g. --option prevote
  --fault F        a fault kind the runs may use (repeatable; default all):
                   crash, partition, cut, drop, delay, duplicate, timeout, loss
  --nodes N        cluster size, 3 to 9 (default 5)
  --seeds K        how many random executions to try (default 1000)
  --first-seed N   the first execution's seed (default 1); the Explore
                   panel's first seed, for the same executions
  --steps S        script actions per execution (default 40)
  --page URL       the page the printed link points at
  --hit-rate       run every seed without stopping and report how many
                   find a violation (measures the generator)
  --exhaustive D   instead of random runs, try every order of events up to
                   depth D (manual delivery and timers; at most 2 client
                   requests and 1 crashed node at a time); use --nodes 3

EXIT STATUS:
  0  no invariant violated
  1  an invariant was violated
  2  bad input (the error names the field and the reason)
";

const PAGE: &str = "http://127.0.0.1:8080/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, ScenarioError> {
    let needs = |command: &str, what: &str| ScenarioError::new("usage", text!(phrases::NEEDS_ARGUMENT, command, what));
    let asks_help = args.iter().any(|a| a == "-h" || a == "--help");
    match args.first().map(String::as_str) {
        _ if asks_help => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        None | Some("help") => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        Some("check") => {
            let input = args.get(1).ok_or_else(|| needs("check", "FILE"))?;
            let report = protocol_core::check(load(input)?)?;
            println!("{}", serde_json::to_string_pretty(&report).expect("reports serialize"));
            Ok(if report.violations.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Some("trace") => {
            let input = args.get(1).ok_or_else(|| needs("trace", "FILE"))?;
            let mut sim = protocol_core::AnySim::new(load(input)?)?;
            let stop = sim.run_to_end();
            for (i, e) in sim.events().iter().enumerate() {
                println!("{i:>5} {:>6}ms  {}", e.time, e.headline());
                for note in &e.notes {
                    println!("                  {note}");
                }
                for v in &e.violations {
                    println!("                  VIOLATION {}: {}", v.invariant, v.detail);
                }
            }
            if let protocol_core::timeline::Stop::Error { index, error } = stop {
                return Err(ScenarioError::new(format!("script[{index}]"), error.reason()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("link") => {
            let input = args.get(1).ok_or_else(|| needs("link", "FILE"))?;
            println!("{}", link::link(PAGE, &load(input)?));
            Ok(ExitCode::SUCCESS)
        }
        Some("decode") => {
            let input = args.get(1).ok_or_else(|| needs("decode", "LINK"))?;
            println!("{}", link::decode(input)?.to_json());
            Ok(ExitCode::SUCCESS)
        }
        Some("explore") => explore::run(&args[1..]),
        Some(other) => {
            Err(ScenarioError::new("usage", text!(phrases::UNKNOWN_COMMAND, command = format!("{other:?}"))))
        }
    }
}

/// Reads a scenario from a file, stdin (`-`) or a share link.
fn load(input: &str) -> Result<Scenario, ScenarioError> {
    if input.contains("#s=") || input.starts_with("1.") {
        return link::decode(input);
    }
    let text = if input == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| ScenarioError::new("stdin", text!(phrases::UNREADABLE, input = "stdin", error = e)))?;
        s
    } else {
        std::fs::read_to_string(input)
            .map_err(|e| ScenarioError::new("file", text!(phrases::UNREADABLE, input, error = e)))?
    };
    Scenario::from_json(&text)
}

mod explore;
mod phrases;
