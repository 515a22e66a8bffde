// Validation and formatting for the checkout form, as the shopper types. The rules are the API's
// (SPEC.md "Objects and ids"); checking here only spares the shopper a round trip, the API checks
// again. Each validator returns {state, error}: state is "empty", "partial" (could still become
// valid, so the error is shown only once the field is left), "invalid" or "valid".

const VPA_CHARS = /^[A-Za-z0-9._-]+$/;

export function validateVpa(raw) {
  const vpa = raw.trim();
  if (vpa === '') return { state: 'empty', error: 'Enter your UPI ID' };
  const parts = vpa.split('@');
  if (parts.length > 2) return { state: 'invalid', error: 'A UPI ID has only one @' };
  if (!parts.every((p) => p === '' || VPA_CHARS.test(p)))
    return { state: 'invalid', error: 'A UPI ID has only letters, digits, dots, dashes and underscores' };
  if (parts.length === 1 || parts[0] === '' || parts[1] === '')
    return { state: parts[0] === '' && parts.length === 2 ? 'invalid' : 'partial',
             error: 'Enter a UPI ID like name@bank' };
  return { state: 'valid', error: '', value: vpa };
}

export function cardDigits(raw) {
  return raw.replace(/[\s-]/g, '');
}

export function luhnValid(digits) {
  let sum = 0;
  let twice = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function startsWithRange(digits, length, low, high) {
  if (digits.length < length) return false;
  const prefix = Number(digits.slice(0, length));
  return prefix >= low && prefix <= high;
}

// Same prefixes as the API (shared/core/cardcheck.cpp).
export function cardNetwork(digits) {
  if (startsWithRange(digits, 2, 34, 34) || startsWithRange(digits, 2, 37, 37)) return 'amex';
  if (startsWithRange(digits, 2, 60, 60) || startsWithRange(digits, 2, 65, 65) ||
      startsWithRange(digits, 2, 81, 82) || startsWithRange(digits, 3, 508, 508)) return 'rupay';
  if (startsWithRange(digits, 2, 51, 55) || startsWithRange(digits, 4, 2221, 2720)) return 'mastercard';
  if (digits.startsWith('4')) return 'visa';
  return 'unknown';
}

export const NETWORK_NAMES = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', rupay: 'RuPay' };

// The lengths each network issues; unknown networks get the whole 13–19 range.
const LENGTHS = { visa: [13, 16], mastercard: [16], rupay: [16], amex: [15],
                  unknown: [13, 14, 15, 16, 17, 18, 19] };

export function validateCardNumber(raw) {
  const digits = cardDigits(raw);
  if (digits === '') return { state: 'empty', error: 'Enter your card number', network: 'unknown', digits };
  if (!/^\d+$/.test(digits))
    return { state: 'invalid', error: 'A card number has only digits', network: 'unknown', digits };
  const network = cardNetwork(digits);
  const lengths = LENGTHS[network];
  const max = lengths[lengths.length - 1];
  if (lengths.includes(digits.length) && luhnValid(digits)) return { state: 'valid', error: '', network, digits };
  if (digits.length >= max) return { state: 'invalid', error: 'This card number is not valid', network, digits };
  return { state: 'partial', error: 'Card number is incomplete', network, digits };
}

export function cardLengthFor(network) {
  const lengths = LENGTHS[network] || LENGTHS.unknown;
  return lengths[lengths.length - 1];
}

// Groups of four (Amex: 4-6-5), as printed on the card.
export function formatCardNumber(digits, network) {
  const groups = network === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const out = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(' ');
}

// "MM/YY" (or "MM/YYYY"); the slash is inserted as the shopper types.
export function formatExpiry(raw, deleting) {
  let digits = raw.replace(/\D/g, '').slice(0, 6);
  if (digits.length === 1 && digits > '1') digits = '0' + digits; // "4" means April
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : digits + '/';
  return digits.slice(0, 2) + '/' + digits.slice(2);
}

export function validateExpiry(raw, now = new Date()) {
  const text = raw.trim();
  if (text === '') return { state: 'empty', error: 'Enter the expiry date' };
  const m = /^(\d{1,2})\s*\/?\s*(\d{0,4})$/.exec(text);
  if (!m) return { state: 'invalid', error: 'Enter the expiry as MM/YY' };
  const month = Number(m[1]);
  if (m[1].length === 2 && (month < 1 || month > 12)) return { state: 'invalid', error: 'Month must be 01 to 12' };
  if (m[1].length < 2 || (m[2].length !== 2 && m[2].length !== 4))
    return { state: m[2].length > 4 ? 'invalid' : 'partial', error: 'Enter the expiry as MM/YY' };
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  const thisYear = now.getFullYear();
  const thisMonth = now.getMonth() + 1;
  if (year < thisYear || (year === thisYear && month < thisMonth))
    return { state: 'invalid', error: 'This card has expired' };
  if (year > thisYear + 30) return { state: 'invalid', error: 'Check the expiry year' };
  return { state: 'valid', error: '', month: m[1], year: m[2] };
}

export function cvvLengthFor(network) {
  return network === 'amex' ? 4 : 3;
}

export function validateCvv(raw, network) {
  const cvv = raw.trim();
  const length = cvvLengthFor(network);
  if (cvv === '') return { state: 'empty', error: 'Enter the CVV' };
  if (!/^\d+$/.test(cvv)) return { state: 'invalid', error: 'CVV has only digits' };
  if (cvv.length < length) return { state: 'partial', error: `CVV has ${length} digits` };
  if (cvv.length > length) return { state: 'invalid', error: `CVV has ${length} digits` };
  return { state: 'valid', error: '' };
}

export function validateName(raw) {
  const name = raw.trim();
  if (name === '') return { state: 'empty', error: 'Enter the name on the card' };
  if (name.length > 255) return { state: 'invalid', error: 'Name is too long' };
  return { state: 'valid', error: '' };
}

// Paise to a display amount: 50000 INR is "₹500.00", with Indian digit grouping.
export function formatAmount(amount, currency = 'INR') {
  try {
    return new Intl.NumberFormat('en-IN', { style: 'currency', currency }).format(amount / 100);
  } catch {
    return `${currency} ${(amount / 100).toFixed(2)}`;
  }
}
