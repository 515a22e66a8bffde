// The merchant's web pages, served by node from origins other than the checkout's:
//   merchant: http://127.0.0.1:<port>/shop?order_id=…&key=…  loads checkout.js like a real shop
//   foreign:  http://127.0.0.1:<other port>/forger            tries to forge the checkout's messages
import http from 'node:http';

function shopPage(checkoutUrl) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test shop</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff7ed; color: #292524; }
  header { padding: 16px 24px; background: #7c2d12; color: #fff; font-weight: 700; font-size: 20px; }
  main { max-width: 720px; margin: 0 auto; padding: 24px; }
  .item { background: #fff; border: 1px solid #fed7aa; border-radius: 12px; padding: 20px; }
  button { font: 600 16px system-ui, sans-serif; padding: 12px 24px; border-radius: 8px; border: 0;
           background: #c2410c; color: #fff; cursor: pointer; }
  .filler { height: 2400px; background: linear-gradient(#fff7ed, #fed7aa); margin-top: 24px; border-radius: 12px; }
</style>
<script src="${checkoutUrl}/checkout.js"></script>
</head><body>
<header>Test shop</header>
<main>
  <div class="item"><h1>Handloom cotton saree</h1><p>Order total ₹500.00</p>
  <button id="pay" type="button">Pay with Payment Gateway</button></div>
  <div class="filler">a long page, so that scrolling behind the modal would show</div>
</main>
<script>
  window.events = [];
  const params = new URLSearchParams(location.search);
  window.checkout = new PaymentGateway({
    key: params.get('key'),
    orderId: params.get('order_id'),
    onSuccess: (data) => events.push({ type: 'success', data }),
    onFailure: (data) => events.push({ type: 'failure', data }),
    onClose: () => events.push({ type: 'close' }),
  });
  document.getElementById('pay').addEventListener('click', () => checkout.open());
  window.addEventListener('message', (e) => { if (e.data && e.data.type === 'forger_done') window.forgerDone = true; });
</script>
</body></html>`;
}

// Posts every message the real checkout would, from the wrong origin.
const FORGER = `<!doctype html><html><body><script>
  parent.postMessage({ type: 'payment_success', data: { paymentId: 'pay_FORGEDforged0001' } }, '*');
  parent.postMessage({ type: 'payment_failed', data: { paymentId: 'pay_FORGEDforged0001' } }, '*');
  parent.postMessage({ type: 'close_modal' }, '*');
  parent.postMessage({ type: 'forger_done' }, '*');
</script></body></html>`;

function serve(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export async function startMerchantSites(checkoutUrl) {
  const shop = await serve((req, res) => {
    if (req.url.startsWith('/shop')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(shopPage(checkoutUrl));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  const foreign = await serve((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(FORGER);
  });
  const shopUrl = `http://127.0.0.1:${shop.address().port}`;
  const foreignUrl = `http://127.0.0.1:${foreign.address().port}`;
  return {
    shopUrl,
    foreignUrl,
    shopPage: (order, key) => `${shopUrl}/shop?order_id=${encodeURIComponent(order)}&key=${encodeURIComponent(key)}`,
    close: () => Promise.all([shop, foreign].map((s) => new Promise((r) => s.close(r)))),
  };
}
