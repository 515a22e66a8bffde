// The three public API calls the checkout page makes, with the merchant's publishable key alone
// (SPEC.md: GET /orders/{id}/public, POST /payments/public, GET /payments/{id}/public). Failures
// are thrown as ApiFailure with the contract's error code and sentence, and the id of the order's
// live payment when a create is refused because the order has one (paid or in progress).

export class ApiFailure extends Error {
  constructor(status, code, description, field, paymentId) {
    super(description);
    this.status = status;
    this.code = code;
    this.description = description;
    this.field = field;
    this.paymentId = paymentId;
  }
}

export class GatewayApi {
  constructor(baseUrl, key) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.key = key;
  }

  getOrder(orderId) {
    return this.request('GET', `/api/v1/orders/${encodeURIComponent(orderId)}/public`);
  }

  // One Idempotency-Key per attempt (see createPaymentOnce in checkout-page.js).
  createPayment(body, idempotencyKey) {
    return this.request('POST', '/api/v1/payments/public', body, { 'Idempotency-Key': idempotencyKey });
  }

  getPayment(paymentId) {
    return this.request('GET', `/api/v1/payments/${encodeURIComponent(paymentId)}/public`);
  }

  async request(method, path, body, extraHeaders = {}) {
    const headers = { 'X-Api-Key': this.key, Accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new ApiFailure(0, 'NETWORK_ERROR',
        'We could not reach the payment server. Check your connection and try again.');
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      const e = (data && data.error) || {};
      throw new ApiFailure(response.status, e.code || 'SERVER_ERROR',
        e.description || `The payment server answered ${response.status}.`, e.field, e.payment_id);
    }
    return data;
  }
}

// A random key that works without a secure context (crypto.randomUUID needs one).
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'checkout_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
