/**
 * CDK adds no key-policy statement for CloudWatch Logs (log groups then fail to create) or for CloudWatch alarms
 * publishing to a key-encrypted topic (notifications then fail silently), and the original specification's Logs
 * statement had no encryption-context condition. These tests walk alarm -> action -> topic -> key in the template.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { platformOf, templateOf } from '../support/template-cache';

function keyStatements(template: any): any[] {
  const keys = Object.values(template.findResources('AWS::KMS::Key')) as any[];
  return keys.flatMap((k) => k.Properties.KeyPolicy.Statement);
}

describe('created key', () => {
  const template = templateOf('alert-email');
  const statements = keyStatements(template);

  test('CloudWatch Logs may use the key only for this platform\'s log groups, in this Region', () => {
    const logs = statements.find((s) => s.Sid === 'AllowCloudWatchLogsForPlatformLogGroups');
    expect(JSON.stringify(logs.Principal.Service)).toContain('logs.');
    expect(JSON.stringify(logs.Principal.Service)).toContain('AWS::Region');
    expect(logs.Action).toEqual(expect.arrayContaining(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']));
    const context = JSON.stringify(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']);
    expect(context).toContain(':log-group:/ecommerce-orders-dev/*');
  });

  test('every log group name starts with the prefix the key policy allows', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as any[];
    expect(groups).toHaveLength(5); // handler, read function, status-change function, order-events consumer, API access logs
    for (const g of groups) expect(g.Properties.LogGroupName).toMatch(/^\/ecommerce-orders-dev\//);
  });

  test('every alarm notifies a topic whose key lets cloudwatch.amazonaws.com publish, for alarms of that name', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const topics = template.findResources('AWS::SNS::Topic');
    const keys = template.findResources('AWS::KMS::Key');
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      for (const action of [...alarm.Properties.AlarmActions, ...alarm.Properties.OKActions]) {
        const topic = topics[action.Ref];
        expect(topic).toBeDefined();
        const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
        const statement = keys[keyId].Properties.KeyPolicy.Statement
          .find((s: any) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
        expect(statement).toBeDefined();
        expect(statement.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
        expect(statement.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
        const sourceArn = JSON.stringify(statement.Condition.ArnLike['aws:SourceArn']);
        expect(sourceArn).toContain(':alarm:ecommerce-orders-dev-*');
        expect(alarm.Properties.AlarmName.startsWith('ecommerce-orders-dev-')).toBe(true);
      }
    }
  });

  test('the topic policy lets CloudWatch publish only over TLS (SNS enforceSSL)', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('imported key', () => {
  // encryptionKey: Key.fromKeyArn of IMPORTED_KEY_ARN; the warning needs the synthesized stack itself.
  const { template, stack } = platformOf('imported-key');

  test('no key or alias is created; resources use the imported key', () => {
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::KMS::Alias', 0);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [Match.objectLike({
        SSESpecification: { KMSMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555' },
      })],
    });
  });

  test('a synth warning names the statements the key owner must add', () => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('encryptionKey is imported, and CDK'));
    expect(warnings).toHaveLength(1);
    const text = JSON.stringify(warnings[0].entry.data);
    expect(text).toContain('cloudwatch.amazonaws.com');
    expect(text).toContain('logs.<region>.amazonaws.com');
    expect(text).toContain('alarm:ecommerce-orders-dev-*');
  });

  test('the handler role still gets its key grant', () => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy'))[0] as any;
    const kms = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'UseKeyForTableAndQueue');
    expect(kms.Resource).toBe('arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555');
  });
});

describe('imported topic', () => {
  const { template, platform } = platformOf('imported-topic');

  test('no topic is created and alarms notify the given one on ALARM and OK', () => {
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: ['arn:aws:sns:eu-west-1:111122223333:ops-alerts'],
      OKActions: ['arn:aws:sns:eu-west-1:111122223333:ops-alerts'],
    });
    expect(platform.alertTopic.topicArn).toBe('arn:aws:sns:eu-west-1:111122223333:ops-alerts');
  });

  test('our own key still lets CloudWatch publish in case the topic shares it', () => {
    expect(keyStatements(template).some((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com')).toBe(true);
  });
});
