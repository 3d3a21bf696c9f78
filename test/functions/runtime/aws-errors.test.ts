import { StoreFaultError, StoreUnavailableError } from '../../../src/functions/model/errors';
import { classifyStoreError, isAwsError, isTransientAwsError } from '../../../src/functions/runtime/aws-errors';

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
    // What the platform adds: DynamoDB write conflicts, its own deadline, two more socket codes.
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

describe('classifyStoreError', () => {
  test('a transient AWS error is StoreUnavailableError, another AWS error StoreFaultError, a bug passes unchanged', () => {
    const throttled = { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } };
    const denied = { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } };
    const bug = new TypeError('bug');
    expect(classifyStoreError(throttled)).toBeInstanceOf(StoreUnavailableError);
    expect(classifyStoreError(denied)).toBeInstanceOf(StoreFaultError);
    expect(classifyStoreError(bug)).toBe(bug);
  });
});
