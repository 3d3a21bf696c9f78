/**
 * The public view of a stored order: what the read API returns and what an `OrderCreated` event carries. It is built
 * from a DynamoDB item (GetItem, Query, or a stream image: all three use the same attribute-value shape), so the read
 * function and the events consumer cannot disagree on which attributes leave the table.
 *
 * Left out on purpose: `requestHash` and `idempotencyKey` (internals of retry handling; the key is a client secret
 * of sorts), `ttl` (an expiry detail of the table) and `totalAmountCents` (a storage aid; events add it back
 * explicitly). Numbers stay the decimal text DynamoDB stored: `109.97` is written into the JSON as those six
 * characters, never re-rendered from a binary double.
 */
import { JsonNumber, JsonObject, JsonValue } from './json';
import { ADDRESS_FIELDS } from './limits';

/** One DynamoDB attribute value, as the SDK and Lambda's stream events both give it. */
export interface StoredAttribute {
  readonly S?: string;
  readonly N?: string;
  readonly M?: Readonly<Record<string, StoredAttribute>>;
  readonly L?: readonly StoredAttribute[];
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
}
export type StoredItem = Readonly<Record<string, StoredAttribute>>;

/** An item that is not an order this platform wrote (a required attribute is missing or of the wrong type). */
export class MalformedOrderError extends Error {
  public readonly name = 'MalformedOrderError';
  constructor(public readonly attribute: string) {
    super(`Stored item is not a well-formed order: attribute "${attribute}" is missing or malformed`);
  }
}

/** Optional attributes of the view that are plain strings. */
const OPTIONAL_STRINGS = ['paymentMethod', 'notes'] as const;
/** Optional attributes of the view that are string maps (addresses). */
const OPTIONAL_ADDRESSES = ['shippingAddress', 'billingAddress'] as const;

/** A JSON number text; DynamoDB returns numbers in this form, checked so the raw text can go into JSON safely. */
const JSON_NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function str(item: StoredItem, name: string): string {
  const v = item[name]?.S;
  if (typeof v !== 'string') throw new MalformedOrderError(name);
  return v;
}

function num(attr: StoredAttribute | undefined, name: string): JsonNumber {
  const v = attr?.N;
  if (typeof v !== 'string' || !JSON_NUMBER_TEXT.test(v)) throw new MalformedOrderError(name);
  return new JsonNumber(v);
}

function address(attr: StoredAttribute, name: string): JsonObject {
  if (!attr.M) throw new MalformedOrderError(name);
  const out: JsonObject = {};
  for (const field of ADDRESS_FIELDS) {
    const v = attr.M[field];
    if (v === undefined) continue;
    if (typeof v.S !== 'string') throw new MalformedOrderError(`${name}.${field}`);
    out[field] = v.S;
  }
  return out;
}

/**
 * The view of one stored order, as a JSON value whose numbers are {@link JsonNumber}s holding the stored text.
 * Throws {@link MalformedOrderError} naming the first attribute that is not as this platform writes it.
 */
export function orderView(item: StoredItem): JsonObject {
  const lines = item.items?.L;
  if (!lines || lines.length === 0) throw new MalformedOrderError('items');
  const items: JsonValue[] = lines.map((line, i) => {
    const m = line.M;
    if (!m) throw new MalformedOrderError(`items[${i}]`);
    const productId = m.productId?.S;
    if (typeof productId !== 'string') throw new MalformedOrderError(`items[${i}].productId`);
    return { productId, quantity: num(m.quantity, `items[${i}].quantity`), price: num(m.price, `items[${i}].price`) };
  });
  const view: JsonObject = {
    orderId: str(item, 'orderId'),
    customerId: str(item, 'customerId'),
    items,
    totalAmount: num(item.totalAmount, 'totalAmount'),
    currency: str(item, 'currency'),
    status: str(item, 'status'),
    orderTimestamp: num(item.orderTimestamp, 'orderTimestamp'),
    createdAt: str(item, 'createdAt'),
  };
  for (const name of OPTIONAL_ADDRESSES) {
    const attr = item[name];
    if (attr !== undefined) view[name] = address(attr, name);
  }
  for (const name of OPTIONAL_STRINGS) {
    if (item[name] !== undefined) view[name] = str(item, name);
  }
  return view;
}

/** The stored integer cents of an order (events carry it next to the decimal text). */
export function storedTotalCents(item: StoredItem): JsonNumber {
  return num(item.totalAmountCents, 'totalAmountCents');
}

/**
 * The order view's JSON Schema (draft 2020-12), the one definition the OpenAPI document and the event schema both
 * embed. Limits come from the same constants the order validator enforces.
 */
export function orderViewSchema(): Record<string, unknown> {
  const addressSchema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, { type: 'string' }])),
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['orderId', 'customerId', 'items', 'totalAmount', 'currency', 'status', 'orderTimestamp', 'createdAt'],
    properties: {
      orderId: { type: 'string', description: 'Order id (a UUID).' },
      customerId: { type: 'string' },
      items: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['productId', 'quantity', 'price'],
          properties: {
            productId: { type: 'string' },
            quantity: { type: 'integer', minimum: 1 },
            price: { type: 'number', minimum: 0, description: 'Unit price in major units, exact as stored (at most 2 decimals).' },
          },
        },
      },
      totalAmount: { type: 'number', minimum: 0, description: 'Order total in major units, exact as stored (at most 2 decimals).' },
      currency: { type: 'string', description: 'ISO 4217 currency code of every amount.' },
      status: { type: 'string', description: 'Order status; orders are stored as "pending".' },
      orderTimestamp: { type: 'integer', description: 'When the order was taken, epoch milliseconds.' },
      createdAt: { type: 'string', format: 'date-time', description: 'The same instant as orderTimestamp, ISO-8601 UTC.' },
      shippingAddress: addressSchema,
      billingAddress: addressSchema,
      paymentMethod: { type: 'string' },
      notes: { type: 'string' },
    },
  };
}
