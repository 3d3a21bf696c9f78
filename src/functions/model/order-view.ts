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
import { ADDRESS_FIELDS, CURRENCY, MAX_REASON_LENGTH, MAX_SHIPMENT_FIELD_LENGTH } from './limits';
import { CHANGED_BY, ChangedBy, INITIAL_STATUS, ORDER_STATUSES } from './order-status';

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

/**
 * The attributes the lifecycle adds to a stored order. `audit` holds who changed the status (an IAM principal ARN or
 * a token subject) for the table's owner only: no view copies it, so it leaves in no response and no event.
 */
export const LIFECYCLE_ATTRIBUTES = {
  version: 'version',
  statusHistory: 'statusHistory',
  updatedAt: 'updatedAt',
  shipment: 'shipment',
  audit: 'statusChangeAudit',
} as const;

/** The version of an order stored before the lifecycle existed (no `version` attribute). */
export const FIRST_VERSION = 1;

/** Who places an order, as its first history entry says: orders are always placed by or for their customer. */
export const CREATED_BY: ChangedBy = 'customer';

/** One entry of the status history as stored and as shown. */
export interface HistoryEntry {
  readonly status: string;
  readonly at: string;
  readonly by: ChangedBy;
  readonly reason?: string;
}

/** The stored version; an order written before versions existed is version {@link FIRST_VERSION}. */
export function storedVersion(item: StoredItem): number {
  const attr = item[LIFECYCLE_ATTRIBUTES.version];
  if (attr === undefined) return FIRST_VERSION;
  const v = attr.N;
  if (typeof v !== 'string' || !/^[1-9]\d{0,14}$/.test(v)) throw new MalformedOrderError(LIFECYCLE_ATTRIBUTES.version);
  return Number(v);
}

function historyEntry(attr: StoredAttribute, i: number): HistoryEntry {
  const name = `${LIFECYCLE_ATTRIBUTES.statusHistory}[${i}]`;
  const m = attr.M;
  const status = m?.status?.S;
  const at = m?.at?.S;
  const by = m?.by?.S;
  if (status === undefined || at === undefined || by === undefined || !(CHANGED_BY as readonly string[]).includes(by)) {
    throw new MalformedOrderError(name);
  }
  const reason = m?.reason?.S;
  return { status, at, by: by as ChangedBy, ...(reason !== undefined && { reason }) };
}

/**
 * The history as shown: the stored entries, after the creation entry. Orders stored before the lifecycle have no
 * stored creation entry (their stored history starts at the first change), and no change leads back to the initial
 * status, so a history that does not start with it gets the creation entry from `createdAt`.
 */
export function statusHistory(item: StoredItem): HistoryEntry[] {
  const stored = (item[LIFECYCLE_ATTRIBUTES.statusHistory]?.L ?? []).map(historyEntry);
  if (stored.length > 0 && stored[0].status === INITIAL_STATUS) return stored;
  return [{ status: INITIAL_STATUS, at: str(item, 'createdAt'), by: CREATED_BY }, ...stored];
}

function shipment(attr: StoredAttribute): JsonObject {
  const carrier = attr.M?.carrier?.S;
  const trackingNumber = attr.M?.trackingNumber?.S;
  if (carrier === undefined || trackingNumber === undefined) throw new MalformedOrderError(LIFECYCLE_ATTRIBUTES.shipment);
  return { carrier, trackingNumber };
}

/**
 * The order as the API returns it: {@link orderView} plus the lifecycle (version, history, last change, shipment).
 * `OrderCreated` events keep carrying {@link orderView} alone, so their shipped schema stays exactly as it was.
 */
export function orderApiView(item: StoredItem): JsonObject {
  const view = orderView(item);
  view.version = new JsonNumber(String(storedVersion(item)));
  view.statusHistory = statusHistory(item).map((e) => ({ ...e }));
  const updatedAt = item[LIFECYCLE_ATTRIBUTES.updatedAt];
  view.updatedAt = updatedAt === undefined ? view.createdAt : str(item, LIFECYCLE_ATTRIBUTES.updatedAt);
  const shipped = item[LIFECYCLE_ATTRIBUTES.shipment];
  if (shipped !== undefined) view.shipment = shipment(shipped);
  return view;
}

/** The stored integer cents of an order (events carry it next to the decimal text). */
export function storedTotalCents(item: StoredItem): JsonNumber {
  return num(item.totalAmountCents, 'totalAmountCents');
}

/** The schema of a `shipment`, as requests send it and views show it. */
export function shipmentSchema(): Record<string, unknown> {
  const field = { type: 'string', minLength: 1, maxLength: MAX_SHIPMENT_FIELD_LENGTH, pattern: '\\S' };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['carrier', 'trackingNumber'],
    properties: { carrier: field, trackingNumber: field },
  };
}

/** The JSON Schema of {@link orderApiView}: the order view's, with the lifecycle fields. */
export function orderApiViewSchema(): Record<string, unknown> {
  const base = orderViewSchema() as { required: string[]; properties: Record<string, unknown> } & Record<string, unknown>;
  return {
    ...base,
    required: [...base.required, 'version', 'statusHistory', 'updatedAt'],
    properties: {
      ...base.properties,
      currency: { const: CURRENCY, description: 'ISO 4217 currency code of every amount.' },
      status: { type: 'string', enum: [...ORDER_STATUSES], description: 'The order\'s status; see the lifecycle in docs/http-api.md.' },
      version: { type: 'integer', minimum: 1, description: 'Raised by every status change; also the ETag. Orders stored before versions existed are 1.' },
      statusHistory: {
        type: 'array',
        minItems: 1,
        description: 'Every status the order has had, oldest first; the first entry is its creation.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['status', 'at', 'by'],
          properties: {
            status: { type: 'string', enum: [...ORDER_STATUSES] },
            at: { type: 'string', format: 'date-time' },
            by: { type: 'string', enum: [...CHANGED_BY], description: '`customer`: the order\'s owner (with a token); `service`: an IAM caller.' },
            reason: { type: 'string', maxLength: MAX_REASON_LENGTH },
          },
        },
      },
      updatedAt: { type: 'string', format: 'date-time', description: 'The last status change, or createdAt when there was none.' },
      shipment: shipmentSchema(),
    },
  };
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
      // Plain strings here: this schema is also the shipped OrderCreated detail's, which stays as first published.
      // The API's view (orderApiViewSchema) says more.
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
