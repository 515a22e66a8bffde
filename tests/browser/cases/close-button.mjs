// The SDK's modal: its structure and data-test-ids, the iframe on the checkout origin, focus moved
// in and back, the page behind not scrolling, and the close button calling onClose.
import { equal, eventually, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';
import { events, iframeOf, tid, waitForForm } from '../lib/checkout.mjs';

async function scrollTop(page) {
  return page.evaluate(() => document.scrollingElement.scrollTop);
}

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const page = await ctx.newPage();
  await page.goto(ctx.sites.shopPage(order.id, ctx.key));
  ok(ctx.sites.shopUrl !== new URL(ctx.checkoutUrl).origin, 'the shop and the checkout are different origins');

  const refused = await page.evaluate(() => ['key', 'orderId'].map((missing) => {
    try {
      new PaymentGateway({ key: 'key_test_abc123', orderId: 'order_x', [missing]: undefined });
      return 'accepted';
    } catch (e) {
      return e.message;
    }
  }));
  equal(refused, ['PaymentGateway: key is required', 'PaymentGateway: orderId is required'],
    'the SDK refuses options without key or orderId');

  await page.click('#pay');
  const modal = page.locator(`#payment-gateway-modal${tid('payment-modal')}`);
  await modal.waitFor();
  equal(await page.locator(`${tid('payment-modal')} > .modal-overlay > .modal-content`).count(), 1,
    'modal > .modal-overlay > .modal-content');
  const src = await page.locator(`.modal-content > iframe${tid('payment-iframe')}`).getAttribute('src');
  equal(src, `${ctx.checkoutUrl}/checkout?order_id=${order.id}&key=${ctx.key}&embedded=true`, 'iframe src');
  ok(await page.locator(`.modal-content ${tid('close-modal-button')}`).isVisible(), 'the close button shows');

  const frame = iframeOf(page);
  await waitForForm(frame);
  equal((await frame.locator(tid('order-amount')).textContent()).trim(), '₹500.00', 'amount in rupees');
  equal((await frame.locator(tid('order-id')).textContent()).trim(), order.id, 'order id');

  const focus = await page.evaluate(() => document.activeElement.closest('#payment-gateway-modal') !== null);
  ok(focus, 'focus moved into the modal');
  await page.locator(tid('close-modal-button')).focus();
  await page.keyboard.press('Tab');
  equal(await page.evaluate(() => document.activeElement.dataset.testId), 'payment-iframe',
    'Tab from the close button stays in the modal');
  await page.evaluate(() => document.querySelector('#pay').focus()); // focus escaping to the page…
  equal(await page.evaluate(() => document.activeElement.dataset.testId), 'close-modal-button',
    '…is brought back into the modal');

  await page.mouse.move(640, 700);
  await page.mouse.wheel(0, 1500);
  await page.waitForTimeout(400);
  equal(await scrollTop(page), 0, 'the page behind the modal does not scroll');
  await screenshot(page, 'desktop-modal');

  await page.locator(tid('close-modal-button')).click();
  equal(await events(page), [{ type: 'close' }], 'onClose once, nothing else');
  equal(await page.locator(tid('payment-modal')).count(), 0, 'the modal is gone');
  equal(await page.evaluate(() => document.activeElement.id), 'pay', 'focus is back on the button that opened it');
  await page.mouse.wheel(0, 1500);
  await eventually(async () => (await scrollTop(page)) > 0, 'the page scrolls again once the modal is closed');
}
