//! Kernel benchmarks (plain harness: `cargo bench -p protocol-core --bench core`).
//! Prints one JSON object per line; benches/run.sh collects them.
//!
//! - events/s for 5-node Raft under steady client load, invariants on,
//!   with and without explanations;
//! - seek cost against history length, and memory per event.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use protocol_core::protocol::RoleKind;
use protocol_core::{Action, AnySim, ProtocolId, Scenario};

/// Counts live heap bytes, to report memory per event exactly.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Builds a history of at least `events` events: a client request to the
/// leader every `every_ms` virtual milliseconds.
fn steady_load(events: usize, every_ms: u64, explain: bool) -> AnySim {
    let mut sim = AnySim::new(Scenario::new(ProtocolId::Raft)).unwrap();
    sim.set_explain(explain);
    let mut k = 0u64;
    while sim.position() < events {
        let t = sim.now() + every_ms;
        sim.advance_to(t);
        let leader = sim.roles().iter().position(|r| *r == Some(RoleKind::Leader)).map(|i| i as u8 + 1);
        if let Some(node) = leader {
            k += 1;
            let _ = sim.intervene(Action::Request { node, value: format!("v{k}") });
        }
    }
    sim
}

fn events_per_second(explain: bool) {
    let n = 300_000;
    let start = Instant::now();
    let sim = steady_load(n, 10, explain);
    let secs = start.elapsed().as_secs_f64();
    let rate = sim.position() as f64 / secs;
    println!(
        "{{\"bench\":\"raft5_steady_load\",\"explain\":{explain},\"events\":{},\"seconds\":{secs:.3},\"events_per_s\":{rate:.0}}}",
        sim.position()
    );
}

fn seek_curve() {
    for &n in &[1_000usize, 10_000, 100_000, 1_000_000] {
        let before = LIVE.load(Ordering::Relaxed);
        let mut sim = steady_load(n, 10, false);
        let after = LIVE.load(Ordering::Relaxed);
        let total = sim.position();
        // Seek to 50 spread positions, backwards and forwards.
        let targets: Vec<usize> = (0..50).map(|i| (i * 7919 * 131) % total).collect();
        let start = Instant::now();
        for &t in &targets {
            black_box(sim.seek(t));
        }
        let per_seek_ms = start.elapsed().as_secs_f64() * 1000.0 / targets.len() as f64;
        println!(
            "{{\"bench\":\"seek\",\"history_events\":{total},\"seek_ms\":{per_seek_ms:.3},\"heap_bytes\":{},\"bytes_per_event\":{:.0}}}",
            after.saturating_sub(before),
            after.saturating_sub(before) as f64 / total as f64
        );
        drop(sim);
    }
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    if which.is_empty() || which == "rate" || which == "--bench" {
        events_per_second(false);
        events_per_second(true);
    }
    if which.is_empty() || which == "seek" || which == "--bench" {
        seek_curve();
    }
}
