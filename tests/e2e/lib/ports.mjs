// Loopback ports for the services the browser tests start themselves (redis-server, turnserver).
import { createServer } from 'node:net';

// A 127.0.0.1 port the kernel says is free for TCP right now.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
