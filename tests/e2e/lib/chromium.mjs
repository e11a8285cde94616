// The system Chromium as an engine of lib/engines.mjs: one browser process for all its pages,
// each page in its own context (a separate person), launched and configured by lib/browser.mjs.
import { launchBrowser } from './browser.mjs';
import { collectErrors } from './page_errors.mjs';
import { PAGE_PROBE } from './probe.mjs';

const VIEWPORT = { width: 1280, height: 720 };

function wrapPage(page) {
  return {
    engine: 'chromium',
    errors: collectErrors(page),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForFunction: async (fn, arg, { timeout = 10000, polling = 100 } = {}) =>
      (await page.waitForFunction(fn, arg, { timeout, polling })).jsonValue(),
    waitForSelector: (selector, { timeout = 10000 } = {}) => page.waitForSelector(selector, { timeout }),
    clickId: (id, { timeout = 10000 } = {}) => page.locator(`#${id}`).click({ timeout }),
    typeInto: (id, text) => page.locator(`#${id}`).pressSequentially(text),
    reload: () => page.reload(),
    close: () => page.context().close(),
  };
}

// options.probe: the script every page gets before its own (default: the e2e probe);
// options.browser: a Playwright browser to open the pages in (default: a new one, closed with it).
export async function launchChromiumEngine({ probe = PAGE_PROBE, browser: given } = {}) {
  const browser = given ?? await launchBrowser();
  return {
    name: 'chromium',
    version: async () => `Chromium ${browser.version()}`,
    async openPage(url) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: VIEWPORT, locale: 'zh-CN' });
      const page = await context.newPage();
      const wrapped = wrapPage(page);
      await page.addInitScript(probe);
      await page.goto(url);
      return wrapped;
    },
    close: async () => { if (!given) await browser.close(); },
  };
}
