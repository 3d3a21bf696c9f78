/**
 * Routing of the read API's two GET routes as the HTTP API does it: the route key API Gateway puts into the event
 * and the path parameters (percent-decoded), from the same route definitions the construct creates.
 */
import { API_ROUTES, routeKey } from '../src/contract/platform';

export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

const READ_ROUTES = [API_ROUTES.getOrder, API_ROUTES.listCustomerOrders];

/** `/orders/{orderId}` -> a regular expression with one capture per parameter, each one non-empty path segment. */
function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.split('/').map((segment) => {
    const m = /^\{(\w+)\}$/.exec(segment);
    if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(m[1]);
    return '([^/]+)';
  }).join('/');
  return { regex: new RegExp(`^${source}$`), names };
}

const COMPILED = READ_ROUTES.map((route) => ({ key: routeKey(route), method: route.method, ...compile(route.path) }));

/** The read route `method rawPath` is, or undefined (then the API answers 404). */
export function matchReadRoute(method: string, rawPath: string): MatchedRoute | undefined {
  for (const route of COMPILED) {
    if (method.toUpperCase() !== route.method) continue;
    const m = route.regex.exec(rawPath);
    if (!m) continue;
    try {
      const pathParameters = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
      return { routeKey: route.key, pathParameters };
    } catch {
      return undefined; // a malformed percent-escape matches no route
    }
  }
  return undefined;
}
