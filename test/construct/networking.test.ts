/**
 * The VPC option on the synthesized template: each function in the chosen subnets with a security group of its own
 * (HTTPS egress only), the ENI permissions on its role, and the endpoints a VPC without NAT needs.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { InterfaceVpcEndpointAwsService, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { MetricsPublisher } from '../../src';
import { functionNetworking, NETWORK_INTERFACE_ACTIONS, PlatformNetworking } from '../../src/internal/networking';
import { isolatedVpc } from '../support/production-fixtures';
import { synthPlatform } from '../support/synth';

/** The one resource of `type` whose logical id starts with `prefix`. */
function resource(t: Template, type: string, prefix: string): any {
  const found = Object.entries<any>(t.findResources(type)).filter(([id]) => id.startsWith(prefix)).map(([, r]) => r);
  expect(found).toHaveLength(1);
  return found[0];
}
const handlerProps = (t: Template) => resource(t, 'AWS::Lambda::Function', 'OrdersHandler').Properties;
const readProps = (t: Template) => resource(t, 'AWS::Lambda::Function', 'OrdersReadApiFunction').Properties;
const statementsOf = (t: Template, rolePrefix: string): any[] => resource(t, 'AWS::IAM::Policy', `${rolePrefix}DefaultPolicy`)
  .Properties.PolicyDocument.Statement;
const groupId = (prefix: string) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${prefix}`)), 'GroupId'] });
const isolatedSubnetRefs = (t: Template) => Object.keys(t.findResources('AWS::EC2::Subnet'))
  .filter((id) => id.startsWith('Vpcapp')).map((id) => ({ Ref: id }));

describe('without vpc (the default)', () => {
  const { template } = synthPlatform({});
  test('neither function has a VpcConfig and nothing in EC2 is created', () => {
    expect(handlerProps(template).VpcConfig).toBeUndefined();
    expect(readProps(template).VpcConfig).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
  test('no ENI permissions on either role', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('ec2:CreateNetworkInterface');
  });
});

describe('isolated subnets, default endpoints, EMF publisher', () => {
  const { template } = synthPlatform({}, (stack) => ({ vpc: isolatedVpc(stack) }));

  test('the handler runs in the isolated subnets with its own security group', () => {
    const vpcConfig = handlerProps(template).VpcConfig;
    expect(vpcConfig.SubnetIds).toEqual(isolatedSubnetRefs(template));
    expect(vpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingHandlerSecurityGroup')]);
  });
  test('the read function runs in the same isolated subnets with a security group of its own', () => {
    const vpcConfig = readProps(template).VpcConfig;
    expect(vpcConfig.SubnetIds).toEqual(isolatedSubnetRefs(template));
    expect(vpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingReadSecurityGroup')]);
    expect(vpcConfig.SecurityGroupIds).not.toEqual(handlerProps(template).VpcConfig.SecurityGroupIds);
  });
  test.each(['Handler', 'Read'])('the %s security group allows only HTTPS egress and no ingress', (name) => {
    const group = resource(template, 'AWS::EC2::SecurityGroup', `OrdersNetworking${name}SecurityGroup`);
    expect(group.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
  });
  test('two function security groups and the endpoint group, nothing else', () => {
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersNetworkingEndpointSecurityGroup', 'OrdersNetworkingHandlerSecurityGroup', 'OrdersNetworkingReadSecurityGroup']);
  });
  test('a DynamoDB gateway endpoint on the route tables of those subnets', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] },
      RouteTableIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^VpcappSubnet1RouteTable') }]),
    });
  });
  test('no interface endpoint: the EMF handler and the read function call only DynamoDB (logs, DLQ and X-Ray go through Lambda)', () => {
    expect(Object.values<any>(template.findResources('AWS::EC2::VPCEndpoint'))
      .filter((e) => e.Properties.VpcEndpointType === 'Interface')).toEqual([]);
  });
  test.each(['OrdersHandlerRole', 'OrdersReadApiRole'])('%s gets exactly the ENI actions Lambda needs', (role) => {
    const eni = statementsOf(template, role).filter((s: any) => s.Sid === 'ManageVpcNetworkInterfaces');
    expect(eni).toEqual([{ Sid: 'ManageVpcNetworkInterfaces', Effect: 'Allow', Action: NETWORK_INTERFACE_ACTIONS, Resource: '*' }]);
  });
  test('the read role gets nothing else from the VPC: its other statements stay read-only', () => {
    const sids = statementsOf(template, 'OrdersReadApiRole').map((s: any) => s.Sid).filter((sid: unknown) => sid !== undefined);
    expect(sids.sort()).toEqual(['DecryptTable', 'ManageVpcNetworkInterfaces', 'QueryCustomerOrders', 'ReadOrderById']);
  });
  test.each(['OrdersHandlerRole', 'OrdersReadApiRole'])(
    'no AWS managed policy on %s (AWSLambdaVPCAccessExecutionRole would grant every log group)', (role) => {
      expect(resource(template, 'AWS::IAM::Role', role).Properties.ManagedPolicyArns).toBeUndefined();
    });
  test('Lambda creates the network interfaces after the ENI permissions exist: each function depends on its policy', () => {
    const policyIds = (prefix: string) => Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) => id.startsWith(prefix));
    expect(resource(template, 'AWS::Lambda::Function', 'OrdersHandler').DependsOn)
      .toEqual(expect.arrayContaining(policyIds('OrdersHandlerRoleDefaultPolicy')));
    expect(resource(template, 'AWS::Lambda::Function', 'OrdersReadApiFunction').DependsOn)
      .toEqual(expect.arrayContaining(policyIds('OrdersReadApiRoleDefaultPolicy')));
  });
});

describe('PutMetricData publisher in the VPC', () => {
  const { template } = synthPlatform({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA }, (stack) => ({ vpc: isolatedVpc(stack) }));
  test('a CloudWatch monitoring interface endpoint with private DNS in the function subnets', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.monitoring']] },
      PrivateDnsEnabled: true,
      SubnetIds: isolatedSubnetRefs(template),
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersNetworkingEndpointSecurityGroup'), 'GroupId'] }],
    });
  });
  test('the endpoint admits HTTPS from the platform\'s function security groups only', () => {
    const ingress = Object.values<any>(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    const from = (group: string) => expect.objectContaining({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      GroupId: groupId('OrdersNetworkingEndpointSecurityGroup'),
      SourceSecurityGroupId: groupId(`OrdersNetworking${group}SecurityGroup`),
    });
    // The endpoint group is shared by every interface endpoint, so each function's group is let in.
    expect(ingress).toHaveLength(2);
    expect(ingress).toEqual(expect.arrayContaining([from('Handler'), from('Read')]));
    const endpointGroup = Object.entries<any>(template.findResources('AWS::EC2::SecurityGroup'))
      .find(([id]) => id.startsWith('OrdersNetworkingEndpointSecurityGroup'))![1];
    expect(endpointGroup.Properties.SecurityGroupIngress).toBeUndefined(); // nothing from the VPC CIDR
  });
});

describe('createVpcEndpoints: false', () => {
  const { template } = synthPlatform({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA, createVpcEndpoints: false },
    (stack) => ({ vpc: isolatedVpc(stack) }));
  test('no endpoints and no endpoint security group; both functions are still in the VPC with their own groups', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 2);
    expect(handlerProps(template).VpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingHandlerSecurityGroup')]);
    expect(readProps(template).VpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingReadSecurityGroup')]);
  });
});

describe('readApiEnabled: false in a VPC', () => {
  const { template } = synthPlatform({ readApiEnabled: false }, (stack) => ({ vpc: isolatedVpc(stack) }));
  test('only the handler\'s security group and the endpoint group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 2); // the handler and the order-events consumer
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersNetworkingEndpointSecurityGroup', 'OrdersNetworkingHandlerSecurityGroup']);
  });
});

describe('vpcSubnets', () => {
  const { template } = synthPlatform({}, (stack) => ({
    vpc: new Vpc(stack, 'Vpc', {
      natGateways: 0,
      maxAzs: 2,
      subnetConfiguration: [
        { name: 'app', subnetType: SubnetType.PRIVATE_ISOLATED },
        { name: 'data', subnetType: SubnetType.PRIVATE_ISOLATED },
      ],
    }),
    vpcSubnets: { subnetGroupName: 'data' },
  }));
  test('select the subnets of both functions and of the gateway endpoint', () => {
    const dataSubnets = Object.keys(template.findResources('AWS::EC2::Subnet')).filter((id) => id.startsWith('Vpcdata'));
    expect(handlerProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    expect(readProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    const gateway = Object.values<any>(template.findResources('AWS::EC2::VPCEndpoint'))[0];
    expect(JSON.stringify(gateway.Properties.RouteTableIds)).not.toContain('Vpcapp');
  });
});

describe('the reusable piece for any platform function', () => {
  const stack = new Stack();
  const networking = new PlatformNetworking(stack, 'Networking', { vpc: isolatedVpc(stack), createVpcEndpoints: true });
  const role = new Role(stack, 'EventsRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const props = functionNetworking(networking, 'OrderEvents', role);
  const first = networking.addInterfaceEndpoint(InterfaceVpcEndpointAwsService.EVENTBRIDGE);
  const second = networking.addInterfaceEndpoint(InterfaceVpcEndpointAwsService.EVENTBRIDGE);
  const template = Template.fromStack(stack);

  test('returns the vpc, subnets and a security group of the function\'s own', () => {
    expect(props.vpc).toBe(networking.vpc);
    expect(props.securityGroups).toHaveLength(1);
    expect(props.securityGroups![0].node.id).toBe('OrderEventsSecurityGroup');
  });
  test('grants the function\'s role the ENI actions', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^EventsRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'ManageVpcNetworkInterfaces', Action: NETWORK_INTERFACE_ACTIONS })] },
    });
  });
  test('the EventBridge endpoint hook adds one endpoint however often it is called', () => {
    expect(first).toBeDefined();
    expect(second).toBe(first);
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.events']] },
    }, 1);
  });
  test('without a VPC the props are empty, so spreading them changes nothing', () => {
    expect(functionNetworking(undefined, 'X', role)).toEqual({});
  });
  test('with endpoints off the hook adds nothing', () => {
    const s = new Stack();
    const off = new PlatformNetworking(s, 'Networking', { vpc: isolatedVpc(s), createVpcEndpoints: false });
    expect(off.addInterfaceEndpoint(InterfaceVpcEndpointAwsService.EVENTBRIDGE)).toBeUndefined();
    Template.fromStack(s).resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
});
