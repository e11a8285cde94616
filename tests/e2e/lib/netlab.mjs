// A network lab for browser e2e: a small "internet" of network namespaces where each browser
// sits in a home behind its own NAT router, and the relay and coturn sit on public addresses.
//
//   home ns (browser) --lan-- router ns (NAT, firewall, loss, rate) --wan--+
//                                                                          |  bridge "net" in
//   relay 198.51.100.2:443, coturn 198.51.100.3 (3478, TLS 443) and .4 -----+  the public ns
//                                                                          |
//   sink ns 198.51.100.254: the default route of public ns and routers; drops everything
//
// The public segment is TEST-NET-2 and exists only inside these namespaces; the sink gives every
// namespace a default route without a way out (coturn drops an allocation when relaying to a
// peer fails with "no route"). Nothing is connected to the namespace the test runs in.
//
// The public side (createCore) can be shared by several labs; homes and routers are built fresh
// for each lab, since there is no conntrack tool to reset a router's NAT state.
import { Registry, configure, inNs, nextLabPrefix, run, setDefaultRoute } from './lab_net.mjs';
import { applyRuleset, routerRuleset, setRouterLoss, setRouterRate, setSignallingBlocked } from './lab_router.mjs';

export const PUBLIC = {
  relay: '198.51.100.2', relayPort: 443, turn: '198.51.100.3', turnAlt: '198.51.100.4', sink: '198.51.100.254', prefixLength: 24,
};
const onPublic = (host) => `198.51.100.${host}/${PUBLIC.prefixLength}`;
const FIRST_WAN_HOST = 10;
const LAST_WAN_HOST = 250;

// Drops every packet before routing, so the sink never answers, not even with an ICMP error.
const SINK_RULES = `
table inet lab_sink {
  chain prerouting {
    type filter hook prerouting priority raw; policy drop;
  }
}
`;

// A bridge with an address of its own. Without one, Linux gives a bridge the lowest address of
// its ports and changes it when a port with a lower one joins: a router added mid-call (an
// address change) then left the other routers' neighbour entries for the relay and coturn
// pointing at an address nobody answered, and their STUN and TURN went unanswered for seconds
// (1 address-change run in 3 ended with host candidates alone on the unmoved page).
let bridges = 0;
async function addBridge(ns, name) {
  const n = bridges++;
  const mac = `02:70:32:${((n >> 16) & 0xff).toString(16).padStart(2, '0')}:` +
    `${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
  await run(['ip', '-n', ns, 'link', 'add', name, 'address', mac, 'type', 'bridge']);
}

// The public namespace (relay, coturn) and the sink. Returns { public, sink, teardown, ... }.
export async function createCore() {
  const prefix = nextLabPrefix();
  const registry = new Registry();
  try {
    const pub = await registry.addNamespace(`${prefix}-pub`);
    const sink = await registry.addNamespace(`${prefix}-sink`);
    await addBridge(pub, 'net');
    await registry.addVeth(sink, 'eth0', pub, 'sink0');
    await run(['ip', '-n', pub, 'link', 'set', 'sink0', 'master', 'net']);
    await configure([{ ns: pub, ifname: 'net', cidr: onPublic(2) }, { ns: pub, ifname: 'sink0' },
      { ns: sink, ifname: 'eth0', cidr: onPublic(254) }]);
    await run(['ip', '-n', pub, 'addr', 'add', onPublic(3), 'dev', 'net']);
    await run(['ip', '-n', pub, 'addr', 'add', onPublic(4), 'dev', 'net']);  // coturn's second address
    await setDefaultRoute(pub, PUBLIC.sink);
    await applyRuleset(sink, SINK_RULES);
    let nextWan = FIRST_WAN_HOST;
    let labs = 0;
    return {
      public: pub, sink, prefix,
      exec: (ns, argv, opts) => inNs(ns, argv, opts),
      nextLabId: () => labs++,
      // Fresh WAN addresses for each router, so no stale neighbour entry points at an old veth.
      async nextWanHost() {
        if (nextWan > LAST_WAN_HOST) {
          nextWan = FIRST_WAN_HOST;
          await run(['ip', '-n', pub, 'neigh', 'flush', 'dev', 'net']);
        }
        return nextWan++;
      },
      teardown: () => registry.teardown(),
    };
  } catch (e) {
    await registry.teardown();
    throw e;
  }
}

// A router in the lab: `wan` on the public bridge (through a port named in the public ns),
// `lan` towards the home(s). Its WAN address comes from the core.
async function addRouter(lab, name, spec) {
  const { core, registry } = lab;
  const ns = await registry.addNamespace(name, { forward: true });
  const port = `w${lab.id}-${lab.routerCount++}`;
  await registry.addVeth(ns, 'wan', core.public, port);
  await run(['ip', '-n', core.public, 'link', 'set', port, 'master', 'net']);
  const wanHost = await core.nextWanHost();
  await configure([{ ns, ifname: 'wan', cidr: onPublic(wanHost) }, { ns: core.public, ifname: port }]);
  await setDefaultRoute(ns, PUBLIC.sink);
  await applyRuleset(ns, routerRuleset(spec));
  return { ns, spec, wanAddress: `198.51.100.${wanHost}` };
}

// A home namespace joined to router's LAN as `ifname`; with a shared LAN the router side is a
// port of the bridge `lan`, otherwise it is `lan` itself.
async function addHost(lab, router, { name, ifname, subnet, host, sharedLan, lanPort }) {
  const ns = lab.registry.namespaces.includes(name) ? name : await lab.registry.addNamespace(name);
  const routerIf = sharedLan ? lanPort : 'lan';
  await lab.registry.addVeth(ns, ifname, router.ns, routerIf);
  if (sharedLan) await run(['ip', '-n', router.ns, 'link', 'set', routerIf, 'master', 'lan']);
  await configure([{ ns, ifname, cidr: `${subnet}.${host}/24` }, { ns: router.ns, ifname: routerIf }]);
  await setDefaultRoute(ns, `${subnet}.1`);
  return { ns, ifname, address: `${subnet}.${host}` };
}

async function addLan(lab, router, subnet, sharedLan) {
  if (sharedLan) await addBridge(router.ns, 'lan');
  if (sharedLan) await configure([{ ns: router.ns, ifname: 'lan', cidr: `${subnet}.1/24` }]);
}

// Builds the homes: one router per home, or with sameLan one router (homes[0]'s spec) and all
// homes as hosts on its LAN. Addresses: home i on 192.168.(10+i).2, or 192.168.10.(2+i) shared.
async function buildHomes(lab, homes, sameLan) {
  const specs = sameLan ? [homes[0]] : homes;
  for (const [i, spec] of specs.entries()) {
    const router = await addRouter(lab, `${lab.prefix}-r${i}`, spec);
    await addLan(lab, router, `192.168.${10 + i}`, sameLan);
    lab.routers.push(router);
  }
  for (const [i, spec] of homes.entries()) {
    const router = lab.routers[sameLan ? 0 : i];
    const subnet = `192.168.${10 + (sameLan ? 0 : i)}`;
    const host = await addHost(lab, router, {
      name: `${lab.prefix}-h${i}`, ifname: 'eth0', subnet, host: sameLan ? 2 + i : 2,
      sharedLan: sameLan, lanPort: `lan${i}`,
    });
    if (!sameLan) await configure([{ ns: router.ns, ifname: 'lan', cidr: `${subnet}.1/24` }]);
    lab.homes.push({ index: i, spec, router, ...host });
  }
}

// As a phone leaving Wi-Fi for mobile data: the home gets a second uplink through a new
// (carrier) router with its own public address, then the old interface disappears. The browser
// sees its address and default route change under a running page.
async function moveToNewRouter(lab, home) {
  const router = await addRouter(lab, `${lab.prefix}-m${home.index}-${lab.routerCount}`, home.spec);
  lab.routers.push(router);
  const subnet = `100.64.${home.index}`;  // carrier-grade NAT space, as on mobile networks
  const ifname = home.ifname === 'eth0' ? 'eth1' : 'eth0';
  const oldIfname = home.ifname;
  const moved = await addHost(lab, router, { name: home.ns, ifname, subnet, host: 2 });
  await configure([{ ns: router.ns, ifname: 'lan', cidr: `${subnet}.1/24` }]);
  await lab.registry.deleteVeth(home.ns, oldIfname);
  await setDefaultRoute(home.ns, `${subnet}.1`);
  Object.assign(home, { router, ifname: moved.ifname, address: moved.address });
  return home;
}

// buildLab({ homes: [{ nat, blockUdp, only443 }], sameLan, core }): with `core` (from
// createCore) the public side is shared and outlives this lab; without, the lab makes its own.
export async function buildLab({ homes, sameLan = false, core: givenCore } = {}) {
  const core = givenCore ?? await createCore();
  const registry = new Registry();
  const id = core.nextLabId();
  const lab = {
    core, registry, id, prefix: `${core.prefix}-${id}`, routerCount: 0, routers: [], homes: [],
    public: core.public, addresses: PUBLIC,
  };
  const homeOf = (h) => (typeof h === 'number' ? lab.homes[h] : h);
  let tornDown = false;
  Object.assign(lab, {
    exec: (ns, argv, opts) => inNs(ns, argv, opts),
    linkDown: (h) => run(['ip', '-n', homeOf(h).router.ns, 'link', 'set', 'wan', 'down']),
    // `down` took the default route with it.
    async linkUp(h) {
      await run(['ip', '-n', homeOf(h).router.ns, 'link', 'set', 'wan', 'up']);
      await setDefaultRoute(homeOf(h).router.ns, PUBLIC.sink);
    },
    setLoss: (h, percent) => setRouterLoss(homeOf(h).router.ns, percent),
    setRate: (h, kbit) => setRouterRate(homeOf(h).router.ns, kbit),
    blockSignalling: (h, blocked) =>
      setSignallingBlocked(homeOf(h).router.ns, { address: PUBLIC.relay, port: PUBLIC.relayPort }, blocked),
    changeAddress: (h) => moveToNewRouter(lab, homeOf(h)),
    async teardown() {
      if (tornDown) return;
      tornDown = true;
      await registry.teardown();
      if (!givenCore) await core.teardown();
    },
  });
  try {
    await buildHomes(lab, homes, sameLan);
  } catch (e) {
    await lab.teardown();
    throw e;
  }
  return lab;
}
