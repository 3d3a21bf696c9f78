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
import { BMP_FORMAT_CLASS, CONTROL_CLASS, CONTROL_EXCEPT_WHITESPACE_CLASS } from '../src/functions/model/strings';

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** API Gateway's own limit on a request, which it answers with 413 before any function runs. */
const HTTP_API_PAYLOAD_TEXT = '10 MB';

function json(schemaName: string, description: string, headers?: Schema) {
  return { description, ...(headers && { headers }), content: { 'application/json': { schema: ref(schemaName) } } };
}

const major = (cents: number) => cents / 10 ** MONEY_DECIMALS;
/** Text made of characters outside `refused`, with at least one that is not whitespace (the server's "not blank"). */
const notBlankWithout = (refused: string) => `^[^${refused}]*[^${refused}\\s][^${refused}]*$`;
const ID_PATTERN = notBlankWithout(CONTROL_CLASS + BMP_FORMAT_CLASS);
const TEXT_PATTERN = notBlankWithout(CONTROL_CLASS);
/** What a pattern cannot say portably (JSON Schema patterns have no `\p{Cf}`, and lone surrogates are not characters). */
const ID_RULE_TEXT = 'Not blank; no control characters, no Unicode format characters (category Cf, in every plane: zero-width ' +
  'characters, bidi controls, U+FEFF, tags) and no lone surrogates (400 `characters`).';
const TEXT_RULE_TEXT = 'Not blank; no control characters and no lone surrogates. Format characters such as ZWNJ and ZWJ are kept.';
/** An id: 1-MAX_ID_LENGTH characters, not blank, no control or format characters. */
const idSchema = (description: string): Schema => ({
  type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, pattern: ID_PATTERN, description: `${description} ${ID_RULE_TEXT}`,
});
const textSchema = (max: number, description?: string): Schema => ({
  type: 'string', minLength: 1, maxLength: max, pattern: TEXT_PATTERN, description: description ? `${description} ${TEXT_RULE_TEXT}` : TEXT_RULE_TEXT,
});

function createOrderRequestSchema(): Schema {
  const address = {
    type: 'object',
    additionalProperties: false,
    required: [...REQUIRED_ADDRESS_FIELDS],
    properties: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, textSchema(MAX_ADDRESS_FIELD_LENGTH)])),
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'totalAmount'],
    properties: {
      customerId: idSchema('Required when the API has no authorizer (400 `required` without it); a static schema cannot say so, ' +
        'because the document is the same for both set-ups. With an authorizer it may be left out: the token\'s `sub` is the ' +
        'customer, and a different value is 403.'),
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
      paymentMethod: textSchema(MAX_PAYMENT_METHOD_LENGTH,
        'A payment method label or a payment provider token; a card number (12-19 digits passing the Luhn check) is refused.'),
      notes: {
        type: 'string',
        maxLength: MAX_NOTES_LENGTH,
        pattern: `^[^${CONTROL_EXCEPT_WHITESPACE_CLASS}]*$`,
        description: 'Free text; may be empty; line breaks and tabs allowed, other control characters and lone surrogates refused.',
      },
    },
  };
}

/** Every `error` a function writes; API Gateway's own answers carry none (see GatewayMessage). */
export const ERROR_NAMES = [
  'ValidationError', 'Forbidden', 'NotFound', 'Conflict', 'PreconditionFailed', 'PayloadTooLarge', 'UnsupportedMediaType',
  'InternalError', 'ServiceUnavailable',
] as const;

const reasonSchema = textSchema(MAX_REASON_LENGTH,
  'Why, for the order\'s owner: it is shown in the order\'s history and carried by the event, so nothing internal belongs in it.');

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
    description: 'An answer of the platform\'s functions.',
    properties: {
      success: { const: false },
      error: { type: 'string', enum: [...ERROR_NAMES] },
      message: { type: 'string', description: 'For people; never quotes the offending value.' },
      field: { type: ['string', 'null'], description: 'The field, path or query parameter, or header that broke a rule; null for server errors.' },
      rule: { type: ['string', 'null'], description: 'The rule it broke (e.g. `maxLength`, `sum`, `notFound`, `integrity`); null for server errors.' },
    },
  };
}

/** What API Gateway writes when it answers itself (authorization, throttling, size, routing, a failed integration). */
function gatewayMessageSchema(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    description: 'An answer of API Gateway itself, e.g. `{"message":"Unauthorized"}`; it has no other property.',
    properties: { message: { type: 'string' } },
  };
}

type Answerer = 'function' | 'gateway' | 'either';
interface Answer { readonly by: Answerer; readonly description: string; readonly headers?: Schema }

const NO_STORE = { 'cache-control': { description: '`no-store`: an order carries addresses.', schema: { type: 'string', const: 'no-store' } } };
const NO_STORE_ALWAYS = { 'cache-control': { ...NO_STORE['cache-control'], required: true } };
const etag = {
  etag: {
    description: 'The order\'s version as a strong ETag, `"<version>"`: send it as `If-Match` to change the order only at this version.',
    schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
  },
};
const retryAfter = { 'retry-after': { description: 'Seconds to wait before retrying (the functions\' 503 only).', schema: { type: 'string', pattern: '^[0-9]+$' } } };

function answer(a: Answer) {
  const schema = a.by === 'function' ? ref('Error') : a.by === 'gateway' ? ref('GatewayMessage') : { oneOf: [ref('Error'), ref('GatewayMessage')] };
  return { description: a.description, ...(a.headers && { headers: a.headers }), content: { 'application/json': { schema } } };
}

function answers(codes: Record<number, Answer>) {
  return Object.fromEntries(Object.entries(codes).map(([code, a]) => [code, answer(a)]));
}

/** What the HTTP API answers itself on every route, whichever function serves it. */
const GATEWAY_ANSWERS = {
  401: { by: 'gateway', description: 'With a JWT authorizer: the token is missing, unreadable, expired or not for this API (`{"message":"Unauthorized"}`).' },
  429: { by: 'gateway', description: 'Throttled by the stage\'s rate or burst limit (`{"message":"Too Many Requests"}`); retry with backoff.' },
} as const satisfies Record<number, Answer>;

const STORE_OUTCOME = 'The message says what it means for the order: "The order was not stored" only when no attempt can have reached ' +
  'DynamoDB; otherwise "The order may or may not have been stored": retry with the same Idempotency-Key, which stores the order or ' +
  'answers the stored one, never both (a retry without a key can create a second order).';

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
  const readAnswers = (notFound: Answer) => answers({
    ...GATEWAY_ANSWERS,
    403: {
      by: 'either',
      description: 'IAM routes: the request is unsigned, or its principal was not granted `execute-api:Invoke` (API Gateway, ' +
        '`{"message":"Forbidden"}` or another text). With an authorizer: the token carries no usable `sub` (`field: "Authorization"`) ' +
        'or, on the list, another customer\'s id (`field: "customerId"`, `rule: "matchesToken"`).',
      headers: NO_STORE,
    },
    404: notFound,
    413: { by: 'gateway', description: `The request (with its body) is over API Gateway's ${HTTP_API_PAYLOAD_TEXT} limit.` },
    500: { by: 'either', description: 'DynamoDB refused the read, or a stored item is not an order (`InternalError`); or the function failed (API Gateway, `{"message":"Internal Server Error"}`).' },
    503: { by: 'either', description: 'DynamoDB was throttled, timed out or unreachable (`ServiceUnavailable`, `retry-after`); or the integration timed out (API Gateway). Retry later.', headers: retryAfter },
  });
  const orderIdParam = { name: 'orderId', in: 'path', required: true, schema: idSchema('Order id.') };
  const ifMatchParam = {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The ETag of the order version the change is meant for, `"<version>"`, or `*` (any version). Another current version is 412.',
    schema: { type: 'string', pattern: '^(\\*|"[1-9][0-9]*")$' },
  };
  const lifecycleResponses = (ok: string) => ({
    200: json('OrderFound', ok, { ...etag, ...NO_STORE_ALWAYS }),
    ...answers({
      400: { by: 'function', description: 'orderId, If-Match or a body field breaks a rule (`field` names it). Nothing was written.', headers: NO_STORE },
      ...GATEWAY_ANSWERS,
      403: {
        by: 'either',
        description: 'No usable caller identity: the token carries no usable `sub`, or the request no IAM caller (the function); or an ' +
          'unsigned or ungranted request on an IAM route (API Gateway).',
        headers: NO_STORE,
      },
      404: {
        by: 'either',
        description: 'No such order (`field: "orderId"`, `rule: "notFound"`); with an authorizer also another customer\'s order. Nothing ' +
          'was written. Or a path API Gateway cannot decode (`{"message":"Not Found"}`).',
        headers: NO_STORE,
      },
      413: {
        by: 'either',
        description: `The body is larger than ${MAX_BODY_BYTES} bytes (the function), or the request is over API Gateway's ${HTTP_API_PAYLOAD_TEXT} limit.`,
        headers: NO_STORE,
      },
      415: { by: 'function', description: 'A body was sent without Content-Type application/json (UTF-8).', headers: NO_STORE },
      500: { by: 'either', description: 'DynamoDB refused the write, or the stored item is not an order (`InternalError`); or the function failed (API Gateway).', headers: NO_STORE },
      503: {
        by: 'either',
        description: 'DynamoDB was throttled, timed out or unreachable (`ServiceUnavailable`); the change may or may not have been made. ' +
          'Retrying the same request is safe: a change to the status the order already has is a no-op. Or the integration timed out (API Gateway).',
        headers: { ...retryAfter, ...NO_STORE },
      },
    }),
    409: json('TransitionConflict', 'The order\'s current status does not allow this change. Nothing was written.', NO_STORE_ALWAYS),
    412: json('VersionMismatch', 'If-Match names another version than the current one. Nothing was written; the body carries the order as it is.', { ...etag, ...NO_STORE_ALWAYS }),
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'Order Processing Platform API',
      version: '1',
      description: 'The HTTP API of the cdk-order-processing-platform construct. Bodies are JSON (UTF-8); amounts are exact decimals in ' +
        `${CURRENCY}. Every answer is in this document: \`Error\` where a function answers, \`GatewayMessage\` where API Gateway ` +
        'answers itself, and both (`oneOf`) where either can. A path that matches no route, or that cannot be decoded (`/orders/%FF`), ' +
        'is API Gateway\'s 404 `{"message":"Not Found"}`.',
      contact: { name: 'Order Processing Platform Maintainers', email: 'maintainers@orderprocessing.invalid', url: 'https://github.com/orderprocessing/cdk-order-processing-platform' },
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'The deployed HTTP API (`$default` stage); the construct\'s `apiUrl` output is this URL.',
        variables: {
          apiId: { default: 'a1b2c3d4e5', description: 'The HTTP API\'s id.' },
          region: { default: 'us-east-1', description: 'The AWS Region of the stack.' },
        },
      },
      {
        url: 'http://127.0.0.1:{port}',
        description: 'The local API (`npx projen local:api`): the same bundles in front of DynamoDB Local.',
        variables: { port: { default: '3000', description: 'The local API\'s `--port`.' } },
      },
    ],
    tags: [{ name: 'orders', description: 'Taking orders, reading them back and moving them along their lifecycle.' }],
    paths: {
      [API_ROUTES.createOrder.path]: {
        post: {
          operationId: 'createOrder',
          tags: ['orders'],
          summary: 'Take an order',
          description: `Validates and stores one order. Body at most ${MAX_BODY_BYTES} bytes. Retry 5xx and lost connections with the same Idempotency-Key.`,
          security: [{}, { bearer: [] }, { sigv4: [] }],
          parameters: [{
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Makes retries safe: the same key and body answer the original 200; the same key with another body is 409.',
            schema: { type: 'string', minLength: 1, maxLength: 128, pattern: IDEMPOTENCY_KEY_PATTERN.source },
          }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateOrderRequest') } } },
          responses: {
            200: json('OrderCreated', 'Stored, or the original answer to a retry.', {
              ...etag,
              'idempotent-replayed': { description: '`true` when this answers a retry of a stored order.', schema: { type: 'string', const: 'true' } },
            }),
            ...answers({
              400: { by: 'function', description: 'Invalid JSON, a field that breaks a rule, or a bad Idempotency-Key; `field` and `rule` name it. Nothing was stored.' },
              ...GATEWAY_ANSWERS,
              403: {
                by: 'either',
                description: 'The body customerId differs from the token\'s `sub`, or the `sub` cannot be a customer id (the function); ' +
                  'or, with an IAM authorizer, an unsigned or ungranted request (API Gateway).',
              },
              409: { by: 'function', description: 'The Idempotency-Key was used for a different order.' },
              413: {
                by: 'either',
                description: `The body is larger than ${MAX_BODY_BYTES} bytes (the function, \`rule: "maxBytes"\`), or the request is over ` +
                  `API Gateway's ${HTTP_API_PAYLOAD_TEXT} limit (API Gateway). Nothing was stored.`,
              },
              415: { by: 'function', description: 'The Content-Type is not application/json (UTF-8). Nothing was stored.' },
              500: {
                by: 'either',
                description: `DynamoDB refused the write (\`InternalError\`). ${STORE_OUTCOME} API Gateway answers ` +
                  '`{"message":"Internal Server Error"}` when the function itself failed; the order may then have been stored too.',
              },
              503: {
                by: 'either',
                description: `DynamoDB was throttled, timed out or unreachable (\`ServiceUnavailable\`, \`retry-after\`). ${STORE_OUTCOME} ` +
                  'API Gateway answers `{"message":"Service Unavailable"}` when the integration timed out.',
                headers: retryAfter,
              },
            }),
          },
        },
      },
      [API_ROUTES.getOrder.path]: {
        get: {
          operationId: 'getOrder',
          tags: ['orders'],
          summary: 'Read one order',
          description: 'A strongly consistent read. With an authorizer, another customer\'s order is 404, as an unknown id.',
          security: readSecurity,
          parameters: [{ name: 'orderId', in: 'path', required: true, schema: idSchema('Order id.') }],
          responses: {
            200: json('OrderFound', 'The order.', { ...etag, ...NO_STORE_ALWAYS }),
            ...answers({ 400: { by: 'function', description: 'orderId or a query parameter breaks a rule (`field` names it).', headers: NO_STORE } }),
            ...readAnswers({
              by: 'either',
              description: 'No such order (`field: "orderId"`, `rule: "notFound"`), or a path API Gateway cannot decode (`{"message":"Not Found"}`).',
            }),
          },
        },
      },
      [API_ROUTES.listCustomerOrders.path]: {
        get: {
          operationId: 'listCustomerOrders',
          tags: ['orders'],
          summary: 'List a customer\'s orders, newest first',
          description: 'Pages of the CustomerOrderIndex, newest first (orderTimestamp descending). The index is eventually consistent: ' +
            'an order stored a moment ago may not be listed yet. Follow `nextCursor` until it is null.',
          security: readSecurity,
          parameters: [{ name: 'customerId', in: 'path', required: true, schema: idSchema('Customer id.') }, limitParam, cursorParam],
          responses: {
            200: json('OrderPage', 'Up to `limit` orders, and the cursor of the next page.', NO_STORE_ALWAYS),
            ...answers({
              400: {
                by: 'function',
                description: 'customerId, `limit` or `cursor` breaks a rule (`field` names it; a modified cursor is `rule: "integrity"`, another customer\'s `rule: "query"`).',
                headers: NO_STORE,
              },
            }),
            ...readAnswers({ by: 'gateway', description: 'A path API Gateway cannot decode (`{"message":"Not Found"}`).' }),
          },
        },
      },
      [API_ROUTES.cancelOrder.path]: {
        post: {
          operationId: 'cancelOrder',
          tags: ['orders'],
          summary: 'Cancel an order',
          description: `Moves the order to \`${CANCELLED}\` from ${fromStatuses(CANCELLED).map((f) => `\`${f}\``).join(' or ')}, in one conditional write. ` +
            'With an authorizer it is the customers\' route (another customer\'s order is 404, as an unknown id) and the history says `by: customer`; ' +
            'without one it is IAM-authorized (grantCancelOrders) and says `by: service`. Cancelling a cancelled order is a 200 no-op. ' +
            `Lifecycle: ${transitionsText()}.`,
          security: readSecurity,
          parameters: [orderIdParam, ifMatchParam],
          requestBody: { required: false, content: { 'application/json': { schema: ref('CancelOrderRequest') } } },
          responses: lifecycleResponses('The order, cancelled now or before (a no-op: no new version, no event).'),
        },
      },
      [API_ROUTES.changeOrderStatus.path]: {
        post: {
          operationId: 'changeOrderStatus',
          tags: ['orders'],
          summary: 'Change an order\'s status (services)',
          description: `Moves the order along its lifecycle in one conditional write: ${transitionsText()}. ` +
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
          'type': 'apiKey',
          'in': 'header',
          'name': 'Authorization',
          'description': 'AWS Signature Version 4 (service `execute-api`), when a route uses IAM authorization (the read routes without ' +
            'an authorizer, every route with an `HttpIamAuthorizer`); see grantReadOrders, grantCancelOrders and grantUpdateOrderStatus. OpenAPI has no scheme for SigV4, so it is ' +
            'written as API Gateway writes it: an `Authorization` header with `x-amazon-apigateway-authtype: awsSigv4`.',
          'x-amazon-apigateway-authtype': 'awsSigv4',
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
            orderId: { type: 'string', format: 'uuid' },
            message: { const: 'Order created successfully' },
            timestamp: { type: 'string', format: 'date-time' },
            totalAmount: { type: 'number', minimum: 0, maximum: major(MAX_TOTAL_CENTS) },
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
        GatewayMessage: gatewayMessageSchema(),
      },
    },
  };
}

/** The committed file's text: two-space indentation and a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
