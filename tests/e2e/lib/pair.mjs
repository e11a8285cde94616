// The two pages of one call, each in the engine a test picks (lib/engines.mjs), and the steps a
// person takes with them. Every failure of a step carries both pages' logs and errors, because a
// call that did not connect is explained by what both sides did, not by one.
import { callUrl } from './call.mjs';
import { expectRemoteVideoPlaying, pageLog } from './video.mjs';

export const pairLabel = (pair) => `${pair.offer.engine}→${pair.answer.engine}`;

export const waitBody = (page, attr, value, timeout = 10000) =>
  page.waitForSelector(`body[data-${attr}="${value}"]`, { timeout });

const isSeedPage = (url) => url.includes('seed-peer');

// Opens the offer page in engines[offerEngine] and the answer page in engines[answerEngine] (in
// that order unless answerFirst) and waits until each of our pages is connected to the relay.
export async function openPair(engines, origin, { room, offerEngine, answerEngine, offerUrl, answerUrl,
  answerFirst = false }) {
  const open = {
    offer: () => engines[offerEngine].openPage(offerUrl ?? callUrl(origin, 'offer', room)),
    answer: () => engines[answerEngine].openPage(answerUrl ?? callUrl(origin, 'answer', room)),
  };
  const urls = { offer: offerUrl ?? '', answer: answerUrl ?? '' };
  const pair = {};
  try {
    for (const role of answerFirst ? ['answer', 'offer'] : ['offer', 'answer']) {
      pair[role] = await open[role]();
      if (!isSeedPage(urls[role])) await withPairLogs(pair, () => waitBody(pair[role], 'signalling', 'open'));
    }
  } catch (e) {
    await closePair(pair);
    throw e;
  }
  return pair;
}

// Everything both pages say about themselves, for a failure message.
export async function describePair(pair) {
  const parts = [];
  for (const role of ['offer', 'answer']) {
    const page = pair[role];
    if (!page) continue;
    const log = await pageLog(page).catch((e) => `(log unreadable: ${e.message})`);
    const body = await page.evaluate(() => JSON.stringify(document.body.dataset)).catch(() => '?');
    parts.push(`--- ${role} page (${page.engine}) body ${body}\n${log}\n--- ${role} page errors: ${
      page.errors.join(' | ') || 'none'}`);
  }
  return parts.join('\n');
}

// The first line of either page's log that reports a failed WebRTC or media operation: most
// often the one-line cause of a call that did not come back.
const PAGE_FAILURE = /操作失败|失败|failed/i;
const firstPageFailure = (text) => text.split('\n').find((line) => PAGE_FAILURE.test(line) && /^\s*\[/.test(line));

// Runs fn(); if it throws, throws again with `step` (what was awaited) and both pages' logs added
// to the message, and the first failure either page logged as error.pageCause.
export async function withPairLogs(pair, fn, step = '') {
  try {
    return await fn();
  } catch (e) {
    if (e.pairLogged) throw e;
    const logs = await describePair(pair);
    const error = new Error(`${step ? `${step}: ` : ''}${e.message}\n${logs}`, { cause: e });
    error.pairLogged = true;
    error.pageCause = firstPageFailure(logs)?.trim();
    throw error;
  }
}

export function expectBothWays(pair, timeoutMs = 20000) {
  return withPairLogs(pair, () => Promise.all([
    expectRemoteVideoPlaying(pair.offer, `offer page (${pair.offer.engine})`, timeoutMs),
    expectRemoteVideoPlaying(pair.answer, `answer page (${pair.answer.engine})`, timeoutMs),
  ]));
}

// Waits until both pages present remote frames now, without expectBothWays' one-second count:
// enough to know a call is up before a test disrupts it.
export function waitBothPlaying(pair, timeoutMs = 20000) {
  const playingNow = () => {
    const v = document.getElementById('remote-video');
    const now = performance.timeOrigin + performance.now();
    return v.videoWidth > 0 && window.__e2e.framesAfter(now - 500) > 0;
  };
  return withPairLogs(pair, () => Promise.all([
    pair.offer.waitForFunction(playingNow, null, { timeout: timeoutMs, polling: 50 }),
    pair.answer.waitForFunction(playingNow, null, { timeout: timeoutMs, polling: 50 }),
  ]));
}

// Clicks start on the given side (our page's #start, or the seed page's, which shows it once its
// WebSocket is open).
export const startCall = (pair, side = 'offer') =>
  withPairLogs(pair, () => pair[side].clickId('start', { timeout: 10000 }));

export const verifyCode = (page) => page.evaluate(() => document.getElementById('verify-code').innerText);

export const negotiations = (page) => page.evaluate(() => Number(document.body.dataset.negotiations || 0));
export const sessionOf = (page) => page.evaluate(() => document.body.dataset.session || '');

export async function closePair(pair) {
  await Promise.all([pair.offer?.close(), pair.answer?.close()]);
}

// Opens a pair, runs fn(pair), and closes the pages whatever fn did.
export async function withPair(engines, origin, options, fn) {
  const pair = await openPair(engines, origin, options);
  try {
    return await fn(pair);
  } finally {
    await closePair(pair);
  }
}
