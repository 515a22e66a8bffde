// Verifies recorded webhook deliveries the way merchants do, with code that is not ours:
//   1. the npm package standardwebhooks: new Webhook(secret, {format: "raw"}).verify(body, headers)
//   2. the seeds' documented snippet: createHmac('sha256', secret).update(JSON.stringify(req.body))
//      compared with X-Webhook-Signature (one of its space-separated values during a rotation)
// and that JSON.stringify(JSON.parse(body)) gives back the exact bytes that were signed.
// Input: a JSON file {deliveries: [{secrets: [...], headers: {...}, body: "..."}]}.
// Exits non-zero when any delivery fails any check.
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const { deliveries } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failures = 0;
for (const [i, d] of deliveries.entries()) {
  const problems = [];
  const reserialised = JSON.stringify(JSON.parse(d.body));
  if (reserialised !== d.body)
    problems.push(`JSON.stringify(JSON.parse(body)) differs:\n    sent ${d.body}\n    node ${reserialised}`);
  // The seeds' snippet compares the whole header with one HMAC of the current (first) secret.
  const sent = d.headers['x-webhook-signature'] || '';
  for (const [n, secret] of d.secrets.entries()) {
    try {
      new Webhook(secret, { format: 'raw' }).verify(d.body, d.headers);
    } catch (e) {
      problems.push(`standardwebhooks rejects it with ${secret.slice(0, 10)}…: ${e.message}`);
    }
    const expected = createHmac('sha256', secret).update(JSON.stringify(JSON.parse(d.body))).digest('hex');
    if (n === 0 && sent !== expected)
      problems.push(`seed snippet: X-Webhook-Signature ${sent} !== ${expected}`);
  }
  const event = JSON.parse(d.body).event;
  if (problems.length) {
    failures++;
    console.log(`FAIL delivery ${i} (${event}):\n  ${problems.join('\n  ')}`);
  } else {
    console.log(`ok   delivery ${i} (${event}, ${d.secrets.length} secret(s), ${Buffer.byteLength(d.body)} bytes)`);
  }
}
console.log(`${deliveries.length - failures}/${deliveries.length} deliveries verified`);
process.exit(failures || deliveries.length === 0 ? 1 : 0);
