// Browser end-to-end: the real relay over TLS, real headless Chromium pages running our wasm
// client, real WebRTC calls on loopback. Run inside a fresh network namespace (see run.sh).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { openPage } from './lib/browser.mjs';
import { useRelayAndBrowser } from './lib/suite.mjs';
import { callUrl, closePages, openCall, waitSignallingOpen } from './lib/call.mjs';
import { expectRemoteVideoPlaying, setupTimeMs } from './lib/video.mjs';

const env = useRelayAndBrowser();

async function expectBothPlaying(pages) {
  await Promise.all([
    expectRemoteVideoPlaying(pages.offer, 'offer page'),
    expectRemoteVideoPlaying(pages.answer, 'answer page'),
  ]);
}

describe('a call between two of our pages', () => {
  test('offer page opened first', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'offer-first' });
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });

  test('answer page opened first', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'answer-first', answerFirst: true });
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });

  test('start clicked before the answer page exists', async () => {
    const offer = await openPage(env.browser, callUrl(env.relay.origin, 'offer', 'early-start'));
    await offer.locator('#start').click({ timeout: 10000 });
    await offer.waitForFunction(() => document.getElementById('local-video').videoWidth > 0);
    const answer = await openPage(env.browser, callUrl(env.relay.origin, 'answer', 'early-start'));
    await expectBothPlaying({ offer, answer });
    await closePages(offer, answer);
  });

  test('the default room works without ?room=', async () => {
    const pages = await openCall(env.browser, env.relay.origin, {});
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });

  test('two rooms at once', async () => {
    const [a, b] = await Promise.all([
      openCall(env.browser, env.relay.origin, { room: 'room-a' }),
      openCall(env.browser, env.relay.origin, { room: 'room-b', answerFirst: true }),
    ]);
    await Promise.all([expectBothPlaying(a), expectBothPlaying(b)]);
    await closePages(a.offer, a.answer, b.offer, b.answer);
  });

  test('reloading the answer page starts a new call', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'reload' });
    await expectBothPlaying(pages);
    const code = (p) => p.evaluate(() => document.getElementById('verify-code').innerText);
    const oldCode = await code(pages.offer);
    await pages.answer.reload();
    await waitSignallingOpen(pages.answer);
    // Whether the offer page first hears peer_left or sees ICE drop, it must end up on the new
    // connection: the reloaded page has a new DTLS certificate, so both show a new, equal code.
    const newCode = await pages.answer.waitForFunction((old) => {
      const c = document.getElementById('verify-code').innerText;
      return c && c !== old && c;
    }, oldCode, { timeout: 20000 }).then((h) => h.jsonValue());
    await pages.offer.waitForFunction((c) => document.getElementById('verify-code').innerText === c,
      newCode, { timeout: 20000 });
    await expectBothPlaying(pages);
    const log = await pages.offer.evaluate(() => document.getElementById('log').innerText);
    // Left (the reload's reset came first) or away then back (its new socket took the seat first).
    assert.match(log, /对方已离开|对方正在重新连接/, 'offer page should have logged that the peer went');
    await closePages(pages.offer, pages.answer);
  });

  test('a third page in a full room is told so', async () => {
    const pages = await openCall(env.browser, env.relay.origin, { room: 'full' });
    const third = await openPage(env.browser, callUrl(env.relay.origin, 'answer', 'full'));
    await third.waitForFunction(() => /房间已满/.test(document.getElementById('log').innerText),
      null, { timeout: 10000 });
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer, third);
  });
});

describe('wire compatibility with the original demo page protocol', () => {
  test('seed-protocol offer page calls our answer page (over the root path)', async () => {
    const pages = await openCall(env.browser, env.relay.origin, {
      answerFirst: true,
      room: 'default',
      offerUrl: `${env.relay.origin}/seed-peer.html?type=offer`,
    });
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });

  test('our offer page calls a seed-protocol answer page', async () => {
    const pages = await openCall(env.browser, env.relay.origin, {
      answerFirst: true,
      room: 'default',
      answerUrl: `${env.relay.origin}/seed-peer.html?type=answer`,
    });
    await expectBothPlaying(pages);
    await closePages(pages.offer, pages.answer);
  });
});

describe('call setup time', () => {
  test('five calls: click to first remote frame on both pages', async () => {
    const samples = [];
    for (let i = 0; i < 5; i += 1) {
      const pages = await openCall(env.browser, env.relay.origin, { room: `timing-${i}`, answerFirst: i % 2 === 1 });
      await expectBothPlaying(pages);
      samples.push({
        offer: await setupTimeMs(pages.offer, pages.offer),
        answer: await setupTimeMs(pages.offer, pages.answer),
      });
      await closePages(pages.offer, pages.answer);
    }
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const summary = {
      samples,
      median_offer_ms: median(samples.map((s) => s.offer)),
      median_answer_ms: median(samples.map((s) => s.answer)),
    };
    const out = process.env.E2E_ARTIFACTS;
    if (out) {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'call-setup.json'), JSON.stringify(summary, null, 2));
    }
    console.log(`call setup (click -> first remote frame, median of 5): offer page ${summary.median_offer_ms.toFixed(0)} ms, answer page ${summary.median_answer_ms.toFixed(0)} ms`);
    for (const s of samples) assert.ok(s.offer > 0 && s.answer > 0, 'first frame must come after the click');
  });
});
