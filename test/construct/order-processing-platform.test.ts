/**
 * One test per default, and one per defect of the original specification that this construct avoids (docs/decisions.md
 * names each one and the test that proves it), asserted on the synthesized template.
 */
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { OrderProcessingPlatform } from '../../src';
import { platformOf, templateOf } from '../support/template-cache';

const { template, platform, stack } = platformOf('alert-email');
const prod = templateOf('prod');

/** The read API's resources (function, role, log group, its routes' invoke permissions); test/construct/read-api.test.ts covers them. */
const isReadApi = (logicalId: string) => /^OrdersReadApi|^OrdersReadLogGroup|ReadIntegration/.test(logicalId);
/** The order-events resources (bus, archive, consumer, its role, queue, log group); test/construct/order-events.test.ts covers them. */
const isOrderEvents = (logicalId: string) => logicalId.startsWith('OrdersOrderEvents');
/** The lifecycle's resources (function, role, log group, its routes); test/construct/order-lifecycle.test.ts covers them. */
const isOrderLifecycle = (logicalId: string) => /^OrdersOrderLifecycle|^OrdersLifecycleLogGroup|LifecycleIntegration|orderIdstatus|orderIdcancel/.test(logicalId);
const isOrderIntake = (logicalId: string) => !isReadApi(logicalId) && !isOrderEvents(logicalId) && !isOrderLifecycle(logicalId);

/** The one resource of `type` of the order-intake path (outside the read API and the order events). */
function only(type: string, t = template): any {
  const found = Object.entries(t.findResources(type)).filter(([id]) => isOrderIntake(id)).map(([, r]) => r);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('KMS key', () => {
  test('rotation on, alias alias/<projectName>-<suffix>-key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/ecommerce-orders-dev-key' });
  });
  test('destroyed with a DEV stack, retained in PROD', () => {
    expect(only('AWS::KMS::Key').DeletionPolicy).toBe('Delete');
    expect(only('AWS::KMS::Key', prod).DeletionPolicy).toBe('Retain');
    expect(only('AWS::KMS::Key', prod).UpdateReplacePolicy).toBe('Retain');
  });
  test('no key-policy statement for dynamodb.amazonaws.com (DynamoDB uses the key through IAM)', () => {
    const statements = only('AWS::KMS::Key').Properties.KeyPolicy.Statement;
    expect(JSON.stringify(statements)).not.toContain('dynamodb.amazonaws.com');
  });
});

describe('orders table (TableV2: AWS::DynamoDB::GlobalTable with one replica)', () => {
  const GT = 'AWS::DynamoDB::GlobalTable';
  const replica = (t = template) => {
    const replicas = only(GT, t).Properties.Replicas;
    expect(replicas).toHaveLength(1); // one Region: the stack's
    expect(replicas[0].Region).toEqual({ Ref: 'AWS::Region' });
    return replicas[0];
  };
  test('no AWS::DynamoDB::Table is left', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
  });
  test('orderId hash key, CustomerOrderIndex on customerId (S) + orderTimestamp (N), projection ALL', () => {
    template.hasResourceProperties(GT, {
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'orderTimestamp', AttributeType: 'N' },
      ]),
      GlobalSecondaryIndexes: [{
        IndexName: 'CustomerOrderIndex',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderTimestamp', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      }],
    });
  });
  test('on-demand as PAY_PER_REQUEST, and no BillingMode inside the GSI', () => {
    const table = only(GT);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.GlobalSecondaryIndexes[0].BillingMode).toBeUndefined();
  });
  test('SSE with SSEType KMS and the platform key', () => {
    // A GlobalTable names the key per replica; the table-level specification only sets the type.
    expect(only(GT).Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(replica().SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] } });
  });
  test('the platform key also renders in a stack with a concrete Region (CDK\'s own rendering)', () => {
    const s = new Stack(new App(), 'Pinned', { env: { account: '111122223333', region: 'eu-west-1' } });
    new OrderProcessingPlatform(s, 'Orders', {});
    const r = only(GT, Template.fromStack(s)).Properties.Replicas;
    expect(r).toEqual([expect.objectContaining({
      Region: 'eu-west-1',
      SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] } },
    })]);
  });
  test('the table exposes the key, so CDK grants on it include the key', () => {
    expect(platform.table.encryptionKey).toBe(platform.encryptionKey);
  });
  test('PITR, NEW_AND_OLD_IMAGES stream, TTL attribute ttl, contributor insights', () => {
    expect(only(GT).Properties).toMatchObject({
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
    expect(replica()).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      ContributorInsightsSpecification: { Enabled: true },
    });
  });
  test('stream and contributor insights can be turned off', () => {
    const t = templateOf('stream-off'); // tableStreamEnabled, orderEventsEnabled and contributorInsightsEnabled false
    expect(only(GT, t).Properties.StreamSpecification).toBeUndefined();
    expect(replica(t).ContributorInsightsSpecification).toEqual({ Enabled: false });
  });
  test('deletion protection and RETAIN in PROD; neither in DEV', () => {
    expect(replica(prod).DeletionProtectionEnabled).toBe(true);
    expect(only(GT, prod).DeletionPolicy).toBe('Retain');
    expect(replica().DeletionProtectionEnabled).toBe(false);
    expect(only(GT).DeletionPolicy).toBe('Delete');
  });
  test('the table name is CDK-generated', () => {
    expect(only(GT).Properties.TableName).toBeUndefined();
  });
  test('the handler\'s grants name the GlobalTable ARN', () => {
    const write = only('AWS::IAM::Policy').Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'WriteOrders');
    expect(write.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] });
    expect(Object.keys(template.findResources(GT))[0]).toBe(write.Resource['Fn::GetAtt'][0]);
  });
});

describe('handler', () => {
  const fn = () => only('AWS::Lambda::Function').Properties;
  test('Node.js 24 on ARM64, 256 MB, 30 s, X-Ray active, index.handler', () => {
    expect(fn()).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 30,
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
    });
  });
  test('reserved concurrency as ReservedConcurrentExecutions, not ReservedConcurrencyLimit', () => {
    expect(fn().ReservedConcurrentExecutions).toBe(100);
    expect(fn().ReservedConcurrencyLimit).toBeUndefined();
  });
  test('environment: DYNAMODB_TABLE_NAME, ENVIRONMENT, LOG_LEVEL, ORDER_RETENTION_SECONDS (DEV default 30 days)', () => {
    expect(fn().Environment.Variables).toEqual({
      DYNAMODB_TABLE_NAME: { Ref: expect.stringMatching(/^OrdersOrdersTable/) },
      ENVIRONMENT: 'dev',
      LOG_LEVEL: 'INFO',
      ORDER_RETENTION_SECONDS: String(30 * 86_400),
    });
  });
  test('no retention variable in PROD (orders are kept)', () => {
    const vars = only('AWS::Lambda::Function', prod).Properties.Environment.Variables;
    expect(vars.ORDER_RETENTION_SECONDS).toBeUndefined();
    expect(vars.ENVIRONMENT).toBe('prod');
  });
  test('custom timeout, memory, log level and concurrency reach the function', () => {
    const t = templateOf('handler-settings'); // timeout 10 s, memorySize 512, logLevel DEBUG, reservedConcurrency 7
    expect(only('AWS::Lambda::Function', t).Properties).toMatchObject({
      Timeout: 10, MemorySize: 512, ReservedConcurrentExecutions: 7, Environment: { Variables: { LOG_LEVEL: 'DEBUG' } },
    });
  });
  test('dead-letter target is the queue ARN (GetAtt), not its URL (Ref)', () => {
    expect(fn().DeadLetterConfig.TargetArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersFailureQueue/), 'Arn'] });
  });
  test('the role can send to the queue and use the key it is encrypted with', () => {
    const statements = only('AWS::IAM::Policy').Properties.PolicyDocument.Statement;
    const send = statements.find((s: any) => s.Sid === 'SendFailedAsyncInvocations');
    expect(send.Action).toBe('sqs:SendMessage');
    expect(send.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersFailureQueue/), 'Arn'] });
    const kms = statements.find((s: any) => s.Sid === 'UseKeyForTableAndQueue');
    expect(kms.Action).toEqual(expect.arrayContaining(['kms:GenerateDataKey', 'kms:Decrypt']));
    expect(JSON.stringify(kms.Resource)).toContain('OrdersKey');
  });
  test('the function depends on its role policy, so the DLQ permission exists at create time', () => {
    const fnResource = only('AWS::Lambda::Function');
    const policyId = Object.keys(template.findResources('AWS::IAM::Policy')).filter(isOrderIntake)[0];
    expect(fnResource.DependsOn).toEqual(expect.arrayContaining([policyId]));
  });
  test('least privilege: PutItem and GetItem on the table only; no Query/Scan/UpdateItem, no index ARN, no logs:*', () => {
    const doc = JSON.stringify(only('AWS::IAM::Policy').Properties.PolicyDocument);
    const statements = only('AWS::IAM::Policy').Properties.PolicyDocument.Statement;
    const ddb = statements.find((s: any) => s.Sid === 'WriteOrders');
    expect(ddb.Action).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
    expect(ddb.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] });
    for (const action of ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem', 'logs:*', 'kms:ReEncrypt*', 'cloudwatch:PutMetricData']) {
      expect(doc).not.toContain(action);
    }
    expect(doc).not.toContain('/index/');
  });
  test('no AWS managed policies on the role', () => {
    expect(only('AWS::IAM::Role').Properties.ManagedPolicyArns).toBeUndefined();
  });
  test('PutMetricData publisher: the other bundle, and PutMetricData limited to the namespace', () => {
    const t = templateOf('put-metric-data');
    const statements = only('AWS::IAM::Policy', t).Properties.PolicyDocument.Statement;
    expect(statements.find((s: any) => s.Sid === 'PublishOrderMetrics')).toMatchObject({
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'ECommerce/OrderProcessing' } },
    });
    const emfCode = fn().Code.S3Key;
    expect(only('AWS::Lambda::Function', t).Properties.Code.S3Key).not.toEqual(emfCode);
  });
  test('log group: KMS-encrypted, 30 days, used by the function', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/ecommerce-orders-dev/lambda/order-handler',
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
    });
    expect(fn().LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/^OrdersHandlerLogGroup/) });
  });
});

describe('failure queue', () => {
  test('KMS-encrypted with the platform key, 14-day retention, TLS enforced', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] },
      MessageRetentionPeriod: 1_209_600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('HTTP API', () => {
  test('CORS: configured origins, GET (read API), POST and OPTIONS, Content-Type/Authorization/Idempotency-Key/If-Match, exposed replay, retry and ETag headers, 300 s, no credentials', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: ['GET', 'POST', 'OPTIONS'],
        AllowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match'],
        ExposeHeaders: ['Idempotent-Replayed', 'Retry-After', 'ETag'],
        AllowCredentials: false,
        MaxAge: 300,
      },
    });
  });
  test('custom CORS origins', () => {
    const t = templateOf('cors'); // corsAllowedOrigins: ['https://shop.example.com']
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example.com'] }) });
  });
  test('POST /orders route with a payload 2.0 AWS_PROXY integration', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /orders', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 5); // and the two GET routes of the read API, the two lifecycle routes
  });
  test('$default stage auto-deploys, throttles 500/1000, detailed metrics', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000, DetailedMetricsEnabled: true },
    });
  });
  test('custom throttle reaches the stage', () => {
    const t = templateOf('throttle'); // rateLimit 800, burstLimit 1600
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 800, ThrottlingBurstLimit: 1600 }) });
  });
  test('access log format is one line of JSON with the specified fields, to an encrypted 30-day log group', () => {
    const stage = only('AWS::ApiGatewayV2::Stage').Properties;
    const format: string = stage.AccessLogSettings.Format;
    expect(format).not.toContain('\n');
    expect(Object.keys(JSON.parse(format))).toEqual(expect.arrayContaining([
      'requestId', 'ip', 'requestTime', 'httpMethod', 'routeKey', 'status', 'protocol', 'responseLength', 'responseLatency', 'integrationLatency',
    ]));
    expect(JSON.stringify(stage.AccessLogSettings.DestinationArn)).toContain('OrdersAccessLogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/ecommerce-orders-dev/apigateway/access', RetentionInDays: 30, KmsKeyId: Match.anyValue(),
    });
  });
  test('invoke permission scoped to the /orders route of this API', () => {
    const permission = only('AWS::Lambda::Permission').Properties;
    expect(permission.Principal).toBe('apigateway.amazonaws.com');
    const arn = JSON.stringify(permission.SourceArn);
    expect(arn).toContain('/orders');
    expect(arn).toContain('OrdersApi');
  });
  test('no hard-coded partition or URL suffix anywhere', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/arn:aws:|\.amazonaws\.com\//);
  });
});

describe('alert topic', () => {
  test('encrypted with the platform key, with the e-mail subscription', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
  test('no subscription without alertEmail (never example@example.com)', () => {
    templateOf('default').resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('outputs', () => {
  const outputs = template.toJSON().Outputs as Record<string, any>;
  const names = ['APIGatewayURL', 'APIGatewayApiId', 'DynamoDBTableName', 'LambdaFunctionArn', 'LambdaFunctionName', 'KMSKeyId', 'SNSTopicArn'];
  test('the seven specified outputs exist', () => {
    for (const name of names) {
      expect(Object.keys(outputs).some((k) => k.startsWith(`Orders${name}`))).toBe(true);
    }
  });
  test('no exports unless exportPrefix is set', () => {
    expect(Object.values(outputs).every((o) => o.Export === undefined)).toBe(true);
    const exported = templateOf('export-prefix').toJSON().Outputs as Record<string, any>;
    expect(Object.values(exported).map((o) => o.Export?.Name).sort()).toEqual(names.map((n) => `Shop-${n}`).sort());
  });
  test('the URL output ends with /orders', () => {
    const url = Object.entries(outputs).find(([k]) => k.startsWith('OrdersAPIGatewayURL'))![1];
    expect(JSON.stringify(url.Value)).toMatch(/orders"\]\]\}$/);
  });
});

describe('tags and properties', () => {
  test('Project and Environment tags on taggable resources', () => {
    expect(only('AWS::DynamoDB::GlobalTable').Properties.Replicas[0].Tags).toEqual(expect.arrayContaining([
      { Key: 'Project', Value: 'ecommerce-orders' }, { Key: 'Environment', Value: 'dev' },
    ]));
    for (const type of ['AWS::Lambda::Function', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::KMS::Key']) {
      expect(only(type).Properties.Tags).toEqual(expect.arrayContaining([
        { Key: 'Project', Value: 'ecommerce-orders' }, { Key: 'Environment', Value: 'dev' },
      ]));
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Tags: { Project: 'ecommerce-orders', Environment: 'dev' } });
  });
  test('every resource is exposed as a public property: the property is the resource in the template', () => {
    const logicalId = (construct: IConstruct | undefined) => stack.getLogicalId(construct!.node.defaultChild as CfnElement);
    const idsOf = (type: string) => Object.keys(template.findResources(type));
    const exposed: [string, IConstruct | undefined, string][] = [
      ['encryptionKey', platform.encryptionKey, 'AWS::KMS::Key'],
      ['keyAlias', platform.keyAlias, 'AWS::KMS::Alias'],
      ['table', platform.table, 'AWS::DynamoDB::GlobalTable'],
      ['failureQueue', platform.failureQueue, 'AWS::SQS::Queue'],
      ['handler', platform.handler, 'AWS::Lambda::Function'],
      ['handlerRole', platform.handlerRole, 'AWS::IAM::Role'],
      ['handlerLogGroup', platform.handlerLogGroup, 'AWS::Logs::LogGroup'],
      ['api', platform.api, 'AWS::ApiGatewayV2::Api'],
      ['stage', platform.stage, 'AWS::ApiGatewayV2::Stage'],
      ['accessLogGroup', platform.accessLogGroup, 'AWS::Logs::LogGroup'],
      ['alertTopic', platform.alertTopic, 'AWS::SNS::Topic'],
      ['dashboard', platform.dashboard, 'AWS::CloudWatch::Dashboard'],
      ['emailSubscription', platform.emailSubscription, 'AWS::SNS::Subscription'],
      ['eventBus', platform.eventBus, 'AWS::Events::EventBus'],
      ['lifecycleFunction', platform.lifecycleFunction, 'AWS::Lambda::Function'],
      ['lifecycleRole', platform.lifecycleRole, 'AWS::IAM::Role'],
      ['lifecycleLogGroup', platform.lifecycleLogGroup, 'AWS::Logs::LogGroup'],
    ];
    for (const [name, construct, type] of exposed) {
      expect({ name, type, found: idsOf(type).includes(logicalId(construct)) }).toEqual({ name, type, found: true });
    }
    expect(logicalId(platform.handlerLogGroup)).not.toBe(logicalId(platform.accessLogGroup));
    // The function's own log group, and the stage's access log destination.
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logicalId(platform.handlerLogGroup) } } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logicalId(platform.accessLogGroup), 'Arn'] } },
    });

    const alarmIds = Object.values(platform.alarms).map((alarm) => logicalId(alarm));
    expect(alarmIds).toHaveLength(21); // 12 + the read function's 3 + the order events' 3 + the lifecycle's 3
    expect([...alarmIds].sort()).toEqual(idsOf('AWS::CloudWatch::Alarm').sort());

    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const url = Object.entries(outputs).find(([k]) => k.startsWith('OrdersAPIGatewayURL'))![1];
    expect(stack.resolve(platform.ordersUrl)).toEqual(url.Value);
  });
});
