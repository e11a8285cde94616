// A tracing probe for one call (bench/call_setup/trace.mjs): records, with wall-clock ms, every
// getUserMedia, enumerateDevices, RTCPeerConnection method call and its settlement, ICE candidate
// and state events, WebSocket sends and messages, long tasks and main-thread lag, in window.__trace.
export const TRACE_PROBE = `
(() => {
  const wall = () => performance.timeOrigin + performance.now();
  const t = window.__trace = [];
  const note = (what, detail = '') => t.push([wall(), what, String(detail).slice(0, 60)]);
  const wrapAsync = (proto, name, label) => {
    const native = proto[name];
    if (!native) return;
    proto[name] = function (...args) {
      note(label + ' call', args[0] && args[0].type ? args[0].type : '');
      const r = native.apply(this, args);
      if (r && r.then) r.then(() => note(label + ' done'), (e) => note(label + ' fail', e));
      return r;
    };
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) t.push([performance.timeOrigin + e.startTime, 'LONGTASK ' + e.duration.toFixed(0) + ' ms', e.name]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* no long task API */ }
  // Main-thread lag: a 5 ms interval that reports when it ran more than 15 ms late.
  let last = performance.now();
  setInterval(() => { const now = performance.now(); if (now - last > 20) note('LAG ' + (now - last - 5).toFixed(0) + ' ms'); last = now; }, 5);
  const md = navigator.mediaDevices;
  if (md) {
    wrapAsync(MediaDevices.prototype, 'getUserMedia', 'gUM');
    wrapAsync(MediaDevices.prototype, 'enumerateDevices', 'enumerate');
  }
  const P = RTCPeerConnection.prototype;
  for (const m of ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription', 'addIceCandidate'])
    wrapAsync(P, m, m);
  for (const m of ['addTrack', 'createDataChannel', 'restartIce']) {
    const native = P[m];
    P[m] = function (...a) { note(m); return native.apply(this, a); };
  }
  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...a) {
      super(...a);
      note('new RTCPeerConnection');
      this.addEventListener('negotiationneeded', () => note('negotiationneeded'));
      this.addEventListener('icecandidate', (e) => note('icecandidate', e.candidate ? e.candidate.candidate.split(' ').slice(4, 8).join(' ') : 'end'));
      this.addEventListener('iceconnectionstatechange', () => note('ice', this.iceConnectionState));
      this.addEventListener('connectionstatechange', () => note('conn', this.connectionState));
      this.addEventListener('icegatheringstatechange', () => note('gathering', this.iceGatheringState));
      this.addEventListener('track', (e) => note('track', e.track.kind));
    }
  };
  const NativeWs = window.WebSocket;
  window.WebSocket = class extends NativeWs {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => note('ws recv', String(e.data).slice(0, 40)));
    }
    send(d) { note('ws send', String(d).slice(0, 40)); return super.send(d); }
  };
})();`;
