// The few assertions the cases need, with messages that say what the page showed.
export class Failure extends Error {}

export function ok(value, message) {
  if (!value) throw new Failure(message);
}

export function equal(actual, expected, message) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Failure(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(actual, pattern, message) {
  if (typeof actual !== 'string' || !pattern.test(actual))
    throw new Failure(`${message}: ${JSON.stringify(actual)} does not match ${pattern}`);
}

// Polls fn until it returns a truthy value or the time is up.
export async function eventually(fn, message, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Failure(`${message} (waited ${timeoutMs} ms; last value ${JSON.stringify(last)})`);
}
