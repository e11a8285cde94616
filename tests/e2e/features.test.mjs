// Browser e2e of the call features: glare, hang-up and a new call, relay restart mid-call,
// camera/mic state seen by the other side, chat, verification codes, language, screenshots.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { startRelay } from './lib/relay.mjs';
import { openPage } from './lib/browser.mjs';
import { useRelayAndBrowser } from './lib/suite.mjs';
import { callUrl, chatBothWays, closePages, openCall, waitSignallingOpen } from './lib/call.mjs';
import { expectRemoteVideoPlaying } from './lib/video.mjs';

const env = useRelayAndBrowser();

const bothPlaying = (pages) => Promise.all([
  expectRemoteVideoPlaying(pages.offer, 'offer page'),
  expectRemoteVideoPlaying(pages.answer, 'answer page'),
]);
const frames = (page) => page.evaluate(() => document.getElementById('remote-video').getVideoPlaybackQuality().totalVideoFrames);
const waitBody = (page, attr, value, timeout = 10000) =>
  page.waitForSelector(`body[data-${attr}="${value}"]`, { timeout });
const offersSent = (page) => page.evaluate(() => (document.getElementById('log').innerText.match(/已发送 offer/g) || []).length);
const replaced = (page) => page.evaluate(() => Number(document.body.dataset.replacedTracks || 0));
const remoteSize = (page) => page.evaluate(() => {
  const v = document.getElementById('remote-video');
  return { w: v.videoWidth, h: v.videoHeight };
});
const negotiations = (page) => page.evaluate(() => Number(document.body.dataset.negotiations || 0));

async function openBoth(origin, room) {
  const offer = await openPage(env.browser, callUrl(origin, 'offer', room));
  const answer = await openPage(env.browser, callUrl(origin, 'answer', room));
  await Promise.all([waitSignallingOpen(offer), waitSignallingOpen(answer)]);
  return { offer, answer };
}

describe('negotiation', () => {
  test('both pages click start at once (glare) and the call connects', async () => {
    const pages = await openBoth(env.relay.origin, 'glare');
    // Clicked inside both pages at once, without Playwright's wait for a visible button: the offer
    // page's prepared offer can reach the answer page before its click, which then accepts the
    // call and hides #start (a click on it then does nothing, as for a person). Which page's offer
    // wins differs run to run; the Glare unit tests cover each order.
    const clickStart = (page) => page.evaluate(() => document.getElementById('start').click());
    await Promise.all([clickStart(pages.offer), clickStart(pages.answer)]);
    await bothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });

  test('the answer page may start the call', async () => {
    const pages = await openBoth(env.relay.origin, 'answer-starts');
    await pages.answer.locator('#start').click();
    await bothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });
});

describe('hang-up', () => {
  test('the other side is told at once, both are ready, and a new call works without reload', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'hangup' });
    await bothPlaying(pages);
    const clickedAt = Date.now();
    await pages.offer.locator('#hangup').click();
    // "At once": over the relay, not after an ICE timeout (which takes 5 s or more); the wait is
    // generous because the machine may be busy, the elapsed time is asserted separately.
    await pages.answer.waitForFunction(() => /对方已挂断/.test(document.getElementById('notice').innerText),
      null, { timeout: 10000 });
    const toldMs = Date.now() - clickedAt;
    assert.ok(toldMs < 4000, `the other side was told after ${toldMs} ms`);
    await Promise.all([waitBody(pages.offer, 'call', 'idle'), waitBody(pages.answer, 'call', 'idle')]);
    assert.equal(await pages.offer.evaluate(() => document.getElementById('remote-video').srcObject), null);
    await pages.answer.locator('#start').click({ timeout: 5000 });
    await bothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });
});

describe('recovery', () => {
  test('relay killed and restarted mid-call: video keeps playing and a later renegotiation succeeds', async () => {
    const own = await startRelay({ webRoot: env.webRoot });
    const { port, stateDir } = own;
    let restarted;
    try {
      const pages = await openCall(env.browser, own.origin, { room: 'restart' });
      await bothPlaying(pages);
      await own.stop();
      await Promise.all([waitBody(pages.offer, 'signalling', 'closed'), waitBody(pages.answer, 'signalling', 'closed')]);
      await bothPlaying(pages);  // media is peer to peer
      restarted = await startRelay({ webRoot: env.webRoot, port, stateDir });
      await Promise.all([waitBody(pages.offer, 'signalling', 'open', 20000), waitBody(pages.answer, 'signalling', 'open', 20000)]);
      const before = await negotiations(pages.offer);
      await pages.offer.locator('#restart-ice').click();  // ICE restart: a full offer/answer
      await pages.offer.waitForFunction((n) => Number(document.body.dataset.negotiations) > n, before, { timeout: 10000 });
      await bothPlaying(pages);
      assert.equal(await pages.offer.evaluate(() => document.body.dataset.call), 'connected');
      await closePages(pages.offer, pages.answer);
    } finally {
      await restarted?.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('in-call features', () => {
  test('verification codes match, chat both ways, camera off and mute seen by the other side', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'features' });
    await bothPlaying(pages);

    const code = (p) => p.locator('#verify-code').innerText();
    const codes = [await code(pages.offer), await code(pages.answer)];
    assert.match(codes[0], /^\d{3} \d{3}$/);
    assert.equal(codes[0], codes[1], 'both pages must show the same verification code');

    await chatBothWays(pages);

    // Camera off: replaceTrack(null) on the sender, so the far side's decoded frames stop.
    await pages.offer.locator('#camera').click();
    await waitBody(pages.answer, 'peer-camera', 'off');
    await pages.answer.waitForTimeout(500);
    const stopped = await frames(pages.answer);
    await pages.answer.waitForTimeout(1000);
    assert.ok(await frames(pages.answer) - stopped <= 1, 'remote frames must stop while the camera is off');
    await pages.offer.locator('#camera').click();
    await waitBody(pages.answer, 'peer-camera', 'on');
    await expectRemoteVideoPlaying(pages.answer, 'answer page after camera on');

    await pages.answer.locator('#mute').click();
    await waitBody(pages.offer, 'peer-mic', 'off');
    assert.match(await pages.offer.locator('#peer-state').innerText(), /对方已静音/);
    await closePages(pages.offer, pages.answer);
  });

  test('?lang=en shows English labels; screenshots at desktop and phone size', async () => {
    const shots = process.env.SCREENSHOT_DIR;
    const pages = await openCall(env.browser, env.relay.origin, {
      room: 'english',
      offerUrl: `${callUrl(env.relay.origin, 'offer', 'english')}&lang=en`,
    });
    await bothPlaying(pages);
    assert.equal(await pages.offer.locator('#hangup').innerText(), 'Hang up');
    assert.equal(await pages.answer.locator('#hangup').innerText(), '挂断');
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await pages.offer.locator('#stats-toggle').click();
      await pages.offer.waitForFunction(() => Number(document.getElementById('stats').dataset.inKbps) > 0,
        null, { timeout: 10000 });  // the panel holds real numbers
      await pages.offer.screenshot({ path: join(shots, 'offer-1280x720-en.png') });
      await pages.answer.screenshot({ path: join(shots, 'answer-1280x720-zh.png') });
      for (const [role, page] of Object.entries(pages)) {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(shots, `${role}-390x844.png`), fullPage: true });
      }
    }
    await closePages(pages.offer, pages.answer);
  });
});

describe('stats, device switch, screen share, diagnostics', () => {
  // One call for all four: each step starts from the state the one before left, as a person would.
  test('stats panel values, replaceTrack without an offer, share and back, diagnostics file', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'tools' });
    await bothPlaying(pages);
    const { offer, answer } = pages;

    // Stats: values appear within a few seconds of opening the panel (two 1 s samples).
    const shownAt = Date.now();
    await offer.locator('#stats-toggle').click();
    await offer.waitForFunction(() => {
      const s = document.getElementById('stats');
      const d = s.dataset;
      return !s.hidden && Number(d.inKbps) > 0 && Number(d.outKbps) > 0 && Number(d.fps) > 0 && d.rtt !== '-';
    }, null, { timeout: 10000, polling: 100 });
    const statsMs = Date.now() - shownAt;
    const stats = await offer.evaluate(() => ({ ...document.getElementById('stats').dataset,
      text: document.getElementById('stats').innerText }));
    assert.ok(statsMs < 5000, `stats took ${statsMs} ms`);
    assert.match(stats.resolution, /^\d+x\d+$/);
    assert.equal(stats.resolution, '640x480', 'the fake camera sends 640x480 on loopback');
    assert.ok(Number(stats.rtt) >= 0 && Number(stats.loss) >= 0 && Number(stats.loss) <= 100, JSON.stringify(stats));
    assert.equal(stats.path, 'host', 'loopback uses host candidates');
    assert.match(stats.text, /kbps/);

    // Device switch: the other fake camera, then another microphone; replaceTrack, no new offer.
    const before = { offers: [await offersSent(offer), await offersSent(answer)],
      negotiations: [await negotiations(offer), await negotiations(answer)], replaced: await replaced(offer) };
    const cameras = await offer.evaluate(() => [...document.querySelectorAll('#devices option')]
      .map((o) => o.value).filter((v) => v.startsWith('videoinput|')));
    const current = await offer.evaluate(() =>
      document.getElementById('local-video').srcObject.getVideoTracks()[0].getSettings().deviceId);
    // The last other camera: Chromium's second fake camera sends Y16 depth frames that WebRTC
    // does not encode, its third (MJPEG) works like a real webcam.
    const other = cameras.filter((v) => v !== `videoinput|${current}`).pop() ?? cameras[0];
    assert.ok(other, `no camera in #devices: ${cameras}`);
    await offer.selectOption('#devices', other);
    await offer.waitForFunction((id) =>
      document.getElementById('local-video').srcObject.getVideoTracks()[0].getSettings().deviceId === id,
    other.slice('videoinput|'.length), { timeout: 10000 });
    await offer.waitForFunction((n) => Number(document.body.dataset.replacedTracks || 0) > n, before.replaced,
      { timeout: 10000 });
    const mic = await offer.evaluate(() => [...document.querySelectorAll('#devices option')]
      .map((o) => o.value).find((v) => v.startsWith('audioinput|') && v !== 'audioinput|default'));
    await offer.selectOption('#devices', mic);
    await offer.waitForFunction((n) => Number(document.body.dataset.replacedTracks || 0) > n + 1, before.replaced,
      { timeout: 10000 });
    await expectRemoteVideoPlaying(answer, 'answer page after the device switch');
    assert.deepEqual([await offersSent(offer), await offersSent(answer)], before.offers, 'a device switch must not send an offer');
    assert.deepEqual([await negotiations(offer), await negotiations(answer)], before.negotiations);

    // Screen share: the fake 1280x720 (16:9) screen replaces the 4:3 camera on the far side, and back.
    const aspect = (want) => answer.waitForFunction((r) => {
      const v = document.getElementById('remote-video');
      return v.videoHeight > 0 && Math.abs(v.videoWidth / v.videoHeight - r) < 0.05;
    }, want, { timeout: 15000, polling: 100 });
    await offer.locator('#share').click();
    await waitBody(offer, 'sharing', 'yes');
    await aspect(16 / 9);
    await expectRemoteVideoPlaying(answer, 'answer page while sharing');
    const shared = await remoteSize(answer);
    await offer.locator('#share').click();
    await waitBody(offer, 'sharing', 'no');
    await aspect(4 / 3);
    await expectRemoteVideoPlaying(answer, 'answer page after the share');
    assert.notDeepEqual(await remoteSize(answer), shared);
    assert.deepEqual([await offersSent(offer), await offersSent(answer)], before.offers, 'sharing must not send an offer');
    assert.equal(await offer.evaluate(() => document.getElementById('local-video').className), 'mirrored');

    // Diagnostics: the downloaded JSON holds the timeline (timed entries) and the last stats.
    const [download] = await Promise.all([offer.waitForEvent('download', { timeout: 10000 }),
      offer.locator('#diagnostics').click()]);
    assert.equal(download.suggestedFilename(), 'p2p-call-diagnostics.json');
    const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.ok(report.timeline.length >= 5, `timeline has ${report.timeline.length} entries`);
    for (const entry of report.timeline) assert.match(entry, /^\[\d\d:\d\d:\d\d\] \S/);
    assert.ok(report.timeline.some((e) => /已发送 offer/.test(e)), 'the timeline holds the offer');
    assert.equal(report.callState, 'connected');
    assert.equal(report.lastStats.path, 'host');
    assert.equal(report.lastStats.transport, 'udp');
    assert.equal(report.lastStats.localCandidateType, 'host');
    assert.equal(report.lastStats.remoteCandidateType, 'host');
    assert.ok(report.lastStats.inKbps > 0 && report.lastStats.width > 0 && report.lastStats.fps > 0,
      JSON.stringify(report.lastStats));
    assert.ok(report.lastStats.rttMs >= 0);
    await closePages(offer, answer);
  });
});
