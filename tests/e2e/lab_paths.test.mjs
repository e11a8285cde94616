// Real calls across a network lab (lib/netlab.mjs), the paths they take: each browser in its own
// home behind its own NAT router, the relay and coturn on public addresses. Each scenario checks
// frames both ways and the candidate pair the connection really selected (getStats), logs the
// set-up time, and (where it says) what "check my connection" tells the person. The network-change
// scenarios are in lab_recovery.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { iceServersInUse } from './lib/lab_browser.mjs';
import { expectCallUp } from './lib/lab_call.mjs';
import { LAB_TURN_SECRET, describePair, report, sleep, useLab } from './lib/lab_suite.mjs';
import { framesAfter } from './lib/video.mjs';

const { env, inLab } = useLab();

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

  // Home 0's router lets only some traffic out: the offer page reaches the other home through
  // TURN over `protocol`, and the connection check says so.
  const turnOnly = (label, router, verdict, protocol) => async () => {
    await inLab({ homes: [{ nat: 'eim', ...router }, { nat: 'eim' }] }, async (lab, call) => {
      const up = await expectCallUp(call);
      report(label, up);
      await expectVerdicts(call, { offer: verdict });
      assert.equal(up.offer.local.candidateType, 'relay', describePair(up.offer));
      assert.equal(up.offer.local.relayProtocol, protocol, describePair(up.offer));
      assert.equal(up.answer.usesTurn, true, describePair(up.answer));
    });
  };
  test('UDP blocked at home: TURN over TCP', turnOnly('UDP blocked', { blockUdp: true }, 'relay-tcp', 'tcp'));
  test('only TCP 443 open at home: TURN over TLS on 443', turnOnly('only 443', { only443: true }, 'relay-tls', 'tls'));

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
      const want = createHmac('sha1', LAB_TURN_SECRET).update(s.username).digest('base64');
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
