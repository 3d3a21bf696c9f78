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
