// Launches the system Chromium headless with fake camera/mic, and opens call pages in it.
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream',
  // Three fake cameras (the mic side already has three inputs) so a device switch has somewhere to go;
  // with the fake UI, getDisplayMedia picks a fake 1280x720 screen without asking.
  '--use-fake-device-for-media-stream=device-count=3',
  '--allow-loopback-in-peer-connection', '--ignore-certificate-errors', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

// Records, in wall-clock ms, when #start is clicked and when #remote-video presents its first frame,
// so call-setup time can be compared across the two pages of a call.
const TIMING_PROBE = `
  (() => {
    const now = () => performance.timeOrigin + performance.now();
    window.__e2e = { clickAt: null, firstFrameAt: null };
    document.addEventListener('click', (e) => {
      if (e.target && e.target.id === 'start' && window.__e2e.clickAt === null) window.__e2e.clickAt = now();
    }, true);
    const watch = () => {
      const v = document.getElementById('remote-video');
      if (!v) return setTimeout(watch, 5);
      v.requestVideoFrameCallback(() => { window.__e2e.firstFrameAt = now(); });
    };
    document.addEventListener('DOMContentLoaded', watch);
  })();`;

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
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.addInitScript(TIMING_PROBE);
  await page.goto(url);
  return page;
}

export async function logText(page) {
  return page.evaluate(() => document.getElementById('log')?.innerText ?? '');
}
