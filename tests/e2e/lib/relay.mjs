// Starts the real relay binary on a free loopback port and stops it again.
import { spawn } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `port` and `stateDir` let a test restart the relay where it was, with the same certificate; a
// caller-supplied stateDir is left in place on stop. `address` is where it listens (loopback by
// default); `wrap` is an argv prefix it runs under, e.g. ['ip', 'netns', 'exec', ns] (the prefix
// must exec the relay, so that signals reach it).
export async function startRelay({ webRoot, extraArgs = [], port: fixedPort = 0, stateDir: givenStateDir,
  address = '127.0.0.1', wrap = [] } = {}) {
  const bin = process.env.RELAY_BIN;
  if (!bin) throw new Error('RELAY_BIN is not set (path to the p2p-relay binary)');
  const stateDir = givenStateDir ?? mkdtempSync(join(tmpdir(), 'p2p-e2e-state-'));
  const args = ['--address', address, '--port', String(fixedPort), '--state-dir', stateDir,
    '--web-root', webRoot, ...extraArgs];
  const argv = [...wrap, bin, ...args];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay did not report its port:\n${out}\n${stderr}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on .*:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`relay exited with ${code}:\n${stderr}`)); });
  });
  return {
    port,
    stateDir,
    origin: `https://${address}:${port}`,
    logs: () => stderr,
    // SIGTERM lets the relay close its peers cleanly; { signal: 'SIGKILL' } is a crash, which the
    // pages only learn of from their sockets.
    async stop({ signal = 'SIGTERM' } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      if (!givenStateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

// The relay's /metrics as text, fetched from this process (loopback, the relay's own certificate).
export function relayMetrics(origin) {
  return new Promise((resolve, reject) => {
    const request = httpsGet(`${origin}/metrics`, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error('/metrics did not answer in 5 s')));
    request.on('error', reject);
  });
}

// One sample of a metrics text: `name` with its labels as written, e.g. 'p2p_relay_rejected_total{reason="per_ip"}'.
export function metricValue(text, name) {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`/metrics has no ${name}`);
  return Number(line.slice(name.length + 1));
}
