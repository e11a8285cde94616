// The network lab's building blocks: run a command, make a namespace, join two namespaces with a
// veth pair, and take it all down again. Everything the lab creates is recorded in a Registry so
// teardown can remove it in the one order the kernel handles well (veths, then namespaces).
import { execFile, execFileSync } from 'node:child_process';

// Runs argv; rejects with its stderr so a failing `ip` or `nft` line says what went wrong.
export function run(argv, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(argv[0], argv.slice(1), { timeout: 15000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${argv.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

export const inNs = (ns, argv, opts) => run(['ip', 'netns', 'exec', ns, ...argv], opts);

// IPv6 off before any interface exists: link-local addresses settling later count as a network
// change to Chromium, which then aborts page loads with ERR_NETWORK_CHANGED.
const NS_SYSCTLS = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'];

// Names unique to this process, so a lab never touches another run's namespaces.
let labCounter = 0;
export const nextLabPrefix = () => `p2plab-${process.pid}-${labCounter++}`;

// Every namespace still standing, across labs: removed synchronously if the process exits
// without a teardown (a crashed test must not leave namespaces on the machine).
const standing = new Set();
process.on('exit', () => {
  for (const ns of standing) {
    try { execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' }); } catch { /* already gone */ }
  }
});

export class Registry {
  constructor() {
    this.namespaces = [];
    this.veths = [];  // [ns, ifname]: one end is enough, deleting it removes its peer
  }

  async addNamespace(name, { forward = false } = {}) {
    await run(['ip', 'netns', 'add', name]);
    this.namespaces.push(name);
    standing.add(name);
    const sysctls = forward ? [...NS_SYSCTLS, 'net.ipv4.ip_forward=1'] : NS_SYSCTLS;
    await inNs(name, ['sysctl', '-q', '-w', ...sysctls]);
    await run(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  // A veth pair created straight inside both namespaces (never in ours, so no name clashes).
  async addVeth(nsA, ifA, nsB, ifB) {
    await run(['ip', 'link', 'add', ifA, 'netns', nsA, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB]);
    this.veths.push([nsA, ifA]);
  }

  async deleteVeth(ns, ifname) {
    this.veths = this.veths.filter(([n, i]) => !(n === ns && i === ifname));
    await run(['ip', '-n', ns, 'link', 'del', ifname]).catch(() => {});
  }

  // Veths first: a namespace's own teardown is asynchronous, and its veths would linger (with
  // their addresses) for a while after `ip netns del` returned.
  async teardown() {
    const veths = this.veths.splice(0);
    await Promise.all(veths.map(([ns, ifname]) => run(['ip', '-n', ns, 'link', 'del', ifname]).catch(() => {})));
    const namespaces = this.namespaces.splice(0);
    await Promise.all(namespaces.map(async (ns) => {
      await run(['ip', 'netns', 'del', ns]).catch(() => {});
      standing.delete(ns);
    }));
  }
}

// Brings interfaces up with addresses: [{ ns, ifname, cidr }].
export async function configure(links) {
  await Promise.all(links.map(async ({ ns, ifname, cidr }) => {
    if (cidr) await run(['ip', '-n', ns, 'addr', 'add', cidr, 'dev', ifname]);
    await run(['ip', '-n', ns, 'link', 'set', ifname, 'up']);
  }));
}

export const setDefaultRoute = (ns, via) => run(['ip', '-n', ns, 'route', 'replace', 'default', 'via', via]);
