// The three call setups, each timed from the click on #start in the offer page to
// ICE connected and to the first remote frame, on the offer side and on the answer side:
//   ours   our relay + our wasm pages (two browser contexts),
//   node   the Node baseline relay (the original demo's design) + the seed-protocol page,
//   floor  floor.html: both peer connections in one page, no relay, no signalling.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

import { closeAll, readProbe, waitFirstFrames } from './pages.mjs';

export async function startNodeBaseline(serverJs, root, work) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-days', '1', '-subj', '/CN=localhost', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem')],
  { stdio: 'ignore' });
  const child = spawn('node', [serverJs, '--cert', join(work, 'cert.pem'), '--key', join(work, 'key.pem'),
    '--port', '0', '--static', root], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { const m = /listening on .*:(\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); });
    child.on('exit', (c) => reject(new Error(`node baseline exited ${c}`)));
  });
  return { origin: `https://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

// ms from `clickAt` to what the probe saw: the page's first peer connection and its remote video.
const sideTimes = (clickAt, probe, videoId, pcIndex = 0) => ({
  ice: probe.iceConnectedAt[pcIndex] - clickAt,
  frame: probe.firstFrameAt[videoId] - clickAt,
});

// The person's pause between seeing #start and clicking it (see compare.mjs --settle).
const think = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// `engine` is one of tests/e2e/lib/engines.mjs (pages.mjs launchBenchEngine): every page it
// opens is loaded, in a context of its own, with the timing probe.

// A call between two pages: the answer page opens first (so the offer finds its peer waiting),
// each waits for its signalling socket, then, `settleMs` later, the offer page's #start is clicked.
async function twoPageCall(engine, urls, waitReady, settleMs) {
  const answer = await engine.openPage(urls.answer);
  await waitReady(answer);
  const offer = await engine.openPage(urls.offer);
  await waitReady(offer);
  await think(settleMs);
  try {
    await offer.clickId('start', { timeout: 10000 });
    await Promise.all([waitFirstFrames(offer, 'offer', ['remote-video']), waitFirstFrames(answer, 'answer', ['remote-video'])]);
    const [o, a] = [await readProbe(offer), await readProbe(answer)];
    return { offer: sideTimes(o.clickAt, o, 'remote-video'), answer: sideTimes(o.clickAt, a, 'remote-video') };
  } finally {
    await closeAll(offer, answer);
  }
}

export function oursCall(engine, origin, room, settleMs) {
  const url = (type) => `${origin}/p2p?type=${type}&room=${room}`;
  return twoPageCall(engine, { offer: url('offer'), answer: url('answer') },
    (page) => page.waitForSelector('body[data-signalling="open"]', { timeout: 10000 }), settleMs);
}

// The seed page shows #start once its socket is open; the answer page shows nothing, so the
// probe's socket-open mark is what says it is ready.
export function nodeCall(engine, origin, settleMs) {
  const url = (type) => `${origin}/seed-peer.html?type=${type}`;
  return twoPageCall(engine, { offer: url('offer'), answer: url('answer') },
    (page) => page.waitForFunction(() => window.__bench.load.socketOpen !== undefined, null, { timeout: 10000 }), settleMs);
}

export async function floorCall(engine, origin, settleMs) {
  const page = await engine.openPage(`${origin}/call-setup-floor.html`);
  await think(settleMs);
  try {
    await page.clickId('start', { timeout: 10000 });
    await waitFirstFrames(page, 'floor', ['remote-video-offer', 'remote-video-answer']);
    const p = await readProbe(page);
    return { offer: sideTimes(p.clickAt, p, 'remote-video-offer', 0), answer: sideTimes(p.clickAt, p, 'remote-video-answer', 1) };
  } finally {
    await closeAll(page);
  }
}
