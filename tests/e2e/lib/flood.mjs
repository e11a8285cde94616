// An attacker on one loopback address (issue 26): it keeps `connections` connections to the relay
// going at all times and opens a new one whenever one ends. Half of them connect over TCP and send
// nothing (a TLS handshake that never starts), half finish TLS and never send a request. It never
// reads what the relay says; it only counts how long each connection lived (a connection can
// wait in the kernel's accept queue before the relay even sees it, so what the relay holds is read
// from the relay's /metrics, not from here).
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

// A connection that ended within this long after it opened was, most likely, refused at accept.
const AT_ONCE_MS = 500;

export function startFlood({ port, host = '127.0.0.1', from, connections = 2000, retryMs = 1000 }) {
  if (!from) throw new Error('startFlood needs the address to flood from');
  const stats = { attempts: 0, endedAtOnce: 0, endedLater: 0, failedToConnect: 0 };
  const live = new Map();  // socket -> when its TCP connection opened (null until it does)
  let stopped = false;

  const open = (index) => {
    if (stopped) return;
    stats.attempts += 1;
    const options = { host, port, localAddress: from };
    const socket = index % 2 === 0 ? tcpConnect(options)
      : tlsConnect({ ...options, rejectUnauthorized: false, servername: 'localhost' });
    live.set(socket, null);
    socket.once('connect', () => live.set(socket, Date.now()));  // TCP, for both kinds
    socket.on('error', () => {});
    socket.once('close', () => {
      if (stopped) return;  // closed by stop(), not by the relay
      const connectedAt = live.get(socket);
      live.delete(socket);
      if (connectedAt === null) stats.failedToConnect += 1;
      else if (Date.now() - connectedAt < AT_ONCE_MS) stats.endedAtOnce += 1;
      else stats.endedLater += 1;
      setTimeout(() => open(index), retryMs);
    });
  };
  for (let i = 0; i < connections; i += 1) open(i);

  return {
    stats,
    stop() {
      stopped = true;
      for (const socket of live.keys()) socket.destroy();
      live.clear();
    },
  };
}
