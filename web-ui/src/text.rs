//! Every user-facing string of the UI, in one place, so that a second
//! language (issue 13) is a new module with the same functions, not a hunt
//! through the components. Components never hard-code visible text.

pub const APP_NAME: &str = "QuorumScope";
pub const TAGLINE: &str = "Watch consensus work, then break it.";

// --- controls ---------------------------------------------------------------
pub const PLAY: &str = "Play";
pub const PAUSE: &str = "Pause";
pub const STEP_BACK: &str = "Step back";
pub const STEP_FORWARD: &str = "Step";
pub const STEP_BACK_TITLE: &str = "Go back one event (←)";
pub const STEP_FORWARD_TITLE: &str = "Process the next event (→)";
pub const PLAY_TITLE: &str = "Play or pause (space)";
pub const SPEED: &str = "Speed";
pub const TIMELINE: &str = "Timeline";
pub const NEW_SCENARIO: &str = "New…";
pub const SHARE: &str = "Share";
pub const HELP: &str = "Help";
pub const HELP_TITLE: &str = "Keyboard shortcuts and how to read the picture (?)";
pub const CLOSE: &str = "Close";
pub const DISMISS: &str = "Dismiss";
pub const GO_TO_EVENT: &str = "Show that event";

pub fn speed_value(speed: f64) -> String {
    if speed < 1.0 { format!("{speed:.1}×") } else { format!("{speed:.0}×") }
}

pub fn clock(position: usize, len: usize, time_ms: f64) -> String {
    format!("event {position} of {len} · {:.0} ms", time_ms.floor())
}

// --- cluster ----------------------------------------------------------------
pub const CLUSTER_LABEL: &str = "The cluster: servers on a ring, messages in flight between them";
pub const CRASHED: &str = "crashed";
pub const LEGEND: &str = "Legend";
pub const LEGEND_ROLES: &str = "Roles";
pub const LEGEND_MESSAGES: &str = "Messages";
pub const LEGEND_TIMER: &str = "ring = time left on the node's timer";
pub const LEGEND_CUT: &str = "red dashes = cut link (arrow: blocked direction)";
pub const REPLY_HINT: &str = "hollow = reply";

pub fn node_name(id: u8) -> String {
    format!("S{id}")
}

pub fn epoch_short(epoch_label: &str, epoch: u64) -> String {
    let first = epoch_label.chars().next().unwrap_or('e');
    format!("{first}{epoch}")
}

pub fn node_aria(id: u8, role: &str, epoch_label: &str, epoch: u64) -> String {
    format!("S{id}, {role}, {epoch_label} {epoch}")
}

pub fn node_crashed_aria(id: u8) -> String {
    format!("S{id}, crashed")
}

pub fn msg_aria(id: u64, kind: &str, from: u8, to: u8) -> String {
    format!("message #{id}: {kind} from S{from} to S{to}")
}

pub fn quorum(what: &str, have: usize, need: usize) -> String {
    format!("{what}: {have} of {need} needed")
}

pub fn quorum_short(have: usize, need: usize) -> String {
    format!("{have}/{need}")
}

pub const ROLE_LEADER: &str = "leader";
pub const ROLE_CANDIDATE: &str = "candidate";
pub const ROLE_FOLLOWER: &str = "follower";
pub const ROLE_OTHER: &str = "other";

// --- inspector ----------------------------------------------------------------
pub const INSPECTOR: &str = "Inspector";
pub const INSPECTOR_EMPTY: &str = "Click a server or a message to inspect it and act on it.";
pub const DURABLE: &str = "Durable (survives a crash)";
pub const VOLATILE: &str = "Volatile (lost in a crash)";
pub const CRASH: &str = "Crash";
pub const RESTART: &str = "Restart";
pub const RESTART_AMNESIA: &str = "Restart with amnesia";
pub const RESTART_AMNESIA_TITLE: &str = "Restart with nothing on disk: even the durable state is lost";
pub const FIRE_TIMER: &str = "Fire timer";
pub const CLIENT_REQUEST: &str = "Client request";
pub const REQUEST_VALUE: &str = "Command";
pub const NODE_IS_CRASHED: &str = "This server is crashed: it keeps only its durable state.";
pub const NO_QUORUM: &str = "Not collecting a quorum.";

pub fn node_title(id: u8, role: &str) -> String {
    format!("S{id} · {role}")
}

pub fn epoch_line(epoch_label: &str, epoch: u64, commit: u64) -> String {
    format!("{epoch_label} {epoch} · commit index {commit}")
}

pub fn who(nodes: &[u8]) -> String {
    if nodes.is_empty() {
        "nobody yet".to_string()
    } else {
        nodes.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(", ")
    }
}

pub const MESSAGE: &str = "Message";
pub const MESSAGE_GONE: &str = "This message is no longer in flight.";
pub const DELIVER_NOW: &str = "Deliver now";
pub const DROP: &str = "Drop";
pub const DUPLICATE: &str = "Duplicate";
pub const DELAY: &str = "Delay";
pub const DELAY_MS: &str = "by ms";

pub fn msg_title(id: u64, kind: &str) -> String {
    format!("#{id} {kind}")
}

pub fn msg_route(from: u8, to: u8) -> String {
    format!("S{from} → S{to}")
}

pub fn msg_times(sent: u64, deliver: u64) -> String {
    format!("sent at {sent} ms, arrives at {deliver} ms")
}

// --- network ----------------------------------------------------------------
pub const NETWORK: &str = "Network";
pub fn isolate(id: u8) -> String {
    format!("Isolate S{id}")
}
pub const ISOLATE_HINT: &str = "Select a server to isolate it";
pub const GROUPS: &str = "Partition into groups (click a server to switch its group)";
pub const PARTITION: &str = "Partition";
pub const CUT: &str = "Cut";
pub const CUT_LABEL: &str = "Cut one direction";
pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const HEAL: &str = "Heal all links";
pub const LOSS: &str = "Loss %";
pub const DUP: &str = "Duplication %";
pub const LATENCY: &str = "Latency ms";
pub const APPLY: &str = "Apply";

pub fn group_button(id: u8, group: u8) -> String {
    let g = (b'A' + group) as char;
    format!("S{id}: {g}")
}

// --- log --------------------------------------------------------------------
pub const LOG: &str = "Logs";
pub const LOG_HINT: &str = "Each cell is an entry, coloured by its term; a thick border means committed at that server; a red mark means it differs from what is committed.";

pub fn log_cell_title(index: u64, epoch_label: &str, epoch: u64, label: &str, committed: bool) -> String {
    let c = if committed { ", committed" } else { "" };
    format!("index {index}, {epoch_label} {epoch}: {label}{c}")
}

pub const COMMIT_MARK: &str = "commit";
pub const LOG_EMPTY: &str = "No entries yet: select the leader and send a client request.";

// --- narration ----------------------------------------------------------------
pub const NARRATION: &str = "About this scenario";

pub fn narration_step(note: usize, total: usize) -> String {
    format!("note {} of {total}", note + 1)
}

// --- events -----------------------------------------------------------------
pub const EVENTS: &str = "Events";
pub const EVENTS_EMPTY: &str = "Nothing has happened yet. Press Play or Step.";
pub const EVENTS_HINT: &str = "Click an event to go back to it.";

pub fn event_number(i: usize) -> String {
    format!("#{}", i + 1)
}

pub fn event_time(ms: u64) -> String {
    format!("{ms} ms")
}

// --- invariants ---------------------------------------------------------------
pub const INVARIANTS: &str = "Invariants";
pub const HOLDS: &str = "holds";
pub const VIOLATED: &str = "violated";

pub fn invariant_help(id: &str) -> &'static str {
    match id {
        "ElectionSafety" => "At most one leader per term (Figure 3).",
        "LeaderAppendOnly" => "A leader never overwrites or deletes its own entries (Figure 3).",
        "LogMatching" => "Two logs with an entry of the same index and term agree up to it (Figure 3).",
        "LeaderCompleteness" => "A committed entry is in the log of every later leader (Figure 3).",
        "StateMachineSafety" => "No two servers apply different commands at one index (Figure 3).",
        "AckedWriteDurable" => "A write acknowledged to a client stays committed.",
        "Agreement" => "At most one value is chosen per slot.",
        "Validity" => "Only proposed values are chosen.",
        "PromiseKept" => "An acceptor never accepts below a ballot it promised.",
        "CommittedPrefixAgreement" => "Replicas agree on every committed operation.",
        "CommitWithinLog" => "The commit-number never passes the op-number.",
        _ => "",
    }
}

pub fn violation_banner(invariant: &str, event: usize, time: u64) -> String {
    format!("{invariant} violated at event #{} ({time} ms)", event + 1)
}

pub fn violation_nodes(nodes: &[u8]) -> String {
    format!("Servers involved: {}", who(nodes))
}

// --- setup ------------------------------------------------------------------
pub const SETUP_TITLE: &str = "New scenario";
pub const PRESET: &str = "Preset";
pub const PRESET_CUSTOM: &str = "— custom (the settings below) —";
pub const PROTOCOL: &str = "Protocol";
pub const NODES: &str = "Servers";
pub const SEED: &str = "Seed";
pub const OPTIONS: &str = "Options";
pub const BUGS: &str = "Bugs (deliberately wrong variants)";
pub const BUG_TAG: &str = "BUG";
pub const MANUAL: &str = "Manual mode: nothing happens until you deliver a message or fire a timer";
pub const START: &str = "Start";
pub const CANCEL: &str = "Cancel";
pub const NOT_YET: &str = "(coming later)";

// --- explore (issue 11) -------------------------------------------------------
pub const EXPLORE: &str = "Explore";
pub const EXPLORE_TITLE_TIP: &str = "Search random executions for a violation of an invariant";
pub const EXPLORE_HEADING: &str = "Explore: search for a counterexample";
pub const EXPLORE_INTRO: &str = "Runs seeded random executions with faults (the same generator as `quorumscope explore`) until an invariant breaks, then shrinks the execution to a short script you can replay step by step.";
pub const EXPLORE_FAULTS: &str = "Faults the search may use";
pub const EXPLORE_BUDGET: &str = "Budget";
pub const EXPLORE_EXECUTIONS: &str = "executions";
pub const EXPLORE_SECONDS: &str = "seconds";
pub const EXPLORE_START: &str = "Start search";
pub const EXPLORE_STOP: &str = "Stop";
pub const EXPLORE_REPLAY: &str = "Replay";
pub const EXPLORE_NO_FAULTS: &str = "Choose at least one fault kind: without faults the search has nothing to try.";
pub const EXPLORE_IDLE: &str = "Not started.";
pub const EXPLORE_SEARCHING: &str = "Searching…";
pub const EXPLORE_EXHAUSTED: &str = "No violation found within the budget.";
pub const EXPLORE_STOPPED: &str = "Stopped.";

pub fn fault_help(id: &str) -> &'static str {
    match id {
        "crash" => "crash and restart servers (also with amnesia), the leader right after it appends",
        "partition" => "split the cluster into groups",
        "cut" => "cut one direction of a link",
        "drop" => "drop a message in flight",
        "delay" => "delay a message",
        "duplicate" => "duplicate a message",
        "timeout" => "fire a timer early",
        "loss" => "random message loss and duplication",
        _ => "",
    }
}

pub fn explore_bad_number(field: &str, raw: &str, min: u64, max: u64) -> String {
    if raw.is_empty() {
        format!("{field}: enter a whole number from {min} to {max}.")
    } else {
        format!("{field}: {raw:?} is not a whole number from {min} to {max}.")
    }
}

pub fn explore_bad_budget_kind(kind: &str) -> String {
    format!("Budget: {kind:?} is not executions or seconds.")
}

pub fn explore_unknown_variant(v: &str) -> String {
    format!("{v} is not a bug variant of this protocol.")
}

pub fn explore_failed(reason: &str) -> String {
    format!("The search stopped: {reason}.")
}

pub fn explore_title(invariant: &str, seed: u64) -> String {
    format!("Counterexample: {invariant} (explore seed {seed}, shrunk)")
}

pub fn explore_progress(executions: u64, rate: f64) -> String {
    format!("{executions} executions, {rate:.0} executions/s")
}

pub fn explore_shrinking(invariant: &str, seed: u64, tries: usize) -> String {
    format!("{invariant} broken in seed {seed}; shrinking ({tries} replays)…")
}

pub fn explore_found(invariant: &str, seed: u64, actions: usize, original: usize, event: usize) -> String {
    format!(
        "{invariant} violated (seed {seed}). Shrunk from {original} to {actions} script actions; the violation is event #{}.",
        event + 1
    )
}

pub fn protocol_name(id: &str) -> &'static str {
    match id {
        "raft" => "Raft",
        "multipaxos" => "Multi-Paxos",
        "vsr" => "Viewstamped Replication",
        _ => "?",
    }
}

pub fn option_help(id: &str) -> &'static str {
    match id {
        "prevote" => "PreVote: ask before disrupting a leader (thesis §9.6)",
        "check_quorum" => "CheckQuorum: a leader steps down without a majority (thesis §6.2)",
        "noop_on_elect" => "No-op on election: a new leader appends an empty entry (§8)",
        _ => "",
    }
}

pub fn variant_help(id: &str) -> &'static str {
    match id {
        "commit_by_counting" => "commits an old-term entry once it is on a majority (Figure 8)",
        "vote_not_persisted" => "forgets votedFor in a restart",
        "no_up_to_date_check" => "votes without the log comparison of §5.4.1",
        "truncate_on_any_append" => "truncates the log on every AppendEntries",
        "ignore_promised_values" => "the proposer ignores values reported in promises",
        "accept_below_promise" => "an acceptor accepts a ballot lower than it promised",
        "acceptor_amnesia" => "acceptor state is not durable",
        "skip_phase1_on_takeover" => "a new leader goes straight to phase 2",
        "log_by_op_only" => "the new primary picks the log with the largest op-number only",
        "stale_prepare_ok" => "counts PrepareOk from an older view",
        "recovery_without_nonce" => "accepts recovery replies from an older round",
        _ => "",
    }
}

pub fn preset_label(title: &str, bug: bool) -> String {
    if bug { format!("{title} (shows a bug)") } else { title.to_string() }
}

// --- share and notices ------------------------------------------------------
pub const SHARE_LINK: &str = "Link to this exact run";
pub const COPIED: &str = "Copied to the clipboard.";
pub const COPY_BY_HAND: &str = "Copy the link below.";

pub fn bad_link(reason: &str) -> String {
    format!("This link could not be opened: {reason}. The default scenario is loaded instead.")
}

pub fn action_failed(reason: &str) -> String {
    format!("That did not work: {reason}.")
}

pub const NOTHING_TO_DO: &str = "Nothing is due to happen: deliver a message, fire a timer or send a client request.";

// --- help -------------------------------------------------------------------
pub const HELP_HEADING: &str = "How to use QuorumScope";
pub const HELP_KEYS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→", "step one event forward"),
    ("←", "step one event back"),
    ("?", "show or hide this help"),
    ("Esc", "close dialogs, clear the selection"),
    ("Tab", "move between controls; Enter activates"),
];
pub const HELP_TEXT: &[&str] = &[
    "Each circle is a server. Its colour and letter give its role: L leader, C candidate, F follower. The small label inside is its term; the ring around it is its timer running down.",
    "Dots moving between servers are messages. Click one to drop, delay, duplicate or deliver it now.",
    "Click a server to crash it, restart it, fire its timer or send it a client request.",
    "The timeline records everything: step back, drag the scrubber, or click an event to go back. Acting in the past forks a new history from there.",
    "Invariants are checked after every event. A violation pauses the run and names the rule, the event and the servers.",
];

// --- share dialog, files, library, tours, embed (issue 7) --------------------
pub const SHARE_TITLE: &str = "Share this run";
pub const SHARE_INTRO: &str = "The link holds the whole run: settings, every action, and the event you are looking at. Opening it replays exactly this.";
pub const COPY: &str = "Copy";
pub const TRACE_HASH: &str = "Trace hash";
pub const TRACE_HASH_HINT: &str = "the same run gives the same hash (quorumscope check prints it too)";
pub const EMBED_TITLE: &str = "Embed in a page";
pub const EMBED_HINT: &str =
    "Paste this into a course page or blog post: it shows only the cluster, the controls and the narration.";
pub const EXPORT: &str = "Download";
pub const EXPORT_SCENARIO: &str = "Scenario (JSON)";
pub const EXPORT_SCENARIO_TITLE: &str = "The scenario file: open it here again, or run it with `quorumscope check`";
pub const EXPORT_TRACE: &str = "Trace (JSON)";
pub const EXPORT_TRACE_TITLE: &str = "Every event up to the one shown, with the protocol's explanations";
pub const OPEN_FILE: &str = "Open file…";
pub const OPEN_FILE_TITLE: &str = "Open a scenario file (.json); you can also drop one on the page";
pub const DROP_HERE: &str = "Drop a scenario file to open it";
pub const LIBRARY: &str = "Library";
pub const LIBRARY_TITLE: &str = "Preset library";
pub const LIBRARY_INTRO: &str =
    "Ready-made scenarios, grouped by protocol and lesson. Those with a tour pause at each step and explain it.";
pub const SHOWS_BUG: &str = "shows a bug";
pub const HAS_TOUR: &str = "tour";
pub const TOUR: &str = "Guided tour";
pub const TOUR_START: &str = "Start the tour";
pub const TOUR_NEXT: &str = "Next";
pub const TOUR_BACK: &str = "Back";
pub const TOUR_EXIT: &str = "End tour";
pub const TOUR_DONE: &str = "End of the tour: play on, or change something and see what happens.";
pub const TOUR_MOVING: &str = "playing to the next step…";
pub const OPEN_FULL: &str = "Open in QuorumScope";

pub fn link_size(bytes: usize) -> String {
    format!("{bytes} characters")
}

pub fn lesson_heading(protocol: &str, lesson: &str) -> String {
    format!("{protocol} · {lesson}")
}

pub fn bad_link_field(field: &str, reason: &str) -> String {
    format!("the scenario in it is not valid ({field}: {reason})")
}

pub fn bad_file(name: &str, reason: &str) -> String {
    format!("The file {name:?} could not be opened: {reason}. Your current run is unchanged.")
}

pub fn file_too_big(bytes: usize, max: usize) -> String {
    format!("it is {bytes} bytes; scenario files above {max} bytes are refused")
}

pub fn unknown_preset(id: &str) -> String {
    format!("there is no preset called {id:?}")
}

pub fn opened_file(name: &str) -> String {
    format!("Opened {name:?}.")
}

// --- space-time diagram and compare mode (issue 10) -----------------------------
pub const ST_VIEWS: &str = "Diagram and comparison";
pub const ST_DIAGRAM: &str = "Space-time diagram";
pub const ST_HINT: &str =
    "One lane per server, time to the right. Click an arrow or a mark to go there; hover for details.";
pub const ST_ZOOM_IN: &str = "Zoom in";
pub const ST_ZOOM_OUT: &str = "Zoom out";
pub const ST_PAN_BACK: &str = "Earlier";
pub const ST_PAN_FORWARD: &str = "Later";
pub const ST_FIT: &str = "Whole run";
pub const ST_FOLLOW: &str = "Follow";
pub const ST_EXPORT: &str = "Export SVG";
pub const COMPARE: &str = "Compare protocols";
pub const CMP_HINT: &str =
    "The same servers, seed, network and faults at the same times (message actions left out), on one clock.";
pub const CMP_FIRST_LEADER: &str = "First leader/primary";
pub const CMP_COMMITS: &str = "Commits";
pub const CMP_SENT: &str = "Messages sent";
pub const CMP_UNAVAILABLE: &str = "Without a leader";
pub const CMP_NONE: &str = "not yet";

pub fn cmp_unavailable(ms: u64, periods: usize) -> String {
    let p = if periods == 1 { "period" } else { "periods" };
    format!("{ms} ms in {periods} {p}")
}

pub fn st_title(protocol: &str, scenario: &str) -> String {
    if scenario.is_empty() { format!("{protocol} · space-time diagram") } else { format!("{protocol} · {scenario}") }
}

pub fn st_down(node: u8, from: u64, to: Option<u64>) -> String {
    match to {
        Some(to) => format!("S{node} is down from {from} ms to {to} ms"),
        None => format!("S{node} is down since {from} ms"),
    }
}

pub fn st_arrow(a: &crate::spacetime::Arrow) -> String {
    use crate::spacetime::End;
    use protocol_core::trace::LossReason;
    let end = match (a.end, a.end_time) {
        (End::Delivered, Some(t)) => format!("delivered at {t} ms"),
        (End::Lost(LossReason::Crashed), Some(t)) => format!("lost at {t} ms: S{} is down", a.to),
        (End::Lost(LossReason::Cut), Some(t)) => format!("lost at {t} ms: the link is cut"),
        (End::Lost(_), Some(t)) => format!("lost at {t} ms: the network lost it"),
        (End::Dropped, Some(t)) => format!("dropped at {t} ms"),
        _ => "still in flight".to_string(),
    };
    let copy = a.copy_of.map(|o| format!(", a copy of #{o}")).unwrap_or_default();
    let summary = if a.summary.is_empty() { String::new() } else { format!(" ({})", a.summary) };
    format!("#{} {} S{} → S{}{summary}: sent at {} ms, {end}{copy}", a.id, a.kind, a.from, a.to, a.sent)
}

pub fn st_mark(m: &crate::spacetime::LaneMark) -> String {
    use crate::spacetime::MarkKind;
    let what = match m.kind {
        MarkKind::Leader => format!("S{} becomes leader/primary", m.node),
        MarkKind::Candidate => format!("S{} becomes a candidate", m.node),
        MarkKind::Follower => format!("S{} steps down to follower", m.node),
        MarkKind::Other => format!("S{} stops serving (view change or recovery)", m.node),
        MarkKind::Commit => format!("S{} commits and answers the client: {}", m.node, m.detail),
        MarkKind::Violation => format!("Violation at S{}: {}", m.node, m.detail),
        MarkKind::Crash => format!("S{} crashes", m.node),
        MarkKind::Restart => format!("S{} restarts", m.node),
    };
    format!("event #{} at {} ms: {what}", m.event + 1, m.time)
}

/// The label of a link in the cluster drawing, which cuts it when clicked.
pub fn cut_link_label(a: u8, b: u8) -> String {
    format!("Cut the link between S{a} and S{b} (both directions)")
}

pub const THEME_TITLE: &str = "Colour theme: the system's, light or dark";

/// The Theme button's label.
pub fn theme_label(theme: crate::model::Theme) -> &'static str {
    match theme {
        crate::model::Theme::System => "Theme: system",
        crate::model::Theme::Light => "Theme: light",
        crate::model::Theme::Dark => "Theme: dark",
    }
}
