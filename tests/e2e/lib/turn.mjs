// Starts coturn's turnserver on a free 127.0.0.1 port with TURN REST credentials
// (use-auth-secret), no TLS and no CLI, reading no config file from /etc; stops it again.
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports.mjs';
import { startService } from './service.mjs';

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
  const service = await startService('turnserver', [
    '-c', join(dir, 'turnserver.conf'), '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1',
    `--listening-port=${port}`, `--min-port=${minPort}`, `--max-port=${minPort + 199}`,
    '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=p2p-call.test',
    '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--no-software-attribute',
    `--userdb=${join(dir, 'turndb')}`, `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout', '--simple-log',
  ], { dir, answers: () => stunAnswers(port, 200) });
  return { ...service, port, url: `turn:127.0.0.1:${port}` };
}
