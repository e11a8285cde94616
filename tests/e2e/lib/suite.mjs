// The shared set-up of a test file: one relay on a temporary web root and one headless Chromium,
// started before its tests and stopped after them. Returns an object whose fields fill in then.
import { after, before } from 'node:test';
import { rmSync } from 'node:fs';

import { startRelay } from './relay.mjs';
import { makeWebRoot } from './web_root.mjs';
import { launchBrowser } from './browser.mjs';

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
