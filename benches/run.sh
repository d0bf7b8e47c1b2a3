#!/usr/bin/env bash
# Every benchmark, in one run: `./run bench` (which installs what is missing
# and calls this). Writes bench-results/results.json and results.md and prints
# PASS/FAIL per budget. Budgets never fail the command: they are numbers to
# read, not tests.
#
#   kernel events/s per protocol, seek cost and      cargo bench (protocol-core/benches/core.rs)
#     memory; explorer executions/s and time to
#     find each bug variant, natively
#   the same workloads in Chromium                   wasm-bindgen-test (protocol-core/tests/wasm_bench.rs)
#   explorer hit rate per bug variant                quorumscope explore --hit-rate
#   sizes of dist/ (wasm, JS, CSS), raw and gzipped  stat, gzip -9
#   page: bytes, first render, frame times;          headless Chromium via
#     RaftScope in the same browser and run            ../shared/anchors/measure-raftscope.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench-results
mkdir -p "$OUT"
: >"$OUT/lines.jsonl"
SECONDS_PER_PAGE=${BENCH_PAGE_SECONDS:-8}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
record() { grep -E '^\{.*"bench":' | tee -a "$OUT/lines.jsonl"; }

say "native kernel (cargo bench)"
cargo bench -q -p protocol-core --bench core 2>/dev/null | record || true

say "kernel in Chromium (wasm, release)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	cargo test --release --target wasm32-unknown-unknown -p protocol-core --test wasm_bench -- --nocapture 2>/dev/null | record || true

say "explorer hit rates (2,000 seeds per bug variant)"
cargo build -q --release -p quorumscope
for pv in raft:commit_by_counting raft:vote_not_persisted raft:no_up_to_date_check raft:truncate_on_any_append \
	multipaxos:ignore_promised_values multipaxos:accept_below_promise multipaxos:acceptor_amnesia \
	multipaxos:skip_phase1_on_takeover vsr:log_by_op_only vsr:stale_prepare_ok vsr:recovery_without_nonce; do
	p=${pv%%:*} v=${pv#*:}
	./target/release/quorumscope explore --protocol "$p" --variant "$v" --seeds 2000 --hit-rate 2>/dev/null |
		sed 's/^{/{"bench":"hit_rate",/' | record || true
done

say "sizes of the release build (dist/, built by ./run bench)"
[ -d dist ] || trunk build --release
for f in dist/*.wasm dist/*.js dist/*.css; do
	printf '{"bench":"size","file":"%s","bytes":%d,"gzip_bytes":%d}\n' "${f#dist/}" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done | record

say "pages in headless Chromium: ours and RaftScope, same run"
ANCHORS=../shared/anchors
if [ -x "$ANCHORS/measure-raftscope.sh" ] || [ -f "$ANCHORS/measure-raftscope.sh" ]; then
	measure() { # NAME DIR PAGE [extra args]
		local name=$1 dir=$2 page=$3
		shift 3
		bash "$ANCHORS/measure-raftscope.sh" "$dir" "$page" -- --seconds "$SECONDS_PER_PAGE" \
			--json "$OUT/page-$name.json" --screenshot "$OUT/page-$name.png" "$@" >/dev/null 2>&1 || true
		[ -f "$OUT/page-$name.json" ] &&
			node -e '
				const r = require(process.argv[1]);
				const code = r.resources.filter((x) => /\.(wasm|js)$/.test(x.url.split("?")[0]));
				console.log(JSON.stringify({ bench: "page", page: process.argv[2],
					fps: r.frames.fps, frame_p50_ms: r.frames.intervalMs.p50, frame_p95_ms: r.frames.intervalMs.p95,
					frame_max_ms: r.frames.intervalMs.max, main_thread_busy_pct: r.mainThread.busyPct,
					bytes: r.totals.bytes, gzip_bytes: r.totals.gzip9,
					code_gzip_bytes: code.reduce((a, x) => a + x.gzip9, 0),
					first_contentful_paint_ms: r.load.fcpMs, console_errors: r.consoleErrors.length,
					js_heap_end_mb: r.memory.jsHeapUsedEndPostGC_MB }));
			' "$PWD/$OUT/page-$name.json" "$name" | record
	}
	measure quorumscope dist index.html
	busy=$(./target/release/quorumscope link benches/nine-nodes-busy.json | sed 's/.*#/#/')
	measure quorumscope-9-nodes-busy dist "index.html$busy" --setup "document.querySelector('[data-control=play]').click()"
	# Drag the scrubber across a 10,000-event history, to a new place every
	# 16 ms, with and without the space-time diagram open.
	scrub=$(./target/release/quorumscope link benches/scrub-10k.json | sed 's/.*#/#/')
	drag="(() => { const s = document.querySelector('[data-control=timeline]'); const max = Number(s.max); let i = 0;
		setInterval(() => { s.value = String((i * 7919) % max); s.dispatchEvent(new Event('input', { bubbles: true })); i++; }, 16); })()"
	measure quorumscope-scrub-10k dist "index.html$scrub" --setup "$drag"
	measure quorumscope-scrub-10k-diagram dist "index.html$scrub&view=diagram" --setup "$drag"
	measure raftscope "$ANCHORS/raftscope" index.html
else
	say "no $ANCHORS/measure-raftscope.sh: page measurements skipped"
fi

say "summary"
node benches/summary.js "$OUT/lines.jsonl" "$OUT/results.json" "$OUT/results.md"
