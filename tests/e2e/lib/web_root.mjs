// A temporary web root for the relay: the built client bundle plus the e2e fixtures.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function makeWebRoot() {
  const bundle = process.env.WEB_BUNDLE;
  if (!bundle || !existsSync(join(bundle, 'client.wasm'))) {
    throw new Error(`WEB_BUNDLE (${bundle}) holds no client.wasm: build the wasm client first`);
  }
  const root = mkdtempSync(join(tmpdir(), 'p2p-e2e-www-'));
  cpSync(bundle, root, { recursive: true });
  cpSync(join(fixtures, 'seed-peer.html'), join(root, 'seed-peer.html'));
  return root;
}
