// Turns bench-results/lines.jsonl into results.json and a Markdown table,
// and prints PASS/FAIL per budget (README "Benchmarks").
'use strict';
const fs = require('fs');
const [linesPath, jsonPath, mdPath] = process.argv.slice(2);
const lines = fs.readFileSync(linesPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const find = (pred) => lines.find(pred) || {};
const load = (protocol, place) => find((l) => l.bench === 'steady_load' && l.protocol === protocol && l.place === place && !l.explain);
const native = load('raft', 'native');
const wasm = load('raft', 'wasm');
const finds = (place) => lines.filter((l) => l.bench === 'explore_find' && l.place === place);
const findIn = (place, variant) => finds(place).find((l) => l.variant === variant) || {};
const slowest = (xs) => (xs.length && xs.every((x) => x.found) ? Math.max(...xs.map((x) => x.seconds)) : null);
const explorer = (place) => find((l) => l.bench === 'explore' && l.place === place);
const seekMax = lines.filter((l) => l.bench === 'seek').sort((a, b) => b.history_events - a.history_events)[0] || {};
const ours = find((l) => l.bench === 'page' && l.page === 'quorumscope');
const busy = find((l) => l.bench === 'page' && l.page === 'quorumscope-9-nodes-busy');
const raftscope = find((l) => l.bench === 'page' && l.page === 'raftscope');
const scrub = find((l) => l.bench === 'page' && l.page === 'quorumscope-scrub-10k');
const scrubDiagram = find((l) => l.bench === 'page' && l.page === 'quorumscope-scrub-10k-diagram');
const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);

const budgets = [
  ['native kernel >= 500,000 events/s (5-node Raft, invariants on; median of 5 runs)', native.events_per_s, (x) => x >= 500000],
  ['wasm kernel >= half of native', ratio(wasm.events_per_s, native.events_per_s), (x) => x >= 0.5],
  ['seek < 20 ms at 10^6 events', seekMax.seek_ms, (x) => x < 20],
  ['wasm + JS < 300 KB gzipped', ours.code_gzip_bytes, (x) => x < 300 * 1024],
  ['60 fps p95 with 9 nodes and ~200 messages (p95 frame <= 17.5 ms)', busy.frame_p95_ms, (x) => x <= 17.5],
  ['scrubbing a 10,000-event history: p95 frame <= 17.5 ms', scrub.frame_p95_ms, (x) => x <= 17.5],
  ['... with the space-time diagram open', scrubDiagram.frame_p95_ms, (x) => x <= 17.5],
  ['explorer in Chromium finds and shrinks commit_by_counting in < 10 s', findIn('wasm', 'commit_by_counting').seconds, (x) => x < 10],
  ['... every other bug variant in < 60 s (the slowest)', slowest(finds('wasm').filter((l) => l.variant !== 'commit_by_counting')), (x) => x < 60],
  ['... shrunk to <= 30 script actions (the largest)', finds('wasm').length ? Math.max(...finds('wasm').map((l) => l.shrunk_actions ?? Infinity)) : null, (x) => x <= 30],
  ['first contentful paint < 1 s (local server)', ours.first_contentful_paint_ms ?? busy.first_contentful_paint_ms, (x) => x < 1000],
];
const verdicts = budgets.map(([name, value, ok]) => ({ name, value, verdict: value == null ? 'NOT MEASURED' : ok(value) ? 'PASS' : 'FAIL' }));
const comparison = {
  bytes_gzip_ours_over_raftscope: ratio(ours.gzip_bytes, raftscope.gzip_bytes),
  frame_p95_ours_over_raftscope: ratio(ours.frame_p95_ms, raftscope.frame_p95_ms),
  main_thread_busy_ours_over_raftscope: ratio(ours.main_thread_busy_pct, raftscope.main_thread_busy_pct),
};
const result = { date: new Date().toISOString(), machine: `${require('os').cpus().length} cores, ${Math.round(require('os').totalmem() / 2 ** 30)} GiB`, lines, budgets: verdicts, comparison };
fs.writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');

const md = [];
md.push(`Benchmarks, ${result.date.slice(0, 10)}, ${result.machine}`, '');
md.push('| budget | measured | verdict |', '|---|---|---|');
for (const v of verdicts) md.push(`| ${v.name} | ${v.value ?? '-'} | ${v.verdict} |`);
md.push('', '| protocol | native events/s (median; best) | wasm events/s (median; best) | wasm / native |', '|---|---|---|---|');
for (const p of ['raft', 'multipaxos', 'vsr']) {
  const [n, w] = [load(p, 'native'), load(p, 'wasm')];
  md.push(`| ${p} | ${n.events_per_s ?? '-'}; ${n.best_events_per_s ?? '-'} | ${w.events_per_s ?? '-'}; ${w.best_events_per_s ?? '-'} | ${ratio(w.events_per_s, n.events_per_s) ?? '-'} |`);
}
const [en, ew] = [explorer('native'), explorer('wasm')];
md.push('', `Explorer executions/s (correct Raft, 5 nodes): native ${en.executions_per_s ?? '-'}, Chromium ${ew.executions_per_s ?? '-'} (ratio ${ratio(ew.executions_per_s, en.executions_per_s) ?? '-'})`);
md.push('', '| protocol | variant | found: invariant | executions | shrunk to | native s | Chromium s |', '|---|---|---|---|---|---|---|');
for (const n of finds('native')) {
  const w = findIn('wasm', n.variant);
  md.push(`| ${n.protocol} | ${n.variant} | ${n.invariant ?? 'not found'} | ${n.executions} | ${n.shrunk_actions ?? '-'} | ${n.seconds} | ${w.seconds ?? '-'} |`);
}
md.push('', '| file (dist/) | bytes | gzipped | loaded |', '|---|---|---|---|');
for (const f of lines.filter((l) => l.bench === 'size')) {
  md.push(`| ${f.file} | ${f.bytes} | ${f.gzip_bytes} | ${f.file.startsWith('explore') ? 'when a search starts' : 'with the page'} |`);
}
md.push('', '| page | fps | frame p50 / p95 / max ms | main thread busy | bytes (gzip) |', '|---|---|---|---|---|');
for (const p of lines.filter((l) => l.bench === 'page')) {
  md.push(`| ${p.page} | ${p.fps} | ${p.frame_p50_ms} / ${p.frame_p95_ms} / ${p.frame_max_ms} | ${p.main_thread_busy_pct}% | ${p.bytes} (${p.gzip_bytes}) |`);
}
md.push('', 'QuorumScope / RaftScope: ' + Object.entries(comparison).map(([k, v]) => `${k} = ${v}`).join(', '));
md.push('', '| protocol | variant | hits / executions | first hit seed | executions/s |', '|---|---|---|---|---|');
for (const h of lines.filter((l) => l.bench === 'hit_rate')) {
  md.push(`| ${h.protocol} | ${h.variant.join(', ')} | ${h.hits} / ${h.executions} | ${h.first_hit_seed ?? '-'} | ${h.executions_per_s} |`);
}
fs.writeFileSync(mdPath, md.join('\n') + '\n');
console.log(md.join('\n'));
for (const v of verdicts) console.log(`${v.verdict}: ${v.name} (${v.value ?? '-'})`);
