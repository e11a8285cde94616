// Assertions on what a page really shows: the remote <video> must decode real, advancing frames.
import assert from 'node:assert/strict';

const frameState = () => {
  const v = document.getElementById('remote-video');
  const q = v.getVideoPlaybackQuality ? v.getVideoPlaybackQuality() : { totalVideoFrames: 0 };
  return { width: v.videoWidth, height: v.videoHeight, frames: q.totalVideoFrames, paused: v.paused };
};

// Waits until #remote-video plays frames, then checks the decoded frame count keeps increasing.
export async function expectRemoteVideoPlaying(page, label, timeoutMs = 20000) {
  try {
    await page.waitForFunction(() => {
      const v = document.getElementById('remote-video');
      return v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0;
    }, null, { timeout: timeoutMs, polling: 50 });
  } catch (e) {
    const log = await page.evaluate(() => document.getElementById('log')?.innerText ?? '');
    throw new Error(`${label}: remote video never played.\nPage log:\n${log}\nErrors: ${page.errors.join('\n')}`);
  }
  const first = await page.evaluate(frameState);
  await page.waitForTimeout(1000);
  const later = await page.evaluate(frameState);
  assert.ok(first.width > 0 && first.height > 0, `${label}: remote video has no size`);
  assert.ok(later.frames > first.frames,
    `${label}: frames decoded did not increase (${first.frames} -> ${later.frames})`);
  return later;
}

// Milliseconds from the click on #start (in clickPage) to the first remote frame in page.
export async function setupTimeMs(clickPage, page) {
  const clickAt = await clickPage.evaluate(() => window.__e2e.clickAt);
  const frameAt = await page.evaluate(() => window.__e2e.firstFrameAt);
  assert.ok(clickAt !== null && frameAt !== null, 'timing probe did not record click and first frame');
  return frameAt - clickAt;
}
