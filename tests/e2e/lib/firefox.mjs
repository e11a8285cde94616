// Debian's firefox-esr as an engine of lib/engines.mjs, driven by puppeteer-core over WebDriver
// BiDi. Each open page has a Firefox process of its own (two pages sharing one process did not
// both get working fake media and ICE here); a closed page's process is kept and handed to the
// next page, because a Firefox start costs several seconds on this machine.
import puppeteer from 'puppeteer-core';

import { collectErrors } from './page_errors.mjs';
import { PAGE_PROBE } from './probe.mjs';

const VIEWPORT = { width: 1280, height: 720 };

const FIREFOX_PREFS = {
  // A fake camera and microphone, granted without a prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // A stored camera/mic permission: without one Firefox gathers only the default-route address
  // (privacy mode of its ICE), and a loopback-only namespace has no default route.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  // Host candidates on 127.0.0.1, which Firefox leaves out by default.
  'media.peerconnection.ice.loopback': true,
  'media.autoplay.default': 0,
  // navigator.language comes from here; zh-CN like the Chromium contexts (?lang= overrides).
  'intl.accept_languages': 'zh-CN, zh',
};

async function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_BIN || '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,  // the relay's self-signed certificate
    extraPrefsFirefox: FIREFOX_PREFS,
  });
}

function wrapPage(page, context, release) {
  return {
    engine: 'firefox',
    errors: collectErrors(page),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForFunction: async (fn, arg, { timeout = 10000, polling = 100 } = {}) =>
      (await page.waitForFunction(fn, { timeout, polling }, arg)).jsonValue(),
    waitForSelector: (selector, { timeout = 10000 } = {}) => page.waitForSelector(selector, { timeout }),
    async clickId(id, { timeout = 10000 } = {}) {
      await page.waitForSelector(`#${id}`, { visible: true, timeout });
      await page.click(`#${id}`);
    },
    typeInto: (id, text) => page.type(`#${id}`, text),
    reload: () => page.reload({ waitUntil: 'load' }),
    async close() {
      await context.close().catch(() => {});  // a crashed process has nothing left to close
      release();
    },
  };
}

// options.probe: the script every page gets before its own (default: the e2e probe).
export async function launchFirefoxEngine({ probe = PAGE_PROBE } = {}) {
  const idle = [];      // processes without a page
  const all = [];
  const takeProcess = async () => {
    while (idle.length) {
      const browser = idle.pop();
      if (browser.connected) return browser;
    }
    const browser = await launchFirefox();
    all.push(browser);
    return browser;
  };
  return {
    name: 'firefox',
    async version() {
      const browser = await takeProcess();
      idle.push(browser);
      return (await browser.version()).replace(/^firefox\//i, 'Firefox ');
    },
    async openPage(url) {
      const browser = await takeProcess();
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const wrapped = wrapPage(page, context, () => idle.push(browser));
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(probe);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    async close() {
      await Promise.all(all.map((b) => b.close().catch(() => {})));
    },
  };
}
