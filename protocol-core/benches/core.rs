//! Kernel benchmarks (plain harness: `cargo bench -p protocol-core --bench core`).
//! Prints one JSON object per line; benches/run.sh collects them.
//!
//! - events/s for each protocol on 5 nodes under steady client load,
//!   invariants on (Raft also with explanations);
//! - seek cost against history length, and memory per event;
//! - the explorer: executions/s, and the time to find and shrink each bug
//!   variant (the same workloads run in Chromium: tests/wasm_bench.rs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use protocol_core::ProtocolId;

#[path = "workload.rs"]
mod workload;

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

fn seek_curve() {
    for &n in &[1_000usize, 10_000, 100_000, 1_000_000] {
        let before = LIVE.load(Ordering::Relaxed);
        let mut sim = workload::steady_load(ProtocolId::Raft, n, 10, false);
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

fn now_ms() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let all = which.is_empty() || which == "--bench";
    if all || which == "rate" {
        for protocol in ProtocolId::ALL {
            println!("{}", workload::events_per_second(protocol, false, "native", &now_ms));
        }
        println!("{}", workload::events_per_second(ProtocolId::Raft, true, "native", &now_ms));
    }
    if all || which == "seek" {
        seek_curve();
    }
    if all || which == "explore" {
        println!("{}", workload::explorer_rate("native", &now_ms));
        for line in workload::time_to_find("native", &now_ms) {
            println!("{line}");
        }
    }
}
