// The hosted checkout standalone at desktop and phone width, in each state, for the screenshots a
// person looks at (docs/screenshots). Also checks the layout fits: nothing wider than the screen.
import { equal, ok } from '../lib/assert.mjs';
import { DESKTOP, PHONE, screenshot } from '../lib/browser.mjs';
import { fillCard, fillUpi, pay, standaloneUrl, waitForForm } from '../lib/checkout.mjs';

async function noSidewaysScroll(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  ok(scrollWidth <= innerWidth, `${label}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
}

export default async function (ctx) {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const order = await ctx.gateway.createOrder(149900);
    const page = await ctx.newPage(viewport);
    await page.goto(standaloneUrl(ctx.checkoutUrl, order.id, ctx.key));
    await waitForForm(page);
    await noSidewaysScroll(page, label);
    await screenshot(page, `${label}-upi`);
    await fillCard(page, { number: '5555555555554444', expiry: '0929', cvv: '123', name: 'Ravi Kumar' });
    await noSidewaysScroll(page, label);
    await screenshot(page, `${label}-card`);
    await fillUpi(page, 'ravi@okicici');
    const result = await pay(page, { whileProcessing: () => screenshot(page, `${label}-processing`) });
    equal(result.outcome, 'success', `${label} payment succeeds`);
    await screenshot(page, `${label}-success`);
  }
}
