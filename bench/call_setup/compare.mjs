// Call-setup benchmark. In one run, interleaved, on loopback:
//   - click on #start -> ICE connected and -> first remote frame, offer and answer page, for our
//     relay + wasm pages, the Node baseline relay + the seed-protocol page, and the in-page floor;
//   - page load -> client ready (cold cache), our page and the seed page;
//   - bundle bytes of every file our call page requests.
// Run through ./run.sh (loopback-only network namespace):
//   RELAY_BIN=... WEB_BUNDLE=... node compare.mjs [calls] [--loads N] [--json FILE] [--against DIR] [--settle MS]
// --settle MS (default 1000): the pause between the pages being ready and the click, as a person
// takes to see the button and press it; every setup gets the same. Two more setups click the
// instant the page is ready, "ours-at-once" (the offer page's signalling open) and "floor-at-once"
// (the floor page's load event), so what an impossibly fast click costs (the pages still finishing
// their own load) stays in the table too, against a floor clicked the same way.
// --against DIR adds a fourth setup, "base": our pages built from another bundle (e.g. the last
// commit's), served by a second relay and interleaved with the rest, so a client change is
// compared with what it replaces in the same run.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startRelay } from '../../tests/e2e/lib/relay.mjs';
import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { floorCall, nodeCall, oursCall, startNodeBaseline } from './setups.mjs';
import { measurePageLoads } from './page_load.mjs';
import { bundleBytes } from './bundle.mjs';
import { printReport, ratios, summarizeCalls, summary } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    loads: { type: 'string', default: '10' }, json: { type: 'string' }, against: { type: 'string' },
    settle: { type: 'string', default: '1000' },
  },
});
const calls = Number(positionals[0] ?? 10);
const loads = Number(opts.loads);
const settle = Number(opts.settle);
const work = mkdtempSync(join(tmpdir(), 'p2p-bench-'));

// One web root for both relays: the bundle, the seed page and the floor page.
function webRoot(bundle = process.env.WEB_BUNDLE, name = 'www') {
  const root = join(work, name);
  cpSync(bundle, root, { recursive: true });
  cpSync(join(here, '../../tests/e2e/fixtures/seed-peer.html'), join(root, 'seed-peer.html'));
  cpSync(join(here, 'floor.html'), join(root, 'call-setup-floor.html'));
  return root;
}

// Each round runs the three setups in a rotated order, so none always goes first (warm) or last.
// A first round warms the browser and both relays up and is not counted.
const WARMUP_ROUNDS = 1;
async function timeCalls(browser, ours, node, base) {
  const setups = {
    ours: (i) => oursCall(browser, ours.origin, `bench-${i}`, settle),
    node: () => nodeCall(browser, node.origin, settle),
    floor: () => floorCall(browser, ours.origin, settle),
    'ours-at-once': (i) => oursCall(browser, ours.origin, `bench-now-${i}`, 0),
    'floor-at-once': () => floorCall(browser, ours.origin, 0),
  };
  if (base) setups.base = (i) => oursCall(browser, base.origin, `bench-base-${i}`, settle);
  const names = Object.keys(setups);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = -WARMUP_ROUNDS; i < calls; i += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(i + WARMUP_ROUNDS + k) % names.length];
      const sample = await setups[name](i + WARMUP_ROUNDS);
      if (i >= 0) samples[name].push(sample);
    }
  }
  return samples;
}

const root = webRoot();
const ours = await startRelay({ webRoot: root });
const node = await startNodeBaseline(join(here, '../baselines/node-relay/server.js'), root, work);
const base = opts.against ? await startRelay({ webRoot: webRoot(opts.against, 'www-base') }) : null;
const browser = await launchBrowser();
const loadAtStart = loadavg()[0];
let report;
try {
  const loadRuns = await measurePageLoads(browser, { oursOrigin: ours.origin, nodeOrigin: node.origin, loads });
  const samples = await timeCalls(browser, ours, node, base);
  const callSetup = summarizeCalls(samples);
  const pick = (runs, key) => summary(runs.map((r) => r[key]));
  report = {
    command: process.env.BENCH_COMMAND ?? `node compare.mjs ${process.argv.slice(2).join(' ')}`,
    date: new Date().toISOString(),
    browser: `Chromium ${browser.version()} headless`,
    calls,
    settleMs: settle,
    cameraDelayMs: Number(process.env.CAMERA_DELAY_MS ?? 0),
    warmup: WARMUP_ROUNDS,
    loads,
    cpus: cpus().length,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    callSetup,
    against: opts.against,
    ratios: {
      'ours/floor': ratios(callSetup, 'ours', 'floor'),
      'ours/node': ratios(callSetup, 'ours', 'node'),
      'ours-at-once/floor-at-once': ratios(callSetup, 'ours-at-once', 'floor-at-once'),
      ...(base ? { 'ours/base': ratios(callSetup, 'ours', 'base') } : {}),
    },
    pageLoad: {
      ours: Object.fromEntries(['wasmFetched', 'wasm', 'socketCreated', 'socketOpen', 'ready', 'loadEvent']
        .map((key) => [key, pick(loadRuns.ours, key)])),
      seed: { ready: pick(loadRuns.seed, 'ready') },
    },
    bundle: bundleBytes(root, loadRuns.oursRequests),
    samples: { calls: samples, pageLoad: { ours: loadRuns.ours.map(({ requests, ...r }) => r), seed: loadRuns.seed.map(({ requests, ...r }) => r) } },
  };
} finally {
  await browser.close();
  await ours.stop();
  await base?.stop();
  node.stop();
  rmSync(work, { recursive: true, force: true });
}

printReport(report);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
