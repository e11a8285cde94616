// Browsers inside the lab's home namespaces. Chromium is started through a one-line wrapper
// that enters the namespace; Playwright talks to it over a pipe, which crosses namespaces.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { collectErrors } from './page_errors.mjs';
import { PAGE_PROBE } from './probe.mjs';

// lib/browser.mjs's flags without --allow-loopback-in-peer-connection: in the lab the
// candidates are real interface addresses.
const LAB_CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required',
];

// Before the bundle runs: remember every RTCPeerConnection the page makes, so the test can ask
// the connection itself (getStats) which candidate pair carries the call, and every WebSocket,
// with when it opened, closed, last sent and last received (wall-clock ms), so a test can tell a
// live signalling socket from one the page merely believes open.
const PC_RECORDER = `
  (() => {
    const Native = window.RTCPeerConnection;
    const made = [];
    const sockets = [];
    window.__lab = { peerConnections: made, sockets };
    window.RTCPeerConnection = class extends Native {
      constructor(...args) { super(...args); made.push(this); }
    };
    const NativeSocket = window.WebSocket;
    window.WebSocket = class extends NativeSocket {
      constructor(...args) {
        super(...args);
        const rec = { ws: this, createdAt: Date.now(), openedAt: null, closedAt: null, closeCode: null,
          lastSentAt: null, lastMessageAt: null, sent: 0, received: 0 };
        sockets.push(rec);
        this.addEventListener('open', () => { rec.openedAt = Date.now(); });
        this.addEventListener('close', (e) => { rec.closedAt = Date.now(); rec.closeCode = e.code; });
        this.addEventListener('message', () => { rec.lastMessageAt = Date.now(); rec.received += 1; });
        const send = this.send.bind(this);
        this.send = (data) => { rec.lastSentAt = Date.now(); rec.sent += 1; return send(data); };
      }
    };
  })();`;

export async function launchInNamespace(ns) {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-lab-chromium-'));
  const wrapper = join(dir, 'chromium-in-netns');
  const real = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
  // LAB_CHROMIUM_LOG='*video_receive_stream2*=1,...' (a --vmodule list): WebRTC's own log of each
  // lab browser goes to /tmp/chromium-NAMESPACE.log, for a look inside its receiver.
  const log = process.env.LAB_CHROMIUM_LOG
    ? ` --enable-logging=stderr --vmodule=${process.env.LAB_CHROMIUM_LOG} 2>>/tmp/chromium-${ns}.log` : '';
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${real} "$@"${log}\n`);
  chmodSync(wrapper, 0o755);
  try {
    const browser = await chromium.launch({ executablePath: wrapper, headless: true, args: LAB_CHROMIUM_FLAGS });
    browser.once('disconnected', () => rmSync(dir, { recursive: true, force: true }));
    return browser;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function openLabPage(browser, url) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = collectErrors(page);
  await page.addInitScript(PC_RECORDER);
  await page.addInitScript(PAGE_PROBE);
  await page.goto(url);
  return page;
}

// The selected candidate pair of the page's newest connected RTCPeerConnection, from getStats():
// { local: { candidateType, protocol, relayProtocol, address, port }, remote: {...}, usesTurn }.
// Null while no connection has a selected pair.
export function selectedPair(page) {
  return page.evaluate(async () => {
    const pick = (c) => c && { candidateType: c.candidateType, protocol: c.protocol,
      relayProtocol: c.relayProtocol ?? null, address: c.address ?? c.ip, port: c.port };
    for (const pc of [...window.__lab.peerConnections].reverse()) {
      if (pc.connectionState !== 'connected') continue;
      const stats = [...(await pc.getStats()).values()];
      const byId = new Map(stats.map((s) => [s.id, s]));
      const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
      const pair = transport ? byId.get(transport.selectedCandidatePairId)
        : stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
      if (!pair) continue;
      const local = pick(byId.get(pair.localCandidateId));
      const remote = pick(byId.get(pair.remoteCandidateId));
      return { local, remote, usesTurn: local.candidateType === 'relay' || remote.candidateType === 'relay' };
    }
    return null;
  });
}

// Waits for a selected pair (ICE may still be nominating when the first frame shows).
export async function waitSelectedPair(page, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pair = await selectedPair(page);
    if (pair || Date.now() > deadline) return pair;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The ICE servers the page's newest RTCPeerConnection was configured with (getConfiguration()):
// [{ urls: [...], username, credential }], what the page really hands to the browser.
export const iceServersInUse = (page) => page.evaluate(() => {
  const pc = window.__lab.peerConnections.at(-1);
  if (!pc) return [];
  return pc.getConfiguration().iceServers.map((s) => ({
    urls: [].concat(s.urls ?? s.url ?? []), username: s.username ?? null, credential: s.credential ?? null,
  }));
});

// Every local candidate type each of the page's connections gathered, for "no relay at all".
export const localCandidateTypes = (page) => page.evaluate(async () => {
  const types = new Set();
  for (const pc of window.__lab.peerConnections) {
    for (const s of (await pc.getStats()).values()) if (s.type === 'local-candidate') types.add(s.candidateType);
  }
  return [...types];
});
