/**
 * Every finding the compliance checks report on the platform and that the design accepts, as data: the rule, the
 * resources (logical ids), the templates, the reason and the test that pins the reason down. The checks in
 * test/construct/control-tower.test.ts, cdk-nag.test.ts and checkov.test.ts fail on any finding not listed here, and on
 * any listed one that no longer occurs; docs/compliance.md is rendered from these lists (test/compliance/render.ts).
 *
 * These are not acknowledgements: nothing here reaches the library, so a user's resource that breaks the same rule is
 * still reported in the user's app.
 */
import { TemplateName } from './templates';

export interface Exception {
  readonly rule: string;
  readonly logicalIds: readonly string[];
  readonly templates: readonly TemplateName[];
  readonly reason: string;
  /** The test (file: name) that shows the reason holds. */
  readonly pinnedBy: string;
}

const ALL: TemplateName[] = ['DEV', 'PROD', 'PROD_DOMAIN_BACKUP_VPC'];
const WITHOUT_VPC: TemplateName[] = ['DEV', 'PROD'];

const FUNCTIONS = [
  'OrdersHandler791FC516', 'OrdersReadApiFunction23A412E8', 'OrdersOrderLifecycleFunction9A55A8A4', 'OrdersOrderEventsConsumer4946EB35',
];
const LOG_GROUPS = [
  'OrdersHandlerLogGroupA9F13DC7', 'OrdersAccessLogGroup4E77399C', 'OrdersReadLogGroup4DD39161', 'OrdersLifecycleLogGroup9678D005',
  'OrdersOrderEventsLogGroup3A5AAADF',
];
const API_PERMISSIONS = [
  'OrdersApiPOSTordersOrdersIntegrationPermissionF91980CE',
  'OrdersApiGETordersorderIdReadIntegrationPermission4CF5CDD4',
  'OrdersApiGETcustomerscustomerIdordersReadIntegrationPermission0B730F9B',
  'OrdersApiPOSTordersorderIdcancelLifecycleIntegrationPermission2707E59A',
  'OrdersApiPOSTordersorderIdstatusLifecycleIntegrationPermissionD4BFA618',
];
const FAILURE_QUEUES = ['OrdersFailureQueue29AC9C4D', 'OrdersOrderEventsFailureQueueD914FE1D'];
const CT_TEST = 'test/construct/control-tower.test.ts';

/** AWS Control Tower proactive controls (the cfn-guard rules of @cdklabs/cdk-validator-cfnguard). */
export const CONTROL_TOWER_EXCEPTIONS: readonly Exception[] = [
  {
    rule: 'CT.APIGATEWAY.PR.5',
    logicalIds: ['OrdersApiPOSTordersCB8EFF1C'],
    templates: ALL,
    reason: 'POST /orders is public by specification: shoppers place orders without an AWS identity. Pass the ' +
      'authorizer prop (JWT, Lambda or IAM) and the route carries an authorization type; the read routes always do.',
    pinnedBy: `${CT_TEST}: with an authorizer, CT.APIGATEWAY.PR.5 passes`,
  },
  {
    rule: 'CT.LAMBDA.PR.2',
    logicalIds: API_PERMISSIONS,
    templates: ALL,
    reason: 'Each permission lets only apigateway.amazonaws.com invoke, with a SourceArn naming this API, its stage ' +
      'and the one route; CDK writes that ARN as an Fn::Join of the Region, account and API id, which the guard rule ' +
      'cannot read as a string, so it reports the SourceArn as missing.',
    pinnedBy: `${CT_TEST}: every API invoke permission names apigateway.amazonaws.com and a SourceArn on this API`,
  },
  {
    rule: 'CT.SQS.PR.1',
    logicalIds: FAILURE_QUEUES,
    templates: ALL,
    reason: 'These queues are the end of the line: the order handler\'s dead-letter queue and the order-events ' +
      'stream\'s on-failure destination. Their depth is alarmed and an operator replays them. The rule recognises a ' +
      'dead-letter queue only by a RedriveAllowPolicy that lets other SQS queues redrive into it, which these queues ' +
      'have no use for (their senders are Lambda, not queues).',
    pinnedBy: `${CT_TEST}: the failure queues are the handler's dead-letter queue and the stream's on-failure destination`,
  },
  {
    rule: 'CT.LAMBDA.PR.3',
    logicalIds: FUNCTIONS,
    templates: WITHOUT_VPC,
    reason: 'Without the vpc prop the functions run outside any VPC (they reach only AWS APIs). Pass vpc and they run ' +
      'in its private subnets with VPC endpoints; the PROD template with a VPC passes.',
    pinnedBy: `${CT_TEST}: PROD with custom domain, backups and VPC`,
  },
  {
    rule: 'CT.CLOUDWATCH.PR.2',
    logicalIds: LOG_GROUPS,
    templates: ['DEV'],
    reason: 'DEV keeps logs for one month by default (logRetention); PROD keeps them for a year and passes. Set ' +
      'logRetention to RetentionDays.ONE_YEAR or longer for a DEV or STAGING stage that must pass this control.',
    pinnedBy: `${CT_TEST}: logRetention of a year makes DEV pass CT.CLOUDWATCH.PR.2`,
  },
];

const NAG_TEST = 'test/construct/cdk-nag.test.ts';

/**
 * cdk-nag findings on the templates that are expected and not acknowledged in the library (acknowledgements, each on
 * its one resource with its reason, are listed from the synthesized construct: see docs/compliance.md). Only the VPC
 * rule, which only the vpc prop answers, and only on the templates without one.
 */
export const CDK_NAG_EXCEPTIONS: readonly Exception[] = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({
  rule: `${pack}-LambdaInsideVPC`,
  logicalIds: FUNCTIONS,
  templates: WITHOUT_VPC,
  reason: 'Without the vpc prop the functions run outside any VPC; pass vpc (private subnets, VPC endpoints) and the ' +
    'finding is gone, as on the PROD template with a VPC. Not acknowledged: it is the user\'s choice to make.',
  pinnedBy: `${NAG_TEST}: all five packs on the compliance templates`,
}));

const CHECKOV_TEST = 'test/construct/checkov.test.ts';
const WITHOUT_DLQ_OR_RESERVATION = ['OrdersReadApiFunction23A412E8', 'OrdersOrderLifecycleFunction9A55A8A4', 'OrdersOrderEventsConsumer4946EB35'];
const ROLE_POLICIES = [
  'OrdersHandlerRoleDefaultPolicyBBB4BAD8', 'OrdersReadApiRoleDefaultPolicy8B6F5255', 'OrdersOrderLifecycleRoleDefaultPolicyCCA8BE6D',
  'OrdersOrderEventsRoleDefaultPolicy1AF97059',
];
const PRODS: TemplateName[] = ['PROD', 'PROD_DOMAIN_BACKUP_VPC'];

/** checkov's CloudFormation checks, on the two PROD templates. */
export const CHECKOV_EXCEPTIONS: readonly Exception[] = [
  {
    rule: 'CKV_AWS_173',
    logicalIds: FUNCTIONS,
    templates: PRODS,
    reason: 'The functions\' environment variables hold no secret (table name, stage, log level, order retention), and ' +
      'Lambda encrypts them at rest with its AWS managed key. The customer managed key would add a KMS grant for Lambda ' +
      'and make every cold start depend on the key, for values that are also in the template.',
    pinnedBy: `${CHECKOV_TEST}: the functions' environment variables hold no secret`,
  },
  {
    rule: 'CKV_AWS_116',
    logicalIds: WITHOUT_DLQ_OR_RESERVATION,
    templates: PRODS,
    reason: 'No dead-letter queue, as acknowledged for cdk-nag\'s LambdaDLQ: the read and status-change functions are ' +
      'invoked only synchronously by the HTTP API, the order-events consumer only by its stream mapping, whose on-failure ' +
      'destination takes failed batches. A function DLQ receives failed asynchronous invocations, which never happen.',
    pinnedBy: `${NAG_TEST}: PROD in a VPC with backups: no unacknowledged finding on the platform`,
  },
  {
    rule: 'CKV_AWS_115',
    logicalIds: WITHOUT_DLQ_OR_RESERVATION,
    templates: PRODS,
    reason: 'No reserved concurrency, as acknowledged for cdk-nag\'s LambdaConcurrency: the order handler\'s ' +
      'reservation already keeps reads and status changes from taking order intake\'s capacity, and a stream mapping ' +
      'runs at most one consumer invocation per shard. Their throttles or lag are alarmed.',
    pinnedBy: `${NAG_TEST}: PROD in a VPC with backups: no unacknowledged finding on the platform`,
  },
  {
    rule: 'CKV_AWS_117',
    logicalIds: FUNCTIONS,
    templates: ['PROD'],
    reason: 'Without the vpc prop the functions run outside any VPC; with it (the other PROD template) they pass.',
    pinnedBy: `${CHECKOV_TEST}: with the vpc prop the functions pass CKV_AWS_117`,
  },
  {
    rule: 'CKV_AWS_111',
    logicalIds: ROLE_POLICIES,
    templates: ['PROD_DOMAIN_BACKUP_VPC'],
    reason: 'In a VPC, Lambda creates and deletes each function\'s network interfaces with its role: the ec2 network ' +
      'interface actions cannot name interfaces that do not exist yet, so they are granted on "*" (as AWS documents ' +
      'for AWSLambdaVPCAccessExecutionRole). Every other write names this platform\'s resources.',
    pinnedBy: `${CHECKOV_TEST}: the only unconstrained writes are the network interface actions Lambda needs in a VPC`,
  },
];
