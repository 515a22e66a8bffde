// Driving the checkout page, in the SDK's iframe or standalone, through its data-test-ids only.
import { eventually, ok } from './assert.mjs';

export const tid = (id) => `[data-test-id="${id}"]`;

export function iframeOf(page) {
  return page.frameLocator(tid('payment-iframe'));
}

export function standaloneUrl(checkoutUrl, orderId, key) {
  return `${checkoutUrl}/checkout?order_id=${encodeURIComponent(orderId)}&key=${encodeURIComponent(key)}`;
}

// scope: a Page or a FrameLocator.
export async function waitForForm(scope) {
  await scope.locator(tid('pay-button')).waitFor();
  await scope.locator(`${tid('order-amount')}:has-text("₹")`).waitFor();
}

export async function fillUpi(scope, vpa) {
  await scope.locator(tid('method-upi')).click();
  await scope.locator(tid('vpa-input')).fill(vpa);
}

// Types the card like a shopper (key by key, so formatting and validation run as they would).
export async function fillCard(scope, { number, expiry, cvv, name }) {
  await scope.locator(tid('method-card')).click();
  await scope.locator(tid('card-number-input')).pressSequentially(number);
  await scope.locator(tid('expiry-input')).pressSequentially(expiry);
  await scope.locator(tid('cvv-input')).pressSequentially(cvv);
  await scope.locator(tid('cardholder-name-input')).fill(name);
}

export async function payButton(scope) {
  const button = scope.locator(tid('pay-button'));
  return { enabled: await button.isEnabled(), text: (await button.textContent()).trim() };
}

// Clicks pay and waits for the processing state, then for success or error. Returns which, and
// lets the caller take a screenshot while processing.
export async function pay(scope, { whileProcessing, doubleClick } = {}) {
  const button = scope.locator(tid('pay-button'));
  ok(await button.isEnabled(), 'the pay button is enabled for a valid form');
  if (doubleClick) await button.dblclick();
  else await button.click();
  await scope.locator(tid('processing-state')).waitFor({ state: 'visible' });
  const message = (await scope.locator(tid('processing-message')).textContent()).trim();
  ok(message.length > 0, 'the processing state says what is happening');
  if (whileProcessing) await whileProcessing();
  // Read in the same step that sees the outcome: after a success the SDK closes the modal by
  // itself (about 1.5 s later), and a slow second look would find the iframe gone.
  const outcome = scope.locator(`${tid('success-state')}:visible, ${tid('error-state')}:visible`).first();
  await outcome.waitFor({ timeout: 20000 });
  return outcome.evaluate((state) => (state.dataset.testId === 'success-state'
    ? { outcome: 'success', paymentId: state.querySelector('[data-test-id="payment-id"]').textContent.trim() }
    : { outcome: 'error', message: state.querySelector('[data-test-id="error-message"]').textContent.trim() }));
}

// A field's message as the shopper and a screen reader get it: the text, its role and the input's
// aria-invalid.
export async function fieldMessage(scope, inputTestId) {
  return scope.locator(tid(inputTestId)).evaluate((input) => {
    const message = input.closest('.field').querySelector('.field-error');
    const shown = message.textContent !== '' && getComputedStyle(message).display !== 'none';
    return { text: shown ? message.textContent : '', role: message.getAttribute('role'),
      invalid: input.getAttribute('aria-invalid') };
  });
}

export async function events(page) {
  return page.evaluate(() => window.events.slice());
}

export async function waitForEvents(page, count) {
  return eventually(async () => {
    const e = await events(page);
    return e.length >= count ? e : null;
  }, `the merchant page gets ${count} callback(s)`);
}
