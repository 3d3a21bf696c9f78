import { readConfig } from '../../../../src/functions/create-order/io/config';
import { isAwsError, isTransientAwsError } from '../../../../src/functions/runtime/aws-errors';
import { createLogger } from '../../../../src/functions/runtime/logger';
import { errorFields } from '../../../../src/functions/runtime/ports';
import { lineSink } from '../support';

describe('readConfig', () => {
  test('reads the variables the construct sets', () => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', ENVIRONMENT: 'prod', LOG_LEVEL: 'debug', ORDER_RETENTION_SECONDS: '86400' }))
      .toEqual({ tableName: 't', metricsDimensionValue: 'prod', logLevel: 'DEBUG', retentionSeconds: 86400 });
  });
  test('defaults: metric dimension value unknown, INFO when LOG_LEVEL is unset, no retention', () => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '' }))
      .toEqual({ tableName: 't', metricsDimensionValue: 'unknown', logLevel: 'INFO' });
  });
  test.each(['DEBUG', 'INFO', 'WARN', 'ERROR', ' warn '])('LOG_LEVEL %j is accepted', (level) => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', LOG_LEVEL: level }).logLevel).toBe(level.trim().toUpperCase());
  });
  test.each(['verbose', 'TRACE', '', '  '])('LOG_LEVEL %j fails the start-up, naming the variable and the allowed levels', (level) => {
    expect(() => readConfig({ DYNAMODB_TABLE_NAME: 't', LOG_LEVEL: level }))
      .toThrow(`LOG_LEVEL "${level}" must be one of DEBUG, INFO, WARN, ERROR (or unset for INFO)`);
  });
  test.each([[{}], [{ DYNAMODB_TABLE_NAME: '' }], [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '-5' }],
    [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '1.5' }], [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '0' }]])(
    'rejects %j', (env) => { expect(() => readConfig(env)).toThrow(); });
});

describe('logger', () => {
  test('one JSON object per line, fixed keys cannot be overwritten, levels filter', () => {
    const sink = lineSink();
    const log = createLogger('INFO', sink.write).child({ requestId: 'r' });
    log.debug('hidden');
    log.info('shown', { orderId: 'o', level: 'FAKE', message: 'fake' } as never);
    log.child({ orderId: 'o2' }).error('bad');
    expect(sink.lines).toEqual([
      { requestId: 'r', orderId: 'o', level: 'INFO', message: 'shown', timestamp: expect.any(String) },
      { requestId: 'r', orderId: 'o2', level: 'ERROR', message: 'bad', timestamp: expect.any(String) },
    ]);
  });
  test('errorFields keeps name, bounded message and SDK metadata', () => {
    const e = Object.assign(new Error('m'.repeat(900)), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400, requestId: 'AWSREQ' } });
    expect(errorFields(e)).toEqual({ errorName: 'ThrottlingException', errorMessage: 'm'.repeat(500), httpStatusCode: 400, awsRequestId: 'AWSREQ' });
    expect(errorFields('str')).toEqual({ errorName: 'string', errorMessage: 'str' });
  });
});

describe('aws error classification', () => {
  test.each([
    [{ name: 'ProvisionedThroughputExceededException', $metadata: {} }, true, true],
    [{ name: 'Whatever', $fault: 'server', $metadata: { httpStatusCode: 500 } }, true, true],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }, true, true],
    [{ name: 'TimeoutError' }, true, false],
    [{ code: 'ECONNREFUSED' }, true, false],
    [{ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, false, true],
    [new TypeError('bug'), false, false],
    [null, false, false],
    // The SDK's own classification: throttling names, 5xx statuses, retryable traits, timeouts in a cause.
    [{ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, true, true],
    [{ name: 'RequestLimitExceeded', $fault: 'client', $metadata: { httpStatusCode: 400 } }, true, true],
    [{ name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } }, true, true],
    [{ name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 501 } }, true, true],
    [{ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } }, true, true],
    [{ name: 'Whatever', $retryable: {}, $metadata: { httpStatusCode: 400 } }, true, true],
    [{ name: 'RequestTimeoutException' }, true, false],
    [{ name: 'Error', cause: { name: 'TimeoutError' } }, true, false],
    [{ code: 'ECONNRESET' }, true, false],
    [{ code: 'EAI_AGAIN' }, true, false],
    // What this handler adds: DynamoDB write conflicts, its own deadline, two more socket codes.
    [{ name: 'TransactionConflictException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, true, true],
    [{ name: 'ReplicatedWriteConflictException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, true, true],
    [{ name: 'AbortError', message: 'This operation was aborted' }, true, false],
    [{ code: 'ECONNABORTED' }, true, false],
    [{ code: 'ENETDOWN' }, true, false],
    // Refusals retrying will not fix.
    [{ name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, false, true],
    [{ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } }, false, true],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials' }, false, true],
    [new RangeError('bug'), false, false],
  ])('%j -> transient %s, aws %s', (e, transient, aws) => {
    expect(isTransientAwsError(e)).toBe(transient);
    expect(isAwsError(e)).toBe(aws);
  });
});
