// Run against a worker with TEST_PAYMENT_SUCCESS=false: the payment fails, the page says so with a
// retry, and the merchant's onFailure gets the payment id and the reason.
import { equal, match, ok } from '../lib/assert.mjs';
import { DESKTOP, PHONE, screenshot } from '../lib/browser.mjs';
import { fillUpi, iframeOf, pay, payButton, standaloneUrl, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);
  await fillUpi(frame, 'shopper@okaxis');
  const result = await pay(frame);
  equal(result.outcome, 'error', 'the payment fails');
  ok(result.message.length > 0, 'the error state says why');
  ok(await frame.locator(tid('retry-button')).isVisible(), 'a retry button');
  await screenshot(page, 'desktop-modal-error');

  const [event] = await waitForEvents(page, 1);
  equal(event.type, 'failure', 'onFailure, not onSuccess');
  match(event.data.paymentId, /^pay_[A-Za-z0-9]{16}$/, 'onFailure gets the payment id');
  const payment = await ctx.gateway.payment(event.data.paymentId);
  equal(payment.status, 'failed', 'the API agrees');

  await frame.locator(tid('retry-button')).click();
  ok(await frame.locator(tid('upi-form')).isVisible(), 'retry returns to the form');
  equal(await frame.locator(tid('vpa-input')).inputValue(), 'shopper@okaxis', 'what was typed is kept');
  equal((await payButton(frame)).enabled, true, 'and the shopper can pay again');

  // The same state standalone at both widths, for the screenshots.
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const other = await ctx.gateway.createOrder(50000);
    const standalone = await ctx.newPage(viewport);
    await standalone.goto(standaloneUrl(ctx.checkoutUrl, other.id, ctx.key));
    await waitForForm(standalone);
    await fillUpi(standalone, 'shopper@okaxis');
    equal((await pay(standalone)).outcome, 'error', `fails standalone at ${label} width too`);
    await screenshot(standalone, `${label}-error`);
  }
}
