// Bundle bytes: for every file our call page requested (from the browser's network log), its size
// raw and gzip -9 from the web root, and what the relay actually sent (the file.gz beside it when
// there is one). The target is the gzip total of them all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The relay serves /p2p from p2p.html; other paths are file names.
function fileFor(root, pathname) {
  for (const name of [pathname, `${pathname}.html`, `${pathname}/index.html`]) {
    const file = join(root, name);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

export function bundleBytes(root, requests) {
  const files = [];
  for (const { url, transferBody } of requests) {
    const { protocol, pathname } = new URL(url);
    if (!protocol.startsWith('http')) continue;
    const file = fileFor(root, pathname);
    if (!file) { files.push({ path: pathname, raw: null, gzip: null, transferBody }); continue; }
    const bytes = readFileSync(file);
    // The build's file.gz is `gzip -9 -n`; zlib level 9 stands in only where it is missing.
    const gzip = existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(bytes, { level: 9 }).length;
    files.push({ path: pathname, raw: bytes.length, gzip, transferBody });
  }
  const sum = (key) => files.reduce((s, f) => s + (f[key] ?? 0), 0);
  return { files, total: { raw: sum('raw'), gzip: sum('gzip'), transferBody: sum('transferBody') } };
}
