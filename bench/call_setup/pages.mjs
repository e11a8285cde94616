// Opening benchmarked pages: each in a fresh browser context (its own cookies, cache and
// connections, like a separate person on a first visit), with the timing probe installed. The
// pages are those of tests/e2e/lib/engines.mjs, so the same setups run in Chromium and Firefox.
import { launchEngine } from '../../tests/e2e/lib/engines.mjs';
import { BENCH_PROBE } from './probe.mjs';

// CAMERA_DELAY_MS=N (a sensitivity run, not the default): every getUserMedia starts N ms late in
// every page, as a real webcam takes hundreds of ms to start where the fake one takes ~25.
const CAMERA_DELAY = `(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const native = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => new Promise((r) => { setTimeout(r, ${Number(process.env.CAMERA_DELAY_MS)}); }).then(() => native(c));
})();`;

// The engine whose pages are measured; `browser` (Chromium only) is the Playwright browser the
// page-load measurement also uses.
export function launchBenchEngine(name, browser) {
  const probe = process.env.CAMERA_DELAY_MS ? `${BENCH_PROBE}\n${CAMERA_DELAY}` : BENCH_PROBE;
  return launchEngine(name, { probe, browser });
}

export const readProbe = (page) => page.evaluate(() => window.__bench);

// Waits until every listed remote video has presented a frame; on timeout, says which page and
// what its log showed, since a hung call would otherwise only read as a missing number.
export async function waitFirstFrames(page, label, videoIds, timeoutMs = 20000) {
  try {
    await page.waitForFunction((ids) => ids.every((id) => id in window.__bench.firstFrameAt), videoIds,
      { timeout: timeoutMs, polling: 20 });
  } catch (e) {
    const log = await page.evaluate(() => document.getElementById('log')?.innerText ?? '');
    throw new Error(`${label}: no remote frame within ${timeoutMs} ms.\n${log}\n${page.errors.join('\n')}`);
  }
}

export async function closeAll(...pages) {
  for (const page of pages) await page.close();
}
