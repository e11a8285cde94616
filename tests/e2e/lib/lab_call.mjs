// A call across the lab: the offer page in home 0's browser, the answer page in home 1's, both
// loaded from the relay's public address, and start clicked on the offer page.
import { waitSignallingOpen } from './call.mjs';
import { launchInNamespace, openLabPage, waitSelectedPair } from './lab_browser.mjs';
import { expectRemoteVideoPlaying, setupTimeMs } from './video.mjs';

export const labCallUrl = (origin, type, room) => `${origin}/p2p?type=${type}&room=${encodeURIComponent(room)}`;

// Opens one browser per home (in parallel: each takes about a second to start) and the two pages.
// Returns { browsers, offer, answer }; the caller closes the browsers (closeLabCall).
export async function openLabCall(lab, origin, room) {
  const browsers = [];
  const call = { browsers };
  try {
    const [offerBrowser, answerBrowser] = await Promise.all(
      lab.homes.slice(0, 2).map(async (home) => {
        const browser = await launchInNamespace(home.ns);
        browsers.push(browser);
        return browser;
      }));
    [call.offer, call.answer] = await Promise.all([
      openLabPage(offerBrowser, labCallUrl(origin, 'offer', room)),
      openLabPage(answerBrowser, labCallUrl(origin, 'answer', room))]);
    await Promise.all([waitSignallingOpen(call.offer), waitSignallingOpen(call.answer)]);
    await call.offer.locator('#start').click({ timeout: 10000 });
    return call;
  } catch (e) {
    await closeLabCall(call);
    throw e;
  }
}

export async function closeLabCall(call) {
  await Promise.all((call?.browsers ?? []).map((b) => b.close().catch(() => {})));
}

// Frames both ways, then what each page's connection selected and how long set-up took:
// { offer: pair, answer: pair, setupMs: { offer, answer } } (click on offer -> first frame).
export async function expectCallUp(call, timeoutMs = 20000) {
  await Promise.all([expectRemoteVideoPlaying(call.offer, 'offer page', timeoutMs),
    expectRemoteVideoPlaying(call.answer, 'answer page', timeoutMs)]);
  const [offer, answer] = await Promise.all([waitSelectedPair(call.offer), waitSelectedPair(call.answer)]);
  const setupMs = {
    offer: Math.round(await setupTimeMs(call.offer, call.offer)),
    answer: Math.round(await setupTimeMs(call.offer, call.answer)),
  };
  return { offer, answer, setupMs };
}
