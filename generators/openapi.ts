/**
 * The OpenAPI 3.1 document of the order API, built from the same constants and schemas the functions validate with
 * (limits.ts, order-view.ts, contract.ts), so the document cannot drift from the code: `openapi.json` at the package
 * root is this function's output (`npx projen openapi` writes it; a test fails when the committed file differs), and
 * the handler tests check every response they produce against it.
 *
 * Amounts are JSON numbers with at most 2 decimals, exact as sent and stored; JSON Schema's `multipleOf: 0.01` is
 * not used for that rule because validators evaluate it in binary floating point (29.99 / 0.01 is not an integer).
 */
import { API_ROUTES } from '../src/contract/platform';
import {
  ADDRESS_FIELDS, CURRENCY, DEFAULT_PAGE_LIMIT, IDEMPOTENCY_KEY_PATTERN, MAX_ADDRESS_FIELD_LENGTH, MAX_BODY_BYTES,
  MAX_CURSOR_LENGTH, MAX_ID_LENGTH, MAX_ITEMS, MAX_NOTES_LENGTH, MAX_PAGE_LIMIT, MAX_PAYMENT_METHOD_LENGTH,
  MAX_PRICE_CENTS, MAX_QUANTITY, MAX_REASON_LENGTH, MAX_TOTAL_CENTS, MONEY_DECIMALS, REQUIRED_ADDRESS_FIELDS,
} from '../src/functions/model/limits';
import { ALLOWED_TRANSITIONS, CANCELLED, fromStatuses, ORDER_STATUSES, SHIPPED, TARGET_STATUSES } from '../src/functions/model/order-status';
import { orderApiViewSchema, shipmentSchema } from '../src/functions/model/order-view';

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const major = (cents: number) => cents / 10 ** MONEY_DECIMALS;
/** An id: 1-MAX_ID_LENGTH characters with at least one that is not whitespace (control characters are refused too). */
const idSchema = (description: string): Schema => ({ type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, pattern: '\\S', description });

function createOrderRequestSchema(): Schema {
  const address = {
    type: 'object',
    additionalProperties: false,
    required: [...REQUIRED_ADDRESS_FIELDS],
    properties: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, { type: 'string', minLength: 1, maxLength: MAX_ADDRESS_FIELD_LENGTH, pattern: '\\S' }])),
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'totalAmount'],
    properties: {
      customerId: idSchema('Required without an authorizer. With one, the token\'s `sub` is the customer; a different value is 403.'),
      items: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_ITEMS,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['productId', 'quantity', 'price'],
          properties: {
            productId: idSchema('Product id.'),
            quantity: { type: 'integer', minimum: 1, maximum: MAX_QUANTITY },
            price: { type: 'number', minimum: 0, maximum: major(MAX_PRICE_CENTS), description: `Unit price in ${CURRENCY}, at most ${MONEY_DECIMALS} decimals.` },
          },
        },
      },
      totalAmount: {
        type: 'number',
        minimum: 0,
        maximum: major(MAX_TOTAL_CENTS),
        description: `Order total in ${CURRENCY}, at most ${MONEY_DECIMALS} decimals; must equal the sum of quantity x price (exact, in cents).`,
      },
      shippingAddress: address,
      billingAddress: address,
      paymentMethod: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_PAYMENT_METHOD_LENGTH,
        pattern: '\\S',
        description: 'A payment method label or a payment provider token; a card number is refused.',
      },
      notes: { type: 'string', maxLength: MAX_NOTES_LENGTH, description: 'Free text; line breaks and tabs allowed.' },
    },
  };
}

const reasonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_REASON_LENGTH,
  pattern: '\\S',
  description: 'Why, for the order\'s owner: it is shown in the order\'s history and carried by the event, so nothing internal belongs in it.',
};

function statusChangeRequestSchema(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: {
      status: { type: 'string', enum: [...TARGET_STATUSES], description: 'The status to move the order to.' },
      reason: reasonSchema,
      shipment: { ...shipmentSchema(), description: `Only with \`${SHIPPED}\`: stored on the order, shown in it and carried by the event.` },
    },
  };
}

/** The lifecycle as prose, from the one table: what each status allows. */
function transitionsText(): string {
  return ORDER_STATUSES.map((s) => `\`${s}\` -> ${ALLOWED_TRANSITIONS[s].length > 0 ? ALLOWED_TRANSITIONS[s].map((t) => `\`${t}\``).join(', ') : 'final'}`).join('; ');
}

function errorSchema(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['success', 'error', 'message', 'field', 'rule'],
    properties: {
      success: { const: false },
      error: { type: 'string', description: 'ValidationError, Forbidden, NotFound, Conflict, PreconditionFailed, PayloadTooLarge, UnsupportedMediaType, InternalError or ServiceUnavailable.' },
      message: { type: 'string', description: 'For people; never quotes the offending value.' },
      field: { type: ['string', 'null'], description: 'The field, path or query parameter, or header that broke a rule; null for server errors.' },
      rule: { type: ['string', 'null'], description: 'The rule it broke (e.g. `maxLength`, `sum`, `notFound`, `integrity`); null for server errors.' },
    },
  };
}

function json(schemaName: string, description: string, headers?: Schema) {
  return { description, ...(headers && { headers }), content: { 'application/json': { schema: ref(schemaName) } } };
}

const retryAfter = { 'retry-after': { description: 'Seconds to wait before retrying.', schema: { type: 'string' } } };
const etag = { etag: { description: 'The order\'s version as a strong ETag, `"<version>"`: send it as `If-Match` to change the order only at this version.', schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' } } };

function errorResponses(codes: Record<number, string>) {
  return Object.fromEntries(Object.entries(codes).map(([code, description]) =>
    [code, json('Error', description, code === '503' ? retryAfter : undefined)]));
}

/** The document, as a JSON value. */
export function openApiDocument(): Schema {
  const limitParam = {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Orders per page, 1-${MAX_PAGE_LIMIT}.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
  };
  const cursorParam = {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'The previous page\'s `nextCursor`, unchanged. Opaque and tamper-evident (not secret); bound to this customer.',
    schema: { type: 'string', minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: '^[A-Za-z0-9_-]+$' },
  };
  const readSecurity = [{ sigv4: [] }, { bearer: [] }];
  const orderIdParam = { name: 'orderId', in: 'path', required: true, schema: idSchema('Order id.') };
  const ifMatchParam = {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The ETag of the order version the change is meant for, `"<version>"`, or `*` (any version). Another current version is 412.',
    schema: { type: 'string', pattern: '^(\\*|"[1-9][0-9]*")$' },
  };
  const lifecycleResponses = (ok: string) => ({
    200: json('OrderFound', ok, etag),
    ...errorResponses({
      400: 'orderId, If-Match or a body field breaks a rule (`field` names it).',
      403: 'No usable caller identity: the token carries no usable `sub`, or the request no IAM caller.',
      404: 'No such order (`field: "orderId"`, `rule: "notFound"`); with an authorizer also another customer\'s order. Nothing was written.',
      413: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
      415: 'A body was sent without Content-Type application/json (UTF-8).',
      500: 'DynamoDB refused the write, or the stored item is not an order.',
      503: 'DynamoDB was throttled, timed out or unreachable; the change may or may not have been made. Retrying the same request is safe.',
    }),
    409: json('TransitionConflict', 'The order\'s current status does not allow this change. Nothing was written.'),
    412: json('VersionMismatch', 'If-Match names another version than the current one. Nothing was written; the body carries the order as it is.', etag),
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'Order Processing Platform API',
      version: '1',
      description: 'The HTTP API of the cdk-order-processing-platform construct. Bodies are JSON (UTF-8); amounts are exact decimals in ' +
        `${CURRENCY}. Besides the responses below, API Gateway itself may answer 401/403 (authorization), 404 (no such route), ` +
        '413, 429 (throttled) and 5xx with `{"message": ...}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      [API_ROUTES.createOrder.path]: {
        post: {
          operationId: 'createOrder',
          summary: 'Take an order',
          description: `Validates and stores one order. Body at most ${MAX_BODY_BYTES} bytes. Retry 5xx and lost connections with the same Idempotency-Key.`,
          security: [{}, { bearer: [] }, { sigv4: [] }],
          parameters: [{
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Makes retries safe: the same key and body answer the original 200; the same key with another body is 409.',
            schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
          }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateOrderRequest') } } },
          responses: {
            200: json('OrderCreated', 'Stored, or the original answer to a retry.', {
              ...etag,
              'idempotent-replayed': { description: '`true` when this answers a retry of a stored order.', schema: { type: 'string', const: 'true' } },
            }),
            ...errorResponses({
              400: 'Invalid JSON, a field that breaks a rule, or a bad Idempotency-Key; `field` and `rule` name it. Nothing was stored.',
              403: 'The body customerId differs from the token\'s `sub`, or the `sub` cannot be a customer id.',
              409: 'The Idempotency-Key was used for a different order.',
              413: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
              415: 'The Content-Type is not application/json (UTF-8).',
              500: 'DynamoDB refused the write. Nothing was stored; retry with the same Idempotency-Key.',
              503: 'DynamoDB was throttled, timed out or unreachable. Nothing was stored; retry with the same Idempotency-Key.',
            }),
          },
        },
      },
      [API_ROUTES.getOrder.path]: {
        get: {
          operationId: 'getOrder',
          summary: 'Read one order',
          description: 'A strongly consistent read. With an authorizer, another customer\'s order is 404, as an unknown id.',
          security: readSecurity,
          parameters: [{ name: 'orderId', in: 'path', required: true, schema: idSchema('Order id.') }],
          responses: {
            200: json('OrderFound', 'The order.', etag),
            ...errorResponses({
              400: 'orderId or a query parameter breaks a rule (`field` names it).',
              403: 'The token carries no usable `sub`.',
              404: 'No such order (`field: "orderId"`, `rule: "notFound"`).',
              500: 'DynamoDB refused the read, or the stored item is not an order.',
              503: 'DynamoDB was throttled, timed out or unreachable; retry later.',
            }),
          },
        },
      },
      [API_ROUTES.listCustomerOrders.path]: {
        get: {
          operationId: 'listCustomerOrders',
          summary: 'List a customer\'s orders, newest first',
          description: 'Pages of the CustomerOrderIndex, newest first (orderTimestamp descending). The index is eventually consistent: ' +
            'an order stored a moment ago may not be listed yet. Follow `nextCursor` until it is null.',
          security: readSecurity,
          parameters: [{ name: 'customerId', in: 'path', required: true, schema: idSchema('Customer id.') }, limitParam, cursorParam],
          responses: {
            200: json('OrderPage', 'Up to `limit` orders, and the cursor of the next page.'),
            ...errorResponses({
              400: 'customerId, `limit` or `cursor` breaks a rule (`field` names it; a modified cursor is `rule: "integrity"`, another customer\'s `rule: "query"`).',
              403: 'customerId is not the token\'s `sub`, or the token carries no usable `sub`.',
              500: 'DynamoDB refused the query, or a stored item is not an order.',
              503: 'DynamoDB was throttled, timed out or unreachable; retry later.',
            }),
          },
        },
      },

      [API_ROUTES.cancelOrder.path]: {
        post: {
          operationId: 'cancelOrder',
          summary: 'Cancel an order',
          description: `Moves the order to \`${CANCELLED}\` from ${fromStatuses(CANCELLED).map((f) => `\`${f}\``).join(' or ')}, in one conditional write. ` +
            'With an authorizer it is the customers\' route (another customer\'s order is 404, as an unknown id) and the history says `by: customer`; ' +
            'without one it is IAM-authorized (grantCancelOrders) and says `by: service`. Cancelling a cancelled order is a 200 no-op. ' +
            `Lifecycle: ${transitionsText()}.`,
          security: readSecurity,
          parameters: [orderIdParam, ifMatchParam],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: ref('CancelOrderRequest') } },
          },
          responses: lifecycleResponses('The order, cancelled now or before (a no-op: no new version, no event).'),
        },
      },
      [API_ROUTES.changeOrderStatus.path]: {
        post: {
          operationId: 'changeOrderStatus',
          summary: 'Change an order\'s status (services)',
          description: 'Moves the order along its lifecycle in one conditional write: ' + `${transitionsText()}. ` +
            'Always IAM-authorized (grantUpdateOrderStatus), never the customers\' authorizer. IAM cannot see the body, so a granted ' +
            'service may make any of these changes. Asking for the status the order already has is a 200 no-op.',
          security: [{ sigv4: [] }],
          parameters: [orderIdParam, ifMatchParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChangeOrderStatusRequest') } } },
          responses: lifecycleResponses('The order after the change, or as it is when it already had that status (a no-op: no new version, no event).'),
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'When the construct has an `authorizer`: a token whose `sub` is the customer.' },
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'AWS Signature Version 4 (service execute-api), on routes that use IAM authorization; see grantReadOrders, grantCancelOrders and grantUpdateOrderStatus.',
        },
      },
      schemas: {
        CreateOrderRequest: createOrderRequestSchema(),
        OrderCreated: {
          type: 'object',
          additionalProperties: false,
          required: ['success', 'orderId', 'message', 'timestamp', 'totalAmount', 'version'],
          properties: {
            success: { const: true },
            orderId: { type: 'string' },
            message: { type: 'string' },
            timestamp: { type: 'string', format: 'date-time' },
            totalAmount: { type: 'number', minimum: 0 },
            version: { type: 'integer', minimum: 1, description: 'The order\'s version (1 when created; the current one for a replay), also its ETag.' },
          },
        },
        Order: orderApiViewSchema(),
        CancelOrderRequest: {
          type: 'object',
          additionalProperties: false,
          properties: { reason: reasonSchema },
        },
        ChangeOrderStatusRequest: statusChangeRequestSchema(),
        TransitionConflict: {
          ...errorSchema(),
          required: [...(errorSchema().required as string[]), 'currentStatus', 'allowedStatuses'],
          properties: {
            ...(errorSchema().properties as Schema),
            currentStatus: { type: 'string', enum: [...ORDER_STATUSES] },
            allowedStatuses: { type: 'array', items: { type: 'string', enum: [...ORDER_STATUSES] }, description: 'Where the order may go from here; empty when its status is final.' },
          },
        },
        VersionMismatch: {
          ...errorSchema(),
          required: [...(errorSchema().required as string[]), 'order'],
          properties: { ...(errorSchema().properties as Schema), order: ref('Order') },
        },
        OrderFound: {
          type: 'object',
          additionalProperties: false,
          required: ['success', 'order'],
          properties: { success: { const: true }, order: ref('Order') },
        },
        OrderPage: {
          type: 'object',
          additionalProperties: false,
          required: ['success', 'orders', 'nextCursor'],
          properties: {
            success: { const: true },
            orders: { type: 'array', maxItems: MAX_PAGE_LIMIT, items: ref('Order') },
            nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
          },
        },
        Error: errorSchema(),
      },
    },
  };
}

/** The committed file's text: two-space indentation and a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
