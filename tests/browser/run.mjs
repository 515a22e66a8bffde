// Runs browser cases in one Chromium. The QtTest driver (tst_browser.cpp) starts the stack, passes
// GW_API_URL and GW_CHECKOUT_URL, and runs `node run.mjs --serve`: one request a line on stdin,
// {"case": name, "workerPid": pid}, each answered by "@@done <name> <0|1>" once the case has run,
// so Chromium starts once per suite rather than once per case. `node run.mjs <case>` runs one case
// and exits with its result. Each case has contexts of its own (closed after it) and its own
// merchant pages, served here from other origins.
import readline from 'node:readline';
import { launch, newPage } from './lib/browser.mjs';
import { Gateway } from './lib/gateway.mjs';
import { startMerchantSites } from './lib/merchant.mjs';

const apiUrl = process.env.GW_API_URL;
const checkoutUrl = process.env.GW_CHECKOUT_URL;
const arg = process.argv[2];
if (!arg || !apiUrl || !checkoutUrl) {
  console.error('usage: GW_API_URL=… GW_CHECKOUT_URL=… node run.mjs <case> | --serve');
  process.exit(2);
}

let browser = null;

// Runs one case; returns 0 when it passed, 1 when it failed (and says why).
async function runOne(name, workerPid) {
  if (!browser?.isConnected()) browser = await launch();
  const watchdog = setTimeout(() => {
    console.error(`FAIL ${name}: took over 120 s`);
    process.exit(1);
  }, 120000);
  const sites = await startMerchantSites(checkoutUrl);
  const pages = [];
  const ctx = {
    apiUrl,
    checkoutUrl,
    sites,
    workerPid,
    gateway: new Gateway(apiUrl),
    key: 'key_test_abc123',
    newPage: async (viewport) => {
      const page = await newPage(browser, viewport);
      pages.push(page);
      return page;
    },
  };
  const started = Date.now();
  let code = 0;
  try {
    const { default: runCase } = await import(`./cases/${name}.mjs`);
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
    await Promise.all(pages.map((p) => p.context().close().catch(() => {})));
    await sites.close();
  }
  return code;
}

if (arg !== '--serve') {
  const code = await runOne(arg, Number(process.env.GW_WORKER_PID) || 0);
  await browser?.close().catch(() => {});
  process.exit(code);
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const code = await runOne(request.case, request.workerPid);
  console.log(`@@done ${request.case} ${code}`);
}
await browser?.close().catch(() => {});
