import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { DeploymentEnvironment, HandlerLogLevel, MetricsPublisher } from '../../src';
import { resolveProps } from '../../src/internal/resolve-props';

describe('defaults (one test per documented default)', () => {
  const d = resolveProps({});
  test.each([
    ['projectName', d.projectName, 'ecommerce-orders'],
    ['environment', d.deploymentEnvironment, DeploymentEnvironment.DEV],
    ['environmentSuffix', d.nameSuffix, 'dev'],
    ['throttle.rateLimit', d.throttleRateLimit, 500],
    ['throttle.burstLimit', d.throttleBurstLimit, 1000],
    ['reservedConcurrency', d.reservedConcurrency, 100],
    ['metricsPublisher', d.metricsPublisher, MetricsPublisher.EMBEDDED_METRIC_FORMAT],
    ['logLevel', d.logLevel, HandlerLogLevel.INFO],
    ['memorySize', d.memorySize, 256],
    ['alarmActionsEnabled', d.alarmActionsEnabled, true],
    ['dashboardEnabled', d.dashboardEnabled, true],
    ['tableStreamEnabled', d.tableStreamEnabled, true],
    ['contributorInsightsEnabled', d.contributorInsightsEnabled, true],
    ['readApiEnabled', d.readApiEnabled, true],
    ['orderEventsEnabled', d.orderEventsEnabled, true],
    ['eventBus', d.eventBus, undefined],
    ['removalPolicy (DEV)', d.removalPolicy, RemovalPolicy.DESTROY],
    ['exportPrefix', d.exportPrefix, undefined],
    ['alertEmail', d.alertEmail, undefined],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  test('corsAllowedOrigins is ["*"]', () => expect(d.corsAllowedOrigins).toEqual(['*']));
  test('timeout is 30 s, as in the original specification', () => expect(d.timeout.toSeconds()).toBe(30));
  test('orderRetention is 30 days in DEV', () => expect(d.orderRetention?.toDays()).toBe(30));
  test('the archive of a created bus keeps 30 days; events are late after 5 min', () => {
    expect(d.orderEventsArchiveRetention?.toDays()).toBe(30);
    expect(d.alarmThresholds.orderEventsIteratorAge.toSeconds()).toBe(300);
  });
  test('orders are kept forever in STAGING and PROD', () => {
    expect(resolveProps({ environment: DeploymentEnvironment.STAGING }).orderRetention).toBeUndefined();
    expect(resolveProps({ environment: DeploymentEnvironment.PROD }).orderRetention).toBeUndefined();
  });
  test('logRetention: a year in PROD (Control Tower CT.CLOUDWATCH.PR.2), three months in STAGING, a month in DEV', () => {
    expect(d.logRetention).toBe(RetentionDays.ONE_MONTH);
    expect(resolveProps({ environment: DeploymentEnvironment.STAGING }).logRetention).toBe(RetentionDays.THREE_MONTHS);
    expect(resolveProps({ environment: DeploymentEnvironment.PROD }).logRetention).toBe(RetentionDays.ONE_YEAR);
    expect(RetentionDays.ONE_YEAR).toBeGreaterThanOrEqual(365);
  });
  test('logRetention given is kept in every environment, INFINITE included', () => {
    const prod = resolveProps({ environment: DeploymentEnvironment.PROD, logRetention: RetentionDays.TEN_YEARS });
    expect(prod.logRetention).toBe(RetentionDays.TEN_YEARS);
    expect(resolveProps({ logRetention: RetentionDays.INFINITE }).logRetention).toBe(RetentionDays.INFINITE);
  });
  test('environmentSuffix follows the environment', () => {
    expect(resolveProps({ environment: DeploymentEnvironment.PROD }).nameSuffix).toBe('prod');
    expect(resolveProps({ environment: DeploymentEnvironment.STAGING }).nameSuffix).toBe('staging');
  });
  test('PROD and STAGING retain resources', () => {
    expect(resolveProps({ environment: DeploymentEnvironment.PROD }).removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(resolveProps({ environment: DeploymentEnvironment.STAGING }).removalPolicy).toBe(RemovalPolicy.RETAIN);
  });
  test('alarm thresholds default as documented', () => {
    const t = d.alarmThresholds;
    expect(t).toMatchObject({
      lambdaErrors: 5,
      lambdaThrottles: 1,
      concurrencyUtilization: 0.8,
      dynamoDbThrottles: 1,
      dynamoDbSystemErrors: 1,
      api4xxErrors: 10,
      api5xxErrors: 3,
      orderErrors: 1,
      failureQueueDepth: 1,
    });
    expect(t.lambdaAverageDuration.toSeconds()).toBe(3);
    expect(t.apiP99Latency.toSeconds()).toBe(2);
    expect(t.lambdaP99Duration.toMilliseconds()).toBe(24_000); // 80% of the 30 s timeout
  });
  test('p99 duration threshold follows a custom timeout', () => {
    expect(resolveProps({ timeout: Duration.seconds(10) }).alarmThresholds.lambdaP99Duration.toMilliseconds()).toBe(8_000);
  });
});

describe('invalid props fail at synth with a message naming the prop and the rule', () => {
  const topic = () => new Topic(new Stack(new App(), 'S'), 'T');
  test.each([
    ['projectName', { projectName: 'Bad_Name' }, /projectName "Bad_Name" must match \^\[a-z0-9-\]\+\$/],
    ['projectName too long', { projectName: 'a'.repeat(41) }, /projectName .* at most 40 characters/],
    ['projectName empty', { projectName: '' }, /projectName "" must match/],
    ['environmentSuffix', { environmentSuffix: 'Prod!' }, /environmentSuffix "Prod!" must match/],
    ['environment', { environment: 'QA' as DeploymentEnvironment }, /environment "QA" must be one of DEV, STAGING, PROD/],
    ['metricsPublisher', { metricsPublisher: 'STATSD' as MetricsPublisher }, /metricsPublisher "STATSD" must be one of EMBEDDED_METRIC_FORMAT, PUT_METRIC_DATA/],
    ['logLevel', { logLevel: 'VERBOSE' as HandlerLogLevel }, /logLevel "VERBOSE" must be one of DEBUG, INFO, WARN, ERROR/],
    ['alertEmail', { alertEmail: 'not-an-email' }, /alertEmail "not-an-email" is not an e-mail address/],
    ['alertEmail with spaces', { alertEmail: 'a b@c.de' }, /alertEmail "a b@c.de"/],
    ['rateLimit zero', { throttle: { rateLimit: 0 } }, /throttle.rateLimit 0 must be a positive number/],
    ['rateLimit negative', { throttle: { rateLimit: -5, burstLimit: 10 } }, /throttle.rateLimit -5 must be a positive number/],
    ['burstLimit not integer', { throttle: { burstLimit: 1000.5 } }, /throttle.burstLimit 1000.5 must be a positive integer/],
    ['burst below rate', { throttle: { rateLimit: 800, burstLimit: 400 } }, /throttle.burstLimit 400 must be at least throttle.rateLimit 800/],
    ['reservedConcurrency zero', { reservedConcurrency: 0 }, /reservedConcurrency 0 must be a positive integer/],
    ['reservedConcurrency fraction', { reservedConcurrency: 2.5 }, /reservedConcurrency 2.5 must be a positive integer/],
    ['orderRetention partial days', { orderRetention: Duration.hours(36) }, /orderRetention 1 day 12 hours must be a whole number of days/],
    ['orderRetention zero', { orderRetention: Duration.days(0) }, /orderRetention .* at least 1/],
    ['corsAllowedOrigins empty', { corsAllowedOrigins: [] }, /corsAllowedOrigins must not be empty/],
    ['corsAllowedOrigins bad entry', { corsAllowedOrigins: ['shop.example.com'] }, /corsAllowedOrigins entry "shop.example.com" must be/],
    ['exportPrefix', { exportPrefix: 'my prefix' }, /exportPrefix "my prefix" must match/],
    ['timeout above the API limit', { timeout: Duration.seconds(31) }, /timeout 31 seconds must be whole seconds from 1 to 30/],
    ['timeout fractional', { timeout: Duration.millis(1500) }, /timeout .* must be whole seconds/],
    ['memorySize', { memorySize: 64 }, /memorySize 64 must be an integer from 128 to 10240/],
    ['logRetention not a RetentionDays value', { logRetention: 42 as RetentionDays }, /logRetention 42 must be one of the RetentionDays values \(days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400/],
    ['logRetention zero', { logRetention: 0 as RetentionDays }, /logRetention 0 must be one of the RetentionDays values/],
    ['alarm threshold negative', { alarmThresholds: { api5xxErrors: -1 } }, /alarmThresholds.api5xxErrors -1 must be a non-negative number/],
    ['concurrencyUtilization above 1', { alarmThresholds: { concurrencyUtilization: 1.5 } }, /alarmThresholds.concurrencyUtilization 1.5 must be greater than 0 and at most 1/],
    ['zero latency threshold', { alarmThresholds: { apiP99Latency: Duration.millis(0) } }, /alarmThresholds.apiP99Latency must be longer than zero/],
  ])('%s', (_name, props, message) => {
    expect(() => resolveProps(props)).toThrow(message);
  });

  test('alertEmail and alertTopic together are rejected', () => {
    expect(() => resolveProps({ alertEmail: 'ops@example.com', alertTopic: topic() }))
      .toThrow(/alertEmail and alertTopic cannot both be set/);
  });

  test('every problem is reported at once', () => {
    expect(() => resolveProps({ projectName: 'X', reservedConcurrency: -1, memorySize: 1 }))
      .toThrow(/invalid props:\n - projectName "X".*\n - reservedConcurrency -1.*\n - memorySize 1/s);
  });

  test('valid non-default props resolve', () => {
    const r = resolveProps({
      projectName: 'shop-orders',
      environment: DeploymentEnvironment.PROD,
      environmentSuffix: 'prod-eu',
      alertEmail: 'ops@example.com',
      throttle: { rateLimit: 800, burstLimit: 1600 },
      reservedConcurrency: 200,
      corsAllowedOrigins: ['https://shop.example.com', 'http://localhost:3000'],
      exportPrefix: 'Shop-Orders',
    });
    expect(r.namePrefix).toBe('shop-orders-prod-eu');
    expect(r.throttleRateLimit).toBe(800);
    expect(r.isProductionLike).toBe(true);
  });
});

test('readApiEnabled: false is kept', () => {
  expect(resolveProps({ readApiEnabled: false }).readApiEnabled).toBe(false);
});
