// Page load -> client ready. Every load is in a new browser context, so the HTTP cache, the
// compiled-wasm cache and the TLS session are cold each time (a first visit, the slow case).
// Times are ms since navigation start (performance.timeOrigin), read by the probe:
//   wasmFetched  the last byte of client.wasm arrived (resource timing; our page only)
//   wasm         WebAssembly.instantiate[Streaming] resolved (our page only)
//   socketCreated, socketOpen  the signalling WebSocket was constructed / opened
//   ready        our page: body[data-signalling="open"], i.e. the client has handled the socket's
//                open event; the seed page (no wasm): its WebSocket's open event
//   loadEvent    the document's load event, for context
import { BENCH_PROBE } from './probe.mjs';

async function loadOnce(browser, url, readyMark) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  const requests = [];
  context.on('requestfinished', (request) => {
    requests.push(request.sizes().then((sizes) => ({ url: request.url(), transferBody: sizes.responseBodySize })));
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(BENCH_PROBE);
    await page.goto(url);
    await page.waitForFunction((mark) => window.__bench.load[mark] !== undefined, readyMark, { timeout: 10000, polling: 10 });
    await page.waitForLoadState('load');  // the ready mark may come first; loadEventStart needs it
    const load = await page.evaluate(() => window.__bench.load);
    const timing = await page.evaluate(() => ({
      loadEvent: performance.getEntriesByType('navigation')[0]?.loadEventStart ?? null,
      wasmFetched: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/client.wasm'))?.responseEnd ?? null,
    }));
    return { ready: load[readyMark], wasm: load.wasmReady ?? null, socketCreated: load.socketCreated, socketOpen: load.socketOpen, ...timing, requests: await Promise.all(requests) };
  } finally {
    await context.close();
  }
}

// Alternates our page and the seed page `loads` times, after one uncounted load of each (the
// browser's first page pays for starting its own services); returns the samples and every
// request our page made (what the bundle size must count).
export async function measurePageLoads(browser, { oursOrigin, nodeOrigin, loads }) {
  const ours = [];
  const seed = [];
  for (let i = -1; i < loads; i += 1) {
    const o = await loadOnce(browser, `${oursOrigin}/p2p?type=offer&room=load-${i + 1}`, 'signallingOpen');
    const s = await loadOnce(browser, `${nodeOrigin}/seed-peer.html?type=offer`, 'socketOpen');
    if (i >= 0) { ours.push(o); seed.push(s); }
  }
  return { ours, seed, oursRequests: ours[0].requests };
}
