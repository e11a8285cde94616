// The lab's public services, run inside its public namespace: coturn on 198.51.100.3 (STUN and
// TURN on 3478 over UDP and TCP, TURN over TLS on 443 with a certificate made at test time) and
// the real relay on 198.51.100.2:443 handing the pages REST credentials for that coturn.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { inNs, run } from './lab_net.mjs';
import { PUBLIC } from './netlab.mjs';
import { startRelay } from './relay.mjs';
import { startService } from './service.mjs';

const TURN_PORT = 3478;
const TURNS_PORT = 443;
const RELAY_PORT = PUBLIC.relayPort;

// What the relay tells the pages: STUN, then TURN over UDP, TCP and TLS (the last gets through a
// network that lets only TCP 443 out).
export const ICE_URLS = {
  // Two STUN addresses: the connection check sees a symmetric NAT by the two mappings it gets.
  stun: [`stun:${PUBLIC.turn}:${TURN_PORT}`, `stun:${PUBLIC.turnAlt}:${TURN_PORT}`],
  turn: [`turn:${PUBLIC.turn}:${TURN_PORT}?transport=udp`, `turn:${PUBLIC.turn}:${TURN_PORT}?transport=tcp`,
    `turns:${PUBLIC.turn}:${TURNS_PORT}?transport=tcp`],
};

// Private ranges coturn must never relay to, as in any real deployment: a page's host candidates
// are private and unreachable from the public side anyway, and an open TURN relay into them
// would be a way into the operator's own network.
const DENIED_PEERS = ['10.0.0.0-10.255.255.255', '172.16.0.0-172.31.255.255', '192.168.0.0-192.168.255.255'];

// A self-signed certificate for the TURN server's address (Chromium is run with
// --ignore-certificate-errors, as for the relay's own self-signed one).
async function makeCertificate(dir, address) {
  const cert = join(dir, 'turn-cert.pem');
  const key = join(dir, 'turn-key.pem');
  await run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${address}`,
    '-addext', `subjectAltName=IP:${address}`]);
  return { cert, key };
}

// True once ss in ns lists a listener on every one of `sockets` ("udp:ADDR:PORT" / "tcp:...").
async function listening(ns, sockets) {
  const out = await inNs(ns, ['ss', '-Hlntu']).catch(() => '');
  return sockets.every((s) => {
    const [proto, addr] = [s.slice(0, 3), s.slice(4)];
    return out.split('\n').some((line) => line.startsWith(proto) && line.includes(` ${addr} `));
  });
}

export async function startLabTurn(core, { secret }) {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-lab-turn-'));
  writeFileSync(join(dir, 'turnserver.conf'), '');
  const { cert, key } = await makeCertificate(dir, PUBLIC.turn);
  const at = PUBLIC.turn;
  const service = await startService('ip', ['netns', 'exec', core.public, 'turnserver',
    '-c', join(dir, 'turnserver.conf'), `--listening-ip=${at}`, `--listening-ip=${PUBLIC.turnAlt}`, `--relay-ip=${at}`,
    `--listening-port=${TURN_PORT}`, `--tls-listening-port=${TURNS_PORT}`, `--cert=${cert}`, `--pkey=${key}`,
    '--min-port=49152', '--max-port=65535', '--use-auth-secret', `--static-auth-secret=${secret}`,
    '--realm=p2p-call.test', '--no-dtls', '--no-cli', '--no-software-attribute',
    ...DENIED_PEERS.map((range) => `--denied-peer-ip=${range}`),
    `--userdb=${join(dir, 'turndb')}`, `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout', '--simple-log',
  ], { dir, answers: () => listening(core.public, [`udp:${at}:${TURN_PORT}`, `tcp:${at}:${TURN_PORT}`, `tcp:${at}:${TURNS_PORT}`]) });
  return { ...service, urls: ICE_URLS };
}

// The relay on 198.51.100.2:443, restartable in place: restart() stops it and starts it again on
// the same address, port and state directory (so the same certificate), as after a deploy.
export async function startLabRelay(core, { webRoot, secret }) {
  const dir = mkdtempSync(join(tmpdir(), 'p2p-lab-relay-'));
  const secretFile = join(dir, 'turn-secret');
  writeFileSync(secretFile, `${secret}\n`);
  const stateDir = join(dir, 'state');
  const options = {
    webRoot, stateDir, address: PUBLIC.relay, port: RELAY_PORT, wrap: ['ip', 'netns', 'exec', core.public],
    extraArgs: [...ICE_URLS.stun.flatMap((u) => ['--stun', u]), ...ICE_URLS.turn.flatMap((u) => ['--turn', u]),
      '--turn-secret-file', secretFile],
  };
  let relay = await startRelay(options);
  return {
    origin: `https://${PUBLIC.relay}`,
    logs: () => relay.logs(),
    async restart({ signal, downMs = 0 } = {}) {
      await relay.stop({ signal });
      if (downMs) await new Promise((r) => setTimeout(r, downMs));
      relay = await startRelay(options);
    },
    stopOnly: (opts) => relay.stop(opts),
    startAgain: async () => { relay = await startRelay(options); },
    async stop() {
      await relay.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
