// Runs one browser case: node run.mjs <case>. The QtTest driver (tst_browser.cpp) starts the stack
// and passes GW_API_URL and GW_CHECKOUT_URL; the merchant pages are served here, from other origins.
import { launch, newPage } from './lib/browser.mjs';
import { Gateway } from './lib/gateway.mjs';
import { startMerchantSites } from './lib/merchant.mjs';

const name = process.argv[2];
const apiUrl = process.env.GW_API_URL;
const checkoutUrl = process.env.GW_CHECKOUT_URL;
if (!name || !apiUrl || !checkoutUrl) {
  console.error('usage: GW_API_URL=… GW_CHECKOUT_URL=… node run.mjs <case>');
  process.exit(2);
}

const { default: runCase } = await import(`./cases/${name}.mjs`);
const browser = await launch();
const sites = await startMerchantSites(checkoutUrl);
const pages = [];
const ctx = {
  apiUrl,
  checkoutUrl,
  sites,
  gateway: new Gateway(apiUrl),
  key: 'key_test_abc123',
  newPage: async (viewport) => {
    const page = await newPage(browser, viewport);
    pages.push(page);
    return page;
  },
};

const watchdog = setTimeout(() => {
  console.error(`case ${name} took over 120 s`);
  process.exit(1);
}, 120000);

let code = 0;
const started = Date.now();
try {
  await runCase(ctx);
  // Uncaught exceptions and CSP refusals fail a case; a failed resource load (a 404 the case
  // asked for) is the browser's own console note.
  const problems = pages.flatMap((p) => p.problems).filter((p) => !p.includes('Failed to load resource'));
  if (problems.length) throw new Error(`the pages reported problems:\n  ${problems.join('\n  ')}`);
  console.log(`PASS ${name} (${Date.now() - started} ms)`);
} catch (e) {
  code = 1;
  console.error(`FAIL ${name}: ${e.stack || e}`);
} finally {
  clearTimeout(watchdog);
  await browser.close().catch(() => {});
  await sites.close();
}
process.exit(code);
