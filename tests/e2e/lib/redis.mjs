// Starts redis-server on a free 127.0.0.1 port with no persistence and no config file, for the
// rooms-across-relays tests; stops it again.
import { createConnection } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports.mjs';
import { startService } from './service.mjs';

// Resolves true when PING on port is answered with +PONG within timeoutMs.
function pongs(port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => { clearTimeout(timer); socket.destroy(); resolve(ok); };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(String(d).startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-e2e-redis-'));
  const port = await freePort();
  const service = await startService('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--dir', dir], { dir, answers: () => pongs(port, 200) });
  return { ...service, port, url: `redis://127.0.0.1:${port}` };
}
