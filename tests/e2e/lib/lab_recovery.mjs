// The recovery scenarios' instruments (lab_recovery.test.mjs): watch both pages through a
// fault without touching them, wait until the call is back in every respect, and describe what
// was measured in one line per page.
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';

import {
  firstLeft, logTrail, longestGap, readWatch, relayPeers, rtpGrewAfter, settledAt, stateTrail, watchPage,
} from './lab_watch.mjs';
import { PUBLIC } from './netlab.mjs';

export const ROLES = ['offer', 'answer'];
// After recovery, frames must keep coming: no freeze longer than this in the next STEADY_MS.
export const STEADY_MS = 1500;
export const STEADY_FREEZE_MS = 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts the watch (lib/lab_watch.mjs) on both pages, lets it see some frames; returns the time
// from which to read it back.
export async function watchBoth(call) {
  const mark = Date.now();
  await Promise.all(ROLES.map((role) => watchPage(call[role])));
  await sleep(500);
  for (const role of ROLES) {
    assert.equal(await call[role].evaluate(() => document.body.dataset.call), 'connected', `${role} page before the fault`);
  }
  return mark;
}

// After a fault (from faultAt) and its end (t0), waits up to waitMs from t0 until both pages
// present remote frames again (resumeAt(frames, now) gives the time of the first such frame or
// null), show data-call 'connected' and data-signalling 'open' with their newest socket open, and
// the relay holds both peers (and relayAlsoHas() is true); then watches STEADY_MS longer. Returns what both pages recorded:
// { pages: [{ role, frames, states, logs, resumeAt, resumeMs, interrupted, connected, open,
// socket, steady, freeze }], peers, peersBefore, settledMs, t0, faultAt }.
export async function recover(lab, call, { mark, faultAt, t0, waitMs, resumeAt, relayAlsoHas = async () => true }) {
  const peersBefore = await relayPeers(lab.core, PUBLIC.relay);
  let peers = null;
  let relayExtraOk = false;
  let relayLagged = false;  // the pages were back before the relay held both peers
  let peersOkAt = null;
  for (;;) {
    const now = Date.now();
    const w = await Promise.all(ROLES.map((role) => readWatch(call[role], faultAt - 1000)));
    const pagesOk = w.every((x) => resumeAt(x.frames, now) !== null && x.now.call === 'connected' &&
      x.now.signalling === 'open' && x.sockets.at(-1)?.readyState === 1);
    if (pagesOk) {
      peers = await relayPeers(lab.core, PUBLIC.relay);
      relayExtraOk = peers === 2 && await relayAlsoHas();
      if (relayExtraOk) {
        peersOkAt = Date.now();
        break;
      }
      relayLagged = true;
    }
    if (now > t0 + waitMs) break;
    await sleep(100);
  }
  if (!relayExtraOk) {
    peers = await relayPeers(lab.core, PUBLIC.relay);
    relayExtraOk = await relayAlsoHas();
  }
  await sleep(STEADY_MS);
  const end = Date.now();
  const pages = [];
  for (const role of ROLES) {
    const w = await readWatch(call[role], mark);
    const at = resumeAt(w.frames, end);
    pages.push({
      role, ...w, t0, faultAt, waitMs, resumeAt: at, resumeMs: at === null ? null : Math.max(0, Math.round(at - t0)),
      interrupted: firstLeft(w.states, faultAt),
      connected: settledAt(w.states, t0, 'call', 'connected'),
      open: settledAt(w.states, t0, 'signalling', 'open'),
      socket: w.sockets.at(-1) ?? null,
      steady: at === null ? null : longestGap(w.frames, at, Math.min(end, at + STEADY_MS)),
      freeze: longestGap(w.frames, faultAt, at ?? end),
    });
  }
  // Everything back: the latest of the pages' own times (frames, connected, open), or the poll
  // that first saw the relay holding both peers if that came later.
  let settledMs = null;
  if (peersOkAt !== null && pages.every((p) => p.resumeAt !== null)) {
    const pageTimes = pages.flatMap((p) => [p.resumeAt, p.connected, p.open]).filter((x) => typeof x === 'number');
    settledMs = Math.max(0, Math.round((relayLagged ? peersOkAt : Math.max(t0, ...pageTimes)) - t0));
  }
  return { pages, peers, peersBefore, relayExtraOk, settledMs, t0, faultAt, waitMs };
}

// The first frame that ended a freeze (>= 300 ms) which began after moveAt, once that freeze is
// over; or, if none came and frames kept flowing for 2 s after movedAt, movedAt (no freeze).
export function resumeAfterFreeze(frames, moveAt, movedAt, now) {
  const gap = longestGap(frames, moveAt, now);
  if (gap.ms >= 300) return frames.includes(gap.end) ? gap.end : null;
  return now - movedAt > 2000 && frames.some((t) => t > movedAt + 1500) ? movedAt : null;
}

// "signalling open (same socket) / new socket +2100 ms; call connected +800 ms; steady: ..."
export function describeRecovery(p) {
  const rel = (x) => (x === 'stayed' ? 'stayed' : x === null ? 'NOT' : `+${Math.round(x - p.t0)} ms`);
  const sock = !p.socket ? 'no socket'
    : p.socket.createdAt < p.faultAt ? `same socket, readyState ${p.socket.readyState}, last message ${p.socket.lastMessageAt === null ? 'never' : show(p.socket.lastMessageAt - p.t0)} ms`
      : `new socket opened ${p.socket.openedAt === null ? 'never' : show(p.socket.openedAt - p.t0)} ms, readyState ${p.socket.readyState}`;
  const steady = p.steady ? `longest freeze after resume ${Math.round(p.steady.ms)} ms` : 'no frames after';
  // Inbound video RTP (getStats, 100 ms samples) after the fault's end: packets, decoded, key frames.
  const from = Math.max(p.t0, p.freeze.start + 500);
  const rtp = ['packets', 'decoded', 'keyFrames'].map((f) => {
    const t = rtpGrewAfter(p.rtp, from, f);
    return `${f} ${t === null ? 'never' : `+${Math.round(t - p.t0)}`}`;
  }).join(', ');
  // LAB_DEBUG=1: also print the raw samples (RTP counters, presented frames) around the resume.
  if (process.env.LAB_DEBUG) {
    const upTo = (p.resumeAt ?? p.t0 + p.waitMs) + 500;
    console.log(`#   ${p.role} rtp samples: ${p.rtp.filter((x) => x.t >= p.t0 - 200 && x.t <= upTo)
      .map((x) => `${Math.round(x.t - p.t0)}:${x.pc}/${x.packets}/${x.decoded}/${x.keyFrames}${x.more ? `[r${x.more.received} pli${x.more.pli} n${x.more.nack} k${x.more.sentKeys} t${x.more.target} e${x.more.estimate} jt${x.more.jbTarget}/${x.more.jbEmitted} d${x.more.dropped} s${x.more.sent} p${x.more.pacedMs}]` : ''}`).join(' ')}`);
    console.log(`#   ${p.role} frames: ${p.frames.filter((t) => t >= p.t0 - 200 && t <= upTo).map((t) => Math.round(t - p.t0)).join(' ')}`);
  }
  return `signalling open ${rel(p.open)} (${sock}); call connected ${rel(p.connected)}; ${steady}; ` +
    `inbound video again: ${rtp} ms; call states: ${stateTrail(p.states, p.t0)}; notice at the end: ` +
    `${p.states.at(-1)?.notice ? `"${p.states.at(-1).notice}"` : 'none'}`;
}

// What must hold once the page is back, within boundMs of t0.
// `knownFreeze`: a reason why a freeze right after resuming is a known shortfall of this scenario;
// it is then printed ("# KNOWN") instead of failing the test.
// With LAB_FIGURES set (bench/lab/run.sh), one JSON line per page and run: the scenario, the page,
// how long until it said the call was interrupted (noticeMs) and until it was back (backMs), each
// measured as the scenario's own bar is (null: never), and those bars (null: none).
export function recordFigure(scenario, role, { noticeMs = null, backMs = null, noticeBar = null, backBar = null }) {
  const file = process.env.LAB_FIGURES;
  if (!file) return;
  const round = (x) => (typeof x === 'number' ? Math.round(x) : null);
  const line = { scenario, role, noticeMs: round(noticeMs), backMs: round(backMs), noticeBar, backBar };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

// What the pages log when the relay says the other person left, or is away (Text::PeerLeft,
// Text::PeerReconnecting), in either language.
export const SAID_LEFT = /对方已离开|The other person left/;
export const SAID_AWAY = /对方正在重新连接|The other person is reconnecting/;
export const saidAfter = (p, from, pattern) => p.logs.some((l) => l.t >= from && pattern.test(l.text));

export function settledProblems(p, r, boundMs, { knownFreeze } = {}) {
  const out = [];
  // A network fault is not a departure: the relay holds a lost page's seat (peer_away).
  if (saidAfter(p, r.faultAt, SAID_LEFT)) out.push(`${p.role}: said the other person left, though only a network failed`);
  const late = (x) => x === null || (typeof x === 'number' && x - r.t0 > boundMs);
  if (late(p.open)) out.push(`${p.role}: signalling not open within ${boundMs} ms (now ${p.now.signalling}, ${p.open === null ? 'never' : `at +${Math.round(p.open - r.t0)}`})`);
  if (!p.socket || p.socket.readyState !== 1) out.push(`${p.role}: newest WebSocket not open (readyState ${p.socket?.readyState})`);
  if (late(p.connected)) out.push(`${p.role}: call not 'connected' within ${boundMs} ms (now ${p.now.call})`);
  if (p.steady && p.steady.ms > STEADY_FREEZE_MS) {
    const froze = `${p.role}: froze ${Math.round(p.steady.ms)} ms again right after resuming`;
    if (knownFreeze) console.log(`# KNOWN ${froze} (${knownFreeze})`);
    else out.push(froze);
  }
  if (p.role === 'answer' && r.peers !== 2) out.push(`relay holds ${r.peers} peers, not 2 (before the fault: ${r.peersBefore})`);
  return out;
}

export function expectNoProblems(problems, r) {
  if (problems.length === 0) return;
  const logs = r.pages.map((p) => `${p.role} page log from the fault on (ms from the fault's end):\n  ` +
    (logTrail(p.logs.filter((l) => l.t >= r.faultAt), r.t0).join('\n  ') || '(nothing)') +
    `\n  states: ${p.states.map((s) => `${show(s.t - r.t0)} ${s.call}/${s.signalling}${s.notice ? ` "${s.notice}"` : ''}`).join('; ')}`);
  assert.fail(`${problems.join('\n')}\n${logs.join('\n')}`);
}

export const within = (p) => (p.resumeMs === null ? `not within ${p.waitMs} ms` : `${p.resumeMs} ms`);
export const show = (x) => (x === null || x === undefined ? 'never' : String(Math.round(x)));

