import { Stats, AlarmStatusWidget, Dashboard, GraphWidget, IAlarm, IMetric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { OrderEventsMetrics, PlatformMetrics } from './metrics';
import type { OrderLifecycle } from './order-lifecycle';

const WIDTH = 8;
const HEIGHT = 6;

function graph(title: string, left: IMetric[], right: IMetric[] = []): GraphWidget {
  return new GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT });
}

/**
 * One screen for the platform: alarm status first (what needs attention), then the request path from the API down
 * to the table, then the business metrics the handler emits. Every graph reads the same metric objects the alarms do.
 */
export function createDashboard(
  scope: Construct, name: string, metrics: PlatformMetrics, alarms: IAlarm[], readMetrics?: PlatformMetrics,
  orderEvents?: OrderEventsMetrics, lifecycle?: OrderLifecycle,
): Dashboard {
  const dashboard = new Dashboard(scope, 'Dashboard', { dashboardName: name });
  dashboard.addWidgets(
    new TextWidget({ markdown: `# ${name}\nPOST /orders: HTTP API -> Lambda -> DynamoDB. Alarm runbook: docs/operations.md in the construct's repository.`, width: 24, height: 2 }),
  );
  dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 4 }));
  dashboard.addWidgets(
    graph('API requests and errors', [metrics.apiRequests()], [metrics.api4xx(), metrics.api5xx()]),
    graph('API latency', [metrics.apiLatency(Stats.p(50)), metrics.apiLatency(Stats.p(90)), metrics.apiLatency(Stats.p(99))]),
    graph('Business: orders', [metrics.business('ordersProcessed')], [metrics.business('orderErrors')]),
  );
  dashboard.addWidgets(
    graph('Lambda invocations, errors, throttles', [metrics.lambdaInvocations()], [metrics.lambdaErrors(), metrics.lambdaThrottles()]),
    graph('Lambda duration', [metrics.lambdaDuration(Stats.p(50)), metrics.lambdaDuration(Stats.p(99)), metrics.lambdaDuration(Stats.MAXIMUM)]),
    graph('Lambda concurrency', [metrics.lambdaConcurrentExecutions()]),
  );
  dashboard.addWidgets(
    graph('DynamoDB writes and PutItem p99 latency', [metrics.dynamoDbWriteCapacity()], [metrics.dynamoDbPutLatency()]),
    graph('DynamoDB throttles and system errors', [metrics.dynamoDbThrottleEvents(), metrics.dynamoDbSystemErrors()]),
    graph('Business: order value (major units)', [metrics.business('orderValue')]),
  );
  dashboard.addWidgets(
    graph('Failure queue', [metrics.failureQueueDepth()], [metrics.failureQueueAge()]),
    ...(readMetrics ? readApiWidgets(readMetrics) : []),
  );
  if (lifecycle) {
    dashboard.addWidgets(
      graph('Order lifecycle: status changes, cancellations', [lifecycle.changes('statusChanges')], [lifecycle.changes('cancellations')]),
      graph('Order lifecycle: invocations, errors, throttles', [lifecycle.metrics.lambdaInvocations()], [lifecycle.metrics.lambdaErrors(), lifecycle.metrics.lambdaThrottles()]),
      graph('Order lifecycle: duration', [lifecycle.metrics.lambdaDuration(Stats.p(50)), lifecycle.metrics.lambdaDuration(Stats.p(99)), lifecycle.metrics.lambdaDuration(Stats.MAXIMUM)]),
    );
  }
  if (orderEvents) {
    dashboard.addWidgets(
      graph('Order events: published, unpublishable', [orderEvents.counter('published')], [orderEvents.counter('unpublishable'), orderEvents.failureQueueDepth()]),
      graph('Order events: lag (IteratorAge, ms)', [orderEvents.iteratorAge(Stats.MAXIMUM), orderEvents.iteratorAge(Stats.AVERAGE)]),
      graph('Order events: consumer invocations, errors', [orderEvents.invocations()], [orderEvents.errors()]),
    );
  }
  return dashboard;
}

/** The read function (GET routes): its own invocations, errors, throttles and duration, beside the write path's. */
function readApiWidgets(read: PlatformMetrics): GraphWidget[] {
  return [
    graph('Read API invocations, errors, throttles', [read.lambdaInvocations()], [read.lambdaErrors(), read.lambdaThrottles()]),
    graph('Read API duration', [read.lambdaDuration(Stats.p(50)), read.lambdaDuration(Stats.p(99)), read.lambdaDuration(Stats.MAXIMUM)]),
  ];
}
