// Fair admission under attack (issue 26): one loopback address keeps 2,000 connections going at
// the relay, half stalled before TLS and half silent after it, and reconnects whenever one ends,
// while pages from another address make calls and chat. The relay runs with its default limits;
// the attacker must hold no more than its address's caps and every call must work as usual.
// Run inside a fresh network namespace (see run.sh), where all of 127.0.0.0/8 is on loopback.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { useRelayAndBrowser } from './lib/suite.mjs';
import { chatBothWays, closePages, openCall } from './lib/call.mjs';
import { startFlood } from './lib/flood.mjs';
import { metricValue, relayMetrics } from './lib/relay.mjs';
import { expectRemoteVideoPlaying, setupTimeMs } from './lib/video.mjs';

const env = useRelayAndBrowser();

const ATTACKER = '127.0.0.9';  // the pages come from 127.0.0.1
const CONNECTIONS = 2000;
const CALLS = 3;
// The relay's defaults (README): connections per address, TLS handshakes under way per address.
const PER_IP_CAP = 32;

const rejected = (text, reason) => metricValue(text, `p2p_relay_rejected_total{reason="${reason}"}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The relay's open connections, other than the /metrics request that asks, sampled every 200 ms;
// `quiet` is the most seen while no page was open, i.e. what the attacker held.
function watchRelayConnections(origin) {
  const seen = { quiet: 0, busy: 0, pagesOpen: false };
  let running = true;
  const loop = (async () => {
    while (running) {
      const open = metricValue(await relayMetrics(origin), 'p2p_relay_connections') - 1;
      const key = seen.pagesOpen ? 'busy' : 'quiet';
      seen[key] = Math.max(seen[key], open);
      await sleep(200);
    }
  })();
  return { seen, stop: async () => { running = false; await loop; } };
}

describe('fair admission', () => {
  test(`${CONNECTIONS} connections from one address while others make ${CALLS} calls`, async () => {
    const flood = startFlood({ port: env.relay.port, from: ATTACKER, connections: CONNECTIONS });
    const watch = watchRelayConnections(env.relay.origin);
    const calls = [];
    try {
      await sleep(3000);  // the flood in full swing, nobody else there
      for (let i = 0; i < CALLS; i += 1) {
        watch.seen.pagesOpen = true;
        const pages = await openCall(env.browser, env.relay.origin, { room: `under-attack-${i}` });
        await Promise.all([
          expectRemoteVideoPlaying(pages.offer, `call ${i + 1}, offer page`),
          expectRemoteVideoPlaying(pages.answer, `call ${i + 1}, answer page`),
        ]);
        await chatBothWays(pages, { fromOffer: `call ${i + 1} from offer`, fromAnswer: `call ${i + 1} 应答` });
        calls.push({ offer: await setupTimeMs(pages.offer, pages.offer), answer: await setupTimeMs(pages.offer, pages.answer) });
        await closePages(pages.offer, pages.answer);
        await sleep(500);  // the pages' connections gone
        watch.seen.pagesOpen = false;
        await sleep(1500);
      }
    } finally {
      await watch.stop();
      flood.stop();
    }
    const text = await relayMetrics(env.relay.origin);
    const { attempts, endedAtOnce, endedLater, failedToConnect } = flood.stats;
    console.log(`# admission: ${attempts} attempts from ${ATTACKER} (${endedAtOnce} ended within 0.5 s, ` +
      `${endedLater} later, ${failedToConnect} never connected); relay refusals per_ip ${rejected(text, 'per_ip')}, ` +
      `handshakes ${rejected(text, 'handshakes')}, max_connections ${rejected(text, 'max_connections')}; ` +
      `relay connections open at most ${watch.seen.quiet} with only the attacker there (cap ${PER_IP_CAP}), ` +
      `${watch.seen.busy} during the calls`);
    console.log(`# admission: ${calls.length} calls with chat both ways meanwhile, click to first frame (ms): ` +
      calls.map((c) => `${c.offer.toFixed(0)}/${c.answer.toFixed(0)}`).join(', '));
    assert.equal(calls.length, CALLS);
    assert.ok(attempts >= CONNECTIONS, `the flood made ${attempts} attempts`);
    assert.ok(rejected(text, 'per_ip') + rejected(text, 'handshakes') >= CONNECTIONS / 2,
      'the relay refused the flood at its door');
    assert.ok(watch.seen.quiet <= PER_IP_CAP, `the attacker held ${watch.seen.quiet} connections at once (cap ${PER_IP_CAP})`);
    assert.ok(watch.seen.quiet >= PER_IP_CAP / 2, `the attacker held only ${watch.seen.quiet}: was it attacking?`);
    assert.equal(rejected(text, 'max_connections'), 0, 'nobody met the overall cap');
  });
});
