// The disruptions repeat.test.mjs runs over and over: each takes a fresh pair of pages (lib/pair.mjs)
// whose call it sets up with one click on start, disrupts, and checks that the call comes back
// with frames both ways and no further click. Each resolves to the ms from the disruption to
// frames flowing both ways again, and throws (with both pages' logs) when the call did not recover.
import assert from 'node:assert/strict';

import { startRelay } from './relay.mjs';
import { expectBothWays, startCall, verifyCode, waitBody, waitBothPlaying, withPairLogs } from './pair.mjs';

// Long enough for a reconnect with backoff and a new call on a busy 2-core machine; a call that
// has not come back by then has wedged as far as a person is concerned.
export const RECOVERY_MS = 15000;

// The polite page's log line: it dropped its own offer and answered theirs (Text::GlareWithdraw).
const YIELDED = /放弃本方 offer|dropping our call/;
// The other page's, when the polite page's offer had left before it dropped it (Text::GlareIgnored):
// reported, not required (the polite page may drop its offer before it is made).
const IGNORED = /忽略对方 offer|ignoring theirs/;
const other = (side) => (side === 'offer' ? 'answer' : 'offer');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function callUp(pair) {
  await startCall(pair, 'offer');
  await waitBothPlaying(pair);
}

// Resolves to the ms from `since` until both pages have presented a remote frame after `after`.
async function msUntilFramesBothWays(pair, since, after) {
  const newFrame = (t) => window.__e2e.framesAfter(t) > 0;
  await withPairLogs(pair, () => Promise.all([
    pair.offer.waitForFunction(newFrame, after, { timeout: RECOVERY_MS, polling: 50 }),
    pair.answer.waitForFunction(newFrame, after, { timeout: RECOVERY_MS, polling: 50 }),
  ]), 'new remote frames on both pages');
  return Date.now() - since;
}

// Reloads pair[side] mid-call. The reloaded page has a new DTLS certificate, so the new call
// shows up as a new verification code, equal on both pages.
async function reloadMidCall(pair, side) {
  await callUp(pair);
  const oldCode = await verifyCode(pair.offer);
  const reloadedAt = Date.now();
  await pair[side].reload();
  await withPairLogs(pair, async () => {
    await waitBody(pair[side], 'signalling', 'open');
    const fresh = (old) => {
      const code = document.getElementById('verify-code').innerText;
      return code && code !== old && code;
    };
    const newCode = await pair[side].waitForFunction(fresh, oldCode, { timeout: RECOVERY_MS });
    await pair[other(side)].waitForFunction((c) => document.getElementById('verify-code').innerText === c,
      newCode, { timeout: RECOVERY_MS });
  }, `after the ${side} page's reload, a new call with a new code equal on both pages`);
  const ms = await msUntilFramesBothWays(pair, reloadedAt, Date.now());
  await expectBothWays(pair);
  return ms;
}

// A repetition that could not stage its disruption (not a failure of the call): runOnce in
// repeat.test.mjs tries it again on fresh pages, a bounded number of times.
export class NotStaged extends Error {}

// Clicks within this many ms of each other always cross: making, setting and sending an offer
// takes longer than that, so a page that clicks this close never sees the other's offer first.
const SURE_GLARE_MS = 5;

// Both pages click start in the same millisecond: each schedules an in-page click at one agreed
// wall-clock time, so neither click waits for a round trip to the test; the timer wakes early and
// the page spins the last few ms, since a timer alone may fire tens of ms late on a busy machine.
// The polite side must drop its own offer and answer the other (the log line names the polite
// side). When a page still clicked late enough to receive the other's offer first, no glare took
// place: the call must still come up, and the repetition is staged again (NotStaged).
async function glare(pair, report) {
  const ready = () => !document.getElementById('start').hidden;
  await withPairLogs(pair, () => Promise.all([pair.offer.waitForFunction(ready, null, { timeout: 10000 }),
    pair.answer.waitForFunction(ready, null, { timeout: 10000 })]));
  const target = Date.now() + 400;
  const schedule = (at) => {
    const now = () => performance.timeOrigin + performance.now();
    setTimeout(() => {
      while (now() < at);
      window.__e2e.glareClickAt = now();
      document.getElementById('start').click();
    }, at - Date.now() - 30);
  };
  await Promise.all([pair.offer.evaluate(schedule, target), pair.answer.evaluate(schedule, target)]);
  await sleep(target + 100 - Date.now());
  const clicks = await Promise.all([pair.offer, pair.answer].map((p) => p.evaluate(() => window.__e2e.glareClickAt)));
  const spread = Math.abs(clicks[0] - clicks[1]);
  report(`clicks ${spread.toFixed(1)} ms apart`);
  await withPairLogs(pair, async () => {
    assert.ok(clicks.every((c) => typeof c === 'number'), `a scheduled click did not run: ${clicks}`);
  });
  const ms = await msUntilFramesBothWays(pair, target, target);
  await expectBothWays(pair);
  const logs = await Promise.all([pair.offer, pair.answer].map((p) =>
    p.evaluate(() => document.getElementById('log').innerText)));
  const yielded = logs.some((log) => YIELDED.test(log));
  // Thrown outside withPairLogs, which would wrap it: runOnce must see a NotStaged.
  if (!yielded && spread > SURE_GLARE_MS) {
    throw new NotStaged(`clicks ${spread.toFixed(1)} ms apart: one page got the other's offer before its own click`);
  }
  await withPairLogs(pair, async () => assert.ok(yielded,
    `clicks ${spread.toFixed(1)} ms apart, yet neither page logged that the polite side dropped its offer`));
  report(logs.some((log) => IGNORED.test(log)) ? 'offers crossed, one ignored' : 'polite offer dropped before it left');
  return ms;
}

// SIGKILL of the relay mid-call (no clean close), then a new relay on the same port and state dir.
// The call is peer to peer: it must go on (same code), both pages must rejoin and keep playing.
async function relayCrash(pair, relayHolder) {
  await callUp(pair);
  const code = await verifyCode(pair.offer);
  const killedAt = Date.now();
  const { port, stateDir } = relayHolder.relay;
  await relayHolder.relay.stop({ signal: 'SIGKILL' });
  await withPairLogs(pair, () => Promise.all([waitBody(pair.offer, 'signalling', 'closed'),
    waitBody(pair.answer, 'signalling', 'closed')]));
  relayHolder.relay = await startRelay({ webRoot: relayHolder.webRoot, port, stateDir });
  await withPairLogs(pair, () => Promise.all([waitBody(pair.offer, 'signalling', 'open', RECOVERY_MS),
    waitBody(pair.answer, 'signalling', 'open', RECOVERY_MS)]), 'both pages back on the restarted relay');
  const ms = await msUntilFramesBothWays(pair, killedAt, Date.now());
  await expectBothWays(pair);
  await withPairLogs(pair, async () => assert.equal(await verifyCode(pair.answer), code,
    'the call must go on through the relay crash, not be replaced'));
  return ms;
}

// name -> { title, relay: which relay the pages use, run(pair, { report, relayHolder }) }
export const SCENARIOS = {
  'reload-answer': { title: 'reload of the answer page mid-call', run: (pair) => reloadMidCall(pair, 'answer') },
  'reload-offer': { title: 'reload of the offer page mid-call', run: (pair) => reloadMidCall(pair, 'offer') },
  glare: { title: 'glare: both pages start in the same millisecond', run: (pair, { report }) => glare(pair, report) },
  'relay-sigkill': {
    title: 'relay SIGKILL and restart mid-call',
    ownRelay: true,
    run: (pair, { relayHolder }) => relayCrash(pair, relayHolder),
  },
};
