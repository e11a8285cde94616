// Assertions on what a page really shows: the remote <video> must present real, advancing frames.
// Frames are those counted by the probe (lib/probe.mjs), so the same checks hold in Chromium and
// Firefox, on plain Playwright pages and on the pages of lib/engines.mjs alike.
import assert from 'node:assert/strict';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const frameState = () => {
  const v = document.getElementById('remote-video');
  return { width: v.videoWidth, height: v.videoHeight, frames: window.__e2e.frameCount, paused: v.paused };
};

// A frame presented within the last half second, with a size: the video is playing now, not
// merely once was.
const playingNow = () => {
  const v = document.getElementById('remote-video');
  const now = performance.timeOrigin + performance.now();
  return Boolean(v && window.__e2e && v.videoWidth > 0 && window.__e2e.framesAfter(now - 500) > 0);
};

export const pageLog = (page) => page.evaluate(() => document.getElementById('log')?.innerText ?? '');

// Waits until #remote-video plays frames, then checks the presented frame count keeps increasing.
export async function expectRemoteVideoPlaying(page, label, timeoutMs = 20000) {
  try {
    await page.waitForFunction(playingNow, null, { timeout: timeoutMs, polling: 50 });
  } catch (e) {
    const log = await pageLog(page).catch((err) => `(log unreadable: ${err.message})`);
    throw new Error(`${label}: remote video never played.\nPage log:\n${log}\nErrors: ${page.errors.join('\n')}`);
  }
  const first = await page.evaluate(frameState);
  await sleep(1000);
  const later = await page.evaluate(frameState);
  assert.ok(first.width > 0 && first.height > 0, `${label}: remote video has no size`);
  assert.ok(later.frames > first.frames,
    `${label}: frames presented did not increase (${first.frames} -> ${later.frames})`);
  return later;
}

// Remote frames presented after wall-clock time t (ms since the epoch).
export const framesAfter = (page, t) => page.evaluate((at) => window.__e2e.framesAfter(at), t);

// The longest stretch without a remote frame between wall-clock times from and to (ms).
export const longestFreezeMs = (page, from, to) =>
  page.evaluate(([a, b]) => window.__e2e.maxGap(a, b), [from, to]);

// Milliseconds from the click on #start (in clickPage) to the first remote frame in page.
export async function setupTimeMs(clickPage, page) {
  const clickAt = await clickPage.evaluate(() => window.__e2e.clickAt);
  const frameAt = await page.evaluate(() => window.__e2e.firstFrameAt);
  assert.ok(clickAt !== null && frameAt !== null, 'timing probe did not record click and first frame');
  return frameAt - clickAt;
}
