import * as path from 'node:path';
import { Annotations, CfnOutput, Duration, Stack, Tags } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, DomainName, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { BackupPlan, IBackupVault } from 'aws-cdk-lib/aws-backup';
import { Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { InterfaceVpcEndpointAwsService } from 'aws-cdk-lib/aws-ec2';
import { IEventBus } from 'aws-cdk-lib/aws-events';
import { Grant, IGrantable, Role } from 'aws-cdk-lib/aws-iam';
import { Alias, IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ITopic, Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ORDERS_TABLE } from './contract/orders-table';
import { createAlarms } from './internal/alarms';
import { backupAlertRuleArns, PlatformBackup, ResolvedBackup } from './internal/backup';
import { PlatformCustomDomain } from './internal/custom-domain';
import { createDashboard } from './internal/dashboard';
import {
  backupRoleKeyStatements,
  cloudWatchAlarmsKeyStatement,
  cloudWatchLogsKeyStatement,
  denyGrantsOutsideAwsServicesStatement,
  eventBridgeKeyStatement,
  logGroupNamePrefix,
  requiredKeyPolicyDescription,
} from './internal/key-policy';
import { PlatformMetrics } from './internal/metrics';
import { acknowledgeNagFindings } from './internal/nag-acknowledgements';
import { PlatformNetworking } from './internal/networking';
import { OrderEvents } from './internal/order-events';
import { OrderIntake } from './internal/order-intake';
import { OrderLifecycle } from './internal/order-lifecycle';
import { ReadApi } from './internal/read-api';
import { ResolvedProps, resolveProps } from './internal/resolve-props';
import { singleRegionCustomerManagedKey } from './internal/table-encryption';
import { PlatformAlarms } from './platform-alarms';
import { MetricsPublisher, OrderProcessingPlatformProps } from './props';

/** Package root: `lib/..` when compiled, `src/..` under ts-jest; the handler bundles live in its `assets/`. */
const PACKAGE_ROOT = path.join(__dirname, '..');

/**
 * A complete order-intake service: `POST /orders` on an HTTP API, a bundled Node.js handler that validates and
 * stores each order in a KMS-encrypted DynamoDB table, an encrypted failure queue, an alert topic, alarms on metrics
 * the services really publish, and a dashboard.
 *
 * The constructor reads top to bottom like the architecture: props, key, storage, compute, API, monitoring, outputs.
 */
export class OrderProcessingPlatform extends Construct {
  /**
   * Absolute path of the OpenAPI 3.1 document of the API (`POST /orders` and the read routes), shipped in this package
   * and generated from the definitions the functions validate with. Read it to generate clients or import the API into
   * API tooling, e.g. `fs.readFileSync(OrderProcessingPlatform.OPENAPI_DOCUMENT_PATH, 'utf8')`.
   */
  public static readonly OPENAPI_DOCUMENT_PATH: string = path.join(PACKAGE_ROOT, 'openapi.json');

  /** The KMS key that encrypts the table, queue, topic and log groups (created, or the one passed in). */
  public readonly encryptionKey: IKey;
  /** The key's alias `alias/<projectName>-<environmentSuffix>-key`; undefined when the key was passed in. */
  public readonly keyAlias?: Alias;
  /**
   * The orders table: a `TableV2` (`AWS::DynamoDB::GlobalTable`) with one replica, in the stack's Region, so that
   * replicas in other Regions can be added later without replacing it.
   */
  public readonly table: TableV2;
  /**
   * The handler's dead-letter queue. It receives only failed *asynchronous* invocations: API Gateway invokes the
   * handler synchronously, so on the API path a failure is a 5xx to the client (and the alarms), never a message here.
   */
  public readonly failureQueue: Queue;
  /** The handler's log group (KMS-encrypted, kept for `logRetention`). */
  public readonly handlerLogGroup: LogGroup;
  /** The handler's execution role. */
  public readonly handlerRole: Role;
  /** The order handler. */
  public readonly handler: LambdaFunction;
  /** The HTTP API. */
  public readonly api: HttpApi;
  /** The HTTP API's `$default` stage. */
  public readonly stage: HttpStage;
  /** The access log group of the stage (KMS-encrypted, kept for `logRetention`). */
  public readonly accessLogGroup: LogGroup;
  /** The alert topic alarms notify (created, or the one passed in). */
  public readonly alertTopic: ITopic;
  /** The alarms, one property each. */
  public readonly alarms: PlatformAlarms;
  /** The dashboard; undefined when `dashboardEnabled` is false. */
  public readonly dashboard?: Dashboard;
  /** The URL of `POST /orders`: on the custom domain when there is one. */
  public readonly ordersUrl: string;
  /** The API Gateway custom domain name; undefined without `customDomain`. */
  public readonly customDomainName?: DomainName;
  /** The AWS Backup plan of the table; undefined when backups are off. */
  public readonly backupPlan?: BackupPlan;
  /** The vault the backup plan writes to (created, or the one passed in); undefined when backups are off. */
  public readonly backupVault?: IBackupVault;
  /** The e-mail subscription of the alert topic; undefined without `alertEmail`. */
  public readonly emailSubscription?: Subscription;
  /** The read function behind the GET routes; undefined when `readApiEnabled` is false. */
  public readonly readFunction?: LambdaFunction;
  /** The read function's execution role (GetItem, Query on CustomerOrderIndex, kms:Decrypt); undefined when `readApiEnabled` is false. */
  public readonly readRole?: Role;
  /** The read function's log group (KMS-encrypted, kept for `logRetention`); undefined when `readApiEnabled` is false. */
  public readonly readLogGroup?: LogGroup;
  /** The status-change function behind the cancel and status routes; undefined when `orderLifecycleEnabled` is false. */
  public readonly lifecycleFunction?: LambdaFunction;
  /** The status-change function's execution role (UpdateItem on the table, the key); undefined when `orderLifecycleEnabled` is false. */
  public readonly lifecycleRole?: Role;
  /** The status-change function's log group (KMS-encrypted, 30-day retention); undefined when `orderLifecycleEnabled` is false. */
  public readonly lifecycleLogGroup?: LogGroup;
  /** The bus the `OrderCreated` events go to (created, or the one passed in); undefined when `orderEventsEnabled` is false. */
  public readonly eventBus?: IEventBus;
  private readonly readApi?: ReadApi;
  private readonly lifecycle?: OrderLifecycle;
  private readonly networking?: PlatformNetworking;

  constructor(scope: Construct, id: string, props: OrderProcessingPlatformProps = {}) {
    super(scope, id);
    const config = resolveProps(props);

    // --- Key -------------------------------------------------------------------------------------------------------
    if (config.encryptionKey) {
      this.encryptionKey = config.encryptionKey;
      Annotations.of(this).addWarningV2('cdk-order-processing-platform:importedKeyPolicy',
        'encryptionKey is imported, and CDK cannot change an imported key\'s policy. Its owner must add these ' +
        `statements, or log group creation fails and alarms cannot notify: ${requiredKeyPolicyDescription(config.namePrefix, config.backup !== undefined)}`);
    } else {
      const key = new Key(this, 'Key', {
        description: `Encrypts the orders table, failure queue, alert topic and logs of ${config.namePrefix}`,
        enableKeyRotation: true,
        removalPolicy: config.removalPolicy,
      });
      key.addToResourcePolicy(cloudWatchLogsKeyStatement(config.namePrefix));
      key.addToResourcePolicy(cloudWatchAlarmsKeyStatement(config.namePrefix));
      key.addToResourcePolicy(denyGrantsOutsideAwsServicesStatement());
      this.keyAlias = key.addAlias(`alias/${config.namePrefix}-key`);
      this.encryptionKey = key;
    }

    // --- Storage ---------------------------------------------------------------------------------------------------
    this.table = this.createTable(config);
    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      removalPolicy: config.removalPolicy,
    });

    // --- Compute ---------------------------------------------------------------------------------------------------
    if (config.networking) {
      this.networking = new PlatformNetworking(this, 'Networking', config.networking);
      if (config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA) {
        this.networking.addInterfaceEndpoint(InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
      }
    }
    this.handlerLogGroup = this.createLogGroup('HandlerLogGroup', config, 'lambda/order-handler');
    const intake = new OrderIntake(this, {
      config,
      table: this.table,
      encryptionKey: this.encryptionKey,
      logGroup: this.handlerLogGroup,
      failureQueue: this.failureQueue,
      networking: this.networking,
    });
    this.handlerRole = intake.role;
    this.handler = intake.fn;

    // --- API -------------------------------------------------------------------------------------------------------
    this.accessLogGroup = this.createLogGroup('AccessLogGroup', config, 'apigateway/access');
    this.api = new HttpApi(this, 'Api', {
      description: `Order intake API of ${config.namePrefix}`,
      createDefaultStage: false,
      disableExecuteApiEndpoint: config.disableExecuteApiEndpoint,
      corsPreflight: {
        allowOrigins: config.corsAllowedOrigins,
        allowMethods: [...(config.readApiEnabled ? [CorsHttpMethod.GET] : []), CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match'],
        // Let browser clients read whether a response was an idempotent replay, when to retry after a 503, and the
        // order's version to send back as If-Match.
        exposeHeaders: ['Idempotent-Replayed', 'Retry-After', 'ETag'],
        allowCredentials: false,
        maxAge: Duration.seconds(300),
      },
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      detailedMetricsEnabled: true,
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(accessLogFormat()),
      },
    });
    const ordersRoute = intake.addRoute(this.api, config.authorizer);
    const customDomain = config.customDomain
      ? new PlatformCustomDomain(this, 'CustomDomain', { config: config.customDomain, api: this.api, stage: this.stage })
      : undefined;
    this.customDomainName = customDomain?.domainName;
    this.ordersUrl = `${customDomain?.url ?? this.stage.url}orders`;
    if (config.readApiEnabled) {
      this.readLogGroup = this.createLogGroup('ReadLogGroup', config, 'lambda/read-api');
      this.readApi = new ReadApi(this, 'ReadApi', {
        config,
        api: this.api,
        stage: this.stage,
        table: this.table,
        encryptionKey: this.encryptionKey,
        logGroup: this.readLogGroup,
        failureQueue: this.failureQueue,
        networking: this.networking,
      });
      this.readFunction = this.readApi.fn;
      this.readRole = this.readApi.role;
    }
    if (config.orderLifecycleEnabled) {
      this.lifecycleLogGroup = this.createLogGroup('LifecycleLogGroup', config, 'lambda/order-lifecycle');
      this.lifecycle = new OrderLifecycle(this, 'OrderLifecycle', {
        config,
        api: this.api,
        stage: this.stage,
        table: this.table,
        encryptionKey: this.encryptionKey,
        logGroup: this.lifecycleLogGroup,
        failureQueue: this.failureQueue,
        networking: this.networking,
      });
      this.lifecycleFunction = this.lifecycle.fn;
      this.lifecycleRole = this.lifecycle.role;
    }

    // --- Events ----------------------------------------------------------------------------------------------------
    const orderEvents = config.orderEventsEnabled ? new OrderEvents(this, 'OrderEvents', {
      config,
      table: this.table,
      encryptionKey: this.encryptionKey,
      logGroup: this.createLogGroup('OrderEventsLogGroup', config, 'lambda/order-events'),
      networking: this.networking,
    }) : undefined;
    this.eventBus = orderEvents?.bus;

    // --- Monitoring ------------------------------------------------------------------------------------------------
    this.alertTopic = config.alertTopic ?? this.createAlertTopic(config);
    if (config.alertEmail) {
      // alertEmail and alertTopic are mutually exclusive (validated), so this is always our own topic.
      this.emailSubscription = new Subscription(this, 'AlertEmailSubscription', {
        topic: this.alertTopic,
        protocol: SubscriptionProtocol.EMAIL,
        endpoint: config.alertEmail,
      });
    }
    const backup = config.backup ? this.createBackup(config.backup, config) : undefined;
    this.backupPlan = backup?.plan;
    this.backupVault = backup?.vault;
    const metrics = new PlatformMetrics(this.handler, this.stage, this.table, this.failureQueue, config.nameSuffix);
    this.alarms = {
      ...createAlarms(this, metrics, config, this.alertTopic),
      ...this.readApi?.createAlarms(config, this.alertTopic),
      ...this.lifecycle?.createAlarms(config, this.alertTopic),
      ...orderEvents?.createAlarms(config, this.alertTopic),
    };
    if (config.dashboardEnabled) {
      this.dashboard = createDashboard(this, `${config.namePrefix}-overview`, metrics, Object.values(this.alarms),
        this.readApi?.metrics, orderEvents?.metrics, this.lifecycle);
    }

    // --- Outputs, tags, acknowledgements ---------------------------------------------------------------------------
    this.createOutputs(config);
    Tags.of(this).add('Project', config.projectName);
    Tags.of(this).add('Environment', config.deploymentEnvironment.toLowerCase());
    acknowledgeNagFindings({
      handlerPolicy: this.handlerRole.node.findChild('DefaultPolicy'),
      ordersRoute,
      failureQueue: this.failureQueue,
      emailSubscription: this.emailSubscription,
      orderEventsPolicy: orderEvents?.role.node.findChild('DefaultPolicy'),
      orderEventsFailureQueue: orderEvents?.failureQueue,
      orderEventsConsumer: orderEvents?.consumer,
      backupRole: backup?.role,
      backupAlertRules: backup ? [backup.backupJobFailedRule, ...(backup.copyJobFailedRule ? [backup.copyJobFailedRule] : [])] : undefined,
    }, config);
  }

  /**
   * Lets `grantee` (a role of another service) call `GET /orders/{orderId}` and `GET /customers/{customerId}/orders`
   * with SigV4: `execute-api:Invoke` on exactly those two routes. IAM callers are trusted services and may read any
   * customer's orders. Throws when `readApiEnabled` is false (there are no read routes), and when an `authorizer`
   * other than `HttpIamAuthorizer` is set: the routes then use that authorizer, an IAM grant would give nothing, and
   * callers need a token whose `sub` is the customer.
   */
  public grantReadOrders(grantee: IGrantable): Grant {
    if (!this.readApi) {
      throw new Error('OrderProcessingPlatform.grantReadOrders: readApiEnabled is false, so there are no read routes to grant');
    }
    return this.readApi.grantRead(grantee);
  }

  /**
   * Lets `grantee` (a role of another service) cancel any order with SigV4: `execute-api:Invoke` on exactly
   * `POST /orders/{orderId}/cancel`. Throws when `orderLifecycleEnabled` is false, and when an `authorizer` other than
   * `HttpIamAuthorizer` is set: the cancel route is then the customers' (each cancels their own orders with a token),
   * and services cancel with {@link grantUpdateOrderStatus}.
   */
  public grantCancelOrders(grantee: IGrantable): Grant {
    if (!this.lifecycle) {
      throw new Error('OrderProcessingPlatform.grantCancelOrders: orderLifecycleEnabled is false, so there is no cancel route to grant');
    }
    return this.lifecycle.grantCancel(grantee);
  }

  /**
   * Lets `grantee` (a role of another service, or an operator) change any order's status with SigV4:
   * `execute-api:Invoke` on exactly `POST /orders/{orderId}/status`, which is always IAM-authorized. IAM cannot see the
   * request body, so a granted caller may make every change the lifecycle allows (confirm, ship, deliver, cancel).
   * Throws when `orderLifecycleEnabled` is false.
   */
  public grantUpdateOrderStatus(grantee: IGrantable): Grant {
    if (!this.lifecycle) {
      throw new Error('OrderProcessingPlatform.grantUpdateOrderStatus: orderLifecycleEnabled is false, so there is no status route to grant');
    }
    return this.lifecycle.grantUpdateStatus(grantee);
  }

  private createTable(config: ResolvedProps): TableV2 {
    return new TableV2(this, 'OrdersTable', {
      partitionKey: { name: ORDERS_TABLE.partitionKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: singleRegionCustomerManagedKey(this.encryptionKey, Stack.of(this)),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: config.tableStreamEnabled ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      // The attribute is declared either way; the handler writes it only when a retention is configured.
      timeToLiveAttribute: ORDERS_TABLE.timeToLiveAttribute,
      contributorInsightsSpecification: { enabled: config.contributorInsightsEnabled },
      deletionProtection: config.isProductionLike,
      removalPolicy: config.removalPolicy,
      globalSecondaryIndexes: [{
        indexName: ORDERS_TABLE.customerIndexName,
        partitionKey: { name: ORDERS_TABLE.customerIndexPartitionKey, type: AttributeType.STRING },
        sortKey: { name: ORDERS_TABLE.customerIndexSortKey, type: AttributeType.NUMBER },
      }],
    });
  }

  /** The table's backup plan; its failed jobs reach the alert topic, and the key lets AWS Backup and EventBridge in. */
  private createBackup(backupConfig: ResolvedBackup, config: ResolvedProps): PlatformBackup {
    const backup = new PlatformBackup(this, 'Backup', {
      config: backupConfig,
      namePrefix: config.namePrefix,
      table: this.table,
      encryptionKey: this.encryptionKey,
      alertTopic: this.alertTopic,
    });
    // No-ops on an imported key: the synth warning lists these statements instead.
    for (const statement of backupRoleKeyStatements(backup.role.roleArn)) this.encryptionKey.addToResourcePolicy(statement);
    if (!config.alertTopic) {
      // Our own topic is encrypted with this key; an imported topic's key is its owner's (docs/security.md).
      this.encryptionKey.addToResourcePolicy(eventBridgeKeyStatement(backupAlertRuleArns(config.namePrefix)));
    }
    return backup;
  }

  private createLogGroup(id: string, config: ResolvedProps, name: string): LogGroup {
    return new LogGroup(this, id, {
      // Named under a per-platform prefix so the key policy can scope CloudWatch Logs to these groups only.
      logGroupName: `${logGroupNamePrefix(config.namePrefix)}${name}`,
      encryptionKey: this.encryptionKey,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
  }

  private createAlertTopic(config: ResolvedProps): Topic {
    const topic = new Topic(this, 'AlertTopic', {
      displayName: `${config.namePrefix} alerts`,
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    return topic;
  }

  private createOutputs(config: ResolvedProps): void {
    const outputs: Record<string, [string, string]> = {
      APIGatewayURL: [this.ordersUrl, ordersUrlDescription(config)],
      APIGatewayApiId: [this.api.apiId, 'ID of the HTTP API'],
      DynamoDBTableName: [this.table.tableName, 'Name of the orders table'],
      LambdaFunctionArn: [this.handler.functionArn, 'ARN of the order handler'],
      LambdaFunctionName: [this.handler.functionName, 'Name of the order handler'],
      KMSKeyId: [this.encryptionKey.keyId, 'ID of the platform KMS key'],
      SNSTopicArn: [this.alertTopic.topicArn, 'ARN of the alert topic'],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, {
        value,
        description,
        exportName: config.exportPrefix ? `${config.exportPrefix}-${name}` : undefined,
      });
    }
  }
}

/**
 * The original specification's access log fields as one JSON line: API Gateway rejects a multi-line format, which
 * is what the specification's folded YAML scalar produced.
 */
function accessLogFormat(): string {
  return JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  });
}

/** What the APIGatewayURL output tells its reader: which URL to call. */
function ordersUrlDescription(config: ResolvedProps): string {
  if (!config.customDomain) return 'URL of POST /orders';
  return config.disableExecuteApiEndpoint
    ? 'URL of POST /orders on the custom domain: use this one, the default execute-api endpoint is disabled (403)'
    : 'URL of POST /orders on the custom domain: use this one (the default execute-api endpoint still answers)';
}
