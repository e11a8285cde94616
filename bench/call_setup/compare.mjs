// Call-setup benchmark: click on start -> first remote frame, on both pages, for
//   (a) our relay + our wasm pages, and
//   (b) the Node baseline relay (the original demo's design) + pages that speak its protocol,
// measured alternately in the same run. Run through ./run.sh (loopback-only network namespace).
//   RELAY_BIN=... WEB_BUNDLE=... node compare.mjs [calls]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startRelay } from '../../tests/e2e/lib/relay.mjs';
import { launchBrowser } from '../../tests/e2e/lib/browser.mjs';
import { closePages, openCall } from '../../tests/e2e/lib/call.mjs';
import { expectRemoteVideoPlaying, setupTimeMs } from '../../tests/e2e/lib/video.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const calls = Number(process.argv[2] ?? 5);
const work = mkdtempSync(join(tmpdir(), 'p2p-bench-'));

function webRoot() {
  const root = join(work, 'www');
  cpSync(process.env.WEB_BUNDLE, root, { recursive: true });
  cpSync(join(here, '../../tests/e2e/fixtures/seed-peer.html'), join(root, 'seed-peer.html'));
  return root;
}

async function startNodeBaseline(root) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-days', '1', '-subj', '/CN=localhost', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem')],
  { stdio: 'ignore' });
  const child = spawn('node', [join(here, '../baselines/node-relay/server.js'), '--cert', join(work, 'cert.pem'),
    '--key', join(work, 'key.pem'), '--port', '0', '--static', root], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { const m = /listening on .*:(\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); });
    child.on('exit', (c) => reject(new Error(`node baseline exited ${c}`)));
  });
  return { origin: `https://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function timeOneCall(browser, options) {
  const pages = await openCall(browser, options.origin, options);
  await Promise.all([expectRemoteVideoPlaying(pages.offer, 'offer'), expectRemoteVideoPlaying(pages.answer, 'answer')]);
  const sample = { offer: await setupTimeMs(pages.offer, pages.offer), answer: await setupTimeMs(pages.offer, pages.answer) };
  await closePages(pages.offer, pages.answer);
  return sample;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9) };
};

const root = webRoot();
const ours = await startRelay({ webRoot: root });
const node = await startNodeBaseline(root);
const browser = await launchBrowser();
const results = { ours: [], node: [] };
try {
  for (let i = 0; i < calls; i += 1) {
    results.ours.push(await timeOneCall(browser, { origin: ours.origin, room: `bench-${i}`, answerFirst: true }));
    results.node.push(await timeOneCall(browser, {
      origin: node.origin,
      answerFirst: true,
      offerUrl: `${node.origin}/seed-peer.html?type=offer`,
      answerUrl: `${node.origin}/seed-peer.html?type=answer`,
    }));
  }
} finally {
  await browser.close();
  await ours.stop();
  node.stop();
  rmSync(work, { recursive: true, force: true });
}

console.log(`click -> first remote frame, ${calls} calls each (ms)`);
console.log('setup                         | offer median | offer p90 | answer median | answer p90');
for (const [name, label] of [['ours', 'p2p-relay + wasm pages      '], ['node', 'Node baseline + seed pages  ']]) {
  const o = stats(results[name].map((s) => s.offer));
  const a = stats(results[name].map((s) => s.answer));
  console.log(`${label}  | ${o.median.toFixed(0).padStart(12)} | ${o.p90.toFixed(0).padStart(9)} | ${a.median.toFixed(0).padStart(13)} | ${a.p90.toFixed(0).padStart(10)}`);
}
