// Bad input is caught as the shopper types: a field says what is wrong (role="alert", aria-invalid)
// once the shopper leaves it or presses Pay; Pay pressed with bad input explains instead of doing
// nothing, and no payment request leaves the page (checked in the browser and at the API).
import { equal, ok } from '../lib/assert.mjs';
import { screenshot } from '../lib/browser.mjs';
import { fieldMessage, fillCard, payButton, standaloneUrl, tid, waitForForm } from '../lib/checkout.mjs';

const CARD_FIELDS = ['card-number-input', 'expiry-input', 'cvv-input', 'cardholder-name-input'];

async function clearCard(page) {
  for (const id of CARD_FIELDS) await page.locator(tid(id)).fill('');
}

async function formError(page) {
  return (await page.locator(tid('form-error')).textContent()).trim();
}

// Presses Pay (it is never disabled for bad input) and returns what the page then says.
async function pressPay(page, label) {
  equal((await payButton(page)).enabled, true, `pay can be pressed (${label})`);
  await page.locator(tid('pay-button')).click();
  const explained = await formError(page);
  ok(explained.length > 0, `pressing pay explains what is wrong (${label})`);
  equal(await page.locator(tid('form-error')).getAttribute('role'), 'alert', 'the explanation is an alert');
  return explained;
}

function shown(message, text, label) {
  equal(message.role, 'alert', `${label}: the message is an alert`);
  equal(message.invalid, 'true', `${label}: the input is aria-invalid`);
  if (text === undefined) ok(message.text.length > 0, `${label}: the field says what is wrong`);
  else equal(message.text, text, `${label}: the field says what is wrong`);
}

export default async function (ctx) {
  const order = await ctx.gateway.createOrder(50000);
  const before = await ctx.gateway.paymentCount();
  const posts = [];
  const open = async () => {
    const page = await ctx.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/payments')) posts.push(r.url());
    });
    await page.goto(standaloneUrl(ctx.checkoutUrl, order.id, ctx.key));
    await waitForForm(page);
    return page;
  };
  const page = await open();

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

  // Leaving a field with something wrong in it shows why (while typing, an unfinished ID is left be).
  const vpa = page.locator(tid('vpa-input'));
  await vpa.fill('shopper');
  equal(await fieldMessage(page, 'vpa-input'), { text: '', role: 'alert', invalid: 'false' },
    'no message while the shopper is still typing');
  await vpa.press('Tab');
  shown(await fieldMessage(page, 'vpa-input'), 'Enter a UPI ID like name@bank', 'leaving "shopper"');
  equal(await formError(page), '', 'nothing said below the form before pay is pressed');

  for (const bad of ['shopper', 'shopper@', '@okaxis', 'a@b@c', 'sho pper@okaxis', 'shopper@ok#axis', 'shöpper@upi']) {
    await vpa.fill(bad);
    await vpa.press('Tab');
    shown(await fieldMessage(page, 'vpa-input'), undefined, `VPA ${JSON.stringify(bad)} left`);
    equal(await pressPay(page, `VPA ${JSON.stringify(bad)}`), 'Check the UPI ID to pay.', 'names the field');
    equal(await page.evaluate(() => document.activeElement.dataset.testId), 'vpa-input', 'focus goes to the field');
    await vpa.press('Enter'); // submitting the form by keyboard sends nothing either
  }
  await vpa.fill('shopper@okaxis');
  equal(await fieldMessage(page, 'vpa-input'), { text: '', role: 'alert', invalid: 'false' },
    'a good VPA clears the message');
  equal(await formError(page), '', 'and the explanation');
  await vpa.fill('shopper@@okaxis');
  equal((await fieldMessage(page, 'vpa-input')).text, 'A UPI ID has only one @', 'shown while typing, before leaving the field');

  // Pay on an empty card form: every field says what it needs.
  await page.locator(tid('method-card')).click();
  equal(await pressPay(page, 'empty card form'), 'Check the 4 fields marked above to pay.', 'counts the fields');
  const messages = [];
  for (const id of CARD_FIELDS) {
    const message = await fieldMessage(page, id);
    shown(message, undefined, `empty ${id}`);
    messages.push(message.text);
  }
  equal(messages, ['Enter your card number', 'Enter the expiry date', 'Enter the CVV', 'Enter the name on the card'],
    'each empty card field');
  equal(await page.evaluate(() => document.activeElement.dataset.testId), 'card-number-input', 'focus on the first');

  await fillCard(page, { number: '4111111111111112', expiry: '1230', cvv: '123', name: 'Asha Rao' });
  equal(await pressPay(page, 'number failing Luhn'), 'Check the card number to pay.', 'Luhn: names the field');
  shown(await fieldMessage(page, 'card-number-input'), 'This card number is not valid', 'Luhn');
  await screenshot(page, 'desktop-invalid');
  await page.locator(tid('card-number-input')).press('Enter');

  await clearCard(page);
  await fillCard(page, { number: '4111111111111111', expiry: '0120', cvv: '123', name: 'Asha Rao' });
  equal(await pressPay(page, 'expired card'), 'Check the expiry date to pay.', 'expired: names the field');
  shown(await fieldMessage(page, 'expiry-input'), 'This card has expired', 'expiry');

  await clearCard(page);
  await fillCard(page, { number: '378282246310005', expiry: '1230', cvv: '123', name: 'Asha Rao' });
  equal(await page.locator(tid('card-number-input')).inputValue(), '3782 822463 10005', 'Amex grouping 4-6-5');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'American Express', 'Amex badge');
  equal(await pressPay(page, '3-digit CVV on Amex'), 'Check the CVV to pay.', 'a 3-digit CVV is too short for Amex');
  shown(await fieldMessage(page, 'cvv-input'), 'CVV has 4 digits', 'Amex CVV');
  await page.locator(tid('cvv-input')).fill('1234');
  equal(await fieldMessage(page, 'cvv-input'), { text: '', role: 'alert', invalid: 'false' }, 'a 4-digit CVV is right for Amex');
  await page.locator(tid('cvv-input')).fill('12');
  await page.locator(tid('cvv-input')).press('Tab');
  equal((await fieldMessage(page, 'cvv-input')).text, 'CVV has 4 digits', 'CVV message once the field is left');

  await page.locator(tid('card-number-input')).fill('');
  await page.locator(tid('card-number-input')).pressSequentially('6073');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'RuPay', 'RuPay badge from the prefix');
  await page.locator(tid('card-number-input')).fill('');
  await page.locator(tid('card-number-input')).pressSequentially('5555');
  equal((await page.locator(tid('card-network')).textContent()).trim(), 'Mastercard', 'Mastercard badge');

  // Even a script pressing pay or submitting the form sends nothing.
  await page.evaluate(() => {
    document.querySelector('[data-test-id="pay-button"]').click();
    document.querySelector('[data-test-id="card-form"]').requestSubmit();
  });

  // The shopper of the report: types invalid-vpa and presses Pay without leaving the field.
  const fresh = await open();
  await fresh.locator(tid('vpa-input')).fill('invalid-vpa');
  equal(await pressPay(fresh, 'invalid-vpa'), 'Check the UPI ID to pay.', 'invalid-vpa: names the field');
  shown(await fieldMessage(fresh, 'vpa-input'), 'Enter a UPI ID like name@bank', 'invalid-vpa');

  await page.waitForTimeout(500);
  equal(posts, [], 'no payment request left the page');
  equal(await ctx.gateway.paymentCount(), before, 'no payment was created');
}
