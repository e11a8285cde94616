// Call-setup benchmark. In one run, interleaved, on loopback:
//   - click on #start -> ICE connected and -> first remote frame, offer and answer page, for our
//     relay + wasm pages, the Node baseline relay + the seed-protocol page, and the in-page floor;
//   - page load -> client ready (cold cache), our page and the seed page;
//   - bundle bytes of every file our call page requests.
// Run through ./run.sh (loopback-only network namespace):
//   RELAY_BIN=... WEB_BUNDLE=... node compare.mjs [calls] [--loads N] [--json FILE] [--against DIR] [--settle MS]
//     [--engine chromium|firefox]
// --engine (default chromium): the browser the calls are made in, Chromium (Playwright) or
// Debian's firefox-esr (Puppeteer over WebDriver BiDi, a Firefox process per page), both through
// tests/e2e/lib/engines.mjs. Page load and bundle bytes are measured in Chromium runs only (they
// need Playwright's per-request sizes).
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
import { launchBenchEngine } from './pages.mjs';
import { measurePageLoads } from './page_load.mjs';
import { bundleBytes } from './bundle.mjs';
import { printReport, ratios, summarizeCalls, summary } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    loads: { type: 'string', default: '10' }, json: { type: 'string' }, against: { type: 'string' },
    settle: { type: 'string', default: '1000' }, engine: { type: 'string', default: 'chromium' },
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
async function timeCalls(engine, ours, node, base) {
  const setups = {
    ours: (i) => oursCall(engine, ours.origin, `bench-${i}`, settle),
    node: () => nodeCall(engine, node.origin, settle),
    floor: () => floorCall(engine, ours.origin, settle),
    'ours-at-once': (i) => oursCall(engine, ours.origin, `bench-now-${i}`, 0),
    'floor-at-once': () => floorCall(engine, ours.origin, 0),
  };
  if (base) setups.base = (i) => oursCall(engine, base.origin, `bench-base-${i}`, settle);
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

// The page-load part of the report (Chromium runs): summaries, bundle bytes and the samples.
function pageLoadReport(loadRuns) {
  if (!loadRuns) return { pageLoad: null, bundle: null, samples: {} };
  const pick = (runs, key) => summary(runs.map((r) => r[key]));
  const strip = (runs) => runs.map(({ requests, ...r }) => r);
  return {
    pageLoad: {
      ours: Object.fromEntries(['wasmFetched', 'wasm', 'socketCreated', 'socketOpen', 'ready', 'loadEvent']
        .map((key) => [key, pick(loadRuns.ours, key)])),
      seed: { ready: pick(loadRuns.seed, 'ready') },
    },
    bundle: bundleBytes(root, loadRuns.oursRequests),
    samples: { pageLoad: { ours: strip(loadRuns.ours), seed: strip(loadRuns.seed) } },
  };
}

const root = webRoot();
const ours = await startRelay({ webRoot: root });
const node = await startNodeBaseline(join(here, '../baselines/node-relay/server.js'), root, work);
const base = opts.against ? await startRelay({ webRoot: webRoot(opts.against, 'www-base') }) : null;
if (!['chromium', 'firefox'].includes(opts.engine)) throw new Error(`--engine must be chromium or firefox, not ${opts.engine}`);
const chromium = opts.engine === 'chromium';
const browser = chromium ? await launchBrowser() : null;  // Playwright's, for the page loads
const engine = await launchBenchEngine(opts.engine, browser);
const loadAtStart = loadavg()[0];
let report;
try {
  const loadRuns = chromium ? await measurePageLoads(browser, { oursOrigin: ours.origin, nodeOrigin: node.origin, loads }) : null;
  const samples = await timeCalls(engine, ours, node, base);
  const callSetup = summarizeCalls(samples);
  report = {
    command: process.env.BENCH_COMMAND ?? `node compare.mjs ${process.argv.slice(2).join(' ')}`,
    date: new Date().toISOString(),
    browser: `${await engine.version()} headless`,
    calls,
    settleMs: settle,
    cameraDelayMs: Number(process.env.CAMERA_DELAY_MS ?? 0),
    warmup: WARMUP_ROUNDS,
    loads: chromium ? loads : 0,
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
  };
  const loadPart = pageLoadReport(loadRuns);
  report = { ...report, ...loadPart, samples: { calls: samples, ...loadPart.samples } };
} finally {
  await engine.close();
  await browser?.close();
  await ours.stop();
  await base?.stop();
  node.stop();
  rmSync(work, { recursive: true, force: true });
}

printReport(report);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
