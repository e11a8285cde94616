// Calls between two pages, traced: prints every browser-API step of both pages on one clock (ms
// after the click on #start, O = offer page, A = answer page) and the CPU each Chromium process
// used, to find where call set-up spends its time. Inside a loopback namespace like run.sh:
//   unshare -n bash -c 'ip link set lo up && RELAY_BIN=... WEB_BUNDLE=... \
//     node bench/call_setup/trace.mjs [ours|seed] [rounds, default 3]'
// The last round is printed (ALL=1: every round); PROFILE=1 adds the V8 CPU profile's largest
// self times per page; STRACE=FILE records the relay's socket calls (strace -ttt) to line up;
// SETTLE_MS=N clicks N ms after both pages are ready (as compare.mjs --settle); THREADS=1 prints
// the CPU of every Chromium thread; CHROME_TRACE=FILE writes a Chrome trace of the last call
// (open it in chrome://tracing or Perfetto: layout, WebRTC encoder and capture events).
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startRelay } from '../../tests/e2e/lib/relay.mjs';
import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { readProbe, waitFirstFrames } from './pages.mjs';
import { BENCH_PROBE } from './probe.mjs';
import { startNodeBaseline } from './setups.mjs';
import { TRACE_PROBE } from './trace_probe.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'p2p-trace-'));
const root = join(work, 'www');
cpSync(process.env.WEB_BUNDLE, root, { recursive: true });
cpSync(join(here, '../../tests/e2e/fixtures/seed-peer.html'), join(root, 'seed-peer.html'));
const seed = process.argv[2] === 'seed';
const rounds = Number(process.argv[3] ?? 3);

const relay = seed ? await startNodeBaseline(join(here, '../baselines/node-relay/server.js'), root, work)
  : await startRelay({ webRoot: root });
const browser = await launchBrowser();
if (process.env.STRACE) {
  const { execSync, spawn } = await import('node:child_process');
  const pid = execSync('pgrep -n p2p-relay').toString().trim();
  spawn('strace', ['-f', '-ttt', '-e', 'trace=sendto,recvfrom,epoll_wait', '-o', process.env.STRACE, '-p', pid], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1000));
}
const url = (type, i) => (seed ? `${relay.origin}/seed-peer.html?type=${type}` : `${relay.origin}/p2p?type=${type}&room=t${i}`);
const ready = (page) => (seed ? page.waitForFunction(() => window.__bench.load.socketOpen !== undefined)
  : page.waitForSelector('body[data-signalling="open"]'));

// Raw Playwright pages (not lib/engines.mjs ones): the trace needs CDP and Chrome tracing.
async function open(u) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.addInitScript(BENCH_PROBE);
  await page.addInitScript(TRACE_PROBE);
  await page.goto(u);
  await ready(page);
  return page;
}

// Chromium's process type from its command line: browser, renderer, gpu-process, utility:AudioService...
const processType = (cmd) => (/--type=([a-z-]+)/.exec(cmd) ?? [null, 'browser'])[1]
  + (/--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1]?.replace(/.*\./, ':') ?? '');

// CPU ms (user + system) from a /proc .../stat line.
function statCpuMs(stat) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

// CPU ms of every Chromium process, summed per process type, or (byThread) per type and thread
// name (same-named threads summed).
function chromiumCpu(byThread = false) {
  const out = {};
  const add = (key, ms) => { out[key] = (out[key] ?? 0) + ms; };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const type = processType(cmd);
      if (!byThread) {
        add(type, statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8')));
        continue;
      }
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        add(`${type} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[0-9]+$/, '')}`, statCpuMs(stat));
      }
    } catch { /* gone */ }
  }
  return out;
}

// What each key used between two chromiumCpu() readings, largest first.
const cpuUsed = (before, after) => Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)])
  .filter(([, ms]) => ms > 0).sort((x, y) => y[1] - x[1]);

async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return cdp;
}

// Self time per function over the profile, the 20 largest.
async function printProfile(label, cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let k = 0; k < profile.samples.length; k += 1) {
    const f = byId.get(profile.samples[k]).callFrame;
    const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  }
  console.log(`--- ${label} profile, self ms`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(1).padStart(8)} ${name}`);
}

try {
  for (let i = 0; i < rounds; i += 1) {
    const answer = await open(url('answer', i));
    const offer = await open(url('offer', i));
    if (process.env.SETTLE_MS) await new Promise((r) => setTimeout(r, Number(process.env.SETTLE_MS)));
    const byThread = Boolean(process.env.THREADS);
    const cpu0 = chromiumCpu(byThread);
    const last = i === rounds - 1;
    const profilers = process.env.PROFILE && last ? await Promise.all([offer, answer].map(startProfile)) : null;
    const chromeTrace = process.env.CHROME_TRACE && last;
    if (chromeTrace) await browser.startTracing(offer, { path: process.env.CHROME_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'v8', 'media', 'webrtc'] });
    await offer.locator('#start').click();
    await Promise.all([waitFirstFrames(offer, 'offer', ['remote-video']), waitFirstFrames(answer, 'answer', ['remote-video'])]);
    if (chromeTrace) await browser.stopTracing();
    const used = cpuUsed(cpu0, chromiumCpu(byThread));
    console.log(byThread ? 'thread cpu ms' : 'cpu ms', used.map(([k, ms]) => `${k}=${ms}`).join(', '));
    if (profilers) for (const [k, p] of profilers.entries()) await printProfile(k ? 'A' : 'O', p);
    const o = await readProbe(offer);
    const rows = [];
    for (const [label, page] of [['O', offer], ['A', answer]]) {
      const p = await readProbe(page);
      for (const [at, what, detail] of await page.evaluate(() => window.__trace)) rows.push([at - o.clickAt, label, what, detail]);
      rows.push([p.firstFrameAt['remote-video'] - o.clickAt, label, 'FIRST FRAME', '']);
    }
    rows.sort((a, b) => a[0] - b[0]);
    if (last || process.env.ALL) {
      console.log(`--- round ${i} click at ${(o.clickAt / 1000).toFixed(4)}`);
      for (const [ms, side, what, detail] of rows) if (ms > -5) console.log(`${ms.toFixed(1).padStart(8)} ${side} ${what} ${detail}`);
    }
    for (const page of [offer, answer]) await page.context().close();
  }
} finally {
  await browser.close();
  relay.stop();
}
