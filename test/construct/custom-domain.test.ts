/**
 * The custom domain on the synthesized template: certificate (given or created), domain name, mapping, alias
 * records, the disabled default endpoint, and the URL users are told to call.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CERTIFICATE_ARN } from '../support/production-fixtures';
import { platformOf, templateOf } from '../support/template-cache';

const output = (t: Template, name: string) => Object.entries<any>(t.findOutputs('*')).find(([id]) => id.startsWith(`Orders${name}`))![1];

describe('hosted zone, no certificate', () => {
  const { template, stack, platform } = platformOf('domain-zone');

  test('a DNS-validated certificate for the name is created in the zone', () => {
    template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'orders.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'orders.example.com', HostedZoneId: 'Z0123456789ABCDEFGHIJ' }],
    });
  });
  test('a regional domain name with TLS 1.2 and that certificate, mapped to the $default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'orders.example.com',
      DomainNameConfigurations: [{
        CertificateArn: { Ref: Match.stringLikeRegexp('^OrdersCustomDomainCertificate') },
        EndpointType: 'REGIONAL',
        SecurityPolicy: 'TLS_1_2',
      }],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: Match.stringLikeRegexp('^OrdersApi') },
      DomainName: { Ref: Match.stringLikeRegexp('^OrdersCustomDomainDomainName') },
      Stage: '$default',
    });
    // Created after the stage, or CloudFormation may map a stage that does not exist yet.
    const mapping = Object.values<any>(template.findResources('AWS::ApiGatewayV2::ApiMapping'))[0];
    expect(mapping.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^OrdersDefaultStage/)]));
  });
  test('A and AAAA alias records point at the API\'s regional domain', () => {
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'orders.example.com.',
        Type: type,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersCustomDomainDomainName'), 'RegionalDomainName'] },
          HostedZoneId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersCustomDomainDomainName'), 'RegionalHostedZoneId'] },
        },
      });
    }
  });
  test('ordersUrl and the APIGatewayURL output use the custom domain and say to use it', () => {
    expect(platform.ordersUrl).toBe('https://orders.example.com/orders');
    const url = output(template, 'APIGatewayURL');
    expect(url.Value).toBe('https://orders.example.com/orders');
    expect(url.Description).toMatch(/custom domain: use this one \(the default execute-api endpoint still answers\)/);
    expect(platform.customDomainName).toBeDefined();
    expect(stack.resolve(platform.customDomainName!.name)).toEqual({ Ref: expect.stringMatching(/^OrdersCustomDomainDomainName/) });
  });
  test('the default endpoint stays on unless disabled', () => {
    expect(Object.values<any>(template.findResources('AWS::ApiGatewayV2::Api'))[0].Properties.DisableExecuteApiEndpoint).toBeFalsy();
  });
});

describe('certificate, no hosted zone', () => {
  const template = templateOf('domain-certificate');
  test('the given certificate is used and none is created', () => {
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: CERTIFICATE_ARN })],
    });
  });
  test('no DNS records: the domain\'s owner points the name at the regional domain', () => {
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });
});

describe('certificate and hosted zone', () => {
  const template = templateOf('domain-certificate-zone');
  test('the given certificate, and both alias records', () => {
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
  });
});

describe('disableExecuteApiEndpoint', () => {
  const template = templateOf('domain-zone-no-execute-api');
  test('the HTTP API disables its execute-api endpoint', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });
  test('the output says the default endpoint is disabled', () => {
    expect(output(template, 'APIGatewayURL').Description).toMatch(/default execute-api endpoint is disabled \(403\)/);
  });
});

describe('without customDomain (the default)', () => {
  const { template, platform, stack } = platformOf('default');
  test('no domain resources; the orders URL is the stage URL', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    expect(JSON.stringify(stack.resolve(platform.ordersUrl))).toContain('execute-api');
    expect(platform.customDomainName).toBeUndefined();
    expect(output(template, 'APIGatewayURL').Description).toBe('URL of POST /orders');
  });
});
