// TURN in the browser: coturn on loopback with REST credentials, the relay minting them, and both
// pages forced to relay-only ICE (?ice=relay). With the right secret the call runs over TURN; with
// a wrong one both pages say clearly that the TURN server refused or could not be reached.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchBrowser, logText, openPage } from './lib/browser.mjs';
import { callUrl, closePages, openCall, waitSignallingOpen } from './lib/call.mjs';
import { startRelay } from './lib/relay.mjs';
import { startTurnServer } from './lib/turn.mjs';
import { expectRemoteVideoPlaying } from './lib/video.mjs';
import { makeWebRoot } from './lib/web_root.mjs';

const SECRET = 'e2e-turn-secret';
const env = { turn: null, relay: null, wrongRelay: null, shortRelay: null, browser: null, webRoot: null, secrets: null };

before(async () => {
  env.webRoot = makeWebRoot();
  env.secrets = mkdtempSync(join(tmpdir(), 'p2p-e2e-secret-'));
  writeFileSync(join(env.secrets, 'right'), `${SECRET}\n`);
  writeFileSync(join(env.secrets, 'wrong'), 'not-the-turn-secret\n');
  env.turn = await startTurnServer({ secret: SECRET });
  const relayWith = (file, more = []) => startRelay({
    webRoot: env.webRoot, extraArgs: ['--turn', env.turn.url, '--turn-secret-file', join(env.secrets, file), ...more],
  });
  env.relay = await relayWith('right');
  env.wrongRelay = await relayWith('wrong');
  env.shortRelay = await relayWith('right', ['--turn-ttl', '10']);
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  await env.relay?.stop();
  await env.wrongRelay?.stop();
  await env.shortRelay?.stop();
  await env.turn?.stop();
  for (const dir of [env.webRoot, env.secrets]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const relayOnly = (origin, type, room) => `${callUrl(origin, type, room)}&ice=relay`;

// Console lines of `page` that report a STUN/TURN server error (the client logs each at debug).
function watchServerErrors(page) {
  const lines = [];
  page.on('console', (m) => { if (/STUN\/TURN/.test(m.text())) lines.push(m.text()); });
  return lines;
}

const relayCall = (origin, room) => ({
  offerUrl: relayOnly(origin, 'offer', room), answerUrl: `${relayOnly(origin, 'answer', room)}&lang=en`,
});

describe('TURN with REST credentials, relay-only pages', () => {
  test('the call runs over the TURN server: real frames, a relay candidate pair', async () => {
    const pages = await openCall(env.browser, env.relay.origin, relayCall(env.relay.origin, 'turn-ok'));
    const errors = watchServerErrors(pages.offer);
    try {
      await Promise.all([expectRemoteVideoPlaying(pages.offer, 'offer page', 30000),
        expectRemoteVideoPlaying(pages.answer, 'answer page', 30000)]);
      for (const [role, page] of Object.entries(pages)) {
        await page.locator('#stats-toggle').click();
        // data-path is what the selected pair of getStats() goes through, "relay" when either end is TURN.
        await page.waitForFunction(() => document.getElementById('stats').dataset.path === 'relay', null,
          { timeout: 10000, polling: 100 })
          .catch(async () => assert.fail(`${role}: path is not relay: ` +
            `${await page.evaluate(() => JSON.stringify(document.getElementById('stats').dataset))}`));
      }
      assert.deepEqual(errors, [], 'coturn accepted the minted credentials at once');
    } finally {
      await closePages(pages.offer, pages.answer);
    }
  });

  test('renewed credentials (TTL 10 s) carry an ICE restart after the first ones expired', async () => {
    const pages = await openCall(env.browser, env.shortRelay.origin, relayCall(env.shortRelay.origin, 'turn-renew'));
    const joinedAt = Date.now();
    const errors = watchServerErrors(pages.offer);
    try {
      await expectRemoteVideoPlaying(pages.offer, 'offer page', 30000);
      // Renewal at 80% of 10 s; then wait until the credentials of "joined" have surely expired.
      await pages.offer.waitForFunction(() => /已更新 TURN 凭据/.test(document.getElementById('log').innerText),
        null, { timeout: 12000, polling: 100 });
      await pages.offer.waitForTimeout(Math.max(0, joinedAt + 12000 - Date.now()));
      const before = Number(await pages.offer.evaluate(() => document.body.dataset.negotiations));
      await pages.offer.locator('#restart-ice').click();
      await pages.offer.waitForFunction((n) => Number(document.body.dataset.negotiations) > n, before,
        { timeout: 10000 });
      await pages.offer.waitForTimeout(3000);  // gathering over TURN with the renewed credentials
      assert.deepEqual(errors, [], 'the restart presented live credentials, not the expired ones');
      assert.equal(await pages.offer.evaluate(() => document.body.dataset.call), 'connected');
      await Promise.all([expectRemoteVideoPlaying(pages.offer, 'offer page'),
        expectRemoteVideoPlaying(pages.answer, 'answer page')]);
    } finally {
      await closePages(pages.offer, pages.answer);
    }
  });

  test('a relay with the wrong secret: both pages show the TURN failure message', async () => {
    const origin = env.wrongRelay.origin;
    const offer = await openPage(env.browser, relayOnly(origin, 'offer', 'turn-bad'));
    await waitSignallingOpen(offer);
    const answer = await openPage(env.browser, `${relayOnly(origin, 'answer', 'turn-bad')}&lang=en`);
    await waitSignallingOpen(answer);
    const startedAt = Date.now();
    await offer.locator('#start').click({ timeout: 10000 });
    try {
      const expected = { offer: /无法通过 TURN 服务器连接.*TURN 服务器无法访问，或拒绝了凭据/,
        answer: /Could not connect through the TURN server.*unreachable or rejected the credentials/ };
      for (const [role, page] of Object.entries({ offer, answer })) {
        await page.waitForFunction(() => document.body.dataset.call === 'failed' &&
          !document.getElementById('notice').hidden, null, { timeout: 30000, polling: 100 })
          .catch(async () => assert.fail(`${role}: no failure shown.\n${await logText(page)}`));
        assert.match(await page.locator('#notice').innerText(), expected[role]);
      }
      const seconds = (Date.now() - startedAt) / 1000;
      assert.ok(seconds < 30, `the failure took ${seconds} s to show`);
    } finally {
      await closePages(offer, answer);
    }
  });
});

// The connection check with the relay's real ICE servers (here TURN over UDP only, on loopback):
// the right secret gets an allocation, the wrong one does not, and each page says so in its
// language, before any call. The network lab (lab_paths.test.mjs) checks the verdicts across NATs.
describe('check my connection', () => {
  async function checkOn(origin, lang) {
    const page = await openPage(env.browser, `${callUrl(origin, 'answer', `check-${lang}`)}&lang=${lang}`);
    await waitSignallingOpen(page);
    await page.locator('#check').click();
    await page.waitForFunction(() => document.getElementById('check-result').dataset.state === 'done', null,
      { timeout: 15000, polling: 100 })
      .catch(async () => assert.fail(`no verdict:\n${await logText(page)}`));
    const result = await page.evaluate(() => {
      const box = document.getElementById('check-result');
      return { ...box.dataset, text: box.innerText };
    });
    await closePages(page);
    return result;
  }

  test('TURN reachable with the relay\'s credentials: relayed calls work; refused: it says so', async () => {
    const good = await checkOn(env.relay.origin, 'en');
    assert.equal(good.turnUdp, 'reached', JSON.stringify(good));
    assert.equal(good.stun, 'not-offered');
    assert.equal(good.verdict, 'relay-udp');
    assert.match(good.text, /Only relayed calls will work here \(TURN over UDP\)/);
    const bad = await checkOn(env.wrongRelay.origin, 'zh');
    assert.equal(bad.turnUdp, 'failed', JSON.stringify(bad));
    assert.equal(bad.verdict, 'unreachable');
    assert.match(bad.text, /STUN 和 TURN 服务器都连不上/);
  });
});
