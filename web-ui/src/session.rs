//! Pure logic for sharing, files and guided tours: what a page address asks
//! for, the page title, the events a tour stops at, the servers a note talks
//! about, reading a scenario file, the embed snippet. No web APIs, so it is
//! tested natively (`cargo test`) and in the browser.

use protocol_core::explain::Text;
use protocol_core::scenario::presets;
use protocol_core::{AnySim, Scenario, ScenarioError};

use crate::text;

/// Scenario files above this size are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Tours stop looking for a note's event after this many events.
const MAX_TOUR_EVENTS: usize = 200_000;

/// What the page address asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// No scenario in the address: the default one.
    Default,
    /// A share link (`#s=…`), still to be decoded.
    Link(String),
    /// A preset by id (`#preset=raft/figure8`).
    Preset(String),
}

/// Is this page embedded (`?embed=1`)?
pub fn is_embed(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|kv| kv == "embed=1" || kv == "embed" || kv == "embed=true")
}

/// What the fragment (`location.hash`) asks for.
pub fn start_from_hash(hash: &str) -> Start {
    let h = hash.trim_start_matches('#');
    if h.starts_with("s=") {
        Start::Link(format!("#{h}"))
    } else if let Some(id) = h.strip_prefix("preset=") {
        Start::Preset(id.split('&').next().unwrap_or_default().to_string())
    } else {
        Start::Default
    }
}

/// Why a link or a preset could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkProblem {
    /// The link itself is broken (cut short, an unknown version): the
    /// kernel's reason.
    Kernel(Text),
    /// The scenario in the link is invalid or cannot run: the kernel's field
    /// path and reason.
    Field(ScenarioError),
    UnknownPreset(String),
}

impl LinkProblem {
    /// The reason, in the current language.
    pub fn reason(&self) -> String {
        match self {
            LinkProblem::Kernel(reason) => text::explain(reason),
            LinkProblem::Field(e) => text::bad_link_field(&e.field, &text::explain(&e.reason)),
            LinkProblem::UnknownPreset(id) => text::unknown_preset(id),
        }
    }
}

/// Why a scenario file could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum FileProblem {
    TooBig {
        bytes: usize,
        max: usize,
    },
    /// Not a valid, runnable scenario: the kernel's field path and reason.
    Invalid(ScenarioError),
    /// The browser could not read it.
    Unreadable,
}

impl FileProblem {
    /// The reason, in the current language.
    pub fn reason(&self) -> String {
        match self {
            FileProblem::TooBig { bytes, max } => text::file_too_big(*bytes, *max),
            FileProblem::Invalid(e) => format!("{}{}{}", e.field, text::colon(), text::explain(&e.reason)),
            FileProblem::Unreadable => text::file_unreadable().to_string(),
        }
    }
}

/// A preset's scenario, tour-ready, or why it cannot be opened.
pub fn preset_scenario(id: &str) -> Result<Scenario, LinkProblem> {
    presets::find(id).map(|p| p.scenario()).ok_or_else(|| LinkProblem::UnknownPreset(id.to_string()))
}

/// The browser tab's title: the scenario (or the protocol), where the viewer
/// is, the app.
pub fn page_title(title: &str, protocol: &str, position: usize) -> String {
    text::page_title(if title.is_empty() { protocol } else { title }, position)
}

/// The trace hash as the CLI prints it.
pub fn hash_hex(h: u64) -> String {
    format!("{h:016x}")
}

/// The events a tour stops at: for each note, the first position at which
/// the script has reached the note's action (after the action itself when it
/// is a single event, at the start of a `run`). Notes the execution never
/// reaches (a script error, a huge run) stop at the last event found.
pub fn note_points(scenario: &Scenario) -> Vec<usize> {
    let mut s = scenario.clone();
    s.cursor = None;
    let steps: Vec<usize> = s.notes.iter().map(|n| n.step).collect();
    let Ok(mut sim) = AnySim::new(s) else { return vec![0; steps.len()] };
    sim.set_explain(false);
    let mut points = Vec::with_capacity(steps.len());
    for step in steps {
        while sim.action_index() < step && sim.position() < MAX_TOUR_EVENTS {
            let (moved, stop) = sim.step_event();
            if !moved || matches!(stop, protocol_core::timeline::Stop::Error { .. }) {
                break;
            }
        }
        points.push(sim.position());
    }
    points
}

/// The note a tour shows at `position`: the last whose point is at or before it.
pub fn note_at(points: &[usize], position: usize) -> usize {
    points.iter().rposition(|&p| p <= position).unwrap_or(0)
}

/// Servers a note names ("S3", "S1's log"), for highlighting them.
pub fn nodes_named(text: &str, nodes: usize) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if b[i] != b'S' || !starts_word {
            continue;
        }
        let digits: String = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).map(|&c| c as char).collect();
        let after = b.get(i + 1 + digits.len());
        if digits.is_empty() || after.is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if let Ok(n) = digits.parse::<u8>()
            && n >= 1
            && usize::from(n) <= nodes
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out.sort_unstable();
    out
}

/// Reads a scenario file: the whole scenario must be valid and runnable,
/// else the problem says what is wrong (naming the field).
pub fn read_scenario_file(contents: &str) -> Result<Scenario, FileProblem> {
    if contents.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooBig { bytes: contents.len(), max: MAX_FILE_BYTES });
    }
    let scenario = Scenario::from_json(contents).map_err(FileProblem::Invalid)?;
    AnySim::new(scenario.clone()).map_err(FileProblem::Invalid)?;
    Ok(scenario)
}

/// The scenario file for a session, opening at `position`.
pub fn scenario_file(sim: &AnySim) -> String {
    let mut s = sim.scenario().clone();
    s.cursor = Some(sim.position());
    s.to_json() + "\n"
}

/// The trace up to the event shown: the scenario, the hash, and every event
/// with its explanations.
pub fn trace_file(sim: &AnySim) -> String {
    let position = sim.position();
    let events = &sim.events()[..position.min(sim.events().len())];
    let mut scenario = sim.scenario().clone();
    scenario.cursor = Some(position);
    let doc = serde_json::json!({
        "format": "quorumscope-trace/1",
        "scenario": scenario,
        "events": events,
        "position": position,
        "trace_hash": hash_hex(sim.trace_hash()),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A file name for a download: the title in lower-case words.
pub fn file_name(title: &str, suffix: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "scenario" } else { slug };
    format!("{}{suffix}", &slug[..slug.len().min(60)])
}

/// An attribute value, escaped for HTML (the snippet is pasted into pages).
fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `<iframe>` snippet for embedding `page` (without query or fragment)
/// at the scenario `payload`, with the link parameters `params` after it.
pub fn embed_snippet(page: &str, payload: &str, params: &str, title: &str) -> String {
    let src = format!("{page}?embed=1#s={payload}{params}");
    let title = if title.is_empty() { text::APP_NAME.to_string() } else { format!("{} — {title}", text::APP_NAME) };
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"720\" height=\"600\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        attr(&src),
        attr(&title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol_core::scenario::presets::PRESETS;

    #[test]
    fn the_address_says_what_to_open() {
        assert!(is_embed("?embed=1"));
        assert!(is_embed("?x=2&embed=1"));
        assert!(!is_embed(""));
        assert!(!is_embed("?embedded=0"));
        assert_eq!(start_from_hash(""), Start::Default);
        assert_eq!(start_from_hash("#s=1.abc"), Start::Link("#s=1.abc".into()));
        assert_eq!(start_from_hash("#preset=raft/figure8"), Start::Preset("raft/figure8".into()));
        assert!(preset_scenario("raft/figure8").is_ok());
        assert!(preset_scenario("<b>nope</b>").unwrap_err().reason().contains("<b>nope</b>"));
    }

    #[test]
    fn titles_and_names() {
        assert_eq!(page_title("Raft: leader election", "Raft", 3), "Raft: leader election · event 3 — QuorumScope");
        assert_eq!(page_title("", "Raft", 0), "Raft · event 0 — QuorumScope");
        assert_eq!(file_name("Raft: the Figure 8 commit trap", ".json"), "raft-the-figure-8-commit-trap.json");
        assert_eq!(file_name("", ".trace.json"), "scenario.trace.json");
        assert_eq!(hash_hex(255), "00000000000000ff");
    }

    #[test]
    fn notes_name_servers() {
        assert_eq!(nodes_named("S1 brings S3 up to date; S3's log", 5), vec![1, 3]);
        assert_eq!(nodes_named("S9 and S12 and XS2 and S2x, S0", 5), Vec::<u8>::new());
        assert_eq!(nodes_named("(S5)", 5), vec![5]);
    }

    #[test]
    fn tour_points_follow_the_notes() {
        for p in PRESETS {
            let s = p.scenario();
            let points = note_points(&s);
            assert_eq!(points.len(), s.notes.len(), "{}", p.id);
            assert!(points.windows(2).all(|w| w[0] <= w[1]), "{}: {points:?}", p.id);
            // Seeking to a note's point shows that note (narration agrees).
            let mut sim = AnySim::new(s.clone()).expect("preset runs");
            for (i, &pt) in points.iter().enumerate() {
                sim.seek(pt);
                assert!(sim.action_index() >= s.notes[i].step, "{} note {i}", p.id);
                assert_eq!(note_at(&points, pt), points.iter().rposition(|&q| q == pt).unwrap());
            }
        }
    }

    #[test]
    fn files_round_trip_and_errors_name_the_field() {
        let s = presets::default_scenario();
        let mut sim = AnySim::new(s).unwrap();
        for _ in 0..20 {
            sim.step_event();
        }
        let file = scenario_file(&sim);
        let back = read_scenario_file(&file).unwrap();
        assert_eq!(back.cursor, Some(20));
        let mut again = AnySim::new(back).unwrap();
        again.seek(20);
        assert_eq!(again.trace_hash(), sim.trace_hash());
        let trace: serde_json::Value = serde_json::from_str(&trace_file(&sim)).unwrap();
        assert_eq!(trace["events"].as_array().unwrap().len(), 20);
        assert_eq!(trace["trace_hash"], hash_hex(sim.trace_hash()));
        let e = read_scenario_file("{\"format\": \"quorumscope/1\", \"protocol\": \"raft\", \"nodes\": 12}");
        assert!(e.unwrap_err().reason().contains("nodes"));
        assert!(matches!(read_scenario_file("{ not json"), Err(FileProblem::Invalid(_))));
        let e = read_scenario_file("{\"format\": \"quorumscope/1\", \"protocol\": \"raft\", \"variant\": [\"nope\"]}");
        assert!(e.unwrap_err().reason().contains("variant"));
        let big = read_scenario_file(&" ".repeat(MAX_FILE_BYTES + 1)).unwrap_err();
        assert!(big.reason().contains(&MAX_FILE_BYTES.to_string()));
    }

    #[test]
    fn the_embed_snippet_is_escaped() {
        let s = embed_snippet("https://x.org/q/", "1.abc", "&lang=zh", "A \"quoted\" <title>");
        assert!(s.starts_with("<iframe src=\"https://x.org/q/?embed=1#s=1.abc&amp;lang=zh\""));
        assert!(s.contains("&quot;quoted&quot; &lt;title&gt;"));
        assert!(!s.contains("<title>"));
    }
}
