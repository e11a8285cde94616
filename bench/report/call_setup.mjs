// Call set-up, page load and bundle results from bench/call_setup (its --json output).
import { command, num, table, verdict } from './format.mjs';

const ms = (s) => (s ? `${num(s.median)} / ${num(s.p90)}` : 'n/a');
const times = (r) => (r ? `${r.median.toFixed(2)}× / ${r.p90.toFixed(2)}×` : 'n/a');

function callTable(data) {
  const setups = [['ours', 'our relay + wasm pages'], ['node', 'Node relay + seed page'], ['floor', 'in-page floor (no signalling)'],
    ['ours-at-once', 'ours, clicked the instant signalling opens'], ['floor-at-once', 'floor, clicked the instant it loads']];
  const rows = setups.map(([key, label]) => {
    const s = data.callSetup[key];
    return [label, ms(s?.offer.ice), ms(s?.offer.frame), ms(s?.answer.ice), ms(s?.answer.frame)];
  });
  for (const [key, label] of [['ours/floor', 'ours ÷ floor'], ['ours/node', 'ours ÷ Node'], ['ours-at-once/floor-at-once', 'both clicked at once: ours ÷ floor']]) {
    const r = data.ratios[key];
    if (!r) continue;  // runs from before the at-once setup
    rows.push([label, times(r?.offer.ice), times(r?.offer.frame), times(r?.answer.ice), times(r?.answer.frame)]);
  }
  return table(['setup (ms from the click, median / p90)', 'offer: ICE connected', 'offer: first frame',
    'answer: ICE connected', 'answer: first frame'], rows);
}

function pageLoadTable(data) {
  const ours = data.pageLoad.ours;
  const rows = [
    ['client.wasm fetched', ms(ours.wasmFetched)],
    ['wasm instantiated', ms(ours.wasm)],
    ['signalling WebSocket created', ms(ours.socketCreated)],
    ['signalling WebSocket open', ms(ours.socketOpen)],
    ['**client ready**', ms(ours.ready)],
    ['(seed page: WebSocket open)', ms(data.pageLoad.seed?.ready)],
  ];
  return table([`moment (ms after navigation start, cold cache, ${data.loads} loads; median / p90)`, 'time'], rows);
}

function bundleTable(data) {
  const rows = data.bundle.files.map((f) => [f.path, num(f.raw), num(f.gzip)]);
  rows.push(['**total**', num(data.bundle.total.raw), `**${num(data.bundle.total.gzip)}**`]);
  return table(['file the call page loads', 'raw bytes', 'gzip -9 bytes (what the relay sends)'], rows);
}

function targets(data) {
  const worst = Math.max(data.ratios['ours/floor'].offer.frame.median, data.ratios['ours/floor'].answer.frame.median);
  const ready = data.pageLoad.ours.ready.median;
  const bytes = data.bundle.total.gzip;
  return table(['target', 'measured', 'verdict'], [
    ['click → first remote frame ≤ 1.3× the in-page floor (median, worse page)', `${worst.toFixed(2)}×`, verdict(worst <= 1.3)],
    ['client ready ≤ 150 ms after load (median)', `${num(ready)} ms`, verdict(ready <= 150)],
    ['wasm + js + html + css ≤ 60 KB gzip', `${num(bytes)} B`, verdict(bytes <= 60000)],
  ]);
}

export function callSetupSection(data) {
  return [
    `### Call set-up in headless Chromium (${data.calls} calls per setup, interleaved, after ${data.warmup} warm-up round; click ${data.settleMs ?? 0} ms after both pages are ready; load average ${data.loadAverage?.start ?? '?'} → ${data.loadAverage?.end ?? '?'})`,
    command(data.command),
    callTable(data),
    '### Page load → client ready',
    pageLoadTable(data),
    '### Bundle',
    bundleTable(data),
    '### Browser targets',
    targets(data),
  ].join('\n\n');
}

// The same calls in Firefox (compare.mjs --engine firefox): call set-up only, the page load and
// the bundle being measured in the Chromium run.
export function callSetupFirefoxSection(data) {
  return [
    `### Call set-up in headless ${data.browser.replace(/ headless$/, '')} (${data.calls} calls per setup, interleaved, after ${data.warmup} warm-up round; click ${data.settleMs ?? 0} ms after both pages are ready; load average ${data.loadAverage?.start ?? '?'} → ${data.loadAverage?.end ?? '?'})`,
    command(data.command),
    callTable(data),
  ].join('\n\n');
}
