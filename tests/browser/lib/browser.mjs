// Chromium through playwright-core, launched the way TOOLCHAIN-FACTS.md says works on Debian
// (the system /usr/bin/chromium; playwright's own browser downloads do not work here).
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(new URL('../../node/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch() {
  // playwright gives every launch a fresh temporary user-data-dir.
  return chromium.launch({
    executablePath: process.env.GW_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page whose console errors and uncaught exceptions are collected, so a case can require none.
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: viewport === PHONE,
    isMobile: viewport === PHONE });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.setDefaultTimeout(15000);
  return page;
}

export function artifactsDir() {
  const dir = process.env.GW_ARTIFACTS || path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page, name) {
  const file = path.join(artifactsDir(), `checkout-${name}.png`);
  await page.waitForTimeout(250); // let transitions settle
  await page.screenshot({ path: file });
  console.log(`screenshot ${file}`);
}
