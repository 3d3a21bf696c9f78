import { isPublished } from './published-metrics';
import { templateOf } from '../support/template-cache';

const template = templateOf('alert-email');
const alarms = template.findResources('AWS::CloudWatch::Alarm') as Record<string, any>;
const byName = Object.fromEntries(Object.values(alarms).map((a) => [a.Properties.AlarmName, a.Properties]));

/** (namespace, metric, dimension names) of every metric an alarm reads, single or inside metric math. */
function metricsOf(alarm: any): { ns: string; name: string; dims: string[]; stat?: string; period?: number }[] {
  if (alarm.MetricName) {
    return [{
      ns: alarm.Namespace,
      name: alarm.MetricName,
      dims: (alarm.Dimensions ?? []).map((d: any) => d.Name),
      stat: alarm.Statistic ?? alarm.ExtendedStatistic,
      period: alarm.Period,
    }];
  }
  return alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => ({
    ns: m.MetricStat.Metric.Namespace,
    name: m.MetricStat.Metric.MetricName,
    dims: (m.MetricStat.Metric.Dimensions ?? []).map((d: any) => d.Name),
    stat: m.MetricStat.Stat,
    period: m.MetricStat.Period,
  }));
}

// name suffix, namespace, metric(s), dimension names, statistic, threshold, comparison, evaluation periods
const EXPECTED: [string, string, string[], string[], string, number, string, number][] = [
  ['lambda-errors', 'AWS/Lambda', ['Errors'], ['FunctionName'], 'Sum', 5, 'GreaterThanThreshold', 2],
  ['lambda-duration', 'AWS/Lambda', ['Duration'], ['FunctionName'], 'Average', 3000, 'GreaterThanThreshold', 3],
  ['lambda-p99-duration', 'AWS/Lambda', ['Duration'], ['FunctionName'], 'p99', 24000, 'GreaterThanThreshold', 3],
  ['lambda-throttles', 'AWS/Lambda', ['Throttles'], ['FunctionName'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['lambda-concurrency', 'AWS/Lambda', ['ConcurrentExecutions'], ['FunctionName'], 'Maximum', 80, 'GreaterThanOrEqualToThreshold', 1],
  ['dynamodb-throttles', 'AWS/DynamoDB', ['ReadThrottleEvents', 'WriteThrottleEvents', 'ReadThrottleEvents', 'WriteThrottleEvents'], [], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 2],
  ['dynamodb-system-errors', 'AWS/DynamoDB', ['SystemErrors', 'SystemErrors', 'SystemErrors', 'SystemErrors'], ['Operation', 'TableName'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['api-4xx-errors', 'AWS/ApiGateway', ['4xx'], ['ApiId', 'Stage'], 'Sum', 10, 'GreaterThanThreshold', 3],
  ['api-5xx-errors', 'AWS/ApiGateway', ['5xx'], ['ApiId', 'Stage'], 'Sum', 3, 'GreaterThanThreshold', 2],
  ['api-p99-latency', 'AWS/ApiGateway', ['Latency'], ['ApiId', 'Stage'], 'p99', 2000, 'GreaterThanThreshold', 3],
  ['order-errors', 'ECommerce/OrderProcessing', ['OrderErrors'], ['Environment'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['failure-queue-depth', 'AWS/SQS', ['ApproximateNumberOfMessagesVisible'], ['QueueName'], 'Maximum', 1, 'GreaterThanOrEqualToThreshold', 1],
  // The read function (readApiEnabled, the default); test/construct/read-api.test.ts checks they watch that function.
  ['read-api-errors', 'AWS/Lambda', ['Errors'], ['FunctionName'], 'Sum', 5, 'GreaterThanThreshold', 2],
  ['read-api-throttles', 'AWS/Lambda', ['Throttles'], ['FunctionName'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['read-api-p99-duration', 'AWS/Lambda', ['Duration'], ['FunctionName'], 'p99', 24000, 'GreaterThanThreshold', 3],
  // The lifecycle (orderLifecycleEnabled, the default); test/construct/order-lifecycle.test.ts checks they watch that function.
  ['order-lifecycle-errors', 'AWS/Lambda', ['Errors'], ['FunctionName'], 'Sum', 5, 'GreaterThanThreshold', 2],
  ['order-lifecycle-throttles', 'AWS/Lambda', ['Throttles'], ['FunctionName'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['order-lifecycle-p99-duration', 'AWS/Lambda', ['Duration'], ['FunctionName'], 'p99', 24000, 'GreaterThanThreshold', 3],
  // Order events (orderEventsEnabled, the default); test/construct/order-events.test.ts checks they watch the consumer and its queue.
  ['order-events-errors', 'AWS/Lambda', ['Errors'], ['FunctionName'], 'Sum', 1, 'GreaterThanOrEqualToThreshold', 1],
  ['order-events-iterator-age', 'AWS/Lambda', ['IteratorAge'], ['FunctionName'], 'Maximum', 300000, 'GreaterThanThreshold', 1],
  ['order-events-failure-queue-depth', 'AWS/SQS', ['ApproximateNumberOfMessagesVisible'], ['QueueName'], 'Maximum', 1, 'GreaterThanOrEqualToThreshold', 1],
];

describe('alarms', () => {
  test('exactly the documented set exists, named <projectName>-<suffix>-<what>', () => {
    expect(Object.keys(byName).sort()).toEqual(EXPECTED.map(([what]) => `ecommerce-orders-dev-${what}`).sort());
  });

  test.each(EXPECTED)('%s: %s %j by %j, %s, threshold %d (%s, %d periods of 5 min), missing data not breaching, ALARM and OK to the topic',
    (what, ns, names, dims, stat, threshold, comparison, periods) => {
      const alarm = byName[`ecommerce-orders-dev-${what}`];
      const metrics = metricsOf(alarm);
      expect(metrics.map((m) => m.name)).toEqual(names);
      for (const m of metrics) {
        expect(m.ns).toBe(ns);
        // An empty list: the dimensions differ between the alarm's metrics (checked by a test of their own).
        if (dims.length > 0) expect([...m.dims].sort()).toEqual(dims);
        expect(m.stat).toBe(stat);
        expect(m.period).toBe(300);
      }
      expect(alarm).toMatchObject({
        Threshold: threshold,
        ComparisonOperator: comparison,
        EvaluationPeriods: periods,
        DatapointsToAlarm: periods,
        TreatMissingData: 'notBreaching',
        ActionsEnabled: true,
      });
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^OrdersAlertTopic/) }]);
      expect(alarm.OKActions).toEqual(alarm.AlarmActions);
      expect(alarm.AlarmDescription.length).toBeGreaterThan(20);
    });

  test('every alarm reads only metrics the services publish, under the dimensions they publish', () => {
    for (const [name, alarm] of Object.entries(byName)) {
      for (const m of metricsOf(alarm)) {
        expect({ alarm: name, metric: `${m.ns} ${m.name} [${m.dims}]`, published: isPublished(m.ns, m.name, m.dims) })
          .toEqual({ alarm: name, metric: `${m.ns} ${m.name} [${m.dims}]`, published: true });
      }
    }
  });

  test('the registry rejects the metrics the original specification\'s alarms watched', () => {
    expect(isPublished('AWS/ApiGateway', '5XXError', ['ApiName'])).toBe(false);
    expect(isPublished('AWS/ApiGateway', '5xx', ['ApiName'])).toBe(false);
    expect(isPublished('AWS/DynamoDB', 'ThrottledRequests', ['TableName'])).toBe(false);
  });

  test('HTTP API alarms watch the $default stage of this API', () => {
    const dims = byName['ecommerce-orders-dev-api-5xx-errors'].Dimensions;
    expect(dims).toEqual(expect.arrayContaining([{ Name: 'Stage', Value: '$default' }, { Name: 'ApiId', Value: { Ref: expect.stringMatching(/^OrdersApi/) } }]));
  });

  test('the business alarm uses the environment suffix as the Environment dimension', () => {
    expect(byName['ecommerce-orders-dev-order-errors'].Dimensions).toEqual([{ Name: 'Environment', Value: 'dev' }]);
  });

  test('DynamoDB system errors cover every operation the functions\' roles may call on the table, with FILL for sparse data', () => {
    const alarm = byName['ecommerce-orders-dev-dynamodb-system-errors'];
    const ops = alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value);
    // The item and query actions granted to any role of the platform (stream reads are the event source mapping's).
    const granted = new Set<string>();
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy')) as any[]) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        for (const action of [statement.Action].flat()) {
          if (/^dynamodb:(\w+Item|Query|Scan)$/.test(action)) granted.add(action.replace('dynamodb:', ''));
        }
      }
    }
    expect([...granted].sort()).toEqual(['GetItem', 'PutItem', 'Query', 'UpdateItem']);
    expect(ops.sort()).toEqual([...granted].sort());
    expect(alarm.Metrics.find((m: any) => m.Expression).Expression).toContain('FILL(');
  });

  test('DynamoDB throttles cover the table and its customer index, as DynamoDB reports each', () => {
    const alarm = byName['ecommerce-orders-dev-dynamodb-throttles'];
    const seen = alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => {
      const dims = Object.fromEntries(m.MetricStat.Metric.Dimensions.map((d: any) => [d.Name, d.Value]));
      return `${m.MetricStat.Metric.MetricName} ${dims.GlobalSecondaryIndexName ?? '(table)'}`;
    });
    expect(seen.sort()).toEqual([
      'ReadThrottleEvents (table)', 'ReadThrottleEvents CustomerOrderIndex',
      'WriteThrottleEvents (table)', 'WriteThrottleEvents CustomerOrderIndex',
    ]);
    const expression = alarm.Metrics.find((m: any) => m.Expression).Expression;
    for (const m of alarm.Metrics.filter((x: any) => x.MetricStat)) expect(expression).toContain(`FILL(${m.Id}, 0)`);
  });

  test('thresholds are props', () => {
    // reservedConcurrency 50; thresholds api5xxErrors 0, apiP99Latency 750 ms, concurrencyUtilization 0.5, lambdaErrors 1.
    const custom = templateOf('alarm-thresholds').findResources('AWS::CloudWatch::Alarm');
    const named = Object.fromEntries(Object.values(custom).map((a: any) => [a.Properties.AlarmName, a.Properties.Threshold]));
    expect(named['ecommerce-orders-dev-api-5xx-errors']).toBe(0);
    expect(named['ecommerce-orders-dev-api-p99-latency']).toBe(750);
    expect(named['ecommerce-orders-dev-lambda-concurrency']).toBe(25);
    expect(named['ecommerce-orders-dev-lambda-errors']).toBe(1);
  });

  test('alarmActionsEnabled: false keeps the alarms but turns their actions off', () => {
    const quiet = templateOf('alarm-actions-off').findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(quiet)).toHaveLength(EXPECTED.length);
    for (const a of Object.values(quiet) as any[]) expect(a.Properties.ActionsEnabled).toBe(false);
  });
});
