// The interactive API reference at /docs: Swagger UI served by the API server itself (no request
// leaves for another host), reading our openapi.json, with the test merchant's credentials filled
// in (test mode), performs one real call from the page: "Try it out" on GET /api/v1/orders lists
// the order made here, with status 200.
import { equal, eventually, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(43210);
  const page = await ctx.newPage();
  const api = new URL(ctx.apiUrl);
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.host !== api.host && u.protocol !== 'data:') foreign.push(r.url());
  });
  await page.goto(`${ctx.apiUrl}/docs`);
  await page.locator('.swagger-ui .info .title').waitFor({ state: 'visible' });
  ok(/Payment gateway API/.test(await page.locator('.swagger-ui .info .title').textContent()), 'the spec is our openapi.json');
  // Prefilled credentials: the Authorize button shows a closed lock.
  await page.locator('.btn.authorize.locked').waitFor({ state: 'visible' });
  await screenshot(page, 'api-docs');

  const op = page.locator('#operations-default-get_api_v1_orders');
  await op.locator('.opblock-summary').click();
  await op.locator('.try-out__btn').click();
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status');
  await status.first().waitFor({ state: 'visible' });
  equal((await status.first().textContent()).trim(), '200', 'the call from the page succeeds');
  const body = await eventually(async () => {
    const text = await op.locator('.live-responses-table .response-col_description pre').first().textContent();
    return text.includes(order.id) ? text : null;
  }, 'the response lists the order made by this case');
  ok(JSON.parse(body).total >= 1, 'a list answer');
  await status.first().scrollIntoViewIfNeeded();
  await screenshot(page, 'api-docs-call');
  equal(foreign, [], 'nothing is loaded from another host');
}
