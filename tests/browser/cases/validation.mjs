// Bad input is caught as the shopper types: the pay button stays disabled, the field says what is
// wrong, and no payment request leaves the page (checked in the browser and at the API).
import { equal, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';
import { fillCard, payButton, standaloneUrl, tid, waitForForm } from '../lib/checkout.mjs';

async function fieldError(page, testId) {
  return page.locator(tid(testId)).evaluate((input) => input.closest('.field').querySelector('.field-error').textContent);
}

async function clearCard(page) {
  for (const id of ['card-number-input', 'expiry-input', 'cvv-input', 'cardholder-name-input'])
    await page.locator(tid(id)).fill('');
}

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const before = await ctx.gateway.paymentCount();
  const page = await ctx.newPage();
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/payments')) posts.push(r.url());
  });
  await page.goto(standaloneUrl(ctx.checkoutUrl, order.id, ctx.key));
  await waitForForm(page);

  // The rules themselves, in the page's own module.
  const unit = await page.evaluate(async () => {
    const v = await import('/validation.js');
    return {
      luhn: [v.luhnValid('4111111111111111'), v.luhnValid('4111111111111112'), v.luhnValid('378282246310005')],
      networks: ['4111', '5555', '2221', '378282', '6073', '8112', '5081', '9999'].map(v.cardNetwork),
      expiry: ['12/30', '01/20', '13/30', '1/3', `${String(new Date().getMonth() + 1).padStart(2, '0')}/${String(new Date().getFullYear()).slice(2)}`]
        .map((e) => v.validateExpiry(e).state),
      cvv: [v.validateCvv('123', 'visa').state, v.validateCvv('123', 'amex').state, v.validateCvv('1234', 'amex').state,
        v.validateCvv('1234', 'visa').state],
      amounts: [v.formatAmount(50000), v.formatAmount(100), v.formatAmount(12345678)],
    };
  });
  equal(unit.luhn, [true, false, true], 'Luhn');
  equal(unit.networks, ['visa', 'mastercard', 'mastercard', 'amex', 'rupay', 'rupay', 'rupay', 'unknown'], 'networks');
  equal(unit.expiry, ['valid', 'invalid', 'invalid', 'partial', 'valid'], 'expiry (this month is still valid)');
  equal(unit.cvv, ['valid', 'partial', 'valid', 'invalid'], 'CVV length by network');
  equal(unit.amounts, ['₹500.00', '₹1.00', '₹1,23,456.78'], 'rupees');

  const vpa = page.locator(tid('vpa-input'));
  for (const bad of ['shopper', 'shopper@', '@okaxis', 'a@b@c', 'sho pper@okaxis', 'shopper@ok#axis', 'shöpper@upi']) {
    await vpa.fill(bad);
    await vpa.press('Tab');
    equal((await payButton(page)).enabled, false, `pay stays disabled for VPA ${JSON.stringify(bad)}`);
    ok((await fieldError(page, 'vpa-input')).length > 0, `the VPA field explains what is wrong with ${JSON.stringify(bad)}`);
    await vpa.press('Enter'); // submitting the form by keyboard does nothing either
  }
  await vpa.fill('shopper@okaxis');
  equal((await payButton(page)).enabled, true, 'a good VPA enables pay (so the checks above can fail)');
  equal(await fieldError(page, 'vpa-input'), '', 'and clears the message');
  await vpa.fill('shopper@@okaxis');
  equal(await fieldError(page, 'vpa-input'), 'A UPI ID has only one @', 'shown while typing, before leaving the field');

  await fillCard(page, { number: '4111111111111112', expiry: '1230', cvv: '123', name: 'Asha Rao' });
  equal((await payButton(page)).enabled, false, 'pay disabled for a number failing Luhn');
  equal(await fieldError(page, 'card-number-input'), 'This card number is not valid', 'Luhn message');
  await screenshot(page, 'desktop-invalid');
  await page.locator(tid('card-number-input')).press('Enter');

  await clearCard(page);
  await fillCard(page, { number: '4111111111111111', expiry: '0120', cvv: '123', name: 'Asha Rao' });
  equal((await payButton(page)).enabled, false, 'pay disabled for an expired card');
  equal(await fieldError(page, 'expiry-input'), 'This card has expired', 'expiry message');

  await clearCard(page);
  await fillCard(page, { number: '378282246310005', expiry: '1230', cvv: '123', name: 'Asha Rao' });
  equal(await page.locator(tid('card-number-input')).inputValue(), '3782 822463 10005', 'Amex grouping 4-6-5');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'American Express', 'Amex badge');
  equal((await payButton(page)).enabled, false, 'a 3-digit CVV is too short for Amex');
  await page.locator(tid('cvv-input')).pressSequentially('4');
  equal((await payButton(page)).enabled, true, 'a 4-digit CVV is right for Amex');
  await page.locator(tid('cvv-input')).fill('12');
  await page.locator(tid('cvv-input')).press('Tab');
  equal(await fieldError(page, 'cvv-input'), 'CVV has 4 digits', 'CVV message once the field is left');

  await page.locator(tid('card-number-input')).fill('');
  await page.locator(tid('card-number-input')).pressSequentially('6073');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'RuPay', 'RuPay badge from the prefix');
  await page.locator(tid('card-number-input')).fill('');
  await page.locator(tid('card-number-input')).pressSequentially('5555');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'Mastercard', 'Mastercard badge');

  // Even a script clicking the disabled button sends nothing.
  await page.evaluate(() => {
    document.querySelector('[data-test-id="pay-button"]').click();
    document.querySelector('[data-test-id="card-form"]').requestSubmit();
  });
  await page.waitForTimeout(500);
  equal(posts, [], 'no payment request left the page');
  equal(await ctx.gateway.paymentCount(), before, 'no payment was created');
}
