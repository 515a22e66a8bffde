// After a success the SDK calls onSuccess once and closes the modal by itself once the checkout has
// shown its success state (about 1.5 s); onClose is only for the shopper's own dismissal, so it is
// not called, not even when the merchant's onSuccess closes the modal at once.
import { equal, ok } from '../lib/assert.mjs';
import { events, fillUpi, iframeOf, pay, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

// A checkout like the shop's, whose callbacks also note when they ran; closeOnSuccess makes
// onSuccess call checkout.close() itself, as many merchants do.
async function instrument(page, closeOnSuccess) {
  await page.evaluate((closeOnSuccess) => {
    const params = new URLSearchParams(location.search);
    window.times = {};
    window.checkout = new PaymentGateway({
      key: params.get('key'),
      orderId: params.get('order_id'),
      onSuccess: (data) => {
        window.times.success = performance.now();
        window.events.push({ type: 'success', data });
        if (closeOnSuccess) window.checkout.close();
      },
      onFailure: (data) => window.events.push({ type: 'failure', data }),
      onClose: () => window.events.push({ type: 'close' }),
    });
    new MutationObserver(() => {
      if (window.times.success && !document.getElementById('payment-gateway-modal'))
        window.times.removed ??= performance.now();
    }).observe(document.body, { childList: true });
  }, closeOnSuccess);
}

export default async function (ctx) {
  // The modal closes by itself after showing the success state.
  const order = await ctx.gateway.createOrder(50000);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  await instrument(page, false);
  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);
  await fillUpi(frame, 'shopper@okaxis');
  const result = await pay(frame);
  equal(result.outcome, 'success', 'the payment succeeds');
  const [event] = await waitForEvents(page, 1);
  equal([event.type, event.data.paymentId], ['success', result.paymentId], 'onSuccess with the payment id');
  await page.locator(tid('payment-modal')).waitFor({ state: 'detached' });
  const times = await page.evaluate(() => window.times);
  ok(times.removed - times.success >= 1400,
    `the success state shows about 1.5 s before the modal closes (${Math.round(times.removed - times.success)} ms)`);
  await page.waitForTimeout(300);
  equal((await events(page)).map((e) => e.type), ['success'], 'onSuccess once and no onClose');
  equal(await page.evaluate(() => document.activeElement.id), 'pay', 'focus is back on the button that opened it');

  // A merchant's onSuccess that closes the modal itself: still no onClose.
  const second = await ctx.gateway.createOrder(50000);
  const other = await ctx.newPage();
  await other.goto(ctx.sites.shopPage(second.id, ctx.key));
  await instrument(other, true);
  await other.click('#pay');
  const otherFrame = iframeOf(other);
  await waitForForm(otherFrame);
  await fillUpi(otherFrame, 'shopper@okaxis');
  await otherFrame.locator(tid('pay-button')).click();
  await waitForEvents(other, 1);
  await other.locator(tid('payment-modal')).waitFor({ state: 'detached' });
  await other.waitForTimeout(2000); // past the 1.5 s the SDK would otherwise wait
  equal((await events(other)).map((e) => e.type), ['success'], 'closing in onSuccess calls no onClose');
}
