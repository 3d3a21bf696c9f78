import {
  encodeBody, formatRequestTime, fromHandlerResult, gatewayResponse, joinHeaders, lambdaContext, LocalHttpRequest,
  matchesOrdersRoute, parseQueryString, toHttpApiEvent,
} from '../../local/http-api-adapter';

const T = Date.UTC(2020, 2, 12, 19, 3, 58, 123);

function request(over: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: 'POST',
    url: '/orders',
    rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json', 'User-Agent', 'curl/8.0'],
    body: Buffer.from('{"customerId":"cust-12345"}'),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...over,
  };
}

describe('request -> payload 2.0 event', () => {
  test('carries the fields API Gateway sets for POST /orders', () => {
    const event = toHttpApiEvent(request(), { requestId: 'req-1', timeEpoch: T, domainName: 'fallback' });
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /orders',
      rawPath: '/orders',
      rawQueryString: '',
      headers: { 'host': '127.0.0.1:3000', 'content-type': 'application/json', 'user-agent': 'curl/8.0' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8.0' },
        requestId: 'req-1',
        routeKey: 'POST /orders',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: T,
      },
      body: '{"customerId":"cust-12345"}',
      isBase64Encoded: false,
    });
    // Absent, not empty, when there is nothing to carry (as the real payload).
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
  });

  test('lower-cases header names and comma-joins repeated headers', () => {
    expect(joinHeaders(['X-Trace', 'a', 'x-trace', 'b', 'Idempotency-Key', 'k1'])).toEqual({ 'x-trace': 'a,b', 'idempotency-key': 'k1' });
  });

  test('moves cookies out of the headers into the cookies array', () => {
    const event = toHttpApiEvent(request({ rawHeaders: ['Cookie', 'a=1; b=2', 'cookie', 'c=3'] }), { requestId: 'r', timeEpoch: T, domainName: 'd.example' });
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  test('query string: raw kept, parameters decoded, repeats comma-joined', () => {
    const event = toHttpApiEvent(request({ url: '/orders?a=1&a=2&b=x%20y' }), { requestId: 'r', timeEpoch: T, domainName: 'd' });
    expect(event.rawPath).toBe('/orders');
    expect(event.rawQueryString).toBe('a=1&a=2&b=x%20y');
    expect(event.queryStringParameters).toEqual({ a: '1,2', b: 'x y' });
    expect(parseQueryString('')).toBeUndefined();
  });

  test('without Host the domain name comes from the server', () => {
    const event = toHttpApiEvent(request({ rawHeaders: [] }), { requestId: 'r', timeEpoch: T, domainName: 'abc.execute-api.local' });
    expect(event.requestContext.domainName).toBe('abc.execute-api.local');
    expect(event.requestContext.domainPrefix).toBe('abc');
    expect(event.requestContext.http.userAgent).toBe('');
  });

  test('an empty body is absent and not base64', () => {
    const event = toHttpApiEvent(request({ body: Buffer.alloc(0) }), { requestId: 'r', timeEpoch: T, domainName: 'd' });
    expect(event).not.toHaveProperty('body');
    expect(event.isBase64Encoded).toBe(false);
  });

  test.each([
    ['application/json', '{"a":"é"}', false],
    ['application/json; charset=utf-8', '{}', false],
    ['application/vnd.api+json', '{}', false],
    ['text/plain', 'hello', false],
    [undefined, 'hello', false],
    ['application/octet-stream', 'hello', true],
    ['image/png', 'x', true],
  ])('content type %s: base64 = %s', (contentType, text, base64) => {
    const encoded = encodeBody(Buffer.from(text), contentType);
    expect(encoded.isBase64Encoded).toBe(base64);
    expect(encoded.body).toBe(base64 ? Buffer.from(text).toString('base64') : text);
  });

  test('bytes that are not UTF-8 are base64 even with a JSON content type', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(encodeBody(bytes, 'application/json')).toEqual({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  test('request time uses the API Gateway format in UTC', () => {
    expect(formatRequestTime(Date.UTC(2024, 0, 5, 3, 4, 5))).toBe('05/Jan/2024:03:04:05 +0000');
  });

  test('only POST /orders is routed to the handler', () => {
    expect(matchesOrdersRoute('POST', '/orders')).toBe(true);
    expect(matchesOrdersRoute('post', '/orders')).toBe(true);
    expect(matchesOrdersRoute('GET', '/orders')).toBe(false);
    expect(matchesOrdersRoute('POST', '/orders/')).toBe(false);
    expect(matchesOrdersRoute('POST', '/order')).toBe(false);
  });
});

describe('handler result -> HTTP response', () => {
  test('maps status, headers and body', () => {
    const r = fromHandlerResult({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-Id': 7 }, body: '{"ok":true}' });
    expect(r.statusCode).toBe(201);
    expect(r.headers).toEqual({ 'content-type': 'application/json', 'x-id': '7', 'content-length': '11' });
    expect(r.body.toString()).toBe('{"ok":true}');
  });

  test('decodes a base64 body', () => {
    const r = fromHandlerResult({ statusCode: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([1, 2, 255]).toString('base64'), isBase64Encoded: true });
    expect([...r.body]).toEqual([1, 2, 255]);
    expect(r.headers['content-length']).toBe('3');
  });

  test('cookies become set-cookie headers', () => {
    const r = fromHandlerResult({ statusCode: 200, cookies: ['a=1; Secure', 'b=2'], body: '' });
    expect(r.headers['set-cookie']).toEqual(['a=1; Secure', 'b=2']);
  });

  test('a result without statusCode is an inferred 200 JSON response (payload 2.0)', () => {
    const r = fromHandlerResult({ hello: 'world' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body.toString())).toEqual({ hello: 'world' });
  });

  test.each([
    [{ statusCode: 'x' }],
    [{ statusCode: 700 }],
    [{ statusCode: 200, body: { not: 'a string' } }],
  ])('a malformed result %j is the API\'s 500', (result) => {
    const r = fromHandlerResult(result);
    expect(r.statusCode).toBe(500);
    expect(JSON.parse(r.body.toString())).toEqual({ message: 'Internal Server Error' });
  });

  test('gateway responses carry the API Gateway message shape', () => {
    const r = gatewayResponse(404, 'Not Found');
    expect(r.statusCode).toBe(404);
    expect(r.body.toString()).toBe('{"message":"Not Found"}');
  });
});

describe('Lambda context', () => {
  test('has the runtime fields and a deadline that counts down', () => {
    let now = 1_000;
    const ctx = lambdaContext({ awsRequestId: 'a-b-c', functionName: 'fn', memoryLimitInMB: 256, timeoutMs: 30_000, startedAt: 1_000, now: () => now });
    expect(ctx.awsRequestId).toBe('a-b-c');
    expect(ctx.functionName).toBe('fn');
    expect(ctx.memoryLimitInMB).toBe('256');
    expect(ctx.invokedFunctionArn).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:fn$/);
    expect(ctx.getRemainingTimeInMillis()).toBe(30_000);
    now = 31_500;
    expect(ctx.getRemainingTimeInMillis()).toBe(0);
  });
});
