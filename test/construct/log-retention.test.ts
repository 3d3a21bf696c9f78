/**
 * The logRetention prop: every log group the platform creates (the three functions' and the API access log) keeps
 * events for the prop's value, and the per-environment default when it is not given.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DeploymentEnvironment, OrderProcessingPlatformProps } from '../../src';
import { synthPlatform } from '../support/synth';

const LOG_GROUPS = ['apigateway/access', 'lambda/order-events', 'lambda/order-handler', 'lambda/order-lifecycle', 'lambda/read-api'];

/** Log group name suffix (after the platform prefix) -> RetentionInDays, or 'never' when the property is absent. */
function retentions(props: OrderProcessingPlatformProps): Record<string, number | 'never'> {
  const groups = synthPlatform(props).template.findResources('AWS::Logs::LogGroup');
  return Object.fromEntries(Object.values<any>(groups).map((g) => [
    g.Properties.LogGroupName.replace(/^\/[^/]+\//, ''), g.Properties.RetentionInDays ?? 'never',
  ]));
}
const all = (value: number | 'never') => Object.fromEntries(LOG_GROUPS.map((g) => [g, value]));

test.each<[string, OrderProcessingPlatformProps, number | 'never']>([
  ['PROD keeps a year by default', { environment: DeploymentEnvironment.PROD }, 365],
  ['STAGING keeps three months by default', { environment: DeploymentEnvironment.STAGING }, 90],
  ['DEV keeps a month by default', {}, 30],
  ['the prop applies to every log group', { environment: DeploymentEnvironment.PROD, logRetention: RetentionDays.SEVEN_YEARS }, 2557],
  ['the prop in DEV', { logRetention: RetentionDays.ONE_YEAR }, 365],
  ['INFINITE leaves the retention out (never expire)', { logRetention: RetentionDays.INFINITE }, 'never'],
])('%s', (_name, props, days) => {
  expect(retentions(props)).toEqual(all(days));
});

test('an invalid logRetention fails synth naming the prop', () => {
  expect(() => synthPlatform({ logRetention: 42 as RetentionDays })).toThrow(/logRetention 42 must be one of the RetentionDays values/);
});
