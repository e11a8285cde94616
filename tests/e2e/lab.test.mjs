// Real calls across a network lab (lib/netlab.mjs): each browser in its own home behind its own
// NAT router, the relay and coturn on public addresses. Each scenario checks frames both ways
// and the candidate pair the connection really selected (getStats), and logs the set-up time.
// One relay and one coturn serve all scenarios; homes and routers are built fresh for each, so
// no NAT mapping or conntrack entry carries over.
// The recovery scenarios (home link down 5/10/30 s, address change, relay restart while a home is
// offline) watch both pages through the fault (lib/lab_watch.mjs: presented frames, data-call /
// data-signalling, notice, #log, inbound RTP counters, the page's WebSockets) without a click,
// print what they measured ("# " lines), then check it against the bars below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';

import { iceServersInUse } from './lib/lab_browser.mjs';
import { closeLabCall, expectCallUp, openLabCall } from './lib/lab_call.mjs';
import { startLabRelay, startLabTurn } from './lib/lab_services.mjs';
import {
  ROLES, SAID_AWAY, describeRecovery, expectNoProblems, recordFigure, recover, resumeAfterFreeze, saidAfter,
  settledProblems, show, watchBoth, within,
} from './lib/lab_recovery.mjs';
import {
  firstFrameAfter, firstLeft, lastFrameBefore, longestGap, relayConnectionsFrom, settledAt, stateTrail,
} from './lib/lab_watch.mjs';
import { PUBLIC, buildLab, createCore } from './lib/netlab.mjs';
import { framesAfter } from './lib/video.mjs';
import { makeWebRoot } from './lib/web_root.mjs';

// ---- recovery bars (scenarios 6-8), all in ms, measured on both pages, no click ----
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
  outage5s: 'frames back after link up: 0.1-2.4 s over 6 runs (bar 1.5 s); the key frame waits on the other page seeing media again',
  // 2026-12-07, 1 run of 3 failed: after the move, the answer page's restarted ICE offered only host
  // candidates (no srflx, no relay), so no pair was ever found; the other runs resumed in 3.5 s.
  // 2026-12-07, 1 run of 6: after the relay restart the answer page's frames came back at once
  // (+112 ms) but froze 1.38 s again with no key frame seen: the same held-video / key-frame
  // family as outage5s. The scenario's own bar (call fully back within 15 s: 0.16-0.94 s) held.
  freezeAfterRelayRestart: 'a freeze of up to 1.4 s right after resuming, 1 run in 6',
  addressChange: 'one run in three: the answer page gathered only host candidates in the ICE restarts after the move',
};
const RELAY_RESTART = { linkDownMs: 8000, relayStopAfterMs: 1000, relayDownMs: 3000 };

const SECRET = 'lab-turn-secret';
const env = { core: null, turn: null, relay: null, webRoot: null };
let rooms = 0;

before(async () => {
  env.webRoot = makeWebRoot();
  env.core = await createCore();
  env.turn = await startLabTurn(env.core, { secret: SECRET });
  env.relay = await startLabRelay(env.core, { webRoot: env.webRoot, secret: SECRET });
});

after(async () => {
  await env.relay?.stop();
  await env.turn?.stop();
  await env.core?.teardown();
  if (env.webRoot) rmSync(env.webRoot, { recursive: true, force: true });
});

// Builds the topology, runs a call across it, hands both to `check`, and always tears down.
async function inLab(topology, check) {
  const t0 = Date.now();
  const lab = await buildLab({ ...topology, core: env.core });
  const t1 = Date.now();
  let call;
  try {
    call = await openLabCall(lab, env.relay.origin, `lab-${process.pid}-${rooms++}`);
    const t2 = Date.now();
    await check(lab, call);
    console.log(`# TIMING build ${t1 - t0} open ${t2 - t1} check ${Date.now() - t2}`);
  } finally {
    const t3 = Date.now();
    await closeLabCall(call);
    const t4 = Date.now();
    await lab.teardown();
    console.log(`# TIMING close ${t4 - t3} teardown ${Date.now() - t4}`);
  }
}

const describePair = (p) => p && `${p.local.candidateType}/${p.local.protocol}` +
  `${p.local.relayProtocol ? `(${p.local.relayProtocol})` : ''} -> ${p.remote.candidateType}/${p.remote.protocol}`;

function report(name, up) {
  console.log(`# ${name}: offer ${describePair(up.offer)}; answer ${describePair(up.answer)}; ` +
    `set-up ${up.setupMs.offer} ms (offer) / ${up.setupMs.answer} ms (answer)`);
}

describe('calls across the network lab', () => {
  test('one LAN: a host pair', async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }], sameLan: true }, async (lab, call) => {
      const up = await expectCallUp(call);
      report('one LAN', up);
      for (const pair of [up.offer, up.answer]) {
        assert.equal(pair.local.candidateType, 'host', describePair(pair));
        assert.equal(pair.remote.candidateType, 'host', describePair(pair));
      }
    });
  });

  test('two homes behind endpoint-independent NATs: a srflx pair, no TURN', async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
      const up = await expectCallUp(call);
      report('EIM + EIM', up);
      await expectVerdicts(call, { offer: 'direct', answer: 'direct' });
      for (const pair of [up.offer, up.answer]) {
        assert.equal(pair.usesTurn, false, describePair(pair));
        assert.equal(pair.local.candidateType, 'srflx', describePair(pair));
        // The peer may learn the other side's mapping from its checks before signalling does.
        assert.ok(['srflx', 'prflx'].includes(pair.remote.candidateType), describePair(pair));
      }
    });
  });

  test('symmetric NAT on one side: a relay pair over TURN/UDP with the relay\'s REST credentials', async () => {
    await inLab({ homes: [{ nat: 'symmetric' }, { nat: 'eim' }] }, async (lab, call) => {
      const up = await expectCallUp(call);
      report('symmetric + EIM', up);
      expectTurnPath(up, 'udp');
      // What the media uses, as the stats panel says it: through TURN on both pages (the page whose
      // remote end is the relay candidate used to say prflx).
      for (const role of ['offer', 'answer']) assert.equal(await statsPanelPath(call[role]), 'relay', role);
      await expectVerdicts(call, { offer: 'symmetric-relay-udp', answer: 'direct' });
      for (const role of ['offer', 'answer']) expectRestCredentials(await iceServersInUse(call[role]), role);
    });
  });

  test('UDP blocked at home: TURN over TCP', async () => {
    await inLab({ homes: [{ nat: 'eim', blockUdp: true }, { nat: 'eim' }] }, async (lab, call) => {
      const up = await expectCallUp(call);
      report('UDP blocked', up);
      await expectVerdicts(call, { offer: 'relay-tcp' });
      assert.equal(up.offer.local.candidateType, 'relay', describePair(up.offer));
      assert.equal(up.offer.local.relayProtocol, 'tcp', describePair(up.offer));
      assert.equal(up.answer.usesTurn, true, describePair(up.answer));
    });
  });

  test('only TCP 443 open at home: TURN over TLS on 443', async () => {
    await inLab({ homes: [{ nat: 'eim', only443: true }, { nat: 'eim' }] }, async (lab, call) => {
      const up = await expectCallUp(call);
      report('only 443', up);
      await expectVerdicts(call, { offer: 'relay-tls' });
      assert.equal(up.offer.local.candidateType, 'relay', describePair(up.offer));
      assert.equal(up.offer.local.relayProtocol, 'tls', describePair(up.offer));
      assert.equal(up.answer.usesTurn, true, describePair(up.answer));
    });
  });

  test('5 % loss both ways and 1 Mbit/s at one home: the call holds at 10 fps or more', async () => {
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, async (lab, call) => {
      report('before loss', await expectCallUp(call));
      await Promise.all([lab.setLoss(0, 5), lab.setRate(0, 1000)]);
      await sleep(10000);
      const fps = await Promise.all([call.offer, call.answer].map((page) => framesPerSecond(page, 2000)));
      console.log(`# 5 % loss, 1 Mbit/s: ${fps[0]} fps at the offer page, ${fps[1]} fps at the answer page`);
      for (const [i, role] of ['offer', 'answer'].entries()) {
        assert.ok(fps[i] >= 10, `${role} page: ${fps[i]} fps`);
        assert.equal(await call[role].evaluate(() => document.body.dataset.call), 'connected', role);
      }
      const shown = await statsPanelLoss(call.offer);
      console.log(`# stats panel at the offer page: loss ${shown.loss} % ("${shown.line}")`);
    });
  });

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

  // Last, since coturn stays down: the relay still names it, the check must say nothing answers.
  test('coturn down: the connection check says no STUN or TURN server is reachable', async () => {
    await env.turn.stop();
    env.turn = null;
    await inLab({ homes: [{ nat: 'eim' }, { nat: 'eim' }] }, (lab, call) => expectVerdicts(call, { offer: 'unreachable' }));
  });
});

// The REST credentials the relay minted, as the page's RTCPeerConnection really has them: every
// TURN entry has username "<expiry>:<id>" with the expiry in the future, and (when the browser
// reports it) the credential is base64(HMAC-SHA1(secret, username)), the form coturn checks.
function expectRestCredentials(servers, role) {
  const turn = servers.filter((s) => s.urls.some((u) => /^turns?:/.test(u)));
  assert.ok(turn.length > 0, `${role} page: no TURN server in its RTCPeerConnection: ${JSON.stringify(servers)}`);
  const nowS = Date.now() / 1000;
  for (const s of turn) {
    const m = /^(\d+):(.+)$/.exec(s.username ?? '');
    assert.ok(m, `${role} page: TURN username ${JSON.stringify(s.username)} is not "<expiry>:<id>"`);
    const expiry = Number(m[1]);
    assert.ok(expiry > nowS, `${role} page: TURN username expired at ${expiry} (now ${Math.round(nowS)})`);
    if (s.credential !== null) {
      const want = createHmac('sha1', SECRET).update(s.username).digest('base64');
      assert.equal(s.credential, want, `${role} page: TURN credential is not HMAC-SHA1(secret, username)`);
    }
  }
  const u = turn[0].username;
  console.log(`# ${role} page TURN user ${u} (valid ${Math.round(Number(u.split(':')[0]) - nowS)} s more), ` +
    `${turn.length} TURN entr${turn.length === 1 ? 'y' : 'ies'}, credential ${turn[0].credential === null ? 'not reported' : 'checked'}`);
}

// Runs "check my connection" on each page named in `expected` and asserts its verdict there.
async function expectVerdicts(call, expected) {
  for (const [role, verdict] of Object.entries(expected)) {
    const page = call[role];
    await page.locator('#check').click();
    await page.waitForFunction(() => document.getElementById('check-result').dataset.state === 'done', null,
      { timeout: 15000, polling: 100 });
    const shown = await page.evaluate(() => {
      const box = document.getElementById('check-result');
      return { ...box.dataset, text: box.innerText.replace(/\n/g, ' | ') };
    });
    console.log(`# connection check, ${role} page: ${shown.verdict} (stun ${shown.stun}, nat ${shown.nat}, ` +
      `turn udp ${shown.turnUdp}, tcp ${shown.turnTcp}, tls ${shown.turnTls}): "${shown.text}"`);
    assert.equal(shown.verdict, verdict, `${role}: ${JSON.stringify(shown)}`);
  }
}

// The stats panel's path (data-path): what the selected pair goes through.
async function statsPanelPath(page) {
  await page.locator('#stats-toggle').click();
  await page.waitForFunction(() => (document.getElementById('stats').dataset.path ?? '-') !== '-', null,
    { timeout: 5000, polling: 100 });
  const path = await page.evaluate(() => document.getElementById('stats').dataset.path);
  await page.locator('#stats-toggle').click();
  return path;
}

// The one side that has its own relay candidate shows the protocol to coturn; both use TURN.
function expectTurnPath(up, relayProtocol) {
  for (const pair of [up.offer, up.answer]) assert.equal(pair.usesTurn, true, describePair(pair));
  const relayed = [up.offer, up.answer].filter((p) => p.local.candidateType === 'relay');
  assert.ok(relayed.length > 0, 'neither page has a local relay candidate');
  for (const pair of relayed) assert.equal(pair.local.relayProtocol, relayProtocol, describePair(pair));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Remote frames the page presented over the next windowMs, per second.
async function framesPerSecond(page, windowMs) {
  const from = Date.now();
  await sleep(windowMs);
  return (await framesAfter(page, from)) / (windowMs / 1000);
}

// Opens the stats panel and waits for its loss figure: data-loss (a plain number, as
// dom_view.cpp writes it) and the same number in the panel's text.
async function statsPanelLoss(page) {
  await page.locator('#stats-toggle').click();
  await page.waitForFunction(() => {
    const panel = document.getElementById('stats');
    return !panel.hidden && /^\d+(\.\d)?$/.test(panel.dataset.loss ?? '');
  }, null, { timeout: 5000, polling: 100 });
  const { loss, text } = await page.evaluate(() => {
    const panel = document.getElementById('stats');
    return { loss: panel.dataset.loss, text: panel.textContent };
  });
  const line = text.split('\n').find((l) => l.startsWith('丢包'));
  assert.equal(line, `丢包: ${loss} %`, `loss line of the panel:\n${text}`);
  return { loss: Number(loss), line };
}
