// Launches the system Chromium headless with fake camera/mic, and opens call pages in it.
import { chromium } from 'playwright-core';

import { collectErrors } from './page_errors.mjs';
import { PAGE_PROBE } from './probe.mjs';

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream',
  // Three fake cameras (the mic side already has three inputs) so a device switch has somewhere to go;
  // with the fake UI, getDisplayMedia picks a fake 1280x720 screen without asking.
  '--use-fake-device-for-media-stream=device-count=3',
  '--allow-loopback-in-peer-connection', '--ignore-certificate-errors', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

// Opens a page in its own browser context (like a separate person) and collects its errors.
// The locale is zh-CN so the pages pick Chinese, as most users' browsers here do (?lang= overrides).
export async function openPage(browser, url, { viewport = { width: 1280, height: 720 } } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = collectErrors(page);
  await page.addInitScript(PAGE_PROBE);
  await page.goto(url);
  return page;
}

export async function logText(page) {
  return page.evaluate(() => document.getElementById('log')?.innerText ?? '');
}
