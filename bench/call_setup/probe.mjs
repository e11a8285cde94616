// The timing probe injected into every benchmarked page (ours, the seed page, the in-page floor)
// by page.addInitScript, so all three are measured the same way without touching product code.
// It records, in window.__bench:
//   clickAt            the click on #start (capture phase, before the page's own handler runs)
//   iceConnectedAt[i]  the first iceConnectionState "connected"/"completed" of the i-th
//                      RTCPeerConnection the page created (a subclass replaces the global)
//   firstFrameAt[id]   the first frame presented by each video whose id starts with "remote-video"
//                      (requestVideoFrameCallback, as tests/e2e/lib/browser.mjs's probe does)
// and, in window.__bench.load, ms since navigation start (performance.now()):
//   wasmReady          WebAssembly.instantiate[Streaming] resolved (our page only)
//   socketCreated      the first WebSocket was constructed
//   socketOpen         its "open" event
//   signallingOpen     body[data-signalling] became "open" (our page: the client handled the open)
// Call times are wall-clock ms (performance.timeOrigin + now) so two pages' clocks compare.
export const BENCH_PROBE = `
(() => {
  const wall = () => performance.timeOrigin + performance.now();
  const b = window.__bench = { clickAt: null, iceConnectedAt: [], firstFrameAt: {}, load: {} };
  const mark = (name) => { if (b.load[name] === undefined) b.load[name] = performance.now(); };

  document.addEventListener('click', (e) => {
    if (e.target && e.target.id === 'start' && b.clickAt === null) b.clickAt = wall();
  }, true);

  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args) {
      super(...args);
      const index = b.iceConnectedAt.push(null) - 1;
      const check = () => {
        const s = this.iceConnectionState;
        if (b.iceConnectedAt[index] === null && (s === 'connected' || s === 'completed')) b.iceConnectedAt[index] = wall();
      };
      this.addEventListener('iceconnectionstatechange', check);
    }
  };

  const NativeWs = window.WebSocket;
  window.WebSocket = class extends NativeWs {
    constructor(...args) {
      mark('socketCreated');
      super(...args);
      this.addEventListener('open', () => mark('socketOpen'));
    }
  };

  for (const name of ['instantiate', 'instantiateStreaming']) {
    const native = WebAssembly[name];
    if (!native) continue;
    WebAssembly[name] = function (...args) {
      return native.apply(this, args).then((r) => { mark('wasmReady'); return r; });
    };
  }

  new MutationObserver(() => {
    if (document.body && document.body.dataset.signalling === 'open') mark('signallingOpen');
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-signalling'] });

  const watchFrames = () => {
    for (const v of document.querySelectorAll('video[id^="remote-video"]')) {
      v.requestVideoFrameCallback(() => { if (!(v.id in b.firstFrameAt)) b.firstFrameAt[v.id] = wall(); });
    }
  };
  document.addEventListener('DOMContentLoaded', watchFrames);
})();`;
