// Messages that look like the checkout's but come from another origin (a frame on the merchant
// page, or the merchant page itself) are ignored; the real checkout's message still counts.
import { equal, eventually, match, ok } from '../lib/assert.mjs';
import { events, fillUpi, iframeOf, pay, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);

  await page.evaluate((url) => {
    const forger = document.createElement('iframe');
    forger.src = `${url}/forger`;
    document.body.appendChild(forger);
  }, ctx.sites.foreignUrl);
  await eventually(() => page.evaluate(() => window.forgerDone === true), 'the foreign frame posted its messages');
  await page.evaluate(() => {
    window.postMessage({ type: 'payment_success', data: { paymentId: 'pay_FORGEDforged0002' } }, '*');
    window.postMessage({ type: 'close_modal' }, '*');
  });
  await page.waitForTimeout(500);
  equal(await events(page), [], 'no callback for forged messages');
  ok(await page.locator(tid('payment-modal')).isVisible(), 'a forged close_modal does not close the modal');

  await fillUpi(frame, 'shopper@okaxis');
  const result = await pay(frame);
  equal(result.outcome, 'success', 'the real payment succeeds');
  const seen = await waitForEvents(page, 1);
  equal(seen.length, 1, 'exactly one callback');
  equal(seen[0].type, 'success', 'the real checkout message is accepted');
  match(seen[0].data.paymentId, /^pay_[A-Za-z0-9]{16}$/, 'payment id');
  equal(seen[0].data.paymentId, result.paymentId, 'the id the page shows');
}
