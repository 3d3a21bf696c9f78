/**
 * The order lifecycle on the synthesized template: the two routes and who may call them (the cancel route follows the
 * platform's authorizer, the status route is always IAM), grants that end exactly in their own route, a role that may
 * only UpdateItem on the table, the alarms and dashboard row, UpdateItem in the DynamoDB system-errors alarm, and
 * orderLifecycleEnabled: false leaving all of it out.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { synthPlatform } from '../support/synth';

const jwt = () => new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] });
const CANCEL = 'POST /orders/{orderId}/cancel';
const STATUS = 'POST /orders/{orderId}/status';

function routes(t: Template): Record<string, any> {
  return Object.fromEntries(Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => [r.Properties.RouteKey, r.Properties]));
}
const ofPrefix = (t: Template, type: string, prefix: string) => Object.entries<any>(t.findResources(type)).filter(([id]) => id.startsWith(prefix));
const lifecycleFunction = (t: Template) => {
  const fns = ofPrefix(t, 'AWS::Lambda::Function', 'OrdersOrderLifecycleFunction');
  expect(fns).toHaveLength(1);
  return fns[0][1];
};

function withGrantee(props: OrderProcessingPlatformProps = {}) {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'GrantStack');
  const platform = new OrderProcessingPlatform(stack, 'Orders', props);
  const service = new Role(stack, 'Fulfilment', { assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com') });
  return { stack, platform, service };
}
const granted = (stack: Stack) => {
  const policies = ofPrefix(Template.fromStack(stack), 'AWS::IAM::Policy', 'FulfilmentDefaultPolicy');
  expect(policies).toHaveLength(1);
  return policies[0][1].Properties.PolicyDocument.Statement as any[];
};
const routeArn = (path: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: expect.stringMatching(/^OrdersApi/) }, path]],
});

describe('without an authorizer', () => {
  const { template, platform } = synthPlatform();

  test('both routes on the platform\'s HTTP API, IAM-authorized, served by the status-change function with CANCEL_ACCESS=IAM', () => {
    const r = routes(template);
    expect(r[CANCEL].AuthorizationType).toBe('AWS_IAM');
    expect(r[STATUS].AuthorizationType).toBe('AWS_IAM');
    expect(r[CANCEL].ApiId).toEqual(r['POST /orders'].ApiId);
    const fn = lifecycleFunction(template);
    expect(fn.Properties.Environment.Variables).toEqual({
      DYNAMODB_TABLE_NAME: { Ref: expect.stringMatching(/^OrdersOrdersTable/) }, ENVIRONMENT: 'dev', LOG_LEVEL: 'INFO', CANCEL_ACCESS: 'IAM',
    });
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^OrdersLifecycleLogGroup/) });
    expect(platform.lifecycleFunction).toBeDefined();
  });

  test('its role: UpdateItem on the table and the key, its own log group and X-Ray; no read, no other write', () => {
    const policies = ofPrefix(template, 'AWS::IAM::Policy', 'OrdersOrderLifecycleRole');
    expect(policies).toHaveLength(1);
    const statements = policies[0][1].Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersLifecycleLogGroup/), 'Arn'] } },
      { Sid: 'ChangeOrderStatus', Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] } },
      { Sid: 'UseTableKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] } },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    const roles = ofPrefix(template, 'AWS::IAM::Role', 'OrdersOrderLifecycleRole');
    expect(roles[0][1].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('errors, throttles and p99 alarms like the read function\'s, to the alert topic', () => {
    const names = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmName);
    expect(names).toEqual(expect.arrayContaining([
      'ecommerce-orders-dev-order-lifecycle-errors', 'ecommerce-orders-dev-order-lifecycle-throttles', 'ecommerce-orders-dev-order-lifecycle-p99-duration',
    ]));
    expect(platform.alarms.orderLifecycleErrors).toBeDefined();
    expect(platform.alarms.orderLifecycleThrottles).toBeDefined();
    expect(platform.alarms.orderLifecycleP99Duration).toBeDefined();
    const p99 = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.AlarmName.endsWith('order-lifecycle-p99-duration'));
    expect(p99.Properties).toMatchObject({ MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 24000 });
  });

  test('UpdateItem joins the DynamoDB system-errors alarm', () => {
    const alarm = Object.values<any>(template.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.AlarmName.endsWith('-dynamodb-system-errors'));
    const operations = alarm.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) =>
      m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value);
    expect(operations.sort()).toEqual(['GetItem', 'PutItem', 'Query', 'UpdateItem']);
    expect(alarm.Properties.Metrics.find((m: any) => m.Expression).Expression).toContain('FILL(errorsUpdateItem, 0)');
  });

  test('the dashboard shows status changes and cancellations', () => {
    const body = JSON.stringify(Object.values<any>(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody);
    expect(body).toContain('Order lifecycle: status changes, cancellations');
    expect(body).toContain('OrderStatusChanges');
    expect(body).toContain('OrdersCancelled');
  });
});

describe('with a JWT authorizer', () => {
  const { template } = synthPlatform({ authorizer: jwt() });
  test('the cancel route is the customers\' (JWT, CANCEL_ACCESS=TOKEN_OWNER); the status route stays IAM', () => {
    const r = routes(template);
    expect(r[CANCEL].AuthorizationType).toBe('JWT');
    expect(r[STATUS].AuthorizationType).toBe('AWS_IAM');
    expect(r[STATUS].AuthorizerId).toBeUndefined();
    expect(lifecycleFunction(template).Properties.Environment.Variables.CANCEL_ACCESS).toBe('TOKEN_OWNER');
  });
});

describe('grants', () => {
  test('grantUpdateOrderStatus: execute-api:Invoke on exactly the status route, not /orders/* (which would cover cancel)', () => {
    const { stack, platform, service } = withGrantee();
    platform.grantUpdateOrderStatus(service);
    expect(granted(stack)).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routeArn('/*/POST/orders/*/status') }]);
  });

  test('grantCancelOrders: execute-api:Invoke on exactly the cancel route', () => {
    const { stack, platform, service } = withGrantee();
    platform.grantCancelOrders(service);
    expect(granted(stack)).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routeArn('/*/POST/orders/*/cancel') }]);
  });

  test('with a JWT authorizer: the cancel grant throws (customers cancel with tokens), the status grant still works', () => {
    const { stack, platform, service } = withGrantee({ authorizer: jwt() });
    expect(() => platform.grantCancelOrders(service)).toThrow(/cancel route uses the authorizer passed as the `authorizer` prop, not IAM/);
    platform.grantUpdateOrderStatus(service);
    expect(granted(stack)).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: routeArn('/*/POST/orders/*/status') }]);
  });

  test('an HttpIamAuthorizer passed as authorizer is IAM: the cancel grant works', () => {
    const { platform, service } = withGrantee({ authorizer: new HttpIamAuthorizer() });
    expect(() => platform.grantCancelOrders(service)).not.toThrow();
  });

  test('with orderLifecycleEnabled: false both grants throw', () => {
    const { platform, service } = withGrantee({ orderLifecycleEnabled: false });
    expect(() => platform.grantCancelOrders(service)).toThrow(/orderLifecycleEnabled is false/);
    expect(() => platform.grantUpdateOrderStatus(service)).toThrow(/orderLifecycleEnabled is false/);
  });
});

describe('orderLifecycleEnabled: false', () => {
  const { template, platform } = synthPlatform({ orderLifecycleEnabled: false });
  test('no routes, function, role, log group or alarms', () => {
    expect(Object.keys(routes(template))).not.toEqual(expect.arrayContaining([CANCEL]));
    expect(Object.keys(routes(template))).not.toContain(STATUS);
    expect(ofPrefix(template, 'AWS::Lambda::Function', 'OrdersOrderLifecycle')).toEqual([]);
    expect(ofPrefix(template, 'AWS::IAM::Role', 'OrdersOrderLifecycle')).toEqual([]);
    expect(ofPrefix(template, 'AWS::Logs::LogGroup', 'OrdersLifecycleLogGroup')).toEqual([]);
    expect(platform.lifecycleFunction).toBeUndefined();
    expect(platform.lifecycleRole).toBeUndefined();
    expect(platform.lifecycleLogGroup).toBeUndefined();
    expect(platform.alarms.orderLifecycleErrors).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toContain('Order lifecycle');
  });

  test('a value that is not a boolean fails at synth, naming the prop', () => {
    expect(() => synthPlatform({ orderLifecycleEnabled: 'false' as unknown as boolean })).toThrow(/orderLifecycleEnabled "false" must be true or false/);
  });
});

describe('without events the lifecycle works the same', () => {
  test.each<[string, OrderProcessingPlatformProps]>([
    ['orderEventsEnabled: false', { orderEventsEnabled: false }],
    ['the stream off (and so the events)', { tableStreamEnabled: false, orderEventsEnabled: false }],
  ])('%s: both routes and the function are there, no event source mapping', (_, props) => {
    const { template } = synthPlatform(props);
    expect(Object.keys(routes(template))).toEqual(expect.arrayContaining([CANCEL, STATUS]));
    lifecycleFunction(template);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });
});
