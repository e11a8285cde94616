// The shared set-up of a test file: one relay on a temporary web root and one headless Chromium,
// started before its tests and stopped after them. Returns an object whose fields fill in then.
import { after, before } from 'node:test';
import { rmSync } from 'node:fs';

import { startRelay } from './relay.mjs';
import { makeWebRoot } from './web_root.mjs';
import { launchBrowser } from './browser.mjs';
import { ENGINE_NAMES, launchEngine } from './engines.mjs';

export function useRelayAndBrowser() {
  const env = { relay: null, browser: null, webRoot: null };
  before(async () => {
    env.webRoot = makeWebRoot();
    env.relay = await startRelay({ webRoot: env.webRoot });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.relay?.stop();
    if (env.webRoot) rmSync(env.webRoot, { recursive: true, force: true });
  });
  return env;
}

// The same for the cross-engine tests: one relay and one engine of each kind (lib/engines.mjs),
// as env.engines.chromium and env.engines.firefox.
export function useRelayAndEngines() {
  const env = { relay: null, engines: {}, webRoot: null };
  before(async () => {
    env.webRoot = makeWebRoot();
    env.relay = await startRelay({ webRoot: env.webRoot });
    for (const name of ENGINE_NAMES) env.engines[name] = await launchEngine(name);
  });
  after(async () => {
    for (const engine of Object.values(env.engines)) await engine.close();
    await env.relay?.stop();
    if (env.webRoot) rmSync(env.webRoot, { recursive: true, force: true });
  });
  return env;
}
