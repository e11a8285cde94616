// Multi-step things a person does in a call, on a pair of engine pages (lib/pair.mjs), each
// checked as it goes. Shared by engines.test.mjs and repeat.test.mjs.
import assert from 'node:assert/strict';

import { expectBothWays, negotiations, sessionOf, verifyCode, waitBody, withPairLogs } from './pair.mjs';
import { longestFreezeMs } from './video.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const HUNG_UP = /对方已挂断|hung up/;

export async function expectEqualCodes(pair) {
  await withPairLogs(pair, async () => {
    const codes = [await verifyCode(pair.offer), await verifyCode(pair.answer)];
    assert.match(codes[0], /^\d{3} \d{3}$/, 'the offer page shows no verification code');
    assert.equal(codes[1], codes[0], 'both pages must show the same verification code');
  });
}

async function sendChat(from, to, text) {
  await from.typeInto('chat-input', text);
  await from.clickId('chat-send');
  await to.waitForFunction((t) => document.getElementById('chat-log').innerText.includes(t), text,
    { timeout: 10000 });
}

// A message each way over the data channel; Chinese on the way back, typed as keystrokes.
export async function expectChatBothWays(pair) {
  await withPairLogs(pair, async () => {
    await Promise.all([waitBody(pair.offer, 'chat', 'open'), waitBody(pair.answer, 'chat', 'open')]);
    await sendChat(pair.offer, pair.answer, `hello from ${pair.offer.engine}`);
    await sendChat(pair.answer, pair.offer, `来自${pair.answer.engine}的问候`);
  });
}

// Hang-up on one side: the other is told at once (over the relay, not by an ICE timeout), both
// return to idle, and `starter` begins a new call without a reload, which must connect.
export async function hangUpAndCallAgain(pair, { hangUpSide = 'offer', starter = 'answer' } = {}) {
  const other = pair[hangUpSide === 'offer' ? 'answer' : 'offer'];
  await withPairLogs(pair, async () => {
    const clickedAt = Date.now();
    await pair[hangUpSide].clickId('hangup');
    await other.waitForFunction((re) => new RegExp(re).test(document.getElementById('notice').innerText),
      HUNG_UP.source, { timeout: 10000 });
    const toldMs = Date.now() - clickedAt;
    assert.ok(toldMs < 4000, `the other side was told of the hang-up after ${toldMs} ms`);
    await Promise.all([waitBody(pair.offer, 'call', 'idle'), waitBody(pair.answer, 'call', 'idle')]);
    await pair[starter].clickId('start');
  });
  await expectBothWays(pair);
  await expectEqualCodes(pair);
}

// How long after `at` a restart must have settled, and the window its freeze is measured over.
export const RESTART_WINDOW_MS = 10000;

// Clicks Reconnect (ICE restart) on pair[side] with the stats panel open, then for the window
// after the click measures each page's longest stretch without an incoming frame. Returns
// { freeze: { offer, answer }, grew: { offer, answer } } without asserting, so the figures can be
// printed before anything fails.
export async function restartIceFrom(pair, side) {
  const page = pair[side];
  await withPairLogs(pair, async () => {
    await page.clickId('stats-toggle');
    await page.waitForFunction(() => !document.getElementById('stats').hidden, null, { timeout: 5000 });
  });
  // Mended either way: a renegotiation of the session (ICE restart), or a fresh session (what a
  // page does with a peer of the other engine; <body data-session> names the current one).
  const state = async (page) => ({ count: await negotiations(page), session: await sessionOf(page) });
  const mended = (was, now) => now.session !== was.session || now.count > was.count;
  const before = { offer: await state(pair.offer), answer: await state(pair.answer) };
  const clickedAt = Date.now();
  await withPairLogs(pair, () => page.clickId('restart-ice'));
  await sleep(clickedAt + RESTART_WINDOW_MS - Date.now());
  const end = clickedAt + RESTART_WINDOW_MS;
  return {
    freeze: {
      offer: Math.round(await longestFreezeMs(pair.offer, clickedAt, end)),
      answer: Math.round(await longestFreezeMs(pair.answer, clickedAt, end)),
    },
    grew: {
      offer: mended(before.offer, await state(pair.offer)),
      answer: mended(before.answer, await state(pair.answer)),
    },
  };
}
