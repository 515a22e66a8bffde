// The demo merchant page: "Buy now" asks checkout-web's test-mode /demo/order step to create an
// order with the test merchant's secret (kept server-side), then opens the SDK; the callbacks are
// logged on the page so a newcomer sees the whole flow.
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const apiUrl = meta('gateway-api-url');
const checkoutUrl = meta('gateway-checkout-url');

const log = document.getElementById('log');
const note = document.getElementById('buy-note');

function record(kind, text) {
  log.querySelector('.empty')?.remove();
  const item = document.createElement('li');
  item.className = kind;
  item.dataset.event = kind;
  const label = document.createElement('strong');
  label.textContent = kind;
  item.append(label, ' ', text);
  log.append(item);
}

function openCheckout(orderId, key) {
  const checkout = new window.PaymentGateway({
    key,
    orderId,
    onSuccess: (data) => record('onSuccess', `payment ${data.paymentId} succeeded`),
    onFailure: (error) => record('onFailure', `${error.code || ''} ${error.description || ''}`.trim()),
    onClose: () => record('onClose', 'the shopper closed the checkout'),
  });
  checkout.open();
}

async function createOrder(amount) {
  const response = await fetch('/demo/order', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 404)
    throw new Error('This checkout-web is not in test mode, so it cannot create demo orders. Use an order id below.');
  if (!response.ok) throw new Error(body.error?.description || `Creating the order failed (${response.status})`);
  return body;
}

document.getElementById('buy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = document.getElementById('buy-button');
  const rupees = Number(document.getElementById('amount').value.replace(/[,\s₹]/g, ''));
  const amount = Math.round(rupees * 100);
  if (!Number.isFinite(rupees) || amount < 100) {
    note.textContent = 'Enter an amount of at least ₹1.00';
    return;
  }
  button.disabled = true;
  note.textContent = 'Creating the order…';
  try {
    const order = await createOrder(amount);
    note.textContent = `Order ${order.order_id} created.`;
    document.getElementById('order-id').value = order.order_id;
    record('order', `${order.order_id} for ${(order.amount / 100).toFixed(2)} ${order.currency}`);
    openCheckout(order.order_id, order.key);
  } catch (e) {
    note.textContent = e.message;
  } finally {
    button.disabled = false;
  }
});

document.getElementById('existing-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const orderId = document.getElementById('order-id').value.trim();
  const key = document.getElementById('api-key').value.trim();
  if (orderId && key) openCheckout(orderId, key);
});

document.getElementById('curl-snippet').textContent =
`curl -X POST ${apiUrl}/api/v1/orders \\
  -H 'X-Api-Key: key_test_abc123' -H 'X-Api-Secret: secret_test_xyz789' \\
  -H 'Content-Type: application/json' \\
  -d '{"amount": 50000, "currency": "INR", "receipt": "receipt_1"}'`;

document.getElementById('sdk-snippet').textContent =
`<script src="${checkoutUrl}/checkout.js"></script>
<script>
  const checkout = new PaymentGateway({
    key: 'key_test_abc123',
    orderId: 'order_…',            // created on your server
    onSuccess: (data) => console.log('paid', data.paymentId),
    onFailure: (error) => console.log('failed', error),
    onClose: () => console.log('closed'),
  });
  checkout.open();
</script>`;
