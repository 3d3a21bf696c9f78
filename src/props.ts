import { Duration } from 'aws-cdk-lib';
import { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { IEventBus } from 'aws-cdk-lib/aws-events';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { BackupOptions, CustomDomainOptions } from './production-props';

/**
 * The deployment environment. It drives the production defaults: in `PROD` (and `STAGING`) the table, key and log
 * groups are retained when the stack is deleted and the table has deletion protection; in `DEV` they are destroyed.
 */
export enum DeploymentEnvironment {
  /** Development: resources are destroyed with the stack, orders expire after 30 days by default. */
  DEV = 'DEV',
  /** Staging: production-like retention and protection. */
  STAGING = 'STAGING',
  /** Production: deletion protection on, RETAIN removal policy for table, key and logs. */
  PROD = 'PROD',
}

/** How the handler publishes its business metrics (OrdersProcessed, OrderValue, OrderErrors). */
export enum MetricsPublisher {
  /**
   * CloudWatch embedded metric format: one JSON log line per order, turned into metrics by CloudWatch Logs.
   * No API call on the request path and no `cloudwatch:PutMetricData` permission.
   */
  EMBEDDED_METRIC_FORMAT = 'EMBEDDED_METRIC_FORMAT',
  /**
   * The CloudWatch PutMetricData API, called once per order after the order is stored. Costs about $10 per
   * million orders and is throttled by the Region's PutMetricData quota; a failure is logged and never turns a stored
   * order into an error. The role gets `cloudwatch:PutMetricData` restricted to the metrics namespace.
   */
  PUT_METRIC_DATA = 'PUT_METRIC_DATA',
}

/** Log level of the handler's structured JSON logs. */
export enum HandlerLogLevel {
  /** Everything the handler logs, including debug detail. */
  DEBUG = 'DEBUG',
  /** One line per order created, replayed or rejected (with the field and rule), plus warnings and errors. */
  INFO = 'INFO',
  /** Degraded dependencies (for example metrics that could not be published) and server faults. */
  WARN = 'WARN',
  /** Server faults only (an order that was not stored). */
  ERROR = 'ERROR',
}

/** Throttling of the HTTP API's `$default` stage (a token bucket per account and Region, best effort). */
export interface ThrottleSettings {
  /**
   * Steady-state requests per second. Must be a positive number.
   *
   * @default 500
   */
  readonly rateLimit?: number;

  /**
   * Bucket size: requests that may arrive at once. Must be a positive integer and at least `rateLimit`.
   *
   * @default 1000
   */
  readonly burstLimit?: number;
}

/**
 * Thresholds of the alarms the construct creates. Every alarm notifies the alert topic on ALARM and on OK.
 * docs/operations.md (Alarms) says what each alarm means and what to do first.
 */
export interface AlarmThresholds {
  /**
   * Lambda `Errors` (sum over 5 minutes) above which the errors alarm fires, 2 of 2 periods.
   *
   * @default 5
   */
  readonly lambdaErrors?: number;

  /**
   * Average Lambda `Duration` above which the duration alarm fires, 3 of 3 five-minute periods.
   *
   * @default Duration.seconds(3)
   */
  readonly lambdaAverageDuration?: Duration;

  /**
   * p99 Lambda `Duration` above which the p99 alarm fires, 3 of 3 five-minute periods.
   *
   * @default - 80% of the function timeout
   */
  readonly lambdaP99Duration?: Duration;

  /**
   * Lambda `Throttles` (sum over 5 minutes) at or above which the throttles alarm fires.
   *
   * @default 1
   */
  readonly lambdaThrottles?: number;

  /**
   * Share of the reserved concurrency (0 < x <= 1) that `ConcurrentExecutions` (maximum) may reach before the
   * concurrency alarm fires.
   *
   * @default 0.8
   */
  readonly concurrencyUtilization?: number;

  /**
   * DynamoDB throttled requests (read + write throttle events, sum over 5 minutes) at or above which the throttle
   * alarm fires, 2 of 2 periods.
   *
   * @default 1
   */
  readonly dynamoDbThrottles?: number;

  /**
   * DynamoDB `SystemErrors` (sum over 5 minutes, over every operation the functions call: PutItem, GetItem, Query) at or above which the system-errors alarm fires.
   *
   * @default 1
   */
  readonly dynamoDbSystemErrors?: number;

  /**
   * HTTP API `4xx` responses (sum over 5 minutes) above which the 4xx alarm fires, 3 of 3 periods.
   *
   * @default 10
   */
  readonly api4xxErrors?: number;

  /**
   * HTTP API `5xx` responses (sum over 5 minutes) above which the 5xx alarm fires, 2 of 2 periods.
   *
   * @default 3
   */
  readonly api5xxErrors?: number;

  /**
   * p99 HTTP API `Latency` above which the latency alarm fires, 3 of 3 five-minute periods.
   *
   * @default Duration.seconds(2)
   */
  readonly apiP99Latency?: Duration;

  /**
   * Business `OrderErrors` (server faults, sum over 5 minutes) at or above which the order-errors alarm fires.
   *
   * @default 1
   */
  readonly orderErrors?: number;

  /**
   * Visible messages in the failure queue at or above which the queue-depth alarm fires.
   *
   * @default 1
   */
  readonly failureQueueDepth?: number;

  /**
   * Order-events consumer `IteratorAge` (maximum over 5 minutes) above which the events-delayed alarm fires: how old
   * the newest record the consumer has read is, so how late `OrderCreated` events are.
   *
   * @default Duration.minutes(5)
   */
  readonly orderEventsIteratorAge?: Duration;
}

/** Properties of {@link OrderProcessingPlatform}. Every property is optional. */
export interface OrderProcessingPlatformProps {
  /**
   * Project name: lowercase letters, digits and hyphens, at most 40 characters. Used in alarm names, the key alias
   * and the `Project` tag.
   *
   * @default 'ecommerce-orders'
   */
  readonly projectName?: string;

  /**
   * Deployment environment; drives retention, deletion protection and order expiry defaults.
   *
   * @default DeploymentEnvironment.DEV
   */
  readonly environment?: DeploymentEnvironment;

  /**
   * Suffix in alarm names and the key alias, and the value of the `Environment` metric dimension: lowercase letters,
   * digits and hyphens, at most 20 characters.
   *
   * @default - the lowercase environment name: 'dev', 'staging' or 'prod'
   */
  readonly environmentSuffix?: string;

  /**
   * E-mail address subscribed to the alert topic. The subscription must be confirmed from the e-mail SNS sends
   * (SNS deletes unconfirmed subscriptions after 48 hours). Cannot be combined with `alertTopic`.
   *
   * @default - no subscription: the topic is created without one
   */
  readonly alertEmail?: string;

  /**
   * An existing SNS topic for alarm notifications, instead of a created one. If the topic is encrypted with a
   * customer managed key, that key's policy must allow `cloudwatch.amazonaws.com` to use it (docs/security.md).
   * Cannot be combined with `alertEmail`.
   *
   * @default - a topic encrypted with the platform key is created
   */
  readonly alertTopic?: ITopic;

  /**
   * Whether alarms send notifications to the alert topic (on ALARM and OK). Turn off for teams that route alarms
   * with their own tooling; the alarms are still created.
   *
   * @default true
   */
  readonly alarmActionsEnabled?: boolean;

  /**
   * Alarm thresholds.
   *
   * @default - the defaults documented on each field of AlarmThresholds
   */
  readonly alarmThresholds?: AlarmThresholds;

  /**
   * Whether to create a CloudWatch dashboard for the platform.
   *
   * @default true
   */
  readonly dashboardEnabled?: boolean;

  /**
   * Throttling of the HTTP API's `$default` stage.
   *
   * @default - rate 500 requests per second, burst 1000
   */
  readonly throttle?: ThrottleSettings;

  /**
   * Reserved concurrency of the handler: a positive integer. Reserving takes capacity from the account's unreserved
   * pool, which must keep at least 100; fresh accounts may need a quota increase.
   *
   * @default 100
   */
  readonly reservedConcurrency?: number;

  /**
   * How long an order is kept before DynamoDB's TTL deletes it (whole days, at least 1). When set, each order gets a
   * `ttl` attribute. Orders are financial records: in STAGING and PROD they are kept unless you set this.
   *
   * @default - 30 days in DEV; kept forever in STAGING and PROD
   */
  readonly orderRetention?: Duration;

  /**
   * How long CloudWatch Logs keeps the events of every log group the platform creates: each function's log group and
   * the API access log. PROD keeps a year, what AWS Control Tower's CT.CLOUDWATCH.PR.2 asks for and the 12 months of
   * audit history PCI DSS asks for; STAGING and DEV keep less, because their logs serve debugging, not audit. Must be
   * one of the RetentionDays values; `RetentionDays.INFINITE` keeps logs forever.
   *
   * @default - RetentionDays.ONE_YEAR in PROD, RetentionDays.THREE_MONTHS in STAGING, RetentionDays.ONE_MONTH in DEV
   */
  readonly logRetention?: RetentionDays;

  /**
   * How the handler publishes business metrics.
   *
   * @default MetricsPublisher.EMBEDDED_METRIC_FORMAT
   */
  readonly metricsPublisher?: MetricsPublisher;

  /**
   * Origins allowed by CORS for `POST /orders`. Each must be `*` or an `http(s)://host[:port]` origin.
   *
   * @default ['*']
   */
  readonly corsAllowedOrigins?: string[];

  /**
   * Log level of the handler.
   *
   * @default HandlerLogLevel.INFO
   */
  readonly logLevel?: HandlerLogLevel;

  /**
   * When set, every output is exported as `<exportPrefix>-<OutputName>`. Exports couple stacks: an export cannot be
   * changed or removed while another stack imports it.
   *
   * @default - outputs are not exported
   */
  readonly exportPrefix?: string;

  /**
   * Handler timeout: whole seconds from 1 to 30 (the HTTP API's fixed integration timeout). The handler's own SDK
   * timeouts (about 1 s to connect, 3 s per request, 3 attempts) keep an invocation far below it.
   *
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;

  /**
   * Handler memory in MiB, 128 to 10240.
   *
   * @default 256
   */
  readonly memorySize?: number;

  /**
   * An existing KMS key for the table, queue, topic and log groups, instead of a created one. CDK cannot add
   * statements to an imported key's policy: a synth warning names the statements the key owner must add
   * (CloudWatch Logs and CloudWatch alarms) and docs/security.md shows them.
   *
   * @default - a key with rotation is created
   */
  readonly encryptionKey?: IKey;

  /**
   * An authorizer for `POST /orders`, the read routes and the cancel route (for example a JWT authorizer). With one,
   * the handler takes the customer from the token's `sub` claim and rejects a different body `customerId` with 403, a
   * token reads only its own customer's orders, and cancels only its own. Without one, the read and cancel routes use
   * IAM authorization (see `grantReadOrders`, `grantCancelOrders`). The status route never uses it: it is always
   * IAM-authorized (see `grantUpdateOrderStatus`).
   *
   * @default - no authorization
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * Whether the table has a stream (NEW_AND_OLD_IMAGES) for downstream consumers.
   *
   * @default true
   */
  readonly tableStreamEnabled?: boolean;

  /**
   * Whether CloudWatch Contributor Insights is on for the table (priced per event).
   *
   * @default true
   */
  readonly contributorInsightsEnabled?: boolean;

  /**
   * A custom domain for the API. `ordersUrl` and the `APIGatewayURL` output then use it.
   *
   * @default - no custom domain: clients call the execute-api URL
   */
  readonly customDomain?: CustomDomainOptions;

  /**
   * Whether the default `execute-api` endpoint is disabled, so that clients can only come through `customDomain`
   * (the default endpoint then answers 403). Requires `customDomain`.
   *
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;

  /**
   * AWS Backup of the orders table, and where a failed backup job is reported (the alert topic).
   *
   * @default - on in STAGING and PROD with the defaults of BackupOptions, off in DEV
   */
  readonly backup?: BackupOptions;

  /**
   * A VPC for the platform's functions. Each function gets a security group of its own that allows only HTTPS
   * egress, and the role gets the network interface permissions Lambda needs.
   *
   * @default - the functions run outside any VPC
   */
  readonly vpc?: IVpc;

  /**
   * The subnets of `vpc` the functions run in (private or isolated: Lambda never gives a function a public IP).
   *
   * @default - the VPC's private subnets with egress, else its isolated subnets (CDK's default selection)
   */
  readonly vpcSubnets?: SubnetSelection;

  /**
   * Whether to add to `vpc` the endpoints the functions need without a NAT gateway: a DynamoDB gateway endpoint,
   * and an interface endpoint for CloudWatch metrics when `metricsPublisher` is PUT_METRIC_DATA. Turn off when the
   * VPC already has them (a second interface endpoint with private DNS for the same service fails to deploy) or
   * routes to AWS APIs through a NAT.
   *
   * @default true
   */
  readonly createVpcEndpoints?: boolean;

  /**
   * Whether to deploy the read API: `GET /orders/{orderId}` and `GET /customers/{customerId}/orders` on the same HTTP
   * API, served by a separate read-only function (its own bundle, role and log group). The routes are never public:
   * they use `authorizer` when it is set, IAM authorization otherwise. `false` leaves the routes, the function and its
   * alarms out.
   *
   * @default true
   */
  readonly readApiEnabled?: boolean;

  /**
   * Whether to deploy the order lifecycle: `POST /orders/{orderId}/cancel` and `POST /orders/{orderId}/status` on the
   * same HTTP API, served by a function of its own (bundle, role with `dynamodb:UpdateItem` on the table only, log
   * group) that moves an order along pending -> confirmed -> shipped -> delivered, or to cancelled, in one conditional
   * write with a version and a history. The cancel route uses `authorizer` when it is set (customers cancel their own
   * orders), IAM authorization otherwise; the status route always uses IAM authorization. Without order events (or
   * without the stream) it works the same and publishes no `OrderStatusChanged` events. `false` leaves the routes, the
   * function and its alarms out.
   *
   * @default true
   */
  readonly orderLifecycleEnabled?: boolean;

  /**
   * Whether every new order is published as an `OrderCreated` event, and every change of status (with the order
   * lifecycle) as an `OrderStatusChanged` event, on an EventBridge bus, by a consumer of the table stream. Needs the
   * stream: it cannot be combined with `tableStreamEnabled: false`.
   *
   * @default true
   */
  readonly orderEventsEnabled?: boolean;

  /**
   * An existing event bus for the `OrderCreated` events, instead of a created one. The consumer gets
   * `events:PutEvents` on it; an archive is left to the bus owner.
   *
   * @default - a bus named `<projectName>-<environmentSuffix>-orders`, encrypted with the platform key, with an archive
   */
  readonly eventBus?: IEventBus;

  /**
   * How long the archive of a created bus keeps the order events for replay: whole days, at least 1. Only for a
   * created bus (not with `eventBus`).
   *
   * @default Duration.days(30)
   */
  readonly orderEventsArchiveRetention?: Duration;
}
