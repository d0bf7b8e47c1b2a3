//! `quorumscope explore`: random search with shrinking (protocol_core::explore).

use std::process::ExitCode;
use std::time::Instant;

use protocol_core::exhaustive::{Bfs, Bounds};
use protocol_core::explore::{self, Config, Fault};
use protocol_core::scenario::OptionValue;
use protocol_core::scenario::link;
use protocol_core::{ProtocolId, ScenarioError, text};

use crate::phrases;

pub fn run(args: &[String]) -> Result<ExitCode, ScenarioError> {
    let mut protocol = None;
    let mut config = Config::new(ProtocolId::Raft);
    let mut seeds = 1000u64;
    let mut first_seed = 1u64;
    let mut faults = Vec::new();
    let mut page = super::PAGE.to_string();
    let mut hit_rate = false;
    let mut exhaustive: Option<usize> = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value =
            || it.next().cloned().ok_or_else(|| ScenarioError::new(flag.clone(), text!(phrases::NEEDS_VALUE)));
        match flag.as_str() {
            "--protocol" => {
                let p = value()?;
                protocol =
                    Some(serde_json::from_value::<ProtocolId>(serde_json::Value::String(p.clone())).map_err(|_| {
                        ScenarioError::new("--protocol", text!(phrases::UNKNOWN_PROTOCOL, protocol = format!("{p:?}")))
                    })?);
            }
            "--variant" => config.variants.push(value()?),
            "--option" => {
                let (name, setting) = option(&value()?)?;
                config.options.insert(name, setting);
            }
            "--fault" => {
                let f = value()?;
                faults.push(Fault::from_id(&f).ok_or_else(|| {
                    let kinds = Fault::ALL.map(Fault::id).join(", ");
                    ScenarioError::new("--fault", text!(phrases::UNKNOWN_FAULT, fault = format!("{f:?}"), kinds))
                })?);
            }
            "--nodes" => config.nodes = number("--nodes", &value()?)?,
            "--seeds" => seeds = number("--seeds", &value()?)?,
            "--first-seed" => {
                let text = value()?;
                first_seed = number("--first-seed", &text)?;
                if first_seed > explore::MAX_SEED {
                    let max = explore::MAX_SEED;
                    return Err(ScenarioError::new("--first-seed", text!(phrases::TOO_LARGE, text, max)));
                }
            }
            "--steps" => config.steps = number("--steps", &value()?)?,
            "--page" => page = value()?,
            "--hit-rate" => hit_rate = true,
            "--exhaustive" => exhaustive = Some(number("--exhaustive", &value()?)?),
            other => return Err(ScenarioError::new(other, text!(phrases::UNKNOWN_FLAG))),
        }
    }
    config.protocol = protocol.ok_or_else(|| ScenarioError::new("--protocol", text!(phrases::REQUIRED)))?;
    if !faults.is_empty() {
        config.faults = faults;
    }
    if hit_rate {
        return measure_hit_rate(&config, first_seed, seeds);
    }
    if let Some(depth) = exhaustive {
        return search_exhaustively(&config, depth, &page);
    }
    let start = Instant::now();
    let mut last_print = Instant::now();
    let found = explore::search(&config, first_seed, seeds, |done, _| {
        if last_print.elapsed().as_millis() >= 500 {
            last_print = Instant::now();
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            eprintln!("explore: {done}/{seeds} executions, {:.0} executions/s", done as f64 / secs);
        }
    })?;
    let done = found.as_ref().map_or(seeds, |f| f.executions);
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    eprintln!("explore: {done} executions in {secs:.1} s ({:.0} executions/s)", done as f64 / secs);
    let Some(found) = found else {
        eprintln!("explore: no violation in {seeds} executions");
        println!("{}", serde_json::json!({ "protocol": config.protocol, "executions": seeds, "violations": [] }));
        return Ok(ExitCode::SUCCESS);
    };
    eprintln!(
        "explore: {} violated in execution {} (seed {}); shrunk to {} script actions",
        found.violation.invariant,
        found.executions,
        found.seed,
        found.scenario.script.len()
    );
    let report = protocol_core::check(found.scenario.clone())?;
    let mut out = serde_json::to_value(&report).expect("reports serialize");
    out["executions"] = found.executions.into();
    out["seed"] = found.seed.into();
    out["scenario"] = serde_json::to_value(&found.scenario).expect("scenarios serialize");
    out["link"] = link::link(&page, &found.scenario).into();
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
    Ok(ExitCode::from(1))
}

/// `--option NAME` (on) or `--option NAME=VALUE` (true, false or a number).
fn option(arg: &str) -> Result<(String, OptionValue), ScenarioError> {
    let Some((name, value)) = arg.split_once('=') else {
        return Ok((arg.to_string(), OptionValue::Bool(true)));
    };
    let setting = match value {
        "true" => OptionValue::Bool(true),
        "false" => OptionValue::Bool(false),
        n => OptionValue::Number(n.parse().map_err(|_| {
            ScenarioError::new("--option", text!(phrases::BAD_OPTION_VALUE, value = format!("{value:?}")))
        })?),
    };
    Ok((name.to_string(), setting))
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, ScenarioError> {
    text.parse()
        .map_err(|_| ScenarioError::new(flag, protocol_core::text!(phrases::NOT_A_NUMBER, text = format!("{text:?}"))))
}

/// Runs every seed (no stopping, no shrinking) and reports how many find a
/// violation: the generator's hit rate for this protocol and variant.
fn measure_hit_rate(config: &Config, first_seed: u64, seeds: u64) -> Result<ExitCode, ScenarioError> {
    let start = Instant::now();
    let mut hits = 0u64;
    let mut first = None;
    let mut by_invariant = std::collections::BTreeMap::<&str, u64>::new();
    for seed in first_seed..first_seed.saturating_add(seeds) {
        if let (_, Some(v)) = explore::generate(config, seed)? {
            hits += 1;
            first.get_or_insert(seed);
            *by_invariant.entry(v.invariant).or_default() += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{}",
        serde_json::json!({
            "protocol": config.protocol,
            "variant": config.variants,
            "executions": seeds,
            "hits": hits,
            "hit_rate": hits as f64 / seeds.max(1) as f64,
            "first_hit_seed": first,
            "by_invariant": by_invariant,
            "executions_per_s": (seeds as f64 / secs).round(),
        })
    );
    Ok(if hits > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Bounded breadth-first search over every event order (protocol_core::exhaustive).
fn search_exhaustively(config: &Config, depth: usize, page: &str) -> Result<ExitCode, ScenarioError> {
    let start = Instant::now();
    let result = Bfs::new(config, Bounds::new(depth))?.run();
    eprintln!("explore: {} states to depth {} in {:.1} s", result.states, result.depth, start.elapsed().as_secs_f64());
    let mut out = serde_json::json!({
        "protocol": config.protocol,
        "exhaustive": { "depth": result.depth, "states": result.states },
        "violations": [],
    });
    let Some((violation, scenario)) = result.found else {
        println!("{}", serde_json::to_string_pretty(&out).expect("json"));
        return Ok(ExitCode::SUCCESS);
    };
    eprintln!("explore: {} violated after {} actions (a shortest path)", violation.invariant, scenario.script.len());
    out["violations"] = serde_json::json!([violation]);
    out["link"] = link::link(page, &scenario).into();
    out["scenario"] = serde_json::to_value(&scenario).expect("scenarios serialize");
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
    Ok(ExitCode::from(1))
}
