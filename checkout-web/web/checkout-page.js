// The hosted checkout page: loads the order, takes a UPI ID or a card, validates as the shopper
// types, creates the payment, polls it every 2 s until it succeeds or fails. Embedded (the SDK's
// iframe, ?embedded=true) it reports the outcome to the merchant page by postMessage (the SDK then
// closes the modal itself after a success).
// An order has at most one live payment: when it already has one (paid, or in progress from another
// tab or an earlier visit), the page shows that payment, following it as its own, instead of a form.
// A field's message shows once the shopper leaves it with something wrong in it, or presses Pay
// (then every field of the method that is not valid says why, and no payment is created).
import { ApiFailure, GatewayApi, newIdempotencyKey } from './api.js';
import * as v from './validation.js';
import { ParentChannel } from './parent-channel.js';

const POLL_INTERVAL_MS = 2000;
const POLL_GIVE_UP_MS = 5 * 60 * 1000;

const byTestId = (id) => document.querySelector(`[data-test-id="${id}"]`);
const el = {
  container: byTestId('checkout-container'),
  amount: byTestId('order-amount'),
  orderId: byTestId('order-id'),
  payPanel: document.getElementById('pay-panel'),
  tabs: [byTestId('method-upi'), byTestId('method-card')],
  forms: { upi: byTestId('upi-form'), card: byTestId('card-form') },
  badge: document.getElementById('network-badge'),
  pay: byTestId('pay-button'),
  formError: byTestId('form-error'),
  processing: byTestId('processing-state'),
  processingMessage: byTestId('processing-message'),
  processingDetail: document.getElementById('processing-detail'),
  success: byTestId('success-state'),
  successMessage: byTestId('success-message'),
  successDetail: document.getElementById('success-detail'),
  paymentId: byTestId('payment-id'),
  error: byTestId('error-state'),
  errorTitle: document.getElementById('error-title'),
  errorMessage: byTestId('error-message'),
  retry: byTestId('retry-button'),
};

// Each field: its input, how to validate it, and what to call it when Pay is pressed.
const fields = {
  vpa: { input: byTestId('vpa-input'), check: (f) => v.validateVpa(f.vpa.input.value), noun: 'UPI ID' },
  number: { input: byTestId('card-number-input'), check: (f) => v.validateCardNumber(f.number.input.value),
    noun: 'card number' },
  expiry: { input: byTestId('expiry-input'), check: (f) => v.validateExpiry(f.expiry.input.value),
    noun: 'expiry date' },
  cvv: { input: byTestId('cvv-input'), check: (f) => v.validateCvv(f.cvv.input.value, currentNetwork()),
    noun: 'CVV' },
  name: { input: byTestId('cardholder-name-input'), check: (f) => v.validateName(f.name.input.value),
    noun: 'name on the card' },
};
const METHOD_FIELDS = { upi: ['vpa'], card: ['number', 'expiry', 'cvv', 'name'] };

const params = new URLSearchParams(location.search);
const orderId = params.get('order_id') || '';
const key = params.get('key') || '';
const embedded = params.get('embedded') === 'true';
const api = new GatewayApi(document.querySelector('meta[name="gateway-api-url"]').content, key);
const parent = new ParentChannel(embedded);

const state = { order: null, method: 'upi', busy: false, touched: new Set(), payPressed: false, retry: null,
  pollTimer: 0 };

function currentNetwork() {
  return v.cardNetwork(v.cardDigits(fields.number.input.value));
}

function show(view) {
  el.payPanel.hidden = view !== 'form';
  el.processing.hidden = view !== 'processing';
  el.success.hidden = view !== 'success';
  el.error.hidden = view !== 'error';
  el.container.dataset.view = view;
  el.container.setAttribute('aria-busy', String(view === 'loading' || view === 'processing'));
}

function selectMethod(method) {
  state.method = method;
  for (const tab of el.tabs) {
    const selected = tab.dataset.method === method;
    tab.setAttribute('aria-selected', String(selected));
    tab.classList.toggle('selected', selected);
    tab.tabIndex = selected ? 0 : -1;
  }
  el.forms.upi.hidden = method !== 'upi';
  el.forms.card.hidden = method !== 'card';
  render();
}

// Shows each field's state. The pay button stays enabled whatever was typed (pressing it explains
// what is wrong); it is disabled only while the order loads and while a payment is under way.
function render() {
  const wrong = [];
  for (const name of METHOD_FIELDS[state.method]) {
    const field = fields[name];
    const result = field.check(fields);
    const showError = result.state === 'invalid' || (state.touched.has(name) && result.state !== 'valid');
    const box = field.input.closest('.field');
    box.classList.toggle('has-error', showError);
    box.classList.toggle('is-valid', result.state === 'valid');
    field.input.setAttribute('aria-invalid', String(showError));
    box.querySelector('.field-error').textContent = showError ? result.error : '';
    if (showError) wrong.push(field.noun);
  }
  el.formError.textContent = !state.payPressed || wrong.length === 0 ? ''
    : wrong.length === 1 ? `Check the ${wrong[0]} to pay.`
      : `Check the ${wrong.length} fields marked above to pay.`;
  const network = currentNetwork();
  el.badge.dataset.network = network;
  el.badge.textContent = v.NETWORK_NAMES[network] || '';
  fields.cvv.input.maxLength = v.cvvLengthFor(network);
  fields.cvv.input.placeholder = '•'.repeat(v.cvvLengthFor(network));
  el.pay.disabled = state.busy || !state.order;
  el.pay.textContent = state.busy ? 'Processing…'
    : state.order ? `Pay ${v.formatAmount(state.order.amount, state.order.currency)}` : 'Pay';
}

// Re-formats an input while keeping the caret after the same number of digits.
function reformat(input, format) {
  const caret = input.selectionStart ?? input.value.length;
  const digitsBefore = input.value.slice(0, caret).replace(/\D/g, '').length;
  const next = format(input.value);
  if (next === input.value) return;
  input.value = next;
  let pos = 0;
  for (let seen = 0; pos < next.length && seen < digitsBefore; pos++)
    if (/\d/.test(next[pos])) seen++;
  if (caret === next.length || pos >= next.length) pos = next.length;
  input.setSelectionRange(pos, pos);
}

function wireFields() {
  fields.number.input.addEventListener('input', () => {
    reformat(fields.number.input, (value) => {
      if (/[^\d\s-]/.test(value)) return value; // leave it, the validator says what is wrong
      const digits = v.cardDigits(value);
      const network = v.cardNetwork(digits);
      return v.formatCardNumber(digits.slice(0, v.cardLengthFor(network)), network);
    });
  });
  fields.expiry.input.addEventListener('input', (event) => {
    const deleting = (event.inputType || '').startsWith('delete');
    reformat(fields.expiry.input, (value) => v.formatExpiry(value, deleting));
  });
  fields.cvv.input.addEventListener('input', () => {
    const digits = fields.cvv.input.value.replace(/\D/g, '');
    if (digits !== fields.cvv.input.value) fields.cvv.input.value = digits;
  });
  for (const [name, field] of Object.entries(fields)) {
    field.input.addEventListener('input', render);
    field.input.addEventListener('blur', () => {
      if (field.input.value !== '') state.touched.add(name);
      render();
    });
  }
  for (const form of Object.values(el.forms))
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      pay();
    });
  for (const tab of el.tabs) {
    tab.addEventListener('click', () => selectMethod(tab.dataset.method));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const other = el.tabs.find((t) => t !== tab);
      other.focus();
      selectMethod(other.dataset.method);
    });
  }
}

function paymentRequest() {
  if (state.method === 'upi')
    return { order_id: orderId, method: 'upi', vpa: fields.vpa.input.value.trim() };
  const expiry = v.validateExpiry(fields.expiry.input.value);
  return {
    order_id: orderId,
    method: 'card',
    card: {
      number: v.cardDigits(fields.number.input.value),
      expiry_month: expiry.month.padStart(2, '0'),
      expiry_year: expiry.year,
      cvv: fields.cvv.input.value.trim(),
      holder_name: fields.name.input.value.trim(),
    },
  };
}

// A dropped connection is asked again once with the same Idempotency-Key, so the API replays
// its first answer instead of creating a second payment.
async function createPaymentOnce(request) {
  const idempotencyKey = newIdempotencyKey();
  try {
    return await api.createPayment(request, idempotencyKey);
  } catch (e) {
    if (!(e instanceof ApiFailure) || e.status !== 0) throw e;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return api.createPayment(request, idempotencyKey);
  }
}

async function pay() {
  if (state.busy || !state.order) return;
  const invalid = METHOD_FIELDS[state.method].filter((name) => fields[name].check(fields).state !== 'valid');
  if (invalid.length > 0) {
    for (const name of invalid) state.touched.add(name);
    state.payPressed = true;
    render();
    fields[invalid[0]].input.focus();
    return;
  }
  state.busy = true;
  render();
  const request = paymentRequest();
  fields.cvv.input.value = ''; // never kept once sent
  try {
    const payment = await createPaymentOnce(request);
    showProcessing(payment);
    poll(payment.id, Date.now());
  } catch (e) {
    // Refused because the order has a live payment (paid or paying in another tab): show that one.
    if (e instanceof ApiFailure && e.paymentId) return followLivePayment({ id: e.paymentId });
    failed(null, e instanceof ApiFailure ? e : new ApiFailure(0, 'SERVER_ERROR', String(e)));
  }
}

function showProcessing(payment) {
  el.processingMessage.textContent = 'Processing payment…';
  el.processingDetail.textContent = payment.method === 'upi'
    ? `Approve the request sent to ${payment.vpa || 'your UPI app'}. Please don't close this window.`
    : 'Confirming with your bank. Please don\'t close this window.';
  show('processing');
}

// live: {id, status?} of the order's payment that is pending or successful. The page takes it as
// its own: the success state for a paid order, else the processing state, polled as after a Pay.
// A payment that failed meanwhile leaves the order payable again, so the form comes back.
async function followLivePayment(live) {
  state.busy = true;
  render();
  let payment;
  try {
    payment = await api.getPayment(live.id);
  } catch {
    payment = { id: live.id, status: live.status || 'pending', amount: state.order.amount,
      currency: state.order.currency };
  }
  if (payment.status === 'success') return succeeded(payment, 'This order is paid');
  if (payment.status === 'failed') {
    state.busy = false;
    show('form');
    return render();
  }
  el.processingMessage.textContent = 'Payment in progress';
  el.processingDetail.textContent = `Payment ${payment.id} for this order is already under way, ` +
    'perhaps in another window. Its outcome will show here; you need not pay again.';
  show('processing');
  poll(payment.id, Date.now());
}

function poll(paymentId, startedAt) {
  state.pollTimer = setTimeout(async () => {
    let payment;
    try {
      payment = await api.getPayment(paymentId);
    } catch (e) {
      if (e instanceof ApiFailure && e.status >= 400 && e.status < 500 && e.status !== 429)
        return failed(paymentId, e);
      payment = null; // a dropped connection: keep asking
    }
    if (payment && payment.status === 'success') return succeeded(payment);
    if (payment && payment.status === 'failed')
      return failed(paymentId, new ApiFailure(200, payment.error_code || 'PAYMENT_FAILED',
        payment.error_description || 'The payment was declined.'));
    if (Date.now() - startedAt > POLL_GIVE_UP_MS) {
      el.processingMessage.textContent = 'This is taking longer than usual';
      el.processingDetail.textContent = `Payment ${paymentId} is still being processed. ` +
        'The merchant will be told the outcome; you need not pay again.';
      return;
    }
    poll(paymentId, startedAt);
  }, POLL_INTERVAL_MS);
}

function succeeded(payment, title = 'Payment successful') {
  state.busy = false;
  el.successMessage.textContent = title;
  el.paymentId.textContent = payment.id;
  el.successDetail.textContent = `${v.formatAmount(payment.amount, payment.currency)} paid` +
    (payment.method === 'card' && payment.card_last4 ? ` with card •••• ${payment.card_last4}` :
      payment.vpa ? ` from ${payment.vpa}` : '');
  show('success');
  parent.send('payment_success', {
    paymentId: payment.id, orderId, amount: payment.amount, currency: payment.currency,
    method: payment.method, status: payment.status,
  });
}

function failed(paymentId, error) {
  state.busy = false;
  el.errorTitle.textContent = 'Payment failed';
  el.errorMessage.textContent = error.description;
  el.retry.hidden = false;
  state.retry = () => {
    show('form');
    selectMethod(state.method);
    fields[METHOD_FIELDS[state.method][0]].input.focus();
  };
  show('error');
  el.retry.focus();
  parent.send('payment_failed', { paymentId, orderId, code: error.code, description: error.description });
}

// Before any payment: the link or the order is wrong. Retrying loads the order again.
function cannotStart(title, message, canRetry) {
  el.errorTitle.textContent = title;
  el.errorMessage.textContent = message;
  el.retry.hidden = !canRetry;
  state.retry = loadOrder;
  show('error');
}

async function loadOrder() {
  show('loading');
  el.payPanel.hidden = false; // the form is shown, disabled, while the order loads
  try {
    const order = await api.getOrder(orderId);
    state.order = order;
    el.amount.textContent = v.formatAmount(order.amount, order.currency);
    el.orderId.textContent = order.id;
    if (order.live_payment) return followLivePayment(order.live_payment);
    if (order.status === 'paid') // and no payment named: nothing to show but that
      return cannotStart('Already paid', 'This order has already been paid. There is nothing more to pay.', false);
    show('form');
    render();
  } catch (e) {
    if (e.status === 404) return cannotStart('Order not found', 'We could not find this order. Ask the merchant for a new payment link.', false);
    if (e.status === 401) return cannotStart('Checkout unavailable', 'This payment link is not valid. Ask the merchant for a new one.', false);
    cannotStart('Could not load the order', e.description, true);
  }
}

function start() {
  document.body.classList.toggle('embedded', embedded);
  document.getElementById('test-badge').hidden =
    document.querySelector('meta[name="gateway-test-mode"]').content !== 'true';
  el.orderId.textContent = orderId || '—';
  wireFields();
  selectMethod('upi');
  el.pay.addEventListener('click', pay);
  el.retry.addEventListener('click', () => state.retry && state.retry());
  // Escape closes the modal, reported when the key is released: the SDK removes this iframe as
  // soon as it hears, and a key-up still on its way to a removed frame is lost (driving tools such
  // as Playwright then wait for it forever).
  let escapeDown = false;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') escapeDown = true;
  });
  document.addEventListener('keyup', (event) => {
    if (event.key !== 'Escape' || !escapeDown) return;
    escapeDown = false;
    if (embedded) parent.send('close_modal');
  });
  if (!orderId || !key)
    return cannotStart('Incomplete payment link', 'This link needs an order_id and a key. Ask the merchant for a new one.', false);
  loadOrder();
}

start();
