/**
 * The default handler wired as src/functions/create-order/entry-emf.ts wires it, except that the order store answers at once and
 * does no I/O. The benchmark bundles this with the production flags to measure the handler's own CPU per order,
 * whose budget excludes I/O: parsing, validation, money, idempotency, the record, logs and EMF.
 */
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../src/contract/platform';
import { createOrderHandler } from '../src/functions/create-order/create-order';
import { readConfig } from '../src/functions/create-order/io/config';
import { OrderStore } from '../src/functions/create-order/ports';
import { createEmfPublisher } from '../src/functions/runtime/emf-publisher';
import { createLogger } from '../src/functions/runtime/logger';

const config = readConfig(process.env);

const storeWithoutIo: OrderStore = { putIfAbsent: async () => ({ created: true }) };

export const handler = createOrderHandler({
  config,
  store: storeWithoutIo,
  metrics: createEmfPublisher({ namespace: METRICS_NAMESPACE, dimensionName: METRICS_DIMENSION, dimensionValue: config.metricsDimensionValue }),
  logger: createLogger(config.logLevel),
});
