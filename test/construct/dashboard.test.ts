import { CfnElement } from 'aws-cdk-lib';
import { Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { isPublished } from './published-metrics';
import { platformOf } from '../support/template-cache';

const { template, stack, platform } = platformOf('default');

/** The dashboard body as JSON, with every CloudFormation token replaced by a placeholder string. */
function dashboardBody(): any {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody;
  const text = body['Fn::Join'][1].map((part: any) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text);
}

describe('dashboard', () => {
  const body = dashboardBody();
  const widgets: any[] = body.widgets;
  const metricRows: any[][] = widgets.flatMap((w) => w.properties.metrics ?? []);
  const plain = metricRows.filter((row) => typeof row[0] === 'string' && row[0] !== '...');

  test('named <projectName>-<suffix>-overview', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'ecommerce-orders-dev-overview' });
  });

  test('shows the status of every alarm', () => {
    const status = widgets.find((w) => w.type === 'alarm');
    expect(status.properties.alarms).toHaveLength(Object.keys(platform.alarms).length);
    expect(Object.keys(platform.alarms)).toHaveLength(21);
  });

  test('every graphed metric is one the services or the handler really publish', () => {
    expect(plain.length).toBeGreaterThan(10);
    for (const row of plain) {
      const [ns, name, ...rest] = row;
      const dims = rest.filter((x: any, i: number) => typeof x === 'string' && i % 2 === 0);
      expect({ metric: `${ns} ${name} [${dims}]`, published: isPublished(ns, name, dims) }).toEqual({ metric: `${ns} ${name} [${dims}]`, published: true });
    }
  });

  test('covers API, Lambda and DynamoDB requests, errors, latency and throttles, and the three business metrics', () => {
    const names = new Set(plain.map((row) => `${row[0]} ${row[1]}`));
    for (const m of [
      'AWS/ApiGateway Count', 'AWS/ApiGateway 4xx', 'AWS/ApiGateway 5xx', 'AWS/ApiGateway Latency',
      'AWS/Lambda Invocations', 'AWS/Lambda Errors', 'AWS/Lambda Throttles', 'AWS/Lambda Duration', 'AWS/Lambda ConcurrentExecutions',
      'AWS/DynamoDB ConsumedWriteCapacityUnits', 'AWS/DynamoDB ReadThrottleEvents', 'AWS/DynamoDB WriteThrottleEvents', 'AWS/DynamoDB SystemErrors',
      'ECommerce/OrderProcessing OrdersProcessed', 'ECommerce/OrderProcessing OrderValue', 'ECommerce/OrderProcessing OrderErrors',
    ]) {
      expect(names).toContain(m);
    }
  });

  test('latency graphs show percentiles', () => {
    const stats = plain.filter((r) => r[1] === 'Latency').map((r) => r[r.length - 1].stat);
    expect(stats).toEqual(expect.arrayContaining(['p50', 'p90', 'p99']));
  });

  test('is the platform\'s dashboard property', () => {
    const [logicalId] = Object.keys(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(platform.dashboard).toBeInstanceOf(Dashboard);
    expect(stack.getLogicalId(platform.dashboard!.node.defaultChild as CfnElement)).toBe(logicalId);
  });

  test('dashboardEnabled: false creates no dashboard, and the property is undefined', () => {
    const disabled = platformOf('dashboard-off');
    disabled.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(disabled.platform.dashboard).toBeUndefined();
    // The alarms do not depend on the dashboard.
    expect(Object.keys(disabled.template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(21); // 12 + the read function's 3 + the lifecycle's 3 + the order-events consumer's 3
  });
});
