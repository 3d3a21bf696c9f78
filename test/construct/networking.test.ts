/**
 * The VPC option on the synthesized template: each function in the chosen subnets with a security group of its own
 * (HTTPS egress only), the ENI permissions on its role, and the endpoints a VPC without NAT needs.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { InterfaceVpcEndpointAwsService } from 'aws-cdk-lib/aws-ec2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { functionNetworking, NETWORK_INTERFACE_ACTIONS, PlatformNetworking } from '../../src/internal/networking';
import { isolatedVpc } from '../support/production-fixtures';
import { templateOf } from '../support/template-cache';

/** The one resource of `type` whose logical id starts with `prefix`. */
function resource(t: Template, type: string, prefix: string): any {
  const found = Object.entries<any>(t.findResources(type)).filter(([id]) => id.startsWith(prefix)).map(([, r]) => r);
  expect(found).toHaveLength(1);
  return found[0];
}
const handlerProps = (t: Template) => resource(t, 'AWS::Lambda::Function', 'OrdersHandler').Properties;
const readProps = (t: Template) => resource(t, 'AWS::Lambda::Function', 'OrdersReadApiFunction').Properties;
const consumerProps = (t: Template) => resource(t, 'AWS::Lambda::Function', 'OrdersOrderEventsConsumer').Properties;
const eventBridgeService = { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.events']] };
const interfaceEndpoints = (t: Template) => Object.values<any>(t.findResources('AWS::EC2::VPCEndpoint'))
  .filter((e) => e.Properties.VpcEndpointType === 'Interface');
const statementsOf = (t: Template, rolePrefix: string): any[] => resource(t, 'AWS::IAM::Policy', `${rolePrefix}DefaultPolicy`)
  .Properties.PolicyDocument.Statement;
const groupId = (prefix: string) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${prefix}`)), 'GroupId'] });
const isolatedSubnetRefs = (t: Template) => Object.keys(t.findResources('AWS::EC2::Subnet'))
  .filter((id) => id.startsWith('Vpcapp')).map((id) => ({ Ref: id }));

describe('without vpc (the default)', () => {
  const template = templateOf('default');
  test('no function has a VpcConfig and nothing in EC2 is created', () => {
    expect(handlerProps(template).VpcConfig).toBeUndefined();
    expect(readProps(template).VpcConfig).toBeUndefined();
    expect(consumerProps(template).VpcConfig).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
  test('no ENI permissions on any role', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('ec2:CreateNetworkInterface');
  });
});

describe('isolated subnets, default endpoints, EMF publisher', () => {
  const template = templateOf('vpc');

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
  test('the order-events consumer runs in the same isolated subnets with a security group of its own', () => {
    const vpcConfig = consumerProps(template).VpcConfig;
    expect(vpcConfig.SubnetIds).toEqual(isolatedSubnetRefs(template));
    expect(vpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingOrderEventsSecurityGroup')]);
  });
  test.each(['Handler', 'Read', 'OrderEvents'])('the %s security group allows only HTTPS egress and no ingress', (name) => {
    const group = resource(template, 'AWS::EC2::SecurityGroup', `OrdersNetworking${name}SecurityGroup`);
    expect(group.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    expect(group.Properties.SecurityGroupIngress).toBeUndefined();
  });
  test('four function security groups and the endpoint group, nothing else', () => {
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersNetworkingEndpointSecurityGroup', 'OrdersNetworkingHandlerSecurityGroup', 'OrdersNetworkingLifecycleSecurityGroup',
        'OrdersNetworkingOrderEventsSecurityGroup', 'OrdersNetworkingReadSecurityGroup']);
  });
  test('a DynamoDB gateway endpoint on the route tables of those subnets', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] },
      RouteTableIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^VpcappSubnet1RouteTable') }]),
    });
  });
  test('one interface endpoint, EventBridge, for the consumer\'s PutEvents: the EMF handler and the read function call only DynamoDB', () => {
    // Logs, the DLQ, X-Ray, the stream reads and the on-failure queue are Lambda's own calls, outside the VPC.
    expect(interfaceEndpoints(template)).toEqual([expect.objectContaining({
      Properties: expect.objectContaining({
        ServiceName: eventBridgeService,
        PrivateDnsEnabled: true,
        SubnetIds: isolatedSubnetRefs(template),
        SecurityGroupIds: [groupId('OrdersNetworkingEndpointSecurityGroup')],
      }),
    })]);
  });
  test('no DynamoDB Streams endpoint: the consumer gets its records from the event source mapping, not by calling the stream', () => {
    expect(JSON.stringify(template.findResources('AWS::EC2::VPCEndpoint'))).not.toContain('streams.dynamodb');
  });
  test.each(['OrdersHandlerRole', 'OrdersReadApiRole', 'OrdersOrderEventsRole'])('%s gets exactly the ENI actions Lambda needs', (role) => {
    const eni = statementsOf(template, role).filter((s: any) => s.Sid === 'ManageVpcNetworkInterfaces');
    expect(eni).toEqual([{ Sid: 'ManageVpcNetworkInterfaces', Effect: 'Allow', Action: NETWORK_INTERFACE_ACTIONS, Resource: '*' }]);
  });
  test('the read role gets nothing else from the VPC: its other statements stay read-only', () => {
    const sids = statementsOf(template, 'OrdersReadApiRole').map((s: any) => s.Sid).filter((sid: unknown) => sid !== undefined);
    expect(sids.sort()).toEqual(['DecryptTable', 'ManageVpcNetworkInterfaces', 'QueryCustomerOrders', 'ReadOrderById']);
  });
  test.each(['OrdersHandlerRole', 'OrdersReadApiRole', 'OrdersOrderEventsRole'])(
    'no AWS managed policy on %s (AWSLambdaVPCAccessExecutionRole would grant every log group)', (role) => {
      expect(resource(template, 'AWS::IAM::Role', role).Properties.ManagedPolicyArns).toBeUndefined();
    });
  test('Lambda creates the network interfaces after the ENI permissions exist: each function depends on its policy', () => {
    const policyIds = (prefix: string) => Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) => id.startsWith(prefix));
    expect(resource(template, 'AWS::Lambda::Function', 'OrdersHandler').DependsOn)
      .toEqual(expect.arrayContaining(policyIds('OrdersHandlerRoleDefaultPolicy')));
    expect(resource(template, 'AWS::Lambda::Function', 'OrdersReadApiFunction').DependsOn)
      .toEqual(expect.arrayContaining(policyIds('OrdersReadApiRoleDefaultPolicy')));
    expect(resource(template, 'AWS::Lambda::Function', 'OrdersOrderEventsConsumer').DependsOn)
      .toEqual(expect.arrayContaining(policyIds('OrdersOrderEventsRoleDefaultPolicy')));
  });
});

describe('PutMetricData publisher in the VPC', () => {
  const template = templateOf('vpc-put-metric-data');
  test('a CloudWatch monitoring interface endpoint with private DNS in the function subnets', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.monitoring']] },
      PrivateDnsEnabled: true,
      SubnetIds: isolatedSubnetRefs(template),
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersNetworkingEndpointSecurityGroup'), 'GroupId'] }],
    });
  });
  test('two interface endpoints: CloudWatch monitoring and EventBridge', () => {
    expect(interfaceEndpoints(template).map((e) => JSON.stringify(e.Properties.ServiceName).match(/\.(\w+)"\]\]\}$/)![1]).sort())
      .toEqual(['events', 'monitoring']);
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
    expect(ingress).toHaveLength(4);
    expect(ingress).toEqual(expect.arrayContaining([from('Handler'), from('Read'), from('Lifecycle'), from('OrderEvents')]));
    const endpointGroup = Object.entries<any>(template.findResources('AWS::EC2::SecurityGroup'))
      .find(([id]) => id.startsWith('OrdersNetworkingEndpointSecurityGroup'))![1];
    expect(endpointGroup.Properties.SecurityGroupIngress).toBeUndefined(); // nothing from the VPC CIDR
  });
});

describe('createVpcEndpoints: false', () => {
  const template = templateOf('vpc-no-endpoints');
  test('no endpoints (neither EventBridge nor CloudWatch) and no endpoint security group; every function is still in the VPC with its own group', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 4);
    expect(consumerProps(template).VpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingOrderEventsSecurityGroup')]);
    expect(consumerProps(template).VpcConfig.SubnetIds).toEqual(isolatedSubnetRefs(template));
    expect(handlerProps(template).VpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingHandlerSecurityGroup')]);
    expect(readProps(template).VpcConfig.SecurityGroupIds).toEqual([groupId('OrdersNetworkingReadSecurityGroup')]);
  });
});

describe('readApiEnabled: false in a VPC', () => {
  const template = templateOf('vpc-read-api-off');
  test('only the handler\'s, the status-change function\'s and the consumer\'s security groups and the endpoint group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 3);
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersNetworkingEndpointSecurityGroup', 'OrdersNetworkingHandlerSecurityGroup', 'OrdersNetworkingLifecycleSecurityGroup',
        'OrdersNetworkingOrderEventsSecurityGroup']);
  });
});

describe('orderEventsEnabled: false in a VPC', () => {
  const template = templateOf('vpc-order-events-off');
  test('no consumer security group and no EventBridge endpoint: nothing calls PutEvents', () => {
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup')).map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort())
      .toEqual(['OrdersNetworkingEndpointSecurityGroup', 'OrdersNetworkingHandlerSecurityGroup', 'OrdersNetworkingLifecycleSecurityGroup',
        'OrdersNetworkingReadSecurityGroup']);
    expect(interfaceEndpoints(template)).toEqual([]);
  });
});

describe('vpcSubnets', () => {
  const template = templateOf('vpc-subnets'); // isolated groups `app` and `data`; vpcSubnets: { subnetGroupName: 'data' }
  test('select the subnets of every function and of the endpoints', () => {
    const dataSubnets = Object.keys(template.findResources('AWS::EC2::Subnet')).filter((id) => id.startsWith('Vpcdata'));
    expect(handlerProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    expect(readProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    expect(consumerProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    expect(interfaceEndpoints(template)[0].Properties.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
    const gateway = Object.values<any>(template.findResources('AWS::EC2::VPCEndpoint')).find((e) => e.Properties.VpcEndpointType === 'Gateway');
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
