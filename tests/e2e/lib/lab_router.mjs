// A home router's rules: NAT, firewall and the impairments a test switches on and off. Each
// router has a `wan` interface on the lab's public segment and a `lan` interface to its home.
import { inNs, run } from './lab_net.mjs';

// nat 'eim': plain masquerade keeps one mapping per inside address and port whoever the outside
// peer is (endpoint-independent), so STUN's answer is what the other browser can use.
// 'symmetric': `masquerade random` picks a fresh port for every new outside peer, so the port STUN
// saw is useless to anyone else. 'none': routing only, no translation.
function natRules(nat) {
  if (nat === 'none') return '';
  if (nat !== 'eim' && nat !== 'symmetric') throw new Error(`unknown nat '${nat}'`);
  return `
table ip lab_nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan" ${nat === 'symmetric' ? 'masquerade random' : 'masquerade'}
  }
}`;
}

// What the home may send out: everything, no UDP at all, or only TCP to port 443 (a strict office
// or hotel network). Replies to what went out are always let back in.
function outboundRules({ blockUdp = false, only443 = false }) {
  if (only443) return 'oifname "wan" tcp dport 443 accept\n    oifname "wan" drop';
  if (blockUdp) return 'oifname "wan" meta l4proto udp drop';
  return '';
}

// Unsolicited packets from the WAN are dropped, also those to the router itself: a NAT that
// answered them (or only tracked them) would have a conntrack entry sitting on the very tuple
// the inside browser's hole punch needs, and the mapping would move to another port.
export function routerRuleset(spec) {
  return `${natRules(spec.nat ?? 'eim')}
table inet lab_filter {
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" drop
    ${outboundRules(spec)}
  }
}
`;
}

export const applyRuleset = (ns, ruleset) => inNs(ns, ['nft', '-f', '-'], { input: ruleset });

// Puts `rules` in a forward-hook table of their own called `table` (replacing what it held; no
// rules: the table goes), so switching an impairment never touches NAT state.
async function setForwardTable(ns, table, priority, rules) {
  await inNs(ns, ['nft', 'delete', 'table', 'inet', table]).catch(() => {});
  if (!rules.length) return;
  await applyRuleset(ns, `
table inet ${table} {
  chain forward_${table} {
    type filter hook forward priority filter ${priority}; policy accept;
    ${rules.join('\n    ')}
  }
}
`);
}

// Random loss on everything the router forwards, both directions. (Not named "fwd": that is an
// nftables keyword.)
export const setRouterLoss = (ns, percent) =>
  setForwardTable(ns, 'lab_loss', '- 10', percent ? [`numgen random mod 100 < ${Math.round(percent)} drop`] : []);

// Drops the home's TCP to and from the relay's signalling port and nothing else: the page's
// socket dies without a sign (no reset, no close) while the media, peer to peer, flows on.
export const setSignallingBlocked = (ns, { address, port }, blocked) =>
  setForwardTable(ns, 'lab_block', '- 5', blocked
    ? [`ip daddr ${address} tcp dport ${port} drop`, `ip saddr ${address} tcp sport ${port} drop`] : []);

// A token-bucket cap on both ways through the router: upload leaves by wan, download by lan.
// The kernel has no netem, but tbf is there. A burst of ~20 ms at the rate (at least two
// full-size packets) and a queue of 100 ms behave like a modest access line.
export async function setRouterRate(ns, kbit, interfaces = ['wan', 'lan']) {
  const burstBytes = Math.max(3000, Math.round((kbit * 1000 / 8) * 0.02));
  await Promise.all(interfaces.map(async (dev) => {
    await run(['ip', 'netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', dev, 'root']).catch(() => {});
    if (!kbit) return;
    await inNs(ns, ['tc', 'qdisc', 'add', 'dev', dev, 'root', 'tbf', 'rate', `${kbit}kbit`,
      'burst', String(burstBytes), 'latency', '100ms']);
  }));
}
