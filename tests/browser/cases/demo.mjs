// The demo merchant page: "Buy now" creates an order through checkout-web's test-mode step and
// opens the SDK; the page logs the callbacks; the modal closes by itself after the success.
import { equal, ok } from '../lib/assert.mjs';
import { PHONE, screenshot } from '../lib/browser.mjs';
import { fillUpi, iframeOf, pay, tid, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const page = await ctx.newPage();
  await page.goto(`${ctx.checkoutUrl}/demo`);
  await screenshot(page, 'demo-desktop');
  ok((await page.locator('#curl-snippet').textContent()).includes(`${ctx.apiUrl}/api/v1/orders`), 'the curl command names the API');
  await page.locator(tid('demo-amount-input')).fill('799');
  await page.locator(tid('demo-pay-button')).click();
  const frame = iframeOf(page);
  await waitForForm(frame);
  equal((await frame.locator(tid('order-amount')).textContent()).trim(), '₹799.00', 'the demo order amount');
  await fillUpi(frame, 'demo@okhdfc');
  equal((await pay(frame)).outcome, 'success', 'the demo payment succeeds');
  await page.locator(`${tid('demo-log')} li[data-event="onSuccess"]`).waitFor();
  await page.locator(tid('payment-modal')).waitFor({ state: 'detached' });
  equal(await page.locator(`${tid('demo-log')} li[data-event="onClose"]`).count(), 0,
    'the modal closed by itself after the success, without onClose');
  await screenshot(page, 'demo-desktop-after');

  const phone = await ctx.newPage(PHONE);
  await phone.goto(`${ctx.checkoutUrl}/demo`);
  await phone.locator(tid('demo-pay-button')).click();
  await waitForForm(iframeOf(phone));
  await screenshot(phone, 'phone-modal');
}
