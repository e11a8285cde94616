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

// Chat over the data channel, one message each way, as a person types it (Send, then Enter).
export async function chatBothWays(pages, { fromOffer = 'hello from offer', fromAnswer = '来自应答方' } = {}) {
  for (const page of [pages.offer, pages.answer]) {
    await page.waitForSelector('body[data-chat="open"]', { timeout: 10000 });
  }
  const seen = (page, text) => page.waitForFunction(
    (t) => document.getElementById('chat-log').innerText.includes(t), text, { timeout: 10000 });
  await pages.offer.fill('#chat-input', fromOffer);
  await pages.offer.locator('#chat-send').click();
  await seen(pages.answer, fromOffer);
  await pages.answer.fill('#chat-input', fromAnswer);
  await pages.answer.press('#chat-input', 'Enter');
  await seen(pages.offer, fromAnswer);
}
