/**
 * The ports every function shares: where its logs and business metrics go. Interfaces and one pure helper only, so a
 * function's orchestration may import this file without importing any I/O; the kit's logger and metrics sinks
 * implement these, and tests wire fakes.
 */
export type MetricUnit = 'Count' | 'None';
export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
}

/** Where the business metrics go: an EMF line on stdout or a PutMetricData call (the construct's metricsPublisher). */
export interface MetricsSink {
  /**
   * Publishes one invocation's metrics. Rejects when they could not be published, and never logs: the order logic
   * alone decides what a failure means (a stored order stays a success) and logs it with the request's context.
   */
  publish(data: readonly MetricDatum[], properties: Readonly<Record<string, string>>): Promise<void>;
}

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (requestId, orderId). */
  child(fields: LogFields): Logger;
}

/** An error as safe log fields: its name, a bounded message and, for SDK errors, the HTTP status and request id. */
export function errorFields(e: unknown): LogFields {
  if (!(e instanceof Error)) return { errorName: typeof e, errorMessage: String(e).slice(0, 500) };
  const meta = (e as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  const cause = (e as { cause?: unknown }).cause;
  return {
    errorName: e.name,
    errorMessage: e.message.slice(0, 500),
    ...(meta?.httpStatusCode !== undefined && { httpStatusCode: meta.httpStatusCode }),
    ...(meta?.requestId !== undefined && { awsRequestId: meta.requestId }),
    ...(cause instanceof Error && { causeName: cause.name }),
  };
}
