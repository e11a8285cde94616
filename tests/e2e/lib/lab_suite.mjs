// What the lab's test files share: one relay and one coturn on the lab's public side for a whole
// file, and inLab(), which builds a fresh topology for each scenario (so no NAT mapping or
// conntrack entry carries over), opens a call across it, and always tears both down.
import { after, before } from 'node:test';
import { rmSync } from 'node:fs';

import { closeLabCall, openLabCall } from './lab_call.mjs';
import { startLabRelay, startLabTurn } from './lab_services.mjs';
import { buildLab, createCore } from './netlab.mjs';
import { makeWebRoot } from './web_root.mjs';

export const LAB_TURN_SECRET = 'lab-turn-secret';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const describePair = (p) => p && `${p.local.candidateType}/${p.local.protocol}` +
  `${p.local.relayProtocol ? `(${p.local.relayProtocol})` : ''} -> ${p.remote.candidateType}/${p.remote.protocol}`;

export function report(name, up) {
  console.log(`# ${name}: offer ${describePair(up.offer)}; answer ${describePair(up.answer)}; ` +
    `set-up ${up.setupMs.offer} ms (offer) / ${up.setupMs.answer} ms (answer)`);
}

// Registers the file's before/after hooks. Returns env ({ core, turn, relay, webRoot }, filled in
// by `before`) and inLab(topology, check): builds the topology, runs a call across it, hands both
// to check(lab, call), and always tears down.
export function useLab() {
  const env = { core: null, turn: null, relay: null, webRoot: null };
  let rooms = 0;

  before(async () => {
    env.webRoot = makeWebRoot();
    env.core = await createCore();
    env.turn = await startLabTurn(env.core, { secret: LAB_TURN_SECRET });
    env.relay = await startLabRelay(env.core, { webRoot: env.webRoot, secret: LAB_TURN_SECRET });
  });

  after(async () => {
    await env.relay?.stop();
    await env.turn?.stop();
    await env.core?.teardown();
    if (env.webRoot) rmSync(env.webRoot, { recursive: true, force: true });
  });

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

  return { env, inLab };
}
