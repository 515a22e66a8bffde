// A checkout link with an unknown order or missing parameters says so instead of a broken form.
import { equal, ok } from '../lib/assert.mjs';
import { standaloneUrl, tid } from '../lib/checkout.mjs';

export default async function (ctx) {
  const page = await ctx.newPage();
  await page.goto(standaloneUrl(ctx.checkoutUrl, 'order_doesNotExist0001', ctx.key));
  await page.locator(tid('error-state')).waitFor({ state: 'visible' });
  ok(/could not find this order/i.test(await page.locator(tid('error-message')).textContent()), 'order not found');
  ok(!(await page.locator(tid('pay-button')).isVisible()), 'no pay button');

  await page.goto(`${ctx.checkoutUrl}/checkout`);
  await page.locator(tid('error-state')).waitFor({ state: 'visible' });
  ok(/order_id and a key/.test(await page.locator(tid('error-message')).textContent()), 'incomplete link');

  const order = await ctx.gateway.createOrder(50000);
  await page.goto(standaloneUrl(ctx.checkoutUrl, order.id, 'key_test_wrong'));
  await page.locator(tid('error-state')).waitFor({ state: 'visible' });
  equal((await page.locator(tid('retry-button')).isVisible()), false, 'nothing to retry with a wrong key');
}
