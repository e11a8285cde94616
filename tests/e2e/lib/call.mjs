// Helpers that set up a call between two pages the way a person would.
import { openPage } from './browser.mjs';

export const callUrl = (origin, type, room) =>
  `${origin}/p2p?type=${type}${room ? `&room=${encodeURIComponent(room)}` : ''}`;

export async function waitSignallingOpen(page) {
  await page.waitForSelector('body[data-signalling="open"]', { timeout: 10000 });
}

// Opens both pages in the given order, waits until each is connected to the relay, then clicks
// start on the offer page. Returns { offer, answer }.
export async function openCall(browser, origin, { room, answerFirst = false, offerUrl, answerUrl } = {}) {
  const urls = {
    offer: offerUrl ?? callUrl(origin, 'offer', room),
    answer: answerUrl ?? callUrl(origin, 'answer', room),
  };
  const order = answerFirst ? ['answer', 'offer'] : ['offer', 'answer'];
  const pages = {};
  for (const role of order) {
    pages[role] = await openPage(browser, urls[role]);
    if (!urls[role].includes('seed-peer')) await waitSignallingOpen(pages[role]);
  }
  await pages.offer.locator('#start').click({ timeout: 10000 });
  return pages;
}

export async function closePages(...pages) {
  for (const page of pages) await page.context().close();
}
