// Escape closes the modal and calls onClose, whether focus is on the merchant page's side of the
// modal or inside the checkout iframe; the modal opens again afterwards.
import { equal } from '../lib/assert.mjs';
import { events, iframeOf, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(12345);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));

  await page.click('#pay');
  await waitForForm(iframeOf(page));
  await page.locator(tid('close-modal-button')).focus();
  await page.keyboard.press('Escape');
  equal(await events(page), [{ type: 'close' }], 'Escape on the merchant side calls onClose');
  equal(await page.locator(tid('payment-modal')).count(), 0, 'the modal is gone');

  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);
  equal((await frame.locator(tid('order-amount')).textContent()).trim(), '₹123.45', 'amount in rupees and paise');
  await frame.locator(tid('vpa-input')).click();
  await page.keyboard.press('Escape');
  const seen = await waitForEvents(page, 2);
  equal(seen, [{ type: 'close' }, { type: 'close' }], 'Escape inside the iframe calls onClose');
  await page.waitForTimeout(300);
  equal((await events(page)).length, 2, 'onClose is called once per close');
  equal(await page.locator(tid('payment-modal')).count(), 0, 'the modal is gone again');
}
