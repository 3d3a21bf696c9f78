import { matchLifecycleRoute, matchReadRoute } from '../../local/read-routes';

test.each<[string, string, unknown]>([
  ['GET', '/orders/o-1', { routeKey: 'GET /orders/{orderId}', pathParameters: { orderId: 'o-1' } }],
  ['GET', '/customers/cust-12345/orders', { routeKey: 'GET /customers/{customerId}/orders', pathParameters: { customerId: 'cust-12345' } }],
  ['GET', '/customers/cust%20a%2Fb/orders', { routeKey: 'GET /customers/{customerId}/orders', pathParameters: { customerId: 'cust a/b' } }],
  ['get', '/orders/o-1', { routeKey: 'GET /orders/{orderId}', pathParameters: { orderId: 'o-1' } }],
  ['POST', '/orders/o-1', undefined],
  ['GET', '/orders', undefined],
  ['GET', '/orders/', undefined],
  ['GET', '/orders/a/b', undefined],
  ['GET', '/customers//orders', undefined],
  ['GET', '/customers/c/orders/x', undefined],
  ['GET', '/orders/%E0%A4%A', undefined],
])('%s %s', (method, path, expected) => {
  expect(matchReadRoute(method, path)).toEqual(expected);
});

test.each<[string, string, unknown]>([
  ['POST', '/orders/o-1/cancel', { routeKey: 'POST /orders/{orderId}/cancel', pathParameters: { orderId: 'o-1' } }],
  ['POST', '/orders/o%2F1/status', { routeKey: 'POST /orders/{orderId}/status', pathParameters: { orderId: 'o/1' } }],
  ['GET', '/orders/o-1/cancel', undefined],
  ['POST', '/orders/o-1/ship', undefined],
  ['POST', '/orders//status', undefined],
])('lifecycle: %s %s', (method, path, expected) => {
  expect(matchLifecycleRoute(method, path)).toEqual(expected);
});
