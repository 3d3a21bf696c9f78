import { HttpApi, HttpMethod, IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiFunctionAlarms } from './alarms';
import { PlatformMetrics } from './metrics';
import { acknowledgeReadApiNagFindings } from './nag-acknowledgements';
import { PlatformNetworking } from './networking';
import { createPlatformFunction } from './platform-function';
import { ResolvedProps } from './resolve-props';
import { ORDERS_TABLE } from '../contract/orders-table';
import { API_ROUTES, HANDLER_ENV, READ_API_BUNDLE, READ_API_ENV, ReadAccessMode } from '../contract/platform';
import { PlatformAlarms } from '../platform-alarms';

export interface ReadApiProps {
  readonly config: ResolvedProps;
  readonly api: HttpApi;
  readonly stage: IHttpStage;
  readonly table: ITable;
  readonly encryptionKey: IKey;
  readonly logGroup: LogGroup;
  /** Only for the shared metrics helper; the read function has no dead-letter queue. */
  readonly failureQueue: IQueue;
  /**
   * The platform's place in the VPC, when it has one: the read function then runs in the same subnets with a security
   * group of its own. It calls only DynamoDB, which the gateway endpoint serves, so it needs no interface endpoint.
   */
  readonly networking?: PlatformNetworking;
}

/** The read alarms, as they join {@link PlatformAlarms}. */
export type ReadApiAlarms = Required<Pick<PlatformAlarms, 'readApiErrors' | 'readApiThrottles' | 'readApiP99Duration'>>;

/**
 * The read API: a read-only function with its own role and log group behind `GET /orders/{orderId}` and
 * `GET /customers/{customerId}/orders` on the platform's HTTP API. The routes are never public: with the platform's
 * `authorizer` they use it (and the function admits only the token's customer), without one they use IAM
 * authorization and callers are granted with {@link ReadApi.grantRead}.
 *
 * No reserved concurrency, on purpose: the order handler's reservation already guarantees that a burst of reads cannot
 * take capacity from order intake, the stage throttle bounds every route, and a second reservation would take
 * another slice of the account's unreserved pool (which must keep 100) for a path that can wait and retry.
 */
export class ReadApi extends Construct {
  public readonly role: Role;
  public readonly fn: LambdaFunction;
  public readonly metrics: PlatformMetrics;
  /** Whether the GET routes use IAM authorization (no authorizer, or an HttpIamAuthorizer passed as `authorizer`). */
  public readonly iamAuthorized: boolean;
  /** `execute-api` ARNs of exactly the two GET routes, on any stage of this API. */
  public readonly routeArns: string[];

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    const { config, api, table, encryptionKey, logGroup } = props;
    this.iamAuthorized = config.authorizer === undefined || config.authorizer instanceof HttpIamAuthorizer;
    const access: ReadAccessMode = this.iamAuthorized ? 'IAM' : 'TOKEN_OWNER';

    this.role = this.createRole(config, table, encryptionKey, logGroup);
    this.fn = this.createFunction(config, table, logGroup, access, props.networking);

    const integration = new HttpLambdaIntegration('ReadIntegration', this.fn);
    const authorizer = config.authorizer ?? new HttpIamAuthorizer();
    for (const route of [API_ROUTES.getOrder, API_ROUTES.listCustomerOrders]) {
      api.addRoutes({ path: route.path, methods: [HttpMethod.GET], integration, authorizer });
    }
    // The route paths with each {parameter} as one path segment wildcard: exactly these two routes (CDK's own
    // route grant would turn /customers/{customerId}/orders into /customers/*, every path below /customers).
    this.routeArns = [API_ROUTES.getOrder, API_ROUTES.listCustomerOrders].map((route) =>
      api.arnForExecuteApi(HttpMethod.GET, route.path.replace(/\{[^}]+\}/g, '*'), '*'));
    this.metrics = new PlatformMetrics(this.fn, props.stage, table, props.failureQueue, config.nameSuffix);

    acknowledgeReadApiNagFindings({ readPolicy: this.role.node.findChild('DefaultPolicy'), readFunction: this.fn }, config);
  }

  /** `execute-api:Invoke` on the two GET routes; only meaningful (and only allowed) when they use IAM authorization. */
  public grantRead(grantee: IGrantable): Grant {
    if (!this.iamAuthorized) {
      throw new Error('OrderProcessingPlatform.grantReadOrders: the GET routes use the authorizer passed as the ' +
        '`authorizer` prop, not IAM, so an IAM grant would give nothing. Callers need a token from that authorizer; ' +
        'its `sub` claim decides whose orders they may read.');
    }
    return Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: this.routeArns });
  }

  /** The order handler's alarm set where it applies to a read path: errors, throttles, p99 duration, same thresholds. */
  public createAlarms(config: ResolvedProps, topic: ITopic): ReadApiAlarms {
    const alarms = apiFunctionAlarms(this, this.metrics, { nameSuffix: 'read-api', what: 'Read function', callers: 'readers' }, config, topic);
    return { readApiErrors: alarms.errors, readApiThrottles: alarms.throttles, readApiP99Duration: alarms.p99Duration };
  }

  /**
   * Exactly what the read function does: write its own log group, GetItem on the table, Query on CustomerOrderIndex
   * (not on the table, no Scan), decrypt with the table's key. No write of any kind; X-Ray comes with tracing. In a
   * VPC, the network interface actions Lambda needs are added where the function gets its networking.
   */
  private createRole(config: ResolvedProps, table: ITable, key: IKey, logGroup: LogGroup): Role {
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${config.namePrefix} read function`,
    });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'ReadOrderById',
      actions: ['dynamodb:GetItem'],
      resources: [table.tableArn],
    }));
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'QueryCustomerOrders',
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/${ORDERS_TABLE.customerIndexName}`],
    }));
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'DecryptTable',
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
    }));
    return role;
  }

  private createFunction(
    config: ResolvedProps, table: ITable, logGroup: LogGroup, access: ReadAccessMode, networking: PlatformNetworking | undefined,
  ): LambdaFunction {
    return createPlatformFunction(this, 'Function', {
      description: `GET /orders/{orderId} and GET /customers/{customerId}/orders of ${config.namePrefix}`,
      bundle: READ_API_BUNDLE,
      bundleLabel: 'read function',
      networkingName: 'Read',
      networking,
      memorySize: config.memorySize,
      timeout: config.timeout,
      role: this.role,
      logGroup,
      environment: {
        [HANDLER_ENV.tableName]: table.tableName,
        [HANDLER_ENV.environment]: config.nameSuffix,
        [HANDLER_ENV.logLevel]: config.logLevel,
        [READ_API_ENV.access]: access,
      },
    });
  }
}
