/** The EMF publisher: one document per call, nothing for no data, and a failed write rejects instead of being hidden. */
import { createEmfPublisher } from '../../../src/functions/runtime/emf-publisher';
import { lineSink } from '../create-order/support';

const options = { namespace: 'ECommerce/OrderProcessing', dimensionName: 'Environment', dimensionValue: 'prod', now: () => 1_700_000_000_000 };

test('writes one EMF document with the dimension, the values and the properties', async () => {
  const sink = lineSink();
  await createEmfPublisher({ ...options, write: sink.write })
    .publish([{ name: 'OrderErrors', value: 1, unit: 'Count' }], { requestId: 'r', orderId: 'o' });
  expect(sink.lines).toEqual([{
    requestId: 'r',
    orderId: 'o',
    _aws: {
      Timestamp: 1_700_000_000_000,
      CloudWatchMetrics: [{ Namespace: 'ECommerce/OrderProcessing', Dimensions: [['Environment']], Metrics: [{ Name: 'OrderErrors', Unit: 'Count' }] }],
    },
    Environment: 'prod',
    OrderErrors: 1,
  }]);
});

test('writes nothing when there is nothing to publish', async () => {
  const sink = lineSink();
  await createEmfPublisher({ ...options, write: sink.write }).publish([], { requestId: 'r' });
  expect(sink.lines).toEqual([]);
});

test('a failed write rejects, so the caller decides what it means', async () => {
  const broken = createEmfPublisher({ ...options, write: () => { throw new Error('EPIPE: stdout closed'); } });
  await expect(broken.publish([{ name: 'OrdersProcessed', value: 1, unit: 'Count' }], { requestId: 'r' }))
    .rejects.toThrow('EPIPE: stdout closed');
});
