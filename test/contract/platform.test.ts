/**
 * The construct-handler contract is data in one module; these tests tie it to the construct's public enums and to
 * what the construct deploys, so the enums and the contract cannot drift apart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HandlerLogLevel, MetricsPublisher } from '../../src';
import {
  FUNCTION_DEFAULTS, HANDLER_BUNDLES, LOG_LEVELS, METRICS_PUBLISHER_BUNDLES, ORDER_EVENTS_BUNDLES, ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES,
} from '../../src/contract/platform';
import { synthPlatform } from '../support/synth';

const PACKAGE_ROOT = path.join(__dirname, '..', '..');

describe('log levels', () => {
  test('the HandlerLogLevel enum has exactly the contract levels, in order', () => {
    expect(Object.values(HandlerLogLevel)).toEqual([...LOG_LEVELS]);
    expect(Object.keys(HandlerLogLevel)).toEqual([...LOG_LEVELS]);
  });

  test('the default log level is one of them', () => {
    expect(LOG_LEVELS).toContain(FUNCTION_DEFAULTS.logLevel);
  });
});

describe('publisher -> bundle', () => {
  test('every MetricsPublisher value has a bundle, and no bundle is unused or shared', () => {
    expect(Object.keys(METRICS_PUBLISHER_BUNDLES).sort()).toEqual(Object.values(MetricsPublisher).sort());
    expect(Object.values(METRICS_PUBLISHER_BUNDLES).sort()).toEqual(Object.values(HANDLER_BUNDLES).sort());
  });

  test('every MetricsPublisher value has a consumer bundle too, and no consumer bundle is unused or shared', () => {
    expect(Object.keys(ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES).sort()).toEqual(Object.values(MetricsPublisher).sort());
    expect(Object.values(ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES).sort()).toEqual(Object.values(ORDER_EVENTS_BUNDLES).sort());
  });

  /** The bundle file staged for the one function whose description starts with `description`. */
  function stagedBundle({ app, template }: ReturnType<typeof synthPlatform>, description: string): Buffer {
    const fns = Object.values(template.findResources('AWS::Lambda::Function'))
      .filter((fn) => String(fn.Properties.Description).startsWith(description));
    expect(fns).toHaveLength(1);
    const s3Key: string = fns[0].Properties.Code.S3Key;
    expect(s3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    // The asset is staged into the cloud assembly under its hash; its handler file is the mapped bundle, byte for byte.
    return fs.readFileSync(path.join(app.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.mjs'));
  }

  const bundleFile = (dir: string) => {
    const file = path.join(PACKAGE_ROOT, dir, 'index.mjs');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen bundle\``);
    return fs.readFileSync(file);
  };

  test.each(Object.values(MetricsPublisher))('%s: the construct deploys exactly the mapped bundles (order handler and consumer)', (publisher) => {
    const synthesized = synthPlatform({ metricsPublisher: publisher });
    // The order handler is the function behind POST /orders; the platform's other functions have bundles of their own.
    expect(stagedBundle(synthesized, 'POST /orders handler').equals(bundleFile(METRICS_PUBLISHER_BUNDLES[publisher]))).toBe(true);
    expect(stagedBundle(synthesized, 'Publishes an OrderCreated event').equals(bundleFile(ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES[publisher]))).toBe(true);
  });
});
