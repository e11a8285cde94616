// Watching a running call page through a network fault, for the recovery scenarios of the lab:
// every remote frame presented, every change of the page's data-call / data-signalling and of its
// notice, and every line it adds to #log, each with wall-clock ms (Date.now(), so the page's times
// compare with the test's own). The WebSockets the page made come from lab_browser.mjs's init
// script (window.__lab.sockets). Nothing here clicks or changes the page.

// Installed with page.evaluate once the call is up (the remote <video> exists by then).
// Frames are counted with requestVideoFrameCallback, re-armed at once when #remote-video's
// srcObject changes and after 300 ms without a frame (a callback left pending across a source
// change may never fire), so a resumed stream is seen within ~50 ms, not after a long re-arm.
function installWatch() {
  if (window.__watch) return;
  const now = () => Date.now();
  const w = window.__watch = { frames: [], states: [], logs: [] };
  const body = document.body;
  const notice = document.getElementById('notice');
  const snapshot = () => ({
    call: body.dataset.call ?? '', signalling: body.dataset.signalling ?? '',
    notice: notice && !notice.hidden ? notice.textContent : '',
  });
  let last = snapshot();
  w.states.push({ t: now(), ...last });
  const onChange = () => {
    const s = snapshot();
    if (s.call === last.call && s.signalling === last.signalling && s.notice === last.notice) return;
    last = s;
    w.states.push({ t: now(), ...s });
  };
  new MutationObserver(onChange).observe(body, { attributes: true, attributeFilter: ['data-call', 'data-signalling'] });
  if (notice) new MutationObserver(onChange).observe(notice, { attributes: true, childList: true, characterData: true, subtree: true });
  const log = document.getElementById('log');
  if (log) {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) w.logs.push({ t: now(), text: n.textContent });
    }).observe(log, { childList: true });
  }
  let video = null, source = null, handle = 0, lastFrameAt = now();
  const onFrame = () => {
    lastFrameAt = now();
    w.frames.push(lastFrameAt);
    if (w.frames.length > 20000) w.frames.splice(0, 10000);
    handle = video.requestVideoFrameCallback(onFrame);
  };
  const arm = () => {
    const v = document.getElementById('remote-video');
    if (!v) return;
    if (v === video && v.srcObject === source && now() - lastFrameAt < 300) return;
    if (video) video.cancelVideoFrameCallback(handle);
    video = v;
    source = v.srcObject;
    handle = v.requestVideoFrameCallback(onFrame);
  };
  arm();
  setInterval(arm, 50);
  // Inbound video counters of the newest RTCPeerConnection every 100 ms (kept when they change):
  // tells a path that is back but waits for a key frame from a path that is still down.
  w.rtp = [];
  let busy = false;
  setInterval(async () => {
    const pcs = window.__lab?.peerConnections ?? [];
    const pc = pcs.at(-1);
    if (!pc || busy || pc.connectionState === 'closed') return;
    busy = true;
    try {
      let packets = 0, decoded = 0, keyFrames = 0;
      // For LAB_DEBUG's print only: received (assembled) frames, PLIs sent, NACKs sent; the
      // sender's key frames, target bitrate (kbit/s) and the pair's outgoing estimate (kbit/s).
      // Also the video packets sent and their total time in the sender's pacer (ms), whose growth
      // per packet says how old what goes out is.
      const more = { received: 0, pli: 0, nack: 0, sentKeys: 0, target: 0, estimate: 0, sent: 0, pacedMs: 0 };
      for (const r of (await pc.getStats()).values()) {
        if (r.type === 'outbound-rtp' && r.kind === 'video') {
          more.sentKeys += r.keyFramesEncoded ?? 0;
          more.target += Math.round((r.targetBitrate ?? 0) / 1000);
          more.sent += r.packetsSent ?? 0;
          more.pacedMs += Math.round(1000 * (r.totalPacketSendDelay ?? 0));
        }
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
          more.estimate = Math.round((r.availableOutgoingBitrate ?? 0) / 1000);
        }
        if (r.type !== 'inbound-rtp' || r.kind !== 'video') continue;
        packets += r.packetsReceived ?? 0;
        decoded += r.framesDecoded ?? 0;
        keyFrames += r.keyFramesDecoded ?? 0;
        more.received += r.framesReceived ?? 0;
        more.pli += r.pliCount ?? 0;
        more.nack += r.nackCount ?? 0;
        more.jbTarget = Math.round(1000 * (r.jitterBufferTargetDelay ?? 0));
        more.jbEmitted = r.jitterBufferEmittedCount ?? 0;
        more.dropped = r.framesDropped ?? 0;
      }
      const prev = w.rtp.at(-1);
      const pcIndex = pcs.length - 1;
      if (!prev || prev.pc !== pcIndex || prev.packets !== packets || prev.decoded !== decoded) {
        w.rtp.push({ t: now(), pc: pcIndex, packets, decoded, keyFrames, more });
      }
    } finally {
      busy = false;
    }
  }, 100);
}

export const watchPage = (page) => page.evaluate(installWatch);

// What the watch recorded since wall-clock time `since`, plus the page's state now and its
// WebSockets: { frames, states, logs, now: {call, signalling}, sockets: [{createdAt, openedAt,
// closedAt, lastMessageAt, readyState, sent, received}] }. `states` keeps the last state before
// `since` too, so the state at any time from `since` on can be read off it.
export const readWatch = (page, since = 0) => page.evaluate((from) => {
  const w = window.__watch;
  const before = w.states.filter((s) => s.t < from).at(-1);
  return {
    frames: w.frames.filter((t) => t >= from),
    states: [...(before ? [before] : []), ...w.states.filter((s) => s.t >= from)],
    logs: w.logs.filter((l) => l.t >= from),
    rtp: [...(w.rtp.filter((r) => r.t < from).slice(-1)), ...w.rtp.filter((r) => r.t >= from)],
    now: { call: document.body.dataset.call, signalling: document.body.dataset.signalling },
    sockets: (window.__lab.sockets ?? []).map(({ ws, ...rec }) => ({ ...rec, readyState: ws.readyState })),
  };
}, since);

// The first sample after t at which `field` (packets, decoded, keyFrames) grew, or a new
// connection reported some: the time (to within the 100 ms sampling), or null.
export function rtpGrewAfter(rtp, t, field) {
  for (let i = 1; i < rtp.length; i++) {
    if (rtp[i].t <= t) continue;
    const a = rtp[i - 1], b = rtp[i];
    if (b.pc !== a.pc ? b[field] > 0 : b[field] > a[field]) return b.t;
  }
  return null;
}

// ---- analysis of the recorded frame times (sorted wall-clock ms) ----

export const firstFrameAfter = (frames, t) => frames.find((x) => x > t) ?? null;
export const lastFrameBefore = (frames, t) => frames.filter((x) => x < t).at(-1) ?? null;

// The longest stretch without a frame in [from, to]: { ms, start, end } (start = the frame before
// it or `from`, end = the frame after it or `to`).
export function longestGap(frames, from, to) {
  let prev = from;
  let best = { ms: 0, start: from, end: from };
  for (const x of frames) {
    if (x <= from) continue;
    if (x > to) break;
    if (x - prev > best.ms) best = { ms: x - prev, start: prev, end: x };
    prev = x;
  }
  if (to - prev > best.ms) best = { ms: to - prev, start: prev, end: to };
  return best;
}

// The first time at or after `from` at which the page's data-call left 'connected' (null: never).
export function firstLeft(states, from, field = 'call', value = 'connected') {
  const s = states.find((x) => x.t >= from && x[field] !== value);
  return s ? { t: s.t, value: s[field], notice: s.notice } : null;
}

// When `field` last became `value` and has stayed so since: a time, 'stayed' if it never left
// `value` from `from` on, or null if it is not `value` now.
export function settledAt(states, from, field, value) {
  const last = states.at(-1);
  if (!last || last[field] !== value) return null;
  let i = states.length - 1;
  while (i > 0 && states[i - 1][field] === value) i--;
  return states[i].t <= from ? 'stayed' : states[i].t;
}

// "connected -> reconnecting +1820 -> connected +4210" (ms from t0): the page's call states.
export function stateTrail(states, t0, field = 'call') {
  const out = [];
  for (const s of states) {
    if (out.length && out.at(-1).v === s[field]) continue;
    out.push({ v: s[field], t: s.t });
  }
  return out.map((x, i) => (i === 0 ? x.v : `${x.v} ${fmt(x.t - t0)}`)).join(' -> ');
}

// The page's #log lines from t0 on, "+1234 ms text", for reports and failure messages.
export const logTrail = (logs, t0) => logs.map((l) => `${fmt(l.t - t0)} ${l.text}`);

const fmt = (ms) => `${ms >= 0 ? '+' : ''}${Math.round(ms)}`;

// The relay's own count of WebSocket peers in rooms (its /metrics), read inside the public
// namespace: what the relay holds, whatever a page's data-signalling claims.
export async function relayPeers(core, address) {
  const text = await core.exec(core.public, ['curl', '-sk', '--max-time', '2', `https://${address}/metrics`])
    .catch(() => '');
  const m = /^p2p_relay_peers (\d+)$/m.exec(text);
  return m ? Number(m[1]) : null;
}

// Established TCP connections the relay (address:443) holds from peerAddress, by the kernel's own
// table in the public namespace: after a page moved to a new network, a connection from its new
// public address is its signalling socket really riding the new path (the page loaded its assets
// over the old one; the old connections linger until the relay drops them as idle).
export async function relayConnectionsFrom(core, address, peerAddress) {
  const text = await core.exec(core.public, ['ss', '-Htn', 'state', 'established']).catch(() => '');
  return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((cols) => cols.length >= 4 &&
    cols.at(-2) === `${address}:443` && cols.at(-1).startsWith(`${peerAddress}:`)).length;
}
