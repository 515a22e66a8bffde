// The merchant's server side in these tests: creates orders and reads payments through the API
// with the test merchant's secret, which never reaches a browser page.
const KEY = 'key_test_abc123';
const SECRET = 'secret_test_xyz789';

export class Gateway {
  constructor(apiUrl) {
    this.apiUrl = apiUrl;
    this.key = KEY;
  }

  async call(method, path, body) {
    const response = await fetch(this.apiUrl + path, {
      method,
      headers: { 'X-Api-Key': KEY, 'X-Api-Secret': SECRET, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return json;
  }

  createOrder(amount = 50000) {
    return this.call('POST', '/api/v1/orders', { amount, currency: 'INR', receipt: `browser_${Date.now()}` });
  }

  payment(id) {
    return this.call('GET', `/api/v1/payments/${id}`);
  }

  async paymentCount() {
    return (await this.call('GET', '/api/v1/payments?limit=1')).total;
  }
}
