/**
 * A request the client must change before retrying. Carries everything the 4xx JSON body needs: which field (a
 * JSON path such as `items[2].price`, or a header name) broke which rule. It never carries the offending value,
 * so an error can be logged without leaking customer data.
 */
export class ClientError extends Error {
  public readonly name = 'ClientError';
  constructor(
    public readonly statusCode: 400 | 403 | 404 | 409 | 413 | 415,
    public readonly error: string,
    message: string,
    public readonly field: string | null,
    public readonly rule: string,
  ) {
    super(message);
  }
}

/** 400 for a body field (or `body` itself) that breaks a rule. */
export function invalid(field: string, rule: string, message: string): ClientError {
  return new ClientError(400, 'ValidationError', message, field, rule);
}

/** Throttled, timed out, unreachable or a 5xx from the service: retrying later can succeed (-> 503). */
export class StoreUnavailableError extends Error {
  public readonly name = 'StoreUnavailableError';
  constructor(public readonly cause: unknown) {
    super(`Order store unavailable: ${describe(cause)}`);
  }
}

/** The service refused the request for a reason retrying will not fix: permissions, missing table, ... (-> 500). */
export class StoreFaultError extends Error {
  public readonly name = 'StoreFaultError';
  constructor(public readonly cause: unknown) {
    super(`Order store fault: ${describe(cause)}`);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300);
}

