// Collects uncaught errors and console errors of a Playwright or Puppeteer page (both use these
// event names), for failure messages.
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}
