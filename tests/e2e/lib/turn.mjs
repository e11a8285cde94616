// Starts coturn's turnserver on a free 127.0.0.1 port with TURN REST credentials
// (use-auth-secret), no TLS and no CLI, reading no config file from /etc; stops it again.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports.mjs';

// Resolves true when a STUN Binding request to port is answered within timeoutMs.
function stunAnswers(port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0);      // Binding request, no attributes
    request.writeUInt32BE(0x2112A442, 4);  // magic cookie
    randomBytes(12).copy(request, 8);
    const done = (answered) => { clearTimeout(timer); socket.close(); resolve(answered); };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (m) => done(m.length >= 20 && m.readUInt16BE(0) === 0x0101));
    socket.on('error', () => {});  // port unreachable while it starts: the timer decides
    socket.send(request, port, '127.0.0.1');
  });
}

export async function startTurnServer({ secret }) {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-e2e-turn-'));
  writeFileSync(join(dir, 'turnserver.conf'), '');
  const port = await freePort();
  const minPort = 40000 + Math.floor(Math.random() * 100) * 200;
  const child = spawn('turnserver', [
    '-c', join(dir, 'turnserver.conf'), '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1',
    `--listening-port=${port}`, `--min-port=${minPort}`, `--max-port=${minPort + 199}`,
    '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=p2p-call.test',
    '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--no-software-attribute',
    `--userdb=${join(dir, 'turndb')}`, `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout', '--simple-log',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10000;
  while (!(await stunAnswers(port, 200))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`turnserver did not start:\n${log}`);
    }
  }
  return {
    port,
    url: `turn:127.0.0.1:${port}`,
    logs: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
