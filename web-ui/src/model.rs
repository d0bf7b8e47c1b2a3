//! Pure view logic: geometry, interpolation, speed, colours. No Yew, no web
//! APIs, so it is tested natively (`cargo test`) and in the browser.

use protocol_core::protocol::EntryView;
use protocol_core::trace::{Event, What};

/// At 1x speed virtual time runs at 1/20 of real time (an election timeout
/// of 150-300 ms takes 3-6 s to watch).
pub const SLOWDOWN: f64 = 20.0;
/// Speed slider: an integer from -SPEED_STEPS (0.1x) to SPEED_STEPS (10x).
pub const SPEED_STEPS: i32 = 10;
/// The longest frame counted, so a background tab does not jump ahead.
pub const MAX_FRAME_MS: f64 = 100.0;

/// The speed for a slider position, on a log scale: -10 -> 0.1x, 0 -> 1x, 10 -> 10x.
pub fn speed_from_slider(v: i32) -> f64 {
    let v = v.clamp(-SPEED_STEPS, SPEED_STEPS);
    10f64.powf(f64::from(v) / f64::from(SPEED_STEPS))
}

/// The slider position nearest to a speed.
pub fn slider_from_speed(speed: f64) -> i32 {
    let s = speed.clamp(0.1, 10.0);
    (s.log10() * f64::from(SPEED_STEPS)).round() as i32
}

/// Virtual milliseconds that pass in `real_ms` of wall-clock time.
pub fn virtual_delta(real_ms: f64, speed: f64) -> f64 {
    real_ms.clamp(0.0, MAX_FRAME_MS) * speed / SLOWDOWN
}

/// How far along its way a message is at virtual time `t`, 0..=1.
/// A message past its delivery time (manual mode) waits at the receiver.
pub fn progress(sent_at: u64, deliver_at: u64, t: f64) -> f64 {
    if deliver_at <= sent_at {
        return if t >= sent_at as f64 { 1.0 } else { 0.0 };
    }
    ((t - sent_at as f64) / (deliver_at - sent_at) as f64).clamp(0.0, 1.0)
}

/// The fraction of a timer still to run at time `t` (1 just armed, 0 firing).
pub fn timer_left(set_at: u64, deadline: u64, t: f64) -> f64 {
    if deadline <= set_at {
        return 0.0;
    }
    (1.0 - (t - set_at as f64) / (deadline - set_at) as f64).clamp(0.0, 1.0)
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Geometry of the ring in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    pub center: f64,
    pub radius: f64,
    pub node_radius: f64,
}

pub const RING: Ring = Ring { center: 200.0, radius: 140.0, node_radius: 28.0 };

impl Ring {
    /// Node `id` (1-based) of `n`, clockwise from the top.
    pub fn node(&self, id: u8, n: usize) -> Point {
        let i = f64::from(id.saturating_sub(1));
        let a = std::f64::consts::TAU * i / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
        Point { x: self.center + self.radius * a.cos(), y: self.center + self.radius * a.sin() }
    }

    /// Where a message from `from` to `to` is drawn at `progress`: along the
    /// line between the two circles' edges, shifted a little to the right of
    /// its direction so that the two directions of a link do not overlap.
    pub fn message(&self, from: u8, to: u8, n: usize, progress: f64) -> Point {
        let (a, b) = self.edge_segment(from, to, n, 6.0);
        Point { x: a.x + (b.x - a.x) * progress, y: a.y + (b.y - a.y) * progress }
    }

    /// The segment between two nodes' edges, offset by `shift` to the right.
    pub fn edge_segment(&self, from: u8, to: u8, n: usize, shift: f64) -> (Point, Point) {
        let a = self.node(from, n);
        let b = self.node(to, n);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (ux, uy) = (dx / len, dy / len);
        // Right-hand normal in SVG coordinates (y grows downwards).
        let (nx, ny) = (-uy * shift, ux * shift);
        let r = self.node_radius + 4.0;
        (Point { x: a.x + ux * r + nx, y: a.y + uy * r + ny }, Point { x: b.x - ux * r + nx, y: b.y - uy * r + ny })
    }
}

/// A hue for a term/ballot/view, so neighbouring epochs differ clearly.
pub fn epoch_hue(epoch: u64) -> u64 {
    (epoch * 137 + 200) % 360
}

/// A short label for a message type: its capitals ("AppendEntriesReply" -> "AER").
pub fn abbreviation(kind: &str) -> String {
    let caps: String = kind.chars().filter(|c| c.is_ascii_uppercase()).collect();
    if caps.is_empty() { kind.chars().take(2).collect() } else { caps }
}

/// Replies are drawn hollow.
pub fn is_reply(kind: &str) -> bool {
    kind.ends_with("Reply")
        || kind.ends_with("Ok")
        || kind.ends_with("Response")
        || kind == "Promise"
        || kind == "Accepted"
}

/// The committed entry at each index as far as any node's commit point
/// covers it (the first node that has it wins), for flagging divergence.
pub fn committed_prefix<'a>(logs: impl Iterator<Item = (u64, &'a [EntryView])>) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    for (commit, log) in logs {
        for e in log.iter().take_while(|e| e.index <= commit) {
            let i = e.index as usize - 1;
            if i >= out.len() {
                out.push((e.epoch, e.label.clone()));
            }
        }
    }
    out
}

/// Does `entry` differ from the committed entry at its index?
pub fn diverges(prefix: &[(u64, String)], entry: &EntryView) -> bool {
    prefix.get(entry.index as usize - 1).is_some_and(|(epoch, label)| *epoch != entry.epoch || *label != entry.label)
}

/// Partition groups that cut `node` off from everyone else.
pub fn isolate(node: u8, n: usize) -> Vec<Vec<u8>> {
    let rest: Vec<u8> = (1..=n as u8).filter(|&x| x != node).collect();
    vec![vec![node], rest]
}

/// Partition groups from a group label per node (0 or 1, node i+1 at i).
pub fn groups_from_labels(labels: &[u8]) -> Vec<Vec<u8>> {
    let mut groups = vec![Vec::new(), Vec::new()];
    for (i, &g) in labels.iter().enumerate() {
        groups[usize::from(g.min(1))].push(i as u8 + 1);
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// Marks on the timeline scrubber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Something a user (or the script) did.
    Intervention,
    Violation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub event: usize,
    pub kind: MarkKind,
}

/// The marks of events `from..`, appended to `marks` (events only grow, or
/// are cut back by a fork, so the store extends its marks incrementally).
pub fn extend_marks(marks: &mut Vec<Mark>, events: &[Event], from: usize) {
    for (i, e) in events.iter().enumerate().skip(from) {
        if !e.violations.is_empty() {
            marks.push(Mark { event: i, kind: MarkKind::Violation });
        } else if matches!(e.what, What::Do { .. }) {
            marks.push(Mark { event: i, kind: MarkKind::Intervention });
        }
    }
}

/// The next free client command value, "v1", "v2"...
pub fn next_value(requests_so_far: usize) -> String {
    format!("v{}", requests_so_far + 1)
}

/// Parses a percentage field (0-100) into a probability.
pub fn percent(text: &str) -> Option<f64> {
    let v: f64 = text.trim().parse().ok()?;
    (0.0..=100.0).contains(&v).then_some(v / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_slider_spans_a_tenth_to_ten() {
        assert!((speed_from_slider(-10) - 0.1).abs() < 1e-9);
        assert!((speed_from_slider(0) - 1.0).abs() < 1e-9);
        assert!((speed_from_slider(10) - 10.0).abs() < 1e-9);
        assert!((speed_from_slider(99) - 10.0).abs() < 1e-9);
        for v in -10..=10 {
            assert_eq!(slider_from_speed(speed_from_slider(v)), v);
        }
    }

    #[test]
    fn one_x_runs_at_a_twentieth_of_real_time() {
        assert!((virtual_delta(1000.0, 1.0) - 5.0).abs() < 1e-9);
        // A long pause (background tab) counts as one short frame.
        assert!((virtual_delta(5000.0, 1.0) - 5.0).abs() < 1e-9);
    }

    #[test]
    fn messages_move_from_sender_to_receiver_and_wait_there() {
        assert_eq!(progress(100, 120, 90.0), 0.0);
        assert_eq!(progress(100, 120, 110.0), 0.5);
        assert_eq!(progress(100, 120, 500.0), 1.0);
        assert_eq!(progress(100, 100, 100.0), 1.0);
        let n = 5;
        let start = RING.message(1, 3, n, 0.0);
        let end = RING.message(1, 3, n, 1.0);
        let mid = RING.message(1, 3, n, 0.5);
        assert!((mid.x - (start.x + end.x) / 2.0).abs() < 1e-9);
        // The start is near S1, the end near S3.
        let s1 = RING.node(1, n);
        let s3 = RING.node(3, n);
        let d = |a: Point, b: Point| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
        assert!(d(start, s1) < d(start, s3));
        assert!(d(end, s3) < d(end, s1));
        // The two directions of a link are drawn apart.
        let back = RING.message(3, 1, n, 0.5);
        assert!(d(mid, back) > 5.0);
    }

    #[test]
    fn timers_run_down() {
        assert_eq!(timer_left(0, 200, 0.0), 1.0);
        assert_eq!(timer_left(0, 200, 100.0), 0.5);
        assert_eq!(timer_left(0, 200, 300.0), 0.0);
    }

    #[test]
    fn abbreviations_and_replies() {
        assert_eq!(abbreviation("RequestVote"), "RV");
        assert_eq!(abbreviation("AppendEntriesReply"), "AER");
        assert!(is_reply("AppendEntriesReply"));
        assert!(!is_reply("AppendEntries"));
    }

    #[test]
    fn divergence_from_the_committed_prefix() {
        let e = |index, epoch, label: &str| EntryView { index, epoch, label: label.to_string() };
        let a = vec![e(1, 1, "x"), e(2, 1, "y")];
        let b = vec![e(1, 1, "x"), e(2, 2, "z")];
        let prefix = committed_prefix([(2, a.as_slice()), (1, b.as_slice())].into_iter());
        assert_eq!(prefix.len(), 2);
        assert!(!diverges(&prefix, &b[0]));
        assert!(diverges(&prefix, &b[1]));
    }

    #[test]
    fn partitions() {
        assert_eq!(isolate(2, 5), vec![vec![2], vec![1, 3, 4, 5]]);
        assert_eq!(groups_from_labels(&[0, 1, 0]), vec![vec![1, 3], vec![2]]);
        assert_eq!(groups_from_labels(&[0, 0, 0]), vec![vec![1, 2, 3]]);
        assert_eq!(percent("5"), Some(0.05));
        assert_eq!(percent("150"), None);
        assert_eq!(percent("x"), None);
    }
}

/// The colour theme: the system's, or one chosen with the Theme button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    /// The next one in the button's cycle.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// The stored form, also the `data-theme` attribute ("" for the system's).
    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Anything unknown (or nothing stored) means the system's theme.
    pub fn parse(id: &str) -> Theme {
        match id {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[cfg(test)]
mod theme_tests {
    use super::Theme;

    #[test]
    fn the_theme_button_cycles_and_round_trips() {
        let mut t = Theme::System;
        for _ in 0..3 {
            assert_eq!(Theme::parse(t.id()), t);
            t = t.next();
        }
        assert_eq!(t, Theme::System);
        assert_eq!(Theme::parse("<script>"), Theme::System);
    }
}
