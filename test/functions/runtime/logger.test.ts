import { createLogger } from '../../../src/functions/runtime/logger';
import { errorFields } from '../../../src/functions/runtime/ports';
import { lineSink } from '../create-order/support';

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
