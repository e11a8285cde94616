// Folds the per-run JSON files of bench/load/run.sh into summary.json and table.md: each figure
// for our relay, the echo floor and the Node baseline (with rooms, and as the seed uses it) side by side, the ratios, and whether the
// issue's targets were met; then one relay against two relays sharing rooms through Redis (the
// cluster target).   node summarize.mjs OUT_DIR ELAPSED_SECONDS
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, elapsed] = process.argv.slice(2);
const load = (name) => {
  const file = join(outDir, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};
const runs = {};
for (const target of ['relay', 'echo', 'node', 'node-seed']) {
  for (const mode of ['pingpong', 'stream', 'idle', 'idle-max']) runs[`${target}-${mode}`] = load(`${target}-${mode}`);
}
for (const mode of ['pingpong', 'stream']) runs[`cluster-${mode}`] = load(`cluster-${mode}`);

const get = (run, path) => path.split('.').reduce((v, k) => (v == null ? null : v[k]), run);
const fig = (name, path) => ({
  relay: get(runs[`relay-${name}`], path),
  echo: get(runs[`echo-${name}`], path),
  node: get(runs[`node-${name}`], path),
  seed: get(runs[`node-seed-${name}`], path),
});
const ratio = (a, b) => (a != null && b != null && b !== 0 ? a / b : null);
const fmt = (v, digits = 0) => (v == null ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const fmtRatio = (v) => (v == null ? '–' : `${v.toFixed(2)}×`);

const rows = [
  ['pingpong: messages/s relayed', fig('pingpong', 'traffic.messages_per_second'), 0, true],
  ['pingpong: messages per server CPU-second', fig('pingpong', 'traffic.messages_per_server_cpu_second'), 0, true],
  ['pingpong: latency p50 (µs)', fig('pingpong', 'traffic.latency_us.p50'), 1, false],
  ['pingpong: latency p99 (µs)', fig('pingpong', 'traffic.latency_us.p99'), 1, false],
  ['pingpong: server CPU (% of a core)', fig('pingpong', 'server.cpu_percent_of_one_core'), 1, false],
  ['pingpong: client CPU (% of a core)', fig('pingpong', 'client_cpu_percent_of_one_core'), 1, false],
  ['pingpong: server RSS at end (KiB)', fig('pingpong', 'server.rss_kib_window_end'), 0, false],
  ['stream: messages/s relayed', fig('stream', 'traffic.messages_per_second'), 0, true],
  ['stream: messages per server CPU-second', fig('stream', 'traffic.messages_per_server_cpu_second'), 0, true],
  ['stream: latency p50 (µs)', fig('stream', 'traffic.latency_us.p50'), 1, false],
  ['stream: latency p99 (µs)', fig('stream', 'traffic.latency_us.p99'), 1, false],
  ['stream: latency p99.9 (µs)', fig('stream', 'traffic.latency_us.p999'), 1, false],
  ['stream: latency max (µs)', fig('stream', 'traffic.latency_us.max'), 1, false],
  ['stream: server CPU (% of a core)', fig('stream', 'server.cpu_percent_of_one_core'), 1, false],
  ['stream: server RSS at end (KiB)', fig('stream', 'server.rss_kib_window_end'), 0, false],
  ['idle: connections', fig('idle', 'connections'), 0, false],
  ['idle: RSS per connection (bytes)', fig('idle', 'server.idle_rss_bytes_per_connection'), 0, false],
  ['idle: server CPU (% of a core)', fig('idle', 'server.cpu_percent_of_one_core'), 2, false],
  ['idle: server RSS (KiB)', fig('idle', 'server.rss_kib_window_end'), 0, false],
  ['idle max: connections', fig('idle-max', 'connections'), 0, false],
  ['idle max: RSS per connection (bytes)', fig('idle-max', 'server.idle_rss_bytes_per_connection'), 0, false],
  ['idle max: server CPU (% of a core)', fig('idle-max', 'server.cpu_percent_of_one_core'), 2, false],
  ['idle max: server RSS (KiB)', fig('idle-max', 'server.rss_kib_window_end'), 0, false],
];

const table = [
  '| figure | our relay | echo floor | Node, rooms | Node as the seed (broadcast) | ours/echo | ours/Node rooms | ours/Node seed |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(([label, v, digits]) =>
    `| ${label} | ${fmt(v.relay, digits)} | ${fmt(v.echo, digits)} | ${fmt(v.node, digits)} | ${fmt(v.seed, digits)} | ${fmtRatio(ratio(v.relay, v.echo))} | ${fmtRatio(ratio(v.relay, v.node))} | ${fmtRatio(ratio(v.relay, v.seed))} |`),
];

// One relay against two: every room's offer side on relay A, its answer side on relay B, so each
// frame goes A → Redis → B (or back). Server CPU of the cluster is both relays, not Redis.
const clusterRows = ['pingpong', 'stream'].flatMap((mode) => [
  [`${mode}: messages/s relayed`, 'traffic.messages_per_second', 0],
  [`${mode}: latency p50 (µs)`, 'traffic.latency_us.p50', 1],
  [`${mode}: latency p99 (µs)`, 'traffic.latency_us.p99', 1],
  [`${mode}: latency p99.9 (µs)`, 'traffic.latency_us.p999', 1],
  [`${mode}: server CPU (% of a core; cluster: both relays)`, ['server.cpu_percent_of_one_core', 'server_b.both_cpu_percent_of_one_core'], 1],
].map(([label, path, digits]) => {
  const [onePath, twoPath] = Array.isArray(path) ? path : [path, path];
  return [label, get(runs[`relay-${mode}`], onePath), get(runs[`cluster-${mode}`], twoPath), digits];
}));
const clusterMeasured = runs['cluster-pingpong'] || runs['cluster-stream'];
const clusterTable = [
  '| figure | one relay | two relays + Redis | two relays / one |',
  '| --- | ---: | ---: | ---: |',
  ...clusterRows.map(([label, one, two, digits]) => `| ${label} | ${fmt(one, digits)} | ${fmt(two, digits)} | ${fmtRatio(ratio(two, one))} |`),
];

const pp = fig('pingpong', 'traffic.messages_per_second');
const ppCpu = fig('pingpong', 'traffic.messages_per_server_cpu_second');
const p99 = fig('stream', 'traffic.latency_us.p99');
const idleBytes = get(runs['relay-idle'], 'server.idle_rss_bytes_per_connection');
const idleConnections = get(runs['relay-idle'], 'connections');
const maxConnections = get(runs['relay-idle-max'], 'connections');
const maxCpu = get(runs['relay-idle-max'], 'server.cpu_percent_of_one_core');
const verdict = (ok) => (ok == null ? 'not measured' : ok ? 'met' : '**not met**');
const targets = [
  [`relay messages/s ≥ 5× the seed's Node relay (pingpong, ${fmt(get(runs['relay-pingpong'], 'options.rooms'))} pairs, broadcast as the seed does)`, fmtRatio(ratio(pp.relay, pp.seed)), verdict(ratio(pp.relay, pp.seed) == null ? null : ratio(pp.relay, pp.seed) >= 5)],
  [`same, against Node given rooms (not the seed's design; per server CPU-second ${fmtRatio(ratio(ppCpu.relay, ppCpu.node))})`, fmtRatio(ratio(pp.relay, pp.node)), verdict(ratio(pp.relay, pp.node) == null ? null : ratio(pp.relay, pp.node) >= 5)],
  [`relay messages/s ≥ 0.8× echo floor (pingpong, ${fmt(get(runs['relay-pingpong'], 'options.rooms'))} pairs; per server CPU-second ${fmtRatio(ratio(ppCpu.relay, ppCpu.echo))})`, fmtRatio(ratio(pp.relay, pp.echo)), verdict(ratio(pp.relay, pp.echo) == null ? null : ratio(pp.relay, pp.echo) >= 0.8)],
  [`relay latency p99 < 1 ms at ${fmt(get(runs['relay-stream'], 'options.rate'))} msgs/s (echo p99 ${fmt(p99.echo, 1)} µs; relay − echo ${fmt(p99.relay != null && p99.echo != null ? p99.relay - p99.echo : null, 1)} µs)`,
    `${fmt(p99.relay, 1)} µs`, verdict(p99.relay == null ? null : p99.relay < 1000)],
  [`≤ 16 KB RSS per idle connection at ${fmt(idleConnections)} connections`, `${fmt(idleBytes)} B`, verdict(idleBytes == null ? null : idleBytes <= 16 * 1024)],
  [`idle CPU < 2% at ${fmt(maxConnections)} connections (20k asked; limited by ${get(runs['relay-idle-max'], 'connection_limit') ?? '?'})`,
    `${fmt(maxCpu, 2)} %`, verdict(maxCpu == null ? null : maxCpu < 2)],
];

const failed = Object.entries(runs).filter(([, r]) => r && !r.ok).map(([name]) => name);
const notes = Object.entries(runs).flatMap(([name, r]) => (r ? r.notes.map((n) => `${name}: ${n}`) : []));
const markdown = [
  `Relay load benchmark (bench/load/run.sh, ${elapsed} s): one server thread each, same certificate and TLS, 1 KiB frames, warm-up excluded.`,
  '',
  ...table,
  '',
  '| target | measured | verdict |',
  '| --- | ---: | --- |',
  ...targets.map(([what, value, v]) => `| ${what} | ${value} | ${v} |`),
  '',
  'Idle figures: our relay pings every quiet connection about once per 26 s (--idle-timeout 30, its maximum; KeepAlive::ping_after) to find dead peers, and the idle window spans two such rounds so every connection is pinged twice in it whatever its phase; the echo floor and Node never ping, so their idle CPU is the floor of doing nothing.',
  'RSS per idle connection = (server RSS at the end of the idle window − RSS before the first connection) / connections.',
  '',
  ...(clusterMeasured
    ? ['Rooms across relays: the same load with every room\'s offer side on relay A and its answer side on relay B, both with --redis to one local redis-server (each frame: relay → Redis → relay).', '', ...clusterTable, '']
    : []),
  failed.length ? `FAILED runs (loss, duplicates or errors): ${failed.join(', ')}` : 'Every run delivered every frame exactly once.',
  ...notes.map((n) => `- note: ${n}`),
  '',
  `Commands: see commands.txt.`,
].join('\n');

writeFileSync(join(outDir, 'table.md'), `${markdown}\n`);
writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify({ elapsed_seconds: Number(elapsed), runs, targets, failed }, null, 2)}\n`);
