import { Aws } from 'aws-cdk-lib';
import { AnyPrincipal, ArnPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';

/**
 * Key policy statements the services need that IAM delegation cannot give them. DynamoDB, SQS and SNS use the key on
 * behalf of callers (the handler's role, through IAM and `kms:ViaService`), so they need no statement here; CloudWatch
 * Logs and CloudWatch alarms act as themselves. CDK adds neither: `LogGroup({ encryptionKey })` leaves log group
 * creation failing (aws/aws-cdk#28304) and `SnsAction` leaves alarm notifications to an encrypted topic failing
 * silently (aws/aws-cdk#11121).
 */

/** Log group names of the platform all start with this, so the Logs statement can be scoped to them. */
export function logGroupNamePrefix(namePrefix: string): string {
  return `/${namePrefix}/`;
}

/**
 * Lets CloudWatch Logs in this Region use the key, but only for this platform's log groups: the encryption context
 * CloudWatch Logs sends is the log group ARN. A name prefix, not exact ARNs, avoids a key -> log group -> key cycle.
 */
export function cloudWatchLogsKeyStatement(namePrefix: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowCloudWatchLogsForPlatformLogGroups',
    effect: Effect.ALLOW,
    principals: [new ServicePrincipal(`logs.${Aws.REGION}.${Aws.URL_SUFFIX}`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn':
          `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupNamePrefix(namePrefix)}*`,
      },
    },
  });
}

/**
 * Lets CloudWatch alarms of this platform (by name prefix, this account) publish to the key-encrypted alert topic.
 * Without it every alarm action fails with a KMS AccessDenied that only shows in the alarm history.
 */
export function cloudWatchAlarmsKeyStatement(namePrefix: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopic',
    effect: Effect.ALLOW,
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${namePrefix}-*` },
    },
  });
}

/**
 * Lets the platform's EventBridge rules (the backup alerts, by exact rule ARN) publish to the key-encrypted alert
 * topic. EventBridge needs kms:Decrypt and kms:GenerateDataKey on the topic's key, or delivery fails silently:
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html#eb-sns-permissions
 */
export function eventBridgeKeyStatement(ruleArns: string[]): PolicyStatement {
  return new PolicyStatement({
    sid: 'AllowEventBridgeRulesToPublishToEncryptedTopic',
    effect: Effect.ALLOW,
    principals: [new ServicePrincipal('events.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnEquals: { 'aws:SourceArn': ruleArns },
    },
  });
}

/**
 * Lets the role AWS Backup assumes use the key for the table's recovery points (the vault encrypts with it, and
 * backing up or restoring a table encrypted with it needs it). In the key policy rather than the role's policy,
 * so the role keeps only its AWS-managed policies; CreateGrant only for grants AWS services hold.
 */
export function backupRoleKeyStatements(roleArn: string): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'AllowBackupRoleToUseKey',
      effect: Effect.ALLOW,
      principals: [new ArnPrincipal(roleArn)],
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
    }),
    new PolicyStatement({
      sid: 'AllowBackupRoleToGrantKeyToAwsServices',
      effect: Effect.ALLOW,
      principals: [new ArnPrincipal(roleArn)],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

/**
 * Denies kms:CreateGrant to everyone unless the grant is for an AWS resource or the caller is an AWS service: AWS
 * Control Tower's CT.KMS.PR.3, so no principal of the account can hand the key on with a grant of its own. The services
 * that create grants on this key do so for an AWS resource (DynamoDB for the table, AWS Backup's role for recovery
 * points, which its own statement already limits the same way); CloudWatch Logs, SNS, SQS and Lambda use the key
 * through the key policy or IAM and create no grants. Both keys in one BoolIfExists: denied only when both are false.
 */
export function denyGrantsOutsideAwsServicesStatement(): PolicyStatement {
  return new PolicyStatement({
    sid: 'DenyGrantsExceptForAwsResources',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/** Human-readable text of the statements, for the synth warning shown when the key is imported. */
export function requiredKeyPolicyDescription(namePrefix: string, backupEnabled: boolean = false): string {
  const backup = backupEnabled ? [
    'Principal events.amazonaws.com: kms:Decrypt, kms:GenerateDataKey with aws:SourceAccount = <account> and ' +
      `ArnEquals aws:SourceArn = the rules ${namePrefix}-backup-failed and ${namePrefix}-copy-failed`,
    'Principal <the BackupRole of the platform>: kms:Decrypt, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*, ' +
      'kms:DescribeKey, and kms:CreateGrant with kms:GrantIsForAWSResource = true',
  ] : [];
  return [
    'Principal logs.<region>.amazonaws.com: kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe* ' +
      `with ArnLike kms:EncryptionContext:aws:logs:arn = arn:<partition>:logs:<region>:<account>:log-group:${logGroupNamePrefix(namePrefix)}*`,
    'Principal cloudwatch.amazonaws.com: kms:Decrypt, kms:GenerateDataKey* ' +
      `with aws:SourceAccount = <account> and ArnLike aws:SourceArn = arn:<partition>:cloudwatch:<region>:<account>:alarm:${namePrefix}-*`,
    ...backup,
  ].join('; ');
}
