// An order has one live payment, and every checkout of it shows that payment instead of a new form:
// a double click on Pay sends one request; a tab whose form was already open, pressing Pay, is
// refused and shows the first payment's progress; a tab opened while the payment is in progress
// (here through checkout.js on the shop's page) shows it too; all follow it to success; a paid order
// opens on the success state with the payment's id. The worker is stopped (SIGSTOP) while the
// tabs open, so the first payment is still pending however long that takes, and continued
// (SIGCONT) to pay it.
import { equal, match, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';
import { fillUpi, iframeOf, standaloneUrl, tid, waitForEvents, waitForForm } from '../lib/checkout.mjs';

const isCreate = (request) => request.method() === 'POST' && request.url().endsWith('/api/v1/payments/public');
const createAnswer = (response) => isCreate(response.request());

function countCreates(page) {
  const creates = [];
  page.on('request', (r) => {
    if (isCreate(r)) creates.push(r.url());
  });
  return creates;
}

async function openForm(ctx, orderId, vpa) {
  const page = await ctx.newPage();
  await page.goto(standaloneUrl(ctx.checkoutUrl, orderId, ctx.key));
  await waitForForm(page);
  await fillUpi(page, vpa);
  return page;
}

// scope shows the processing state of paymentId, with no form to pay again.
async function showsInProgress(scope, paymentId, label) {
  await scope.locator(tid('processing-state')).waitFor({ state: 'visible' });
  equal((await scope.locator(tid('processing-message')).textContent()).trim(), 'Payment in progress',
    `${label}: the processing state says a payment is in progress`);
  match(await scope.locator('#processing-detail').textContent(), new RegExp(`Payment ${paymentId} `),
    `${label}: it names the payment`);
  ok(!(await scope.locator(tid('pay-button')).isVisible()), `${label}: no pay button`);
}

async function successShown(scope, label) {
  const state = scope.locator(tid('success-state'));
  await state.waitFor({ state: 'visible', timeout: 40000 });
  return { id: (await scope.locator(tid('payment-id')).textContent()).trim(),
    message: (await scope.locator(tid('success-message')).textContent()).trim(), label };
}

export default async function (ctx) {
  ok(ctx.workerPid > 0, 'the driver names the worker');
  process.kill(ctx.workerPid, 'SIGSTOP');
  let live;
  try {
    live = await whilePending(ctx);
  } finally {
    process.kill(ctx.workerPid, 'SIGCONT');
  }
  await toSuccess(ctx, live);
}

// The worker is stopped: the payment is made and every tab shows it in progress. Returns them.
async function whilePending(ctx) {
  const order = await ctx.gateway.createOrder(75000);
  const first = await openForm(ctx, order.id, 'first@okaxis');
  const second = await openForm(ctx, order.id, 'second@okicici');

  // The first tab pays with a double click: one request, the payment pending.
  const firstCreates = countCreates(first);
  const created = first.waitForResponse(createAnswer);
  await first.locator(tid('pay-button')).dblclick();
  const payment = await (await created).json();
  match(payment.id, /^pay_[A-Za-z0-9]{16}$/, 'the first tab creates a payment');
  await first.locator(tid('processing-state')).waitFor({ state: 'visible' });
  equal(firstCreates.length, 1, 'one payment request for a double click');

  // The second tab's form was open before: its Pay is refused and it shows the first payment.
  const refused = second.waitForResponse(createAnswer);
  await second.locator(tid('pay-button')).click();
  const refusal = await refused;
  equal(refusal.status(), 400, 'a second payment for the order is refused');
  equal((await refusal.json()).error.payment_id, payment.id, 'the refusal names the live payment');
  await showsInProgress(second, payment.id, 'the tab whose Pay was refused');

  // A third tab, the shop's page with checkout.js, opened while the payment is in progress.
  const shop = await ctx.newPage();
  await shop.goto(ctx.sites.shopPage(order.id, ctx.key));
  await shop.click('#pay');
  const frame = iframeOf(shop);
  await showsInProgress(frame, payment.id, 'a checkout opened while the payment is in progress');
  equal((await ctx.gateway.payment(payment.id)).status, 'pending',
    'the payment was still pending while the tabs showed it in progress');
  await screenshot(shop, 'desktop-modal-in-progress');
  return { order, payment, first, second, shop };
}

// The worker runs again: every tab follows the payment to its success.
async function toSuccess(ctx, { order, payment, first, second, shop }) {
  // All three follow the one payment to its success (the shop's modal closes itself after it, so
  // the shop's page is asked what it heard instead).
  for (const scope of [first, second]) {
    const shown = await successShown(scope, scope === first ? 'the first tab' : 'the second tab');
    equal(shown.id, payment.id, `${shown.label} shows the payment's success`);
  }
  const [event] = await waitForEvents(shop, 1);
  equal([event.type, event.data.paymentId], ['success', payment.id], 'the shop gets onSuccess with the id');

  // The order is paid: its checkout opens on the success state, with no form.
  const later = await ctx.newPage();
  await later.goto(standaloneUrl(ctx.checkoutUrl, order.id, ctx.key));
  const paid = await successShown(later, 'a checkout of the paid order');
  equal([paid.id, paid.message], [payment.id, 'This order is paid'], 'a paid order shows its payment');
  ok(!(await later.locator(tid('pay-button')).isVisible()), 'no pay button for a paid order');
  await screenshot(later, 'desktop-already-paid');

  const payments = await ctx.gateway.call('GET', `/api/v1/payments?order_id=${order.id}`);
  equal(payments.data.map((p) => [p.id, p.status]), [[payment.id, 'success']], 'the order has one payment');
}
