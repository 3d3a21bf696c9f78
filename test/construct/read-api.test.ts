/**
 * The read API on the synthesized template: both GET routes on the same HTTP API and never public (IAM without an
 * authorizer, the authorizer with one), the read role's exact permissions, the write role unchanged, the alarms,
 * grantReadOrders, and readApiEnabled: false leaving all of it out.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { platformOf, templateOf } from '../support/template-cache';

const jwt = () => new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] });
const GET_ROUTES = ['GET /customers/{customerId}/orders', 'GET /orders/{orderId}'];

function routes(t: Template): Record<string, any> {
  return Object.fromEntries(Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => [r.Properties.RouteKey, r.Properties]));
}

function withGrant(props: OrderProcessingPlatformProps = {}) {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'GrantStack');
  const platform = new OrderProcessingPlatform(stack, 'Orders', props);
  const reader = new Role(stack, 'Reporting', { assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com') });
  return { stack, platform, reader };
}

const readFunction = (t: Template) => {
  const fns = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith('OrdersReadApiFunction'));
  expect(fns).toHaveLength(1);
  return fns[0];
};
const policyOf = (t: Template, prefix: string) => {
  const found = Object.entries(t.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return (found[0][1] as any).Properties.PolicyDocument.Statement as any[];
};

describe('without an authorizer', () => {
  const { template, platform, stack } = platformOf('default');

  test('both GET routes on the same HTTP API as POST /orders, IAM-authorized; POST keeps its rule', () => {
    const r = routes(template);
    expect(Object.keys(r).sort()).toEqual(['GET /customers/{customerId}/orders', 'GET /orders/{orderId}', 'POST /orders',
      'POST /orders/{orderId}/cancel', 'POST /orders/{orderId}/status']);
    for (const key of GET_ROUTES) expect(r[key].AuthorizationType).toBe('AWS_IAM');
    expect(r['POST /orders'].AuthorizationType).toBe('NONE');
    const apiIds = new Set(Object.values(r).map((p) => JSON.stringify(p.ApiId)));
    expect(apiIds.size).toBe(1);
  });

  test('the GET routes go to the read function, not the order handler', () => {
    const [fnId] = readFunction(template);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const r = routes(template);
    for (const key of GET_ROUTES) {
      const integrationId = r[key].Target['Fn::Join'][1][1].Ref;
      expect(JSON.stringify(integrations[integrationId].Properties.IntegrationUri)).toContain(fnId);
    }
  });

  test('read function: Node.js 24, ARM64, X-Ray, the read bundle, its own log group and the IAM access mode', () => {
    const [, fn] = readFunction(template) as [string, any];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 30,
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      Environment: { Variables: { DYNAMODB_TABLE_NAME: { Ref: expect.stringMatching(/^OrdersOrdersTable/) }, ENVIRONMENT: 'dev', LOG_LEVEL: 'INFO', READ_ACCESS: 'IAM' } },
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^OrdersReadLogGroup/) } },
    });
    // No reservation (the order handler's 100 already protects intake) and no dead-letter queue (synchronous only).
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(fn.Properties.DeadLetterConfig).toBeUndefined();
    expect(fn.Properties.Environment.Variables.ORDER_RETENTION_SECONDS).toBeUndefined();
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/ecommerce-orders-dev/lambda/read-api', RetentionInDays: 30, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
    });
  });

  test('read role: exactly its log group, GetItem on the table, Query on CustomerOrderIndex, kms:Decrypt, X-Ray', () => {
    const statements = policyOf(template, 'OrdersReadApiRole');
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersReadLogGroup/), 'Arn'] } },
      { Sid: 'ReadOrderById', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] } },
      {
        Sid: 'QueryCustomerOrders',
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] }, '/index/CustomerOrderIndex']] },
      },
      { Sid: 'DecryptTable', Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] } },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('OrdersReadApiRole'));
    expect((roles[0][1] as any).Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('write role unchanged: PutItem and GetItem on the table, no Query, no index', () => {
    const statements = policyOf(template, 'OrdersHandlerRole');
    expect(statements.find((s) => s.Sid === 'WriteOrders').Action).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
    expect(statements.map((s) => s.Sid ?? s.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'], 'WriteOrders', 'UseKeyForTableAndQueue', 'SendFailedAsyncInvocations',
      'sqs:SendMessage', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:Query|\/index\//);
  });

  test('CORS allows GET', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowMethods: ['GET', 'POST', 'OPTIONS'] }) });
  });

  test('alarms: errors, throttles and p99 duration of the read function, to the alert topic', () => {
    const [fnId] = readFunction(template);
    for (const [key, name] of [['readApiErrors', 'read-api-errors'], ['readApiThrottles', 'read-api-throttles'], ['readApiP99Duration', 'read-api-p99-duration']] as const) {
      expect(platform.alarms[key]).toBeDefined();
      expect(stack.resolve(platform.alarms[key]!.alarmName)).toEqual({ Ref: expect.stringMatching(/^OrdersReadApiAlarm/) });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `ecommerce-orders-dev-${name}`,
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^OrdersAlertTopic') }],
      });
    }
  });

  test('dashboard: read function invocations, errors, throttles and duration', () => {
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    expect(body).toContain('Read API invocations, errors, throttles');
    expect(body).toContain('Read API duration');
  });

  test('public properties', () => {
    expect(platform.readFunction).toBeDefined();
    expect(platform.readRole).toBeDefined();
    expect(platform.readLogGroup).toBeDefined();
  });
});

describe('grantReadOrders', () => {
  test('execute-api:Invoke on exactly the two GET routes of this API (any stage), nothing else', () => {
    const { stack, platform, reader } = withGrant();
    platform.grantReadOrders(reader);
    const statements = policyOf(Template.fromStack(stack), 'ReportingDefaultPolicy');
    const arn = (path: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: expect.stringMatching(/^OrdersApi/) }, path]],
    });
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [arn('/*/GET/orders/*'), arn('/*/GET/customers/*/orders')] }]);
  });

  test('an HttpIamAuthorizer passed as authorizer is IAM too: routes AWS_IAM, grant allowed, POST IAM-authorized', () => {
    const { stack, platform, reader } = withGrant({ authorizer: new HttpIamAuthorizer() });
    expect(() => platform.grantReadOrders(reader)).not.toThrow();
    const t = Template.fromStack(stack);
    const r = routes(t);
    for (const key of [...GET_ROUTES, 'POST /orders']) expect(r[key].AuthorizationType).toBe('AWS_IAM');
    expect((readFunction(t)[1] as any).Properties.Environment.Variables.READ_ACCESS).toBe('IAM');
  });

  test('with a JWT authorizer it throws: the routes do not use IAM, a grant would give nothing', () => {
    const { platform, reader } = withGrant({ authorizer: jwt() });
    expect(() => platform.grantReadOrders(reader)).toThrow(/use the authorizer passed as the `authorizer` prop, not IAM/);
  });

  test('with readApiEnabled: false it throws', () => {
    const { platform, reader } = withGrant({ readApiEnabled: false });
    expect(() => platform.grantReadOrders(reader)).toThrow(/readApiEnabled is false/);
  });
});

describe('with a JWT authorizer', () => {
  const template = templateOf('jwt-authorizer');
  test('every route uses it (JWT, never NONE), and the function admits only the token\'s customer', () => {
    const r = routes(template);
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const [authorizerId] = Object.keys(authorizers);
    for (const key of [...GET_ROUTES, 'POST /orders']) {
      expect(r[key].AuthorizationType).toBe('JWT');
      expect(r[key].AuthorizerId).toEqual({ Ref: authorizerId });
    }
    expect((readFunction(template)[1] as any).Properties.Environment.Variables.READ_ACCESS).toBe('TOKEN_OWNER');
  });
});

describe('readApiEnabled: false', () => {
  const { template, platform } = platformOf('read-api-off');
  test('no GET routes, no read function, role, log group or alarms; CORS without GET', () => {
    expect(Object.keys(routes(template)).sort()).toEqual(['POST /orders', 'POST /orders/{orderId}/cancel', 'POST /orders/{orderId}/status']);
    // What remains: the order handler, the status-change function and the order-events consumer (their functions,
    // roles and log groups), the access log group, and the 12 platform alarms plus the 3 of the lifecycle and the 3
    // of the order events.
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::IAM::Role', 3);
    template.resourceCountIs('AWS::Logs::LogGroup', 4);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 18);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowMethods: ['POST', 'OPTIONS'] }) });
    expect(platform.readFunction).toBeUndefined();
    expect(platform.readRole).toBeUndefined();
    expect(platform.readLogGroup).toBeUndefined();
    expect(platform.alarms.readApiErrors).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toContain('Read API');
  });
});
