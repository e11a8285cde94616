// Rooms across relays in the browser: one Redis, two relay processes with --redis, the offer page
// on relay A and the answer page on relay B (different origins, as behind DNS or a load balancer).
// The call must connect with real frames both ways, and hang-up must reach the other relay's page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';

import { launchBrowser, logText, openPage } from './lib/browser.mjs';
import { callUrl, closePages, openCall } from './lib/call.mjs';
import { startRedis } from './lib/redis.mjs';
import { startRelay } from './lib/relay.mjs';
import { expectRemoteVideoPlaying } from './lib/video.mjs';
import { makeWebRoot } from './lib/web_root.mjs';

const env = { redis: null, relayA: null, relayB: null, browser: null, webRoot: null };

before(async () => {
  env.webRoot = makeWebRoot();
  env.redis = await startRedis();
  const clustered = () => startRelay({ webRoot: env.webRoot, extraArgs: ['--redis', env.redis.url] });
  env.relayA = await clustered();
  env.relayB = await clustered();
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  await env.relayA?.stop();
  await env.relayB?.stop();
  await env.redis?.stop();
  if (env.webRoot) rmSync(env.webRoot, { recursive: true, force: true });
});

describe('rooms across relays (Redis)', () => {
  test('offer page on relay A, answer page on relay B: a real call, then hang-up reaches B', async () => {
    const pages = await openCall(env.browser, env.relayA.origin, {
      offerUrl: callUrl(env.relayA.origin, 'offer', 'two-relays'),
      answerUrl: callUrl(env.relayB.origin, 'answer', 'two-relays'),
    });
    try {
      await Promise.all([expectRemoteVideoPlaying(pages.offer, 'offer page (relay A)', 30000),
        expectRemoteVideoPlaying(pages.answer, 'answer page (relay B)', 30000)]);
      // Hang-up travels page -> relay A -> Redis -> relay B -> page: "at once", not an ICE timeout.
      await pages.offer.locator('#hangup').click();
      await pages.answer.waitForFunction(() => /对方已挂断/.test(document.getElementById('notice').innerText),
        null, { timeout: 4000 })
        .catch(async () => assert.fail(`answer page was not told of the hang-up:\n${await logText(pages.answer)}`));
    } finally {
      await closePages(pages.offer, pages.answer);
    }
  });

  test('a third page is told the room is full while the call across relays goes on', async () => {
    const pages = await openCall(env.browser, env.relayA.origin, {
      offerUrl: callUrl(env.relayB.origin, 'offer', 'full-across'),
      answerUrl: callUrl(env.relayA.origin, 'answer', 'full-across'),
    });
    const third = await openPage(env.browser, callUrl(env.relayB.origin, 'answer', 'full-across'));
    try {
      await third.waitForFunction(() => /房间已满/.test(document.getElementById('log').innerText), null, { timeout: 10000 })
        .catch(async () => assert.fail(`third page not refused:\n${await logText(third)}`));
      await Promise.all([expectRemoteVideoPlaying(pages.offer, 'offer page (relay B)', 30000),
        expectRemoteVideoPlaying(pages.answer, 'answer page (relay A)', 30000)]);
    } finally {
      await closePages(pages.offer, pages.answer, third);
    }
  });
});
