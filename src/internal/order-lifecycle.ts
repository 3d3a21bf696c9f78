import { HttpApi, HttpMethod, HttpRoute, IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { IMetric, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiFunctionAlarms } from './alarms';
import { PERIOD, PlatformMetrics } from './metrics';
import { acknowledgeOrderLifecycleNagFindings } from './nag-acknowledgements';
import { PlatformNetworking } from './networking';
import { createPlatformFunction } from './platform-function';
import { ResolvedProps } from './resolve-props';
import {
  API_ROUTES, HANDLER_ENV, METRICS_DIMENSION, METRICS_NAMESPACE, ORDER_LIFECYCLE_BUNDLE, ORDER_LIFECYCLE_ENV,
  ORDER_LIFECYCLE_METRICS, ReadAccessMode,
} from '../contract/platform';
import { PlatformAlarms } from '../platform-alarms';

export interface OrderLifecycleProps {
  readonly config: ResolvedProps;
  readonly api: HttpApi;
  readonly stage: IHttpStage;
  readonly table: ITable;
  readonly encryptionKey: IKey;
  readonly logGroup: LogGroup;
  /** Only for the shared metrics helper; the function has no dead-letter queue. */
  readonly failureQueue: IQueue;
  /** The platform's place in the VPC, when it has one; the function calls only DynamoDB (the gateway endpoint). */
  readonly networking?: PlatformNetworking;
}

/** The lifecycle alarms, as they join {@link PlatformAlarms}. */
export type OrderLifecycleAlarms = Required<Pick<PlatformAlarms, 'orderLifecycleErrors' | 'orderLifecycleThrottles' | 'orderLifecycleP99Duration'>>;

/**
 * The order lifecycle: a function of its own (bundle, role, log group) behind `POST /orders/{orderId}/cancel` and
 * `POST /orders/{orderId}/status`. The cancel route is the customers' when the platform has an `authorizer` (the
 * function admits only the order's owner) and IAM-authorized otherwise; the status route is always IAM-authorized,
 * for services and operators. Each grant names exactly its own route.
 *
 * No reserved concurrency, as for the read function: order intake keeps its own reservation, the stage throttle
 * bounds every route, and a change that is throttled can be retried (a repeated change is a no-op).
 */
export class OrderLifecycle extends Construct {
  public readonly role: Role;
  public readonly fn: LambdaFunction;
  public readonly metrics: PlatformMetrics;
  /** Whether the cancel route uses IAM authorization (no authorizer, or an HttpIamAuthorizer passed as `authorizer`). */
  public readonly cancelIamAuthorized: boolean;
  /** `execute-api` ARN of exactly the cancel route, on any stage of this API. */
  public readonly cancelRouteArn: string;
  /** `execute-api` ARN of exactly the status route, on any stage of this API. */
  public readonly statusRouteArn: string;
  public readonly cancelRoute: HttpRoute;
  public readonly statusRoute: HttpRoute;
  private readonly dimensionValue: string;

  constructor(scope: Construct, id: string, props: OrderLifecycleProps) {
    super(scope, id);
    const { config, api, table, encryptionKey, logGroup } = props;
    this.cancelIamAuthorized = config.authorizer === undefined || config.authorizer instanceof HttpIamAuthorizer;
    const cancelAccess: ReadAccessMode = this.cancelIamAuthorized ? 'IAM' : 'TOKEN_OWNER';
    this.dimensionValue = config.nameSuffix;

    this.role = this.createRole(config, table, encryptionKey, logGroup);
    this.fn = createPlatformFunction(this, 'Function', {
      description: `POST /orders/{orderId}/cancel and POST /orders/{orderId}/status of ${config.namePrefix}`,
      bundle: ORDER_LIFECYCLE_BUNDLE,
      bundleLabel: 'status-change function',
      networkingName: 'Lifecycle',
      networking: props.networking,
      memorySize: config.memorySize,
      timeout: config.timeout,
      role: this.role,
      logGroup,
      environment: {
        [HANDLER_ENV.tableName]: table.tableName,
        [HANDLER_ENV.environment]: config.nameSuffix,
        [HANDLER_ENV.logLevel]: config.logLevel,
        [ORDER_LIFECYCLE_ENV.cancelAccess]: cancelAccess,
      },
    });

    const integration = new HttpLambdaIntegration('LifecycleIntegration', this.fn);
    [this.cancelRoute] = api.addRoutes({
      path: API_ROUTES.cancelOrder.path,
      methods: [HttpMethod.POST],
      integration,
      authorizer: config.authorizer ?? new HttpIamAuthorizer(),
    });
    // Never the customers' authorizer: changing an order's status is for services and operators.
    [this.statusRoute] = api.addRoutes({
      path: API_ROUTES.changeOrderStatus.path,
      methods: [HttpMethod.POST],
      integration,
      authorizer: new HttpIamAuthorizer(),
    });
    // Each {parameter} as one path segment wildcard, so each ARN ends in its own route. CDK's route grant renders
    // /orders/{orderId}/cancel as /orders/*, which would cover the status route (and every path below /orders).
    const arnOf = (path: string) => api.arnForExecuteApi(HttpMethod.POST, path.replace(/\{[^}]+\}/g, '*'), '*');
    this.cancelRouteArn = arnOf(API_ROUTES.cancelOrder.path);
    this.statusRouteArn = arnOf(API_ROUTES.changeOrderStatus.path);
    this.metrics = new PlatformMetrics(this.fn, props.stage, table, props.failureQueue, config.nameSuffix);

    acknowledgeOrderLifecycleNagFindings({ policy: this.role.node.findChild('DefaultPolicy'), fn: this.fn }, config);
  }

  /** `execute-api:Invoke` on the cancel route only; only meaningful (and only allowed) when it uses IAM authorization. */
  public grantCancel(grantee: IGrantable): Grant {
    if (!this.cancelIamAuthorized) {
      throw new Error('OrderProcessingPlatform.grantCancelOrders: the cancel route uses the authorizer passed as the ' +
        '`authorizer` prop, not IAM, so an IAM grant would give nothing. Customers cancel their own orders with a token; ' +
        'services change any order\'s status (cancelled included) with grantUpdateOrderStatus.');
    }
    return Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [this.cancelRouteArn] });
  }

  /** `execute-api:Invoke` on the status route only (always IAM-authorized). */
  public grantUpdateStatus(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [this.statusRouteArn] });
  }

  /** A business metric of the function: every status change written, or the cancellations among them. */
  public changes(name: keyof typeof ORDER_LIFECYCLE_METRICS): IMetric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: ORDER_LIFECYCLE_METRICS[name],
      dimensionsMap: { [METRICS_DIMENSION]: this.dimensionValue },
      period: PERIOD,
      statistic: Stats.SUM,
    });
  }

  /** The read function's alarm set for this function: errors, throttles, p99 duration, same thresholds. */
  public createAlarms(config: ResolvedProps, topic: ITopic): OrderLifecycleAlarms {
    const alarms = apiFunctionAlarms(this, this.metrics, { nameSuffix: 'order-lifecycle', what: 'Status-change function', callers: 'callers' }, config, topic);
    return { orderLifecycleErrors: alarms.errors, orderLifecycleThrottles: alarms.throttles, orderLifecycleP99Duration: alarms.p99Duration };
  }

  /**
   * Exactly what the function does: write its own log group, UpdateItem on the table (the change and the priming
   * request, both conditional), and use the table's key. No read, no other write; X-Ray comes with tracing.
   */
  private createRole(config: ResolvedProps, table: ITable, key: IKey, logGroup: LogGroup): Role {
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${config.namePrefix} status-change function`,
    });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'ChangeOrderStatus',
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }));
    // An UpdateItem reads the item to evaluate its condition and writes it back: decrypt and encrypt with the key.
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'UseTableKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    }));
    return role;
  }
}
