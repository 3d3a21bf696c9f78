/**
 * Every limit the order API enforces, in one place, so the validator, the API document (generators/openapi.ts) and the tests agree.
 * Lengths are counted in UTF-16 code units (JavaScript string length); the body limit in bytes.
 */

/** Largest accepted request body, in bytes after base64 decoding (413 above it). DynamoDB's item limit is 400 KB. */
export const MAX_BODY_BYTES = 32 * 1024;
/** Deepest accepted JSON nesting; an order needs 3, so anything deeper is not an order. */
export const MAX_JSON_DEPTH = 8;

/** The one currency every amount is in (ISO 4217). Amounts have at most {@link MONEY_DECIMALS} decimals. */
export const CURRENCY = 'USD';
/** Decimals of the currency's minor unit (cents). */
export const MONEY_DECIMALS = 2;

export const MAX_ID_LENGTH = 128;
export const MAX_ITEMS = 100;
export const MAX_QUANTITY = 10_000;
/** Largest unit price in major units. With MAX_ITEMS and MAX_QUANTITY the sum stays far below 2^53 cents. */
export const MAX_PRICE_CENTS = 1_000_000 * 100;
/** Largest order total in major units. */
export const MAX_TOTAL_CENTS = 10_000_000 * 100;

/** Fields an address object may carry; `street` and `city` are required, the rest optional. */
export const ADDRESS_FIELDS = ['name', 'street', 'street2', 'city', 'state', 'zipCode', 'country'] as const;
export const REQUIRED_ADDRESS_FIELDS = ['street', 'city'] as const;
export const MAX_ADDRESS_FIELD_LENGTH = 200;
/** paymentMethod is a label or a payment-provider token (e.g. "card", "pm_1Nx..."), never card data. */
export const MAX_PAYMENT_METHOD_LENGTH = 128;
export const MAX_NOTES_LENGTH = 1000;

/** Idempotency-Key header: 1-128 characters of [A-Za-z0-9_-]. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Orders per page of `GET /customers/{customerId}/orders`: `limit` from 1 to {@link MAX_PAGE_LIMIT}. */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
/**
 * Longest accepted `cursor`. A cursor carries a customer id and an order id (each at most MAX_ID_LENGTH), a
 * timestamp and a digest, about 500 characters at most; anything longer was not issued by this API.
 */
export const MAX_CURSOR_LENGTH = 1024;

/** `reason` of a status change: shown to the order's owner in the history, so nothing internal belongs in it. */
export const MAX_REASON_LENGTH = 500;
/** `shipment.carrier` and `shipment.trackingNumber` of a `shipped` change. */
export const MAX_SHIPMENT_FIELD_LENGTH = 100;
/** The `If-Match` request header of a status change: `"<version>"` or `*`. */
export const IF_MATCH_HEADER = 'if-match';
