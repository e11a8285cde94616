// The one page interface the cross-engine tests use, so a test reads the same whichever browser
// holds the page. Both lib/chromium.mjs (Playwright) and lib/firefox.mjs (Puppeteer over WebDriver
// BiDi) return engines whose pages satisfy it:
//
//   engine.name                        'chromium' | 'firefox'
//   engine.version()                   resolves to e.g. 'Chromium 156.0.7632.45'
//   engine.openPage(url)               a fresh page in its own context, the probe installed, at url
//   engine.close()                     ends the engine's browser process(es)
//   page.engine                        the engine's name
//   page.errors                        uncaught page errors and console errors, as strings
//   page.evaluate(fn, arg)             fn(arg) in the page; resolves to its (serialisable) result
//   page.waitForFunction(fn, arg, { timeout, polling })  resolves to fn's first truthy result
//   page.waitForSelector(selector, { timeout })
//   page.clickId(id, { timeout })      a real mouse click on #id once it is visible
//   page.typeInto(id, text)            focuses #id and types text as keystrokes
//   page.reload()                      reloads and waits for the load event
//   page.close()                       closes the page and its context
//
// Signatures follow Playwright's (arg before options), so the helpers in lib/video.mjs also accept
// the plain Playwright pages of the older Chromium-only test files.
import { launchChromiumEngine } from './chromium.mjs';
import { launchFirefoxEngine } from './firefox.mjs';

export const ENGINE_NAMES = ['chromium', 'firefox'];

// options: { probe } (the script each page gets first; default lib/probe.mjs), and for Chromium
// { browser } (a Playwright browser to use rather than a new one).
export function launchEngine(name, options = {}) {
  if (name === 'chromium') return launchChromiumEngine(options);
  if (name === 'firefox') return launchFirefoxEngine(options);
  throw new Error(`unknown browser engine ${name}`);
}
