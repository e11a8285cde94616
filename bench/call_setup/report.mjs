// Summaries and the human-readable table of a call-setup run.

// Median and p90 by nearest rank (no interpolation: with 10 samples p90 is the 9th smallest).
export function summary(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (q) => s[Math.max(0, Math.ceil(q * s.length) - 1)];
  return { n: s.length, median: rank(0.5), p90: rank(0.9) };
}

const SIDES = ['offer', 'answer'];
const METRICS = ['ice', 'frame'];

// { setup: { offer: { ice: summary, frame: summary }, answer: ... } } from per-call samples.
export function summarizeCalls(samples) {
  const out = {};
  for (const [setup, calls] of Object.entries(samples)) {
    out[setup] = {};
    for (const side of SIDES) {
      out[setup][side] = {};
      for (const m of METRICS) out[setup][side][m] = summary(calls.map((c) => c[side][m]));
    }
  }
  return out;
}

// Ratios of medians (and of p90s) of `setup` over `base`, per side and metric.
export function ratios(calls, setup, base) {
  const out = {};
  for (const side of SIDES) {
    out[side] = {};
    for (const m of METRICS) {
      const a = calls[setup][side][m];
      const b = calls[base][side][m];
      out[side][m] = { median: a.median / b.median, p90: a.p90 / b.p90 };
    }
  }
  return out;
}

const ms = (x) => (x === null || x === undefined ? '-' : x.toFixed(0)).padStart(6);
const bytes = (x) => (x === null || x === undefined ? '-' : String(x)).padStart(8);

function pageLoadLines(r) {
  const lines = [];
  lines.push('page load (cold: new browser context each), ms since navigation start | median    p90');
  const pl = r.pageLoad;
  lines.push(`ours: client.wasm fetched (last byte)                                | ${ms(pl.ours.wasmFetched.median)} ${ms(pl.ours.wasmFetched.p90)}`);
  lines.push(`ours: wasm instantiated                                              | ${ms(pl.ours.wasm.median)} ${ms(pl.ours.wasm.p90)}`);
  lines.push(`ours: signalling WebSocket created                                  | ${ms(pl.ours.socketCreated.median)} ${ms(pl.ours.socketCreated.p90)}`);
  lines.push(`ours: signalling WebSocket open                                     | ${ms(pl.ours.socketOpen.median)} ${ms(pl.ours.socketOpen.p90)}`);
  lines.push(`ours: client ready (signalling open handled)                         | ${ms(pl.ours.ready.median)} ${ms(pl.ours.ready.p90)}`);
  lines.push(`ours: load event                                                     | ${ms(pl.ours.loadEvent.median)} ${ms(pl.ours.loadEvent.p90)}`);
  lines.push(`seed page on node relay: WebSocket open                              | ${ms(pl.seed.ready.median)} ${ms(pl.seed.ready.p90)}`);
  lines.push('');
  lines.push(`bundle (every file the call page requested), bytes |      raw  gzip -9     sent`);
  for (const f of r.bundle.files) lines.push(`${f.path.padEnd(49)} | ${bytes(f.raw)} ${bytes(f.gzip)} ${bytes(f.transferBody)}`);
  const t = r.bundle.total;
  lines.push(`${'total (target: gzip <= 60 KB = 60000 bytes)'.padEnd(49)} | ${bytes(t.raw)} ${bytes(t.gzip)} ${bytes(t.transferBody)}`);
  return lines;
}

export function printReport(r) {
  const lines = [];
  lines.push(`command: ${r.command}`);
  lines.push(`${r.browser}, ${r.calls} calls per setup (interleaved, after ${r.warmup} discarded warm-up round), click ${r.settleMs} ms after the pages are ready, ${r.loads} page loads per page`);
  lines.push(`load average (1 min) at start ${r.loadAverage.start.toFixed(1)}, at end ${r.loadAverage.end.toFixed(1)}, on ${r.cpus} CPUs`);
  lines.push('');
  lines.push('call setup, ms from click on #start   | offer ICE  med    p90 | offer frame med    p90 | answer ICE med    p90 | answer frame med    p90');
  const names = { ours: 'ours: p2p-relay + wasm pages   ', node: 'node: baseline relay + seed    ', floor: 'floor: 2 PCs in one page      ' };
  names['ours-at-once'] = 'ours, clicked as signalling opens';
  names['floor-at-once'] = 'floor, clicked as it loads       ';
  if (r.callSetup.base) names.base = 'base: ours built from --against';
  for (const [setup, label] of Object.entries(names)) {
    const c = r.callSetup[setup];
    lines.push(`${label}        |        ${ms(c.offer.ice.median)} ${ms(c.offer.ice.p90)} |         ${ms(c.offer.frame.median)} ${ms(c.offer.frame.p90)} |        ${ms(c.answer.ice.median)} ${ms(c.answer.ice.p90)} |          ${ms(c.answer.frame.median)} ${ms(c.answer.frame.p90)}`);
  }
  for (const key of ['ours/floor', 'ours/node', 'ours/base', 'ours-at-once/floor-at-once'].filter((k) => r.ratios[k])) {
    const q = r.ratios[key];
    const x = (v) => `${v.toFixed(2)}x`.padStart(6);
    lines.push(`ratio ${key.padEnd(26)} (median, p90) |        ${x(q.offer.ice.median)} ${x(q.offer.ice.p90)} |         ${x(q.offer.frame.median)} ${x(q.offer.frame.p90)} |        ${x(q.answer.ice.median)} ${x(q.answer.ice.p90)} |          ${x(q.answer.frame.median)} ${x(q.answer.frame.p90)}`);
  }
  lines.push('');
  if (r.pageLoad) lines.push(...pageLoadLines(r));
  else lines.push('page load and bundle bytes: measured in the Chromium run (--engine chromium)');
  console.log(lines.join('\n'));
}
