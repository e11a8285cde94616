// Calls across browser engines: Debian's Chromium (Playwright) and Firefox ESR (Puppeteer over
// WebDriver BiDi), each page running our wasm client against the real relay on loopback. Every
// pairing must do what a Chromium-only call does: frames both ways, either side starting, equal
// verification codes, chat, hang-up and a new call, a relay restart, and ICE restarts from either
// side without freezing the picture. Run inside a fresh network namespace (see run.sh).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startRelay } from './lib/relay.mjs';
import { useRelayAndEngines } from './lib/suite.mjs';
import { expectBothWays, pairLabel, startCall, verifyCode, waitBody, withPair, withPairLogs } from './lib/pair.mjs';
import { expectChatBothWays, expectEqualCodes, hangUpAndCallAgain, restartIceFrom, RESTART_WINDOW_MS }
  from './lib/call_steps.mjs';
import { expectRemoteVideoPlaying, pageLog } from './lib/video.mjs';

const env = useRelayAndEngines();

// [offer page engine, answer page engine]
const CROSS_PAIRINGS = [['firefox', 'chromium'], ['chromium', 'firefox'], ['firefox', 'firefox']];
// Chromium↔Chromium too for the restarts, as the baseline the freeze figures are read against.
const RESTART_PAIRINGS = [...CROSS_PAIRINGS, ['chromium', 'chromium']];
// A picture frozen this long after Reconnect is a call a person sees break, not a restart.
const FREEZE_LIMIT_MS = 2000;

const engines = ([offerEngine, answerEngine]) => ({ offerEngine, answerEngine });
const room = (name, pairing) => `${name}-${pairing.join('-')}`;

for (const pairing of CROSS_PAIRINGS) {
  describe(`${pairing[0]} offer page → ${pairing[1]} answer page`, () => {
    test('offer page starts: frames both ways, equal codes, chat both ways, hang-up and a new call', async () => {
      await withPair(env.engines, env.relay.origin, { room: room('call', pairing), ...engines(pairing) }, async (pair) => {
        await startCall(pair, 'offer');
        await expectBothWays(pair);
        await expectEqualCodes(pair);
        await expectChatBothWays(pair);
        await hangUpAndCallAgain(pair, { hangUpSide: 'offer', starter: 'answer' });
      });
    });

    test('the answer page may start the call', async () => {
      await withPair(env.engines, env.relay.origin, { room: room('answer-starts', pairing), ...engines(pairing) },
        async (pair) => {
          await startCall(pair, 'answer');
          await expectBothWays(pair);
          await expectEqualCodes(pair);
          await hangUpAndCallAgain(pair, { hangUpSide: 'answer', starter: 'offer' });
        });
    });

    test('relay restarted mid-call: video keeps playing, signalling comes back', () => relayRestart(pairing));
  });
}

// The relay stops (SIGTERM) while the call runs; media is peer to peer, so the picture must go
// on; once the relay is back on its port both pages rejoin, the call is the same (same code), and
// a hang-up and a new call travel over the restarted relay.
async function relayRestart(pairing) {
  const stateDir = mkdtempSync(join(tmpdir(), 'p2p-e2e-state-'));
  const first = await startRelay({ webRoot: env.webRoot, stateDir });
  let second;
  try {
    await withPair(env.engines, first.origin, { room: room('relay-restart', pairing), ...engines(pairing) },
      async (pair) => {
        await startCall(pair);
        await expectBothWays(pair);
        const code = await verifyCode(pair.offer);
        await first.stop();
        await withPairLogs(pair, () => Promise.all([waitBody(pair.offer, 'signalling', 'closed'),
          waitBody(pair.answer, 'signalling', 'closed')]));
        await expectBothWays(pair);
        second = await startRelay({ webRoot: env.webRoot, port: first.port, stateDir });
        await withPairLogs(pair, () => Promise.all([waitBody(pair.offer, 'signalling', 'open', 20000),
          waitBody(pair.answer, 'signalling', 'open', 20000)]));
        await expectBothWays(pair);
        await withPairLogs(pair, async () => assert.equal(await verifyCode(pair.answer), code,
          'the call must go on through the relay restart, not be replaced'));
        await hangUpAndCallAgain(pair);
      });
  } finally {
    await second?.stop();
    await first.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

describe('ICE restart (Reconnect) from each side in every engine pairing', () => {
  for (const pairing of RESTART_PAIRINGS) {
    for (const side of ['offer', 'answer']) {
      test(`${pairing[0]}→${pairing[1]}, restarted from the ${side} page`, () => iceRestart(pairing, side));
    }
  }
});

// Reconnect on one page: both pages renegotiate (data-negotiations grows), frames keep coming
// both ways, and the incoming picture of neither page freezes for long.
async function iceRestart(pairing, side) {
  await withPair(env.engines, env.relay.origin, { room: room(`ice-${side}`, pairing), ...engines(pairing) },
    async (pair) => {
      await startCall(pair);
      await expectBothWays(pair);
      const { freeze, grew } = await restartIceFrom(pair, side);
      console.log(`ICE restart from the ${side} page, ${pairLabel(pair)}: incoming video froze at most ` +
        `${freeze.offer} ms on the offer page (${pair.offer.engine}) and ${freeze.answer} ms on the answer ` +
        `page (${pair.answer.engine}) in the ${RESTART_WINDOW_MS / 1000} s after the click`);
      await withPairLogs(pair, async () => {
        assert.ok(grew.offer && grew.answer, `negotiations did not grow on both pages within ` +
          `${RESTART_WINDOW_MS} ms: offer ${grew.offer}, answer ${grew.answer}`);
      });
      await expectBothWays(pair, 5000);
      await withPairLogs(pair, async () => {
        assert.ok(freeze.offer < FREEZE_LIMIT_MS && freeze.answer < FREEZE_LIMIT_MS,
          `incoming video froze for ${freeze.offer} ms (offer page) / ${freeze.answer} ms (answer page)`);
      });
    });
}

describe('wire compatibility with the original demo page protocol, across engines', () => {
  const seedUrl = (role) => `${env.relay.origin}/seed-peer.html?type=${role}`;
  for (const [seedEngine, ourEngine] of [['firefox', 'chromium'], ['chromium', 'firefox']]) {
    test(`seed-protocol offer page in ${seedEngine} calls our answer page in ${ourEngine}`, async () => {
      await withPair(env.engines, env.relay.origin, { answerFirst: true, offerEngine: seedEngine,
        answerEngine: ourEngine, offerUrl: seedUrl('offer') }, async (pair) => {
        await startCall(pair, 'offer');
        await expectBothWays(pair);
      });
    });

    test(`our offer page in ${ourEngine} calls a seed-protocol answer page in ${seedEngine}`, async () => {
      await withPair(env.engines, env.relay.origin, { answerFirst: true, offerEngine: ourEngine,
        answerEngine: seedEngine, answerUrl: seedUrl('answer') }, async (pair) => {
        await startCall(pair, 'offer');
        await expectBothWays(pair);
      });
    });
  }
});

describe('what headless Firefox can do here', () => {
  // Screen share needs getDisplayMedia, which Firefox grants only through its own picker; the
  // fake-media prefs cover the camera and microphone. The test says in its output which it is.
  test('screen share from a Firefox page', async (t) => {
    await withPair(env.engines, env.relay.origin, { room: 'firefox-share', offerEngine: 'firefox',
      answerEngine: 'chromium' }, async (pair) => {
      await startCall(pair);
      await expectBothWays(pair);
      await pair.offer.clickId('share');
      const shared = await pair.offer.waitForSelector('body[data-sharing="yes"]', { timeout: 8000 })
        .then(() => true, () => false);
      if (!shared) {
        const log = (await pageLog(pair.offer)).split('\n').slice(-3).join(' / ');
        t.diagnostic(`NOT TESTED: headless Firefox could not share a screen here; the page says: ${log}`);
        console.log(`Firefox headless: screen share not available here (page log: ${log})`);
        t.skip('getDisplayMedia is not available to headless Firefox here');
        return;
      }
      await expectRemoteVideoPlaying(pair.answer, 'answer page (chromium) while Firefox shares');
      await pair.offer.clickId('share');
      await waitBody(pair.offer, 'sharing', 'no');
      await expectBothWays(pair);
    });
  });
});
