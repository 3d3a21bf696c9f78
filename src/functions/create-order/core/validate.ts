/**
 * Validation of the order body. Pure: a parsed JSON tree in, a normalized {@link ValidOrder} out, or a
 * {@link ClientError} naming the first field and rule that failed. Messages never quote the offending value
 * (it may be personal data and messages are logged).
 */
import { Address, OrderLine, ValidOrder } from './order';
import { ClientError, invalid } from '../../model/errors';
import { isJsonObject, JsonNumber, JsonObject, JsonValue } from '../../model/json';
import {
  ADDRESS_FIELDS, MAX_ADDRESS_FIELD_LENGTH, MAX_ID_LENGTH, MAX_ITEMS, MAX_NOTES_LENGTH, MAX_PAYMENT_METHOD_LENGTH,
  MAX_PRICE_CENTS, MAX_QUANTITY, MAX_TOTAL_CENTS, REQUIRED_ADDRESS_FIELDS,
} from '../../model/limits';
import { formatMinorUnits, toScaledInteger } from '../../model/money';
import { checkString } from '../../model/strings';

const BODY_FIELDS = ['customerId', 'items', 'totalAmount', 'shippingAddress', 'billingAddress', 'paymentMethod', 'notes'];
const ITEM_FIELDS = ['productId', 'quantity', 'price'];

function checkKnownFields(obj: JsonObject, allowed: readonly string[], prefix: string): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    // Names are shown (truncated) so the client sees exactly what was not accepted; values never are.
    const names = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 64))).join(', ');
    throw invalid(`${prefix}${unknown[0].slice(0, 64)}`, 'unknownField',
      `Unknown field(s) ${names}${unknown.length > 5 ? ' ...' : ''}; allowed: ${allowed.join(', ')}`);
  }
}

function numberText(value: JsonValue | undefined, field: string): string {
  if (!(value instanceof JsonNumber)) throw invalid(field, 'type', `${field} must be a JSON number`);
  return value.text;
}

function checkQuantity(value: JsonValue | undefined, field: string): number {
  const q = toScaledInteger(numberText(value, field), 0);
  if (q === 'decimals') throw invalid(field, 'integer', `${field} must be a whole number`);
  if (q === 'negative' || q === 0) throw invalid(field, 'min', `${field} must be at least 1`);
  if (q === 'range' || q > MAX_QUANTITY) throw invalid(field, 'max', `${field} must be at most ${MAX_QUANTITY}`);
  return q;
}

/** A money amount -> cents. Rules: non-negative, at most 2 decimals, at most `maxCents`. */
export function checkAmount(value: JsonValue | undefined, field: string, maxCents: number): number {
  const cents = toScaledInteger(numberText(value, field), 2);
  if (cents === 'negative') throw invalid(field, 'nonNegative', `${field} must not be negative`);
  if (cents === 'decimals') throw invalid(field, 'decimals', `${field} must have at most 2 decimals`);
  if (cents === 'range' || cents > maxCents) {
    throw invalid(field, 'max', `${field} must be at most ${formatMinorUnits(maxCents)}`);
  }
  return cents;
}

function checkItems(value: JsonValue | undefined): OrderLine[] {
  if (value === undefined) throw invalid('items', 'required', 'items is required');
  if (!Array.isArray(value)) throw invalid('items', 'type', 'items must be an array');
  if (value.length === 0) throw invalid('items', 'minItems', 'items must contain at least one item');
  if (value.length > MAX_ITEMS) throw invalid('items', 'maxItems', `items must contain at most ${MAX_ITEMS} items`);
  return value.map((item, i) => {
    const at = `items[${i}]`;
    if (!isJsonObject(item)) throw invalid(at, 'type', `${at} must be an object`);
    checkKnownFields(item, ITEM_FIELDS, `${at}.`);
    for (const f of ITEM_FIELDS) {
      if (item[f] === undefined) throw invalid(`${at}.${f}`, 'required', `${at}.${f} is required`);
    }
    return {
      productId: checkString(item.productId, `${at}.productId`, { max: MAX_ID_LENGTH }),
      quantity: checkQuantity(item.quantity, `${at}.quantity`),
      priceCents: checkAmount(item.price, `${at}.price`, MAX_PRICE_CENTS),
    };
  });
}

function checkAddress(value: JsonValue, field: string): Address {
  if (!isJsonObject(value)) throw invalid(field, 'type', `${field} must be an object`);
  checkKnownFields(value, ADDRESS_FIELDS, `${field}.`);
  for (const f of REQUIRED_ADDRESS_FIELDS) {
    if (value[f] === undefined) throw invalid(`${field}.${f}`, 'required', `${field}.${f} is required`);
  }
  const out: Record<string, string> = {};
  for (const f of ADDRESS_FIELDS) {
    if (value[f] !== undefined) out[f] = checkString(value[f], `${field}.${f}`, { max: MAX_ADDRESS_FIELD_LENGTH });
  }
  return out;
}

/** True for 12-19 digits (spaces and dashes ignored) that pass the Luhn check: a card number, which we never store. */
export function looksLikeCardNumber(s: string): boolean {
  const digits = s.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

function checkPaymentMethod(value: JsonValue): string {
  const s = checkString(value, 'paymentMethod', { max: MAX_PAYMENT_METHOD_LENGTH });
  if (looksLikeCardNumber(s)) {
    throw invalid('paymentMethod', 'noCardData', 'paymentMethod must be a payment method label or token, never a card number');
  }
  return s;
}

/**
 * Validates a parsed body. `tokenSubject` is the authenticated customer (JWT `sub`) when an authorizer is in
 * front of the API: it then decides the customer, and a body customerId may only repeat it.
 */
export function validateOrder(body: JsonValue, tokenSubject?: string): ValidOrder {
  if (!isJsonObject(body)) throw invalid('body', 'type', 'The request body must be a JSON object');
  checkKnownFields(body, BODY_FIELDS, '');

  let customerId: string;
  if (tokenSubject !== undefined) {
    if (body.customerId !== undefined) {
      const claimed = checkString(body.customerId, 'customerId', { max: MAX_ID_LENGTH });
      if (claimed !== tokenSubject) {
        throw new ClientError(403, 'Forbidden', 'customerId does not match the authenticated customer', 'customerId', 'matchesToken');
      }
    }
    customerId = tokenSubject;
  } else {
    if (body.customerId === undefined) throw invalid('customerId', 'required', 'customerId is required');
    customerId = checkString(body.customerId, 'customerId', { max: MAX_ID_LENGTH });
  }

  const items = checkItems(body.items);
  if (body.totalAmount === undefined) throw invalid('totalAmount', 'required', 'totalAmount is required');
  const totalCents = checkAmount(body.totalAmount, 'totalAmount', MAX_TOTAL_CENTS);
  // Integer cents: exact, whatever the order of the items.
  const sum = items.reduce((acc, l) => acc + l.quantity * l.priceCents, 0);
  if (sum !== totalCents) {
    throw invalid('totalAmount', 'sum',
      `totalAmount must equal the sum of quantity x price over the items (${formatMinorUnits(sum)})`);
  }

  return {
    customerId,
    items,
    totalCents,
    ...(body.shippingAddress !== undefined && { shippingAddress: checkAddress(body.shippingAddress, 'shippingAddress') }),
    ...(body.billingAddress !== undefined && { billingAddress: checkAddress(body.billingAddress, 'billingAddress') }),
    ...(body.paymentMethod !== undefined && { paymentMethod: checkPaymentMethod(body.paymentMethod) }),
    ...(body.notes !== undefined && {
      notes: checkString(body.notes, 'notes', { max: MAX_NOTES_LENGTH, allowEmpty: true, multiline: true }),
    }),
  };
}
