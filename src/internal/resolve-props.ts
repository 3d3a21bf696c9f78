import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { IEventBus } from 'aws-cdk-lib/aws-events';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  AlarmThresholds,
  DeploymentEnvironment,
  HandlerLogLevel,
  MetricsPublisher,
  OrderProcessingPlatformProps,
} from '../props';
import { ResolvedProductionProps, resolveProductionProps } from './resolve-production-props';
import { FUNCTION_DEFAULTS, ORDER_EVENTS_DEFAULTS } from '../contract/platform';

/**
 * Every prop with its default applied; the construct reads only this after validation. Internal names give each
 * idea one word: `deploymentEnvironment` is the stage (prop `environment`), `nameSuffix` the string in names and
 * the metric dimension (prop `environmentSuffix`).
 */
export interface ResolvedProps extends ResolvedProductionProps {
  readonly projectName: string;
  /** The `environment` prop: DEV, STAGING or PROD. */
  readonly deploymentEnvironment: DeploymentEnvironment;
  /** The `environmentSuffix` prop: ends resource names and is the value of the business metrics' dimension. */
  readonly nameSuffix: string;
  /** `<projectName>-<nameSuffix>`: the prefix of alarm names and the key alias. */
  readonly namePrefix: string;
  readonly isProductionLike: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly alertEmail?: string;
  readonly alertTopic?: ITopic;
  readonly alarmActionsEnabled: boolean;
  readonly alarmThresholds: Required<AlarmThresholds>;
  readonly dashboardEnabled: boolean;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  readonly reservedConcurrency: number;
  readonly orderRetention?: Duration;
  /** Retention of every log group the platform creates (the `logRetention` prop or its per-environment default). */
  readonly logRetention: RetentionDays;
  readonly metricsPublisher: MetricsPublisher;
  readonly corsAllowedOrigins: string[];
  readonly logLevel: HandlerLogLevel;
  readonly exportPrefix?: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly encryptionKey?: IKey;
  readonly authorizer?: IHttpRouteAuthorizer;
  readonly tableStreamEnabled: boolean;
  readonly contributorInsightsEnabled: boolean;
  readonly orderEventsEnabled: boolean;
  readonly eventBus?: IEventBus;
  /** Archive retention of a created bus (undefined with `eventBus`). */
  readonly orderEventsArchiveRetention?: Duration;
  readonly readApiEnabled: boolean;
  readonly orderLifecycleEnabled: boolean;
}

export const DEFAULTS = {
  projectName: 'ecommerce-orders',
  environment: DeploymentEnvironment.DEV,
  throttleRateLimit: 500,
  throttleBurstLimit: 1000,
  reservedConcurrency: 100,
  devOrderRetention: Duration.days(FUNCTION_DEFAULTS.devOrderRetentionDays),
  timeout: Duration.seconds(FUNCTION_DEFAULTS.timeoutSeconds),
  memorySize: FUNCTION_DEFAULTS.memorySizeMb,
  metricsPublisher: MetricsPublisher.EMBEDDED_METRIC_FORMAT,
  logLevel: HandlerLogLevel[FUNCTION_DEFAULTS.logLevel],
  corsAllowedOrigins: ['*'],
  // PROD: one year (AWS Control Tower CT.CLOUDWATCH.PR.2, PCI DSS 10.7's 12 months). STAGING: a release cycle's worth
  // of debugging. DEV: a month, as before this was a prop.
  logRetention: {
    [DeploymentEnvironment.PROD]: RetentionDays.ONE_YEAR,
    [DeploymentEnvironment.STAGING]: RetentionDays.THREE_MONTHS,
    [DeploymentEnvironment.DEV]: RetentionDays.ONE_MONTH,
  },
} as const;

/** The values CloudWatch Logs accepts (RetentionDays is a numeric enum: its values are the day counts). */
const RETENTION_DAYS = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

// Both names end up in resource names and ARNs; CloudWatch alarm names allow 255 characters, KMS aliases 256.
const NAME_PATTERN = /^[a-z0-9-]+$/;
const PROJECT_NAME_MAX = 40;
const SUFFIX_MAX = 20;
// A pragmatic address check (one @, a dot in the domain, no spaces): SNS itself validates the endpoint at deploy.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORIGIN_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
// CloudFormation export names: alphanumerics, colons and hyphens.
const EXPORT_PREFIX_PATTERN = /^[A-Za-z0-9:-]+$/;
// The HTTP API integration timeout is 30 s and cannot be raised, so a longer function timeout would outlive its caller.
const MAX_TIMEOUT_SECONDS = 30;

/**
 * Applies defaults and validates every prop. All problems are collected and thrown as one error that names each
 * prop, its value and the rule, so a user fixes them in one pass. Unresolved tokens are not checked.
 */
export function resolveProps(props: OrderProcessingPlatformProps = {}): ResolvedProps {
  const errors: string[] = [];
  const check = (ok: boolean, message: string) => { if (!ok) errors.push(message); };
  const concrete = (value: unknown) => value !== undefined && !Token.isUnresolved(value);

  const projectName = props.projectName ?? DEFAULTS.projectName;
  if (concrete(projectName)) {
    check(NAME_PATTERN.test(projectName) && projectName.length <= PROJECT_NAME_MAX,
      `projectName "${projectName}" must match ${NAME_PATTERN.source} (lowercase letters, digits, hyphens) and be at most ${PROJECT_NAME_MAX} characters`);
  }

  const environment = props.environment ?? DEFAULTS.environment;
  check(Object.values(DeploymentEnvironment).includes(environment),
    `environment "${environment}" must be one of ${Object.values(DeploymentEnvironment).join(', ')}`);

  const environmentSuffix = props.environmentSuffix ?? String(environment).toLowerCase();
  if (concrete(environmentSuffix)) {
    check(NAME_PATTERN.test(environmentSuffix) && environmentSuffix.length <= SUFFIX_MAX,
      `environmentSuffix "${environmentSuffix}" must match ${NAME_PATTERN.source} and be at most ${SUFFIX_MAX} characters`);
  }

  if (concrete(props.alertEmail)) {
    check(EMAIL_PATTERN.test(props.alertEmail!), `alertEmail "${props.alertEmail}" is not an e-mail address`);
  }
  check(!(props.alertEmail !== undefined && props.alertTopic !== undefined),
    'alertEmail and alertTopic cannot both be set: subscribe the address to your own topic instead');

  const rate = props.throttle?.rateLimit ?? DEFAULTS.throttleRateLimit;
  const burst = props.throttle?.burstLimit ?? DEFAULTS.throttleBurstLimit;
  check(Number.isFinite(rate) && rate > 0, `throttle.rateLimit ${rate} must be a positive number`);
  check(Number.isInteger(burst) && burst > 0, `throttle.burstLimit ${burst} must be a positive integer`);
  if (Number.isFinite(rate) && Number.isFinite(burst)) {
    check(burst >= rate, `throttle.burstLimit ${burst} must be at least throttle.rateLimit ${rate}`);
  }

  const reservedConcurrency = props.reservedConcurrency ?? DEFAULTS.reservedConcurrency;
  check(Number.isInteger(reservedConcurrency) && reservedConcurrency > 0,
    `reservedConcurrency ${reservedConcurrency} must be a positive integer`);

  const orderRetention = props.orderRetention
    ?? (environment === DeploymentEnvironment.DEV ? DEFAULTS.devOrderRetention : undefined);
  if (orderRetention && !orderRetention.isUnresolved()) {
    const days = orderRetention.toSeconds() / 86_400;
    check(Number.isInteger(days) && days >= 1, `orderRetention ${orderRetention.toHumanString()} must be a whole number of days, at least 1`);
  }

  const logRetention = props.logRetention ?? DEFAULTS.logRetention[environment] ?? DEFAULTS.logRetention[DeploymentEnvironment.DEV];
  if (!Token.isUnresolved(logRetention)) {
    check(RETENTION_DAYS.includes(logRetention),
      `logRetention ${logRetention} must be one of the RetentionDays values (days: ${RETENTION_DAYS.join(', ')})`);
  }

  const corsAllowedOrigins = props.corsAllowedOrigins ?? [...DEFAULTS.corsAllowedOrigins];
  check(corsAllowedOrigins.length > 0, 'corsAllowedOrigins must not be empty (use ["*"] to allow any origin)');
  for (const origin of corsAllowedOrigins) {
    if (concrete(origin)) {
      check(origin === '*' || ORIGIN_PATTERN.test(origin), `corsAllowedOrigins entry "${origin}" must be "*" or an origin like https://shop.example.com`);
    }
  }

  if (concrete(props.exportPrefix)) {
    check(EXPORT_PREFIX_PATTERN.test(props.exportPrefix!), `exportPrefix "${props.exportPrefix}" must match ${EXPORT_PREFIX_PATTERN.source}`);
  }

  const timeout = props.timeout ?? DEFAULTS.timeout;
  if (!timeout.isUnresolved()) {
    const seconds = timeout.toMilliseconds() / 1000;
    check(Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS,
      `timeout ${timeout.toHumanString()} must be whole seconds from 1 to ${MAX_TIMEOUT_SECONDS} (the HTTP API integration timeout)`);
  }

  const memorySize = props.memorySize ?? DEFAULTS.memorySize;
  check(Number.isInteger(memorySize) && memorySize >= 128 && memorySize <= 10_240,
    `memorySize ${memorySize} must be an integer from 128 to 10240 (MiB)`);

  const orderEvents = resolveOrderEvents(props, check);
  // jsii checks types for every language but JavaScript: a string "false" would otherwise turn the lifecycle on.
  const orderLifecycleEnabled = props.orderLifecycleEnabled ?? true;
  check(typeof orderLifecycleEnabled === 'boolean', `orderLifecycleEnabled ${JSON.stringify(orderLifecycleEnabled)} must be true or false`);

  // Checked here because a value outside the enum (possible from JavaScript or another jsii language) would deploy a
  // function without a bundle, or one that refuses to start: LOG_LEVEL is validated at the function's cold start.
  const metricsPublisher = props.metricsPublisher ?? DEFAULTS.metricsPublisher;
  check(Object.values(MetricsPublisher).includes(metricsPublisher),
    `metricsPublisher "${metricsPublisher}" must be one of ${Object.values(MetricsPublisher).join(', ')}`);
  const logLevel = props.logLevel ?? DEFAULTS.logLevel;
  check(Object.values(HandlerLogLevel).includes(logLevel),
    `logLevel "${logLevel}" must be one of ${Object.values(HandlerLogLevel).join(', ')}`);

  const alarmThresholds = resolveAlarmThresholds(props.alarmThresholds ?? {}, timeout, check);
  const production = resolveProductionProps(props, environment, `${projectName}-${environmentSuffix}`, check);

  if (errors.length > 0) {
    throw new Error(`OrderProcessingPlatform: invalid props:\n - ${errors.join('\n - ')}`);
  }

  const isProductionLike = environment !== DeploymentEnvironment.DEV;
  return {
    projectName,
    deploymentEnvironment: environment,
    nameSuffix: environmentSuffix,
    namePrefix: `${projectName}-${environmentSuffix}`,
    isProductionLike,
    removalPolicy: isProductionLike ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    alertEmail: props.alertEmail,
    alertTopic: props.alertTopic,
    alarmActionsEnabled: props.alarmActionsEnabled ?? true,
    alarmThresholds,
    dashboardEnabled: props.dashboardEnabled ?? true,
    throttleRateLimit: rate,
    throttleBurstLimit: burst,
    reservedConcurrency,
    orderRetention,
    logRetention,
    metricsPublisher,
    corsAllowedOrigins,
    logLevel,
    exportPrefix: props.exportPrefix,
    timeout,
    memorySize,
    encryptionKey: props.encryptionKey,
    authorizer: props.authorizer,
    tableStreamEnabled: props.tableStreamEnabled ?? true,
    contributorInsightsEnabled: props.contributorInsightsEnabled ?? true,
    readApiEnabled: props.readApiEnabled ?? true,
    orderLifecycleEnabled,
    ...orderEvents,
    ...production,
  };
}

function resolveOrderEvents(props: OrderProcessingPlatformProps, check: (ok: boolean, message: string) => void) {
  const orderEventsEnabled = props.orderEventsEnabled ?? true;
  const streamEnabled = props.tableStreamEnabled ?? true;
  check(!(orderEventsEnabled && !streamEnabled),
    `orderEventsEnabled${props.orderEventsEnabled === undefined ? ' (default true)' : ''} needs the table stream, but tableStreamEnabled is false: ` +
    'set orderEventsEnabled: false, or keep the stream');
  check(!(!orderEventsEnabled && props.eventBus !== undefined), 'eventBus is set but orderEventsEnabled is false: nothing would publish to it');
  check(!(props.eventBus !== undefined && props.orderEventsArchiveRetention !== undefined),
    'orderEventsArchiveRetention applies only to a created bus and cannot be combined with eventBus: archive your own bus instead');
  check(!(!orderEventsEnabled && props.orderEventsArchiveRetention !== undefined), 'orderEventsArchiveRetention is set but orderEventsEnabled is false');
  const retention = props.orderEventsArchiveRetention ?? Duration.days(ORDER_EVENTS_DEFAULTS.archiveRetentionDays);
  if (!retention.isUnresolved()) {
    const days = retention.toSeconds() / 86_400;
    check(Number.isInteger(days) && days >= 1, `orderEventsArchiveRetention ${retention.toHumanString()} must be a whole number of days, at least 1`);
  }
  return {
    orderEventsEnabled,
    eventBus: props.eventBus,
    orderEventsArchiveRetention: orderEventsEnabled && !props.eventBus ? retention : undefined,
  };
}

function resolveAlarmThresholds(
  given: AlarmThresholds,
  timeout: Duration,
  check: (ok: boolean, message: string) => void,
): Required<AlarmThresholds> {
  const resolved: Required<AlarmThresholds> = {
    lambdaErrors: given.lambdaErrors ?? 5,
    // The handler's SDK request timeout is ~3 s: an average above it means calls are timing out routinely.
    lambdaAverageDuration: given.lambdaAverageDuration ?? Duration.seconds(3),
    lambdaP99Duration: given.lambdaP99Duration
      ?? (timeout.isUnresolved() ? Duration.seconds(24) : Duration.millis(Math.floor(timeout.toMilliseconds() * 0.8))),
    lambdaThrottles: given.lambdaThrottles ?? 1,
    concurrencyUtilization: given.concurrencyUtilization ?? 0.8,
    dynamoDbThrottles: given.dynamoDbThrottles ?? 1,
    dynamoDbSystemErrors: given.dynamoDbSystemErrors ?? 1,
    api4xxErrors: given.api4xxErrors ?? 10,
    api5xxErrors: given.api5xxErrors ?? 3,
    apiP99Latency: given.apiP99Latency ?? Duration.seconds(2),
    orderErrors: given.orderErrors ?? 1,
    failureQueueDepth: given.failureQueueDepth ?? 1,
    orderEventsIteratorAge: given.orderEventsIteratorAge ?? Duration.seconds(ORDER_EVENTS_DEFAULTS.iteratorAgeAlarmSeconds),
  };
  const counts: (keyof AlarmThresholds)[] = [
    'lambdaErrors', 'lambdaThrottles', 'dynamoDbThrottles', 'dynamoDbSystemErrors',
    'api4xxErrors', 'api5xxErrors', 'orderErrors', 'failureQueueDepth',
  ];
  for (const name of counts) {
    const value = resolved[name] as number;
    check(Number.isFinite(value) && value >= 0, `alarmThresholds.${name} ${value} must be a non-negative number`);
  }
  const share = resolved.concurrencyUtilization;
  check(Number.isFinite(share) && share > 0 && share <= 1, `alarmThresholds.concurrencyUtilization ${share} must be greater than 0 and at most 1`);
  for (const name of ['lambdaAverageDuration', 'lambdaP99Duration', 'apiP99Latency', 'orderEventsIteratorAge'] as const) {
    const d = resolved[name];
    if (!d.isUnresolved()) check(d.toMilliseconds() > 0, `alarmThresholds.${name} must be longer than zero`);
  }
  return resolved;
}
