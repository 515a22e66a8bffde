// A UPI payment from a merchant page on another origin: the SDK's iframe takes the VPA, shows
// processing (one request however often pay is clicked), polls to success, shows the payment id
// and calls onSuccess with it.
import { equal, match, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';
import { fieldMessage, fillUpi, iframeOf, pay, payButton, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);
  ok(await frame.locator(tid('upi-form')).isVisible(), 'the UPI form shows');
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/payments/public')) posts.push(r.url());
  });
  await frame.locator(tid('pay-button')).click();
  equal(await fieldMessage(frame, 'vpa-input'), { text: 'Enter your UPI ID', role: 'alert', invalid: 'true' },
    'pay on the empty form asks for the UPI ID (and sends nothing: one request in all, below)');

  await fillUpi(frame, 'shopper@okaxis');
  equal(await payButton(frame), { enabled: true, text: 'Pay ₹500.00' }, 'pay is enabled for a valid VPA');
  // A double click pays once: the button is disabled as soon as the first click is taken.
  const result = await pay(frame, { doubleClick: true,
    whileProcessing: () => screenshot(page, 'desktop-modal-processing') });
  equal(posts.length, 1, 'one payment request for a double click');
  equal(result.outcome, 'success', 'the payment succeeds');
  match(result.paymentId, /^pay_[A-Za-z0-9]{16}$/, 'the success state shows the payment id');
  ok((await frame.locator(tid('success-message')).textContent()).trim().length > 0, 'a success message');
  await screenshot(page, 'desktop-modal-success');

  const [event] = await waitForEvents(page, 1);
  equal(event.type, 'success', 'onSuccess');
  equal(event.data.paymentId, result.paymentId, 'onSuccess gets the payment id');

  const payment = await ctx.gateway.payment(result.paymentId);
  equal([payment.status, payment.method, payment.vpa, payment.order_id, payment.amount],
    ['success', 'upi', 'shopper@okaxis', order.id, 50000], 'the API agrees');
}
