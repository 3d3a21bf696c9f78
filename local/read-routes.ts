/**
 * Routing of the routes with path parameters as the HTTP API does it (the read API's two GET routes, the lifecycle's
 * two POST routes): the route key API Gateway puts into the event and the path parameters (percent-decoded), from the
 * same route definitions the construct creates.
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

const LIFECYCLE_ROUTES = [API_ROUTES.cancelOrder, API_ROUTES.changeOrderStatus];

type Route = { readonly method: string; readonly path: string };

function matcher(routes: readonly Route[]): (method: string, rawPath: string) => MatchedRoute | undefined {
  const compiled = routes.map((route) => ({ key: routeKey(route), method: route.method, ...compile(route.path) }));
  return (method, rawPath) => match(compiled, method, rawPath);
}

/** The read route `method rawPath` is, or undefined (then the API answers 404). */
export const matchReadRoute = matcher(READ_ROUTES);
/** The lifecycle route (cancel, status) `method rawPath` is, or undefined. */
export const matchLifecycleRoute = matcher(LIFECYCLE_ROUTES);

type Compiled = { key: string; method: string; regex: RegExp; names: string[] };

function match(compiled: readonly Compiled[], method: string, rawPath: string): MatchedRoute | undefined {
  for (const route of compiled) {
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
