/**
 * The one builder of what Lambda hands a function: an API Gateway HTTP API event (payload format 2.0) and an
 * invocation context. The rehearsals build their made-up requests with it during init, so it is pure and bundleable;
 * the local API, the benchmark and the tests build theirs with it too, so no caller drifts from the shape the
 * functions are written against.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** Placeholder ids: clearly not real AWS ones. */
export const PLACEHOLDER_ACCOUNT_ID = '000000000000';
export const PLACEHOLDER_API_ID = 'local';

export interface HttpApiEventOptions {
  /** API Gateway's route key, e.g. `POST /orders`; the method comes from it unless `method` is given. */
  readonly routeKey: string;
  readonly rawPath: string;
  readonly method?: string;
  readonly rawQueryString?: string;
  readonly queryStringParameters?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  /** Lower-case names, as the HTTP API passes them. */
  readonly headers?: Record<string, string>;
  readonly cookies?: readonly string[];
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestId: string;
  readonly timeEpoch: number;
  /** The `Host` the request was sent to; the domain prefix is its first label. */
  readonly domainName: string;
  readonly accountId?: string;
  readonly apiId?: string;
  readonly sourceIp?: string;
  /** e.g. `HTTP/1.1` */
  readonly protocol?: string;
  readonly userAgent?: string;
  /** The claims a JWT authorizer passes (`sub` is the customer under TOKEN_OWNER access). */
  readonly jwtClaims?: Readonly<Record<string, unknown>>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` format, e.g. `12/Mar/2020:19:03:58 +0000`. */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The payload 2.0 event API Gateway sends a Lambda proxy integration. */
export function httpApiEvent(o: HttpApiEventOptions): APIGatewayProxyEventV2 {
  const method = (o.method ?? o.routeKey.split(' ')[0]).toUpperCase();
  const headers = o.headers ?? {};
  const requestContext = {
    accountId: o.accountId ?? PLACEHOLDER_ACCOUNT_ID,
    apiId: o.apiId ?? PLACEHOLDER_API_ID,
    ...(o.jwtClaims !== undefined && { authorizer: { jwt: { claims: o.jwtClaims, scopes: [] } } }),
    domainName: o.domainName,
    domainPrefix: o.domainName.split('.')[0].split(':')[0],
    http: {
      method,
      path: o.rawPath,
      protocol: o.protocol ?? 'HTTP/1.1',
      sourceIp: o.sourceIp ?? '127.0.0.1',
      userAgent: o.userAgent ?? headers['user-agent'] ?? '',
    },
    requestId: o.requestId,
    routeKey: o.routeKey,
    stage: '$default',
    time: formatRequestTime(o.timeEpoch),
    timeEpoch: o.timeEpoch,
  };
  return {
    version: '2.0',
    routeKey: o.routeKey,
    rawPath: o.rawPath,
    rawQueryString: o.rawQueryString ?? '',
    ...(o.cookies !== undefined && o.cookies.length > 0 && { cookies: [...o.cookies] }),
    headers,
    ...(o.queryStringParameters !== undefined && { queryStringParameters: o.queryStringParameters }),
    ...(o.pathParameters !== undefined && { pathParameters: o.pathParameters }),
    // The authorizer is part of the JWT variant of the request context, not of the base type.
    requestContext: requestContext as APIGatewayProxyEventV2['requestContext'],
    ...(o.body !== undefined && { body: o.body }),
    isBase64Encoded: o.isBase64Encoded ?? false,
  };
}

export interface LambdaContextOptions {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly memoryLimitInMB: number;
  /** The function's timeout: getRemainingTimeInMillis counts down from `startedAt` + this. */
  readonly timeoutMs: number;
  /** Epoch ms when the invocation started. */
  readonly startedAt: number;
  /** Clock for getRemainingTimeInMillis; injected for tests. */
  readonly now?: () => number;
  readonly region?: string;
  readonly accountId?: string;
}

/** An invocation context with the fields the Node.js runtime provides; the callback-style completion throws. */
export function lambdaContext(o: LambdaContextOptions): Context {
  const now = o.now ?? Date.now;
  const deadline = o.startedAt + o.timeoutMs;
  // The functions are async and return their result; a call of these would be a bug.
  const unsupported = () => { throw new Error(`Callback-style completion is not supported (${o.functionName}): return a result`); };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: o.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${o.region ?? 'us-east-1'}:${o.accountId ?? PLACEHOLDER_ACCOUNT_ID}:function:${o.functionName}`,
    memoryLimitInMB: String(o.memoryLimitInMB),
    awsRequestId: o.awsRequestId,
    logGroupName: `/aws/lambda/${o.functionName}`,
    logStreamName: `local/[$LATEST]${o.awsRequestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
