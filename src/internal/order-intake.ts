import { HttpApi, HttpMethod, HttpRoute, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformNetworking } from './networking';
import { createPlatformFunction } from './platform-function';
import { ResolvedProps } from './resolve-props';
import { API_ROUTES, HANDLER_ENV, METRICS_NAMESPACE, METRICS_PUBLISHER_BUNDLES } from '../contract/platform';
import { MetricsPublisher } from '../props';

export interface OrderIntakeProps {
  readonly config: ResolvedProps;
  readonly table: ITable;
  readonly encryptionKey: IKey;
  readonly logGroup: LogGroup;
  /** The function's dead-letter queue (failed asynchronous invocations only). */
  readonly failureQueue: IQueue;
  /** The platform's place in the VPC; without it the function runs outside any VPC. */
  readonly networking?: PlatformNetworking;
}

/**
 * Order intake: the order handler behind `POST /orders`, with a role that can do exactly what it does.
 *
 * Unlike the read API and the order events, it is not a construct of its own: its resources were the platform's
 * first and are created in the platform's scope, so their logical IDs (and the handler log group's fixed name) stay
 * what deployed stacks have. A sub-construct would rename them, and CloudFormation would replace them.
 */
export class OrderIntake {
  public readonly role: Role;
  public readonly fn: LambdaFunction;

  constructor(scope: Construct, props: OrderIntakeProps) {
    this.role = createHandlerRole(scope, props);
    this.fn = createHandler(scope, props, this.role);
  }

  /** `POST /orders` on `api`, with the platform's authorizer (none: public, as specified). */
  public addRoute(api: HttpApi, authorizer?: IHttpRouteAuthorizer): HttpRoute {
    // One path and one method: addRoutes() returns exactly one route.
    const [route] = api.addRoutes({
      path: API_ROUTES.createOrder.path,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('OrdersIntegration', this.fn),
      authorizer,
    });
    return route;
  }
}

/**
 * A role with exactly what the handler does: write its own log group, PutItem/GetItem on the table (GetItem
 * answers an idempotent retry; no Query, Scan or index access), use the key for the table and the queue, send to
 * the failure queue, X-Ray, and PutMetricData only when that publisher is chosen, limited to our namespace.
 */
function createHandlerRole(scope: Construct, props: OrderIntakeProps): Role {
  const { config } = props;
  const role = new Role(scope, 'HandlerRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of the ${config.namePrefix} order handler`,
  });
  props.logGroup.grantWrite(role);
  role.addToPrincipalPolicy(new PolicyStatement({
    sid: 'WriteOrders',
    actions: ['dynamodb:PutItem', 'dynamodb:GetItem'],
    resources: [props.table.tableArn],
  }));
  role.addToPrincipalPolicy(new PolicyStatement({
    sid: 'UseKeyForTableAndQueue',
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
    resources: [props.encryptionKey.keyArn],
  }));
  role.addToPrincipalPolicy(new PolicyStatement({
    sid: 'SendFailedAsyncInvocations',
    actions: ['sqs:SendMessage'],
    resources: [props.failureQueue.queueArn],
  }));
  if (config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA) {
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'PublishOrderMetrics',
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'], // PutMetricData has no resource-level permissions; the namespace condition scopes it.
      conditions: { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } },
    }));
  }
  return role;
}

function createHandler(scope: Construct, props: OrderIntakeProps, role: Role): LambdaFunction {
  const { config } = props;
  const environment: Record<string, string> = {
    [HANDLER_ENV.tableName]: props.table.tableName,
    [HANDLER_ENV.environment]: config.nameSuffix,
    [HANDLER_ENV.logLevel]: config.logLevel,
  };
  if (config.orderRetention) {
    environment[HANDLER_ENV.orderRetentionSeconds] = String(config.orderRetention.toSeconds());
  }
  return createPlatformFunction(scope, 'Handler', {
    description: `POST /orders handler of ${config.namePrefix}`,
    bundle: METRICS_PUBLISHER_BUNDLES[config.metricsPublisher],
    bundleLabel: 'handler',
    networkingName: 'Handler',
    networking: props.networking,
    memorySize: config.memorySize,
    timeout: config.timeout,
    reservedConcurrentExecutions: config.reservedConcurrency,
    role,
    logGroup: props.logGroup,
    environment,
    // Sets DeadLetterConfig.TargetArn to the queue ARN (GetAtt), never its URL. No explicit dependency is needed:
    // lambda.Function already depends on its role and the role's default policy (with sqs:SendMessage), which
    // Lambda checks when it accepts the DLQ (asserted in the tests).
    deadLetterQueue: props.failureQueue,
  });
}
