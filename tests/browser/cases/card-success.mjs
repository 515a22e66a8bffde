// A card payment: typed key by key, formatted and recognised as Visa as it is typed; the API
// keeps only the network and the last four digits.
import { equal, ok } from '../lib/assert.mjs';
import { fillCard, iframeOf, pay, payButton, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(249900);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  await page.click('#pay');
  const frame = iframeOf(page);
  await waitForForm(frame);
  equal((await frame.locator(tid('order-amount')).textContent()).trim(), '₹2,499.00', 'Indian digit grouping');

  await fillCard(frame, { number: '4111111111111111', expiry: '1230', cvv: '123', name: 'Asha Rao' });
  ok(await frame.locator(tid('card-form')).isVisible(), 'the card form shows');
  ok(!(await frame.locator(tid('upi-form')).isVisible()), 'the UPI form is hidden');
  equal(await frame.locator(tid('card-number-input')).inputValue(), '4111 1111 1111 1111', 'grouped in fours');
  equal(await frame.locator(tid('expiry-input')).inputValue(), '12/30', 'the slash is added');
  equal((await frame.locator(tid('card-network')).textContent()).trim(), 'Visa', 'network badge');
  equal(await payButton(frame), { enabled: true, text: 'Pay ₹2,499.00' }, 'pay is enabled');

  const result = await pay(frame);
  equal(result.outcome, 'success', 'the payment succeeds');
  const [event] = await waitForEvents(page, 1);
  equal([event.type, event.data.paymentId], ['success', result.paymentId], 'onSuccess with the id');

  const payment = await ctx.gateway.payment(result.paymentId);
  equal([payment.status, payment.method, payment.card_network, payment.card_last4],
    ['success', 'card', 'visa', '1111'], 'the API keeps network and last four');
  const stored = JSON.stringify(payment);
  ok(!stored.includes('4111111111111111') && !stored.includes('"cvv"'), 'no card number or CVV comes back');
}
