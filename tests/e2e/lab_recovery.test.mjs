// Real calls across a network lab (lib/netlab.mjs) while the network changes under them: a home's
// link down 5/10/30 s, an address change, a silent dead signalling path, the relay restarted while
// a home is offline. Each scenario watches both pages through the fault (lib/lab_watch.mjs:
// presented frames, data-call / data-signalling, notice, #log, inbound RTP counters, the page's
// WebSockets) without a click, prints what it measured ("# " lines), then checks it against the
// bars below. bench/lab/run.sh runs these for the BENCHMARKS.md table.
import { describe, test } from 'node:test';

import { expectCallUp } from './lib/lab_call.mjs';
import {
  SAID_AWAY, describeRecovery, expectNoProblems, recordFigure, recover, resumeAfterFreeze, saidAfter,
  settledProblems, show, watchBoth, within,
} from './lib/lab_recovery.mjs';
import { report, sleep, useLab } from './lib/lab_suite.mjs';
import {
  firstFrameAfter, firstLeft, lastFrameBefore, longestGap, relayConnectionsFrom, settledAt, stateTrail,
} from './lib/lab_watch.mjs';
import { PUBLIC } from './lib/netlab.mjs';

// ---- recovery bars, all in ms, measured on both pages, no click ----
// A frozen picture is noticed within about 2 s: by then the page must say the call is
// interrupted (data-call leaves 'connected'), counted from the last remote frame it presented.
const INTERRUPTED_BAR_MS = 2000;
// Link back up -> remote frames again: the peer connection survived, only its path has to be
// found again (ICE restart or consent recovering), which takes a few round trips.
const LINK_RESUME_BAR_MS = 1500;
// Link back up -> data-signalling 'open' again, the page's socket open and the relay holding both
// peers: the page's reconnect backoff tops out at 8 s (plus jitter).
const SIGNALLING_BACK_BAR_MS = 10000;
// Address change done (new interface and route up, old interface gone) -> remote frames again:
// needs an ICE restart with fresh candidates over signalling.
const ADDRESS_RESUME_BAR_MS = 5000;
// Relay restarted while home 0 was offline; home 0's link back up -> frames both ways, call
// 'connected', signalling open and the relay holding both peers again.
const RELAY_RESTART_BAR_MS = 15000;
// Only the home's TCP to the relay is dropped (both ways), media flows on: the page must find its
// socket dead by its own ping, within the relay's --page-ping + --page-pong-deadline (defaults
// 5 s + 4 s) and a margin for the pings' phase; the call must not break (no frame gap over 1 s,
// data-call stays 'connected'); once the drop is lifted, signalling is open again within 2 s.
const SILENT_NOTICE_BAR_MS = 5000 + 4000 + 500;
const SILENT_BLOCK_MS = SILENT_NOTICE_BAR_MS + 2500;
const SILENT_BACK_BAR_MS = 2000;
const SILENT_MEDIA_GAP_BAR_MS = 1000;
// How long to keep watching past a bar, so a slow recovery still yields a figure.
const WATCH_PAST_BAR_MS = 5000;

const LINK_OUTAGES_MS = [5000, 10000, 30000];
// Known shortfalls, run and reported as TODO (node:test) until fixed; each is written up on the
// network-change issue with its figures.
const KNOWN = {
  // 2026-12-07: with stats read every 500 ms while stalled, 3 runs of 3 failed (answer page: frames
  // back 1.6-1.9 s after link up; its packets arrive at once, but it decodes nothing until a key
  // frame, which the other page sends once its own stats have seen media again). Reading them every
  // 100 ms while stalled: 1 run of 3 still failed (offer page 2.4 s), and "interrupted" came up to
  // 1.97 s after the last frame (bar 2 s). Unlike 10 and 30 s, ICE has not yet called the path
  // disconnected when it returns, so the recovery rests on the media watch alone.
  // 2026-12-07, evening, 4 runs with LAB_DEBUG=1: the answer page's first frames come back in
  // 23-90 ms, then it freezes 1.1-1.3 s: frames keep arriving (framesReceived +3 per 100 ms) while
  // it decodes one every 100-200 ms and then none, sends no new PLI and decodes no new key frame,
  // with a jitter buffer target of ~400 ms. A request for a key frame over the data channel (the
  // other page restarts its stream at once; tried on a branch) did not shorten it, so the wait is
  // not for a key frame.
  outage5s: 'frames back after link up: 0.1-2.4 s over 6 runs (bar 1.5 s); or back at once, then a 1.1-1.3 s freeze with frames arriving and none decoded',
  // 2026-12-07, 1 run of 3 failed: after the move, the answer page's restarted ICE offered only host
  // candidates (no srflx, no relay), so no pair was ever found; the other runs resumed in 3.5 s.
  // 2026-12-07, 1 run of 6: after the relay restart the answer page's frames came back at once
  // (+112 ms) but froze 1.38 s again with no key frame seen: the same held-video / key-frame
  // family as outage5s. The scenario's own bar (call fully back within 15 s: 0.16-0.94 s) held.
  freezeAfterRelayRestart: 'a freeze of up to 1.4 s right after resuming, 1 run in 6',
  // 2026-12-07: the host-only gathering of 1 run in 3 was the lab's (lib/netlab.mjs, addBridge:
  // the public bridge changed its MAC address when the new router joined). Since, 8 runs: frames
  // back 2.9-3.1 s after the change in 6; in the other two the same family as outage5s: the offer
  // page's packets back at +3.05 s but nothing decoded until a key frame at +5.15 s (bar 5 s), and
  // the answer page frozen 1.5 s again right after resuming.
  addressChange: 'frames back 2.9-3.1 s after the change in 6 runs of 8; in 2, a key frame 2.1 s late or a 1.5 s freeze right after resuming',
};
const RELAY_RESTART = { linkDownMs: 8000, relayStopAfterMs: 1000, relayDownMs: 3000 };

const { env, inLab } = useLab();

describe('calls across the network lab', () => {
  for (const outageMs of LINK_OUTAGES_MS) {
    const todo = outageMs === 5000 ? KNOWN.outage5s : undefined;
    test(`home link down ${outageMs / 1000} s: both pages say so, and the call comes back by itself`, { todo }, async () => {
      await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
        report(`before ${outageMs / 1000} s outage`, await expectCallUp(call));
        const mark = await watchBoth(call);
        const downAt = Date.now();
        await lab.linkDown(0);
        await sleep(downAt + outageMs - Date.now());
        // The link is back as the first `ip link set up` returns (the relay and coturn sit on the
        // WAN's own subnet), so link up counts from just before it: conservative by a few ms.
        const upAt = Date.now();
        await lab.linkUp(0);
        console.log(`# link down ${outageMs / 1000} s: down ${upAt - downAt} ms, link up took ${Date.now() - upAt} ms`);
        const r = await recover(lab, call, {
          mark, faultAt: downAt, t0: upAt, waitMs: SIGNALLING_BACK_BAR_MS + WATCH_PAST_BAR_MS,
          resumeAt: (frames) => firstFrameAfter(frames, upAt),
        });
        const label = `link down ${outageMs / 1000} s`;
        const problems = [];
        for (const p of r.pages) {
          const last = lastFrameBefore(p.frames, upAt);
          const interruptedMs = p.interrupted && last !== null ? p.interrupted.t - last : null;
          const interrupted = p.interrupted
            ? `interrupted ('${p.interrupted.value}'${p.interrupted.notice ? `, "${p.interrupted.notice}"` : ''}) ` +
              `${show(interruptedMs)} ms after the last frame (${show(p.interrupted.t - downAt)} ms after link down)`
            : 'never shown interrupted';
          console.log(`# ${label}, ${p.role} page: last frame ${show(last === null ? null : last - downAt)} ms ` +
            `after link down; ${interrupted}; frames again ${within(p)} after link up; ${describeRecovery(p)}`);
          // The lab itself: nothing may arrive while the link is down (a jitter buffer drains in well under 1 s).
          const during = p.frames.filter((t) => t > downAt + 1000 && t < upAt).length;
          if (during > 0) problems.push(`${p.role}: ${during} frames presented while the link was down (lab fault)`);
          recordFigure(label, p.role, {
            noticeMs: interruptedMs, backMs: p.resumeMs, noticeBar: INTERRUPTED_BAR_MS, backBar: LINK_RESUME_BAR_MS });
          if (!(interruptedMs !== null && interruptedMs <= INTERRUPTED_BAR_MS)) {
            problems.push(`${p.role}: interrupted state ${show(interruptedMs)} ms after the last frame (bar ${INTERRUPTED_BAR_MS})`);
          }
          if (!(p.resumeMs !== null && p.resumeMs <= LINK_RESUME_BAR_MS)) {
            problems.push(`${p.role}: frames again ${show(p.resumeMs)} ms after link up (bar ${LINK_RESUME_BAR_MS})`);
          }
          problems.push(...settledProblems(p, r, SIGNALLING_BACK_BAR_MS));
        }
        // Past the relay's idle timeout (20 s) the offline page's socket is dropped and its seat
        // held: the page at home hears that the other person is reconnecting, not that they left.
        const home = r.pages.find((p) => p.role === 'answer');
        if (outageMs > 20000 && !saidAfter(home, downAt, SAID_AWAY)) {
          problems.push('answer: never said the other person is reconnecting during a 30 s outage');
        }
        expectNoProblems(problems, r);
      });
    });
  }

  test('address change mid-call (new router, new address, old interface gone): frames resume by themselves',
    { todo: KNOWN.addressChange }, async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
      report('before address change', await expectCallUp(call));
      const mark = await watchBoth(call);
      const moveAt = Date.now();
      const before = lab.homes[0].address;
      await lab.changeAddress(0);
      const movedAt = Date.now();
      console.log(`# address change: home 0 ${before} -> ${lab.homes[0].address} ` +
        `(router WAN ${lab.homes[0].router.wanAddress}), took ${movedAt - moveAt} ms`);
      const newWan = lab.homes[0].router.wanAddress;
      const fromNewAddress = () => relayConnectionsFrom(lab.core, PUBLIC.relay, newWan);
      const r = await recover(lab, call, {
        mark, faultAt: moveAt, t0: movedAt, waitMs: Math.max(ADDRESS_RESUME_BAR_MS, SIGNALLING_BACK_BAR_MS) + WATCH_PAST_BAR_MS,
        resumeAt: (frames, now) => resumeAfterFreeze(frames, moveAt, movedAt, now),
        relayAlsoHas: async () => (await fromNewAddress()) > 0,
      });
      const problems = [];
      for (const p of r.pages) {
        console.log(`# address change, ${p.role} page: freeze ${Math.round(p.freeze.ms)} ms; ` +
          `frames again ${within(p)} after the change; ${describeRecovery(p)}`);
        recordFigure('address change', p.role, { backMs: p.resumeMs, backBar: ADDRESS_RESUME_BAR_MS });
        if (!(p.resumeMs !== null && p.resumeMs <= ADDRESS_RESUME_BAR_MS)) {
          problems.push(`${p.role}: frames resumed ${show(p.resumeMs)} ms after the change (bar ${ADDRESS_RESUME_BAR_MS})`);
        }
        problems.push(...settledProblems(p, r, SIGNALLING_BACK_BAR_MS));
      }
      const connections = await fromNewAddress();
      console.log(`# address change: the relay holds ${connections} connection(s) from home 0's new address ${newWan}`);
      if (connections === 0) problems.push(`offer: its signalling socket never reconnected over the new network (the relay has no connection from ${newWan}) though the page says '${r.pages[0].now.signalling}'`);
      expectNoProblems(problems, r);
    });
  });

  test('silent dead signalling path (only the relay\'s port dropped): the page replaces its socket, the call goes on', async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
      report('before the signalling block', await expectCallUp(call));
      const mark = await watchBoth(call);
      const blockAt = Date.now();
      await lab.blockSignalling(0, true);
      await sleep(blockAt + SILENT_BLOCK_MS - Date.now());
      const liftAt = Date.now();
      await lab.blockSignalling(0, false);
      const r = await recover(lab, call, {
        mark, faultAt: blockAt, t0: liftAt, waitMs: SIGNALLING_BACK_BAR_MS + WATCH_PAST_BAR_MS,
        resumeAt: (frames) => firstFrameAfter(frames, liftAt),
      });
      const problems = [];
      for (const p of r.pages) {
        const left = firstLeft(p.states, blockAt, 'signalling', 'open');
        const back = settledAt(p.states, blockAt, 'signalling', 'open');
        const gap = longestGap(p.frames, blockAt, liftAt);
        const broke = firstLeft(p.states, blockAt, 'call', 'connected');
        console.log(`# silent signalling, ${p.role} page: signalling ${stateTrail(p.states, blockAt, 'signalling')} ` +
          `(ms from the block; lifted at +${liftAt - blockAt}); longest frame gap ${Math.round(gap.ms)} ms; ` +
          `call ${stateTrail(p.states, blockAt)}`);
        if (broke) problems.push(`${p.role}: the call left 'connected' (${broke.value}) ${broke.t - blockAt} ms after the block`);
        if (gap.ms > SILENT_MEDIA_GAP_BAR_MS) problems.push(`${p.role}: no frame for ${Math.round(gap.ms)} ms while only signalling was blocked`);
        if (p.role !== 'offer') continue;  // home 0 is the offer page's
        if (!left || left.t - blockAt > SILENT_NOTICE_BAR_MS) {
          problems.push(`offer: signalling still 'open' ${left ? left.t - blockAt : 'throughout'} ms after the block (bar ${SILENT_NOTICE_BAR_MS})`);
        }
        const backMs = typeof back === 'number' ? back - liftAt : null;
        console.log(`# silent signalling: noticed ${left ? left.t - blockAt : '-'} ms after the block; open again ${show(backMs)} ms after the lift`);
        recordFigure('silent signalling', p.role, {
          noticeMs: left ? left.t - blockAt : null, backMs, noticeBar: SILENT_NOTICE_BAR_MS, backBar: SILENT_BACK_BAR_MS });
        if (!(backMs !== null && backMs <= SILENT_BACK_BAR_MS)) {
          problems.push(`offer: signalling open again ${show(backMs)} ms after the lift (bar ${SILENT_BACK_BAR_MS})`);
        }
      }
      expectNoProblems(problems, r);
    });
  });

  test('relay restarts while one home is offline: the call resumes by itself when both are back', async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
      report('before relay restart', await expectCallUp(call));
      const mark = await watchBoth(call);
      const downAt = Date.now();
      await lab.linkDown(0);
      await sleep(RELAY_RESTART.relayStopAfterMs);
      const stopAt = Date.now();
      await env.relay.restart({ downMs: RELAY_RESTART.relayDownMs });
      const relayBackAt = Date.now();
      await sleep(downAt + RELAY_RESTART.linkDownMs - Date.now());
      const upAt = Date.now();  // as in the link-down scenarios: from just before link up
      await lab.linkUp(0);
      console.log(`# relay restart: link down at 0, relay stopped ${stopAt - downAt} ms, back ${relayBackAt - downAt} ms, ` +
        `link up ${upAt - downAt} ms`);
      const r = await recover(lab, call, {
        mark, faultAt: downAt, t0: upAt, waitMs: RELAY_RESTART_BAR_MS + WATCH_PAST_BAR_MS,
        resumeAt: (frames) => firstFrameAfter(frames, upAt),
      });
      const problems = [];
      for (const p of r.pages) {
        console.log(`# relay restart, ${p.role} page: frames again ${within(p)} after link up; ` +
          describeRecovery(p));
        recordFigure('relay restart', p.role, { backMs: r.settledMs, backBar: RELAY_RESTART_BAR_MS });
        problems.push(...settledProblems(p, r, RELAY_RESTART_BAR_MS, { knownFreeze: KNOWN.freezeAfterRelayRestart }));
      }
      const resumedMs = r.settledMs;
      console.log(`# relay restart: call fully back (frames both ways, connected, signalling open, relay holds ` +
        `both peers) ${show(resumedMs)} ms after link up (bar ${RELAY_RESTART_BAR_MS})`);
      if (!(resumedMs !== null && resumedMs <= RELAY_RESTART_BAR_MS)) {
        problems.push(`call fully back ${show(resumedMs)} ms after link up (bar ${RELAY_RESTART_BAR_MS})`);
      }
      expectNoProblems(problems, r);
    });
  });

});
