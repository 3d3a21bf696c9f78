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

const handlerProps = (t: Template) => Object.values(t.findResources('AWS::Lambda::Function'))[0].Properties;
const isolatedSubnetRefs = (t: Template) => Object.keys(t.findResources('AWS::EC2::Subnet'))
  .filter((id) => id.startsWith('Vpcapp')).map((id) => ({ Ref: id }));

describe('without vpc (the default)', () => {
  const { template } = synthPlatform({});
  test('the handler has no VpcConfig and nothing in EC2 is created', () => {
    expect(handlerProps(template).VpcConfig).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
  test('no ENI permissions on the role', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('ec2:CreateNetworkInterface');
  });
});

describe('isolated subnets, default endpoints, EMF publisher', () => {
  const { template } = synthPlatform({}, (stack) => ({ vpc: isolatedVpc(stack) }));

  test('the handler runs in the isolated subnets with its own security group', () => {
    const vpcConfig = handlerProps(template).VpcConfig;
    expect(vpcConfig.SubnetIds).toEqual(isolatedSubnetRefs(template));
    expect(vpcConfig.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^OrdersNetworkingHandlerSecurityGroup/), 'GroupId'] }]);
  });
  test('its security group allows only HTTPS egress and no ingress', () => {
    const groups = template.findResources('AWS::EC2::SecurityGroup');
    const handlerGroup = Object.entries<any>(groups).find(([id]) => id.startsWith('OrdersNetworkingHandlerSecurityGroup'))![1];
    expect(handlerGroup.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    expect(handlerGroup.Properties.SecurityGroupIngress).toBeUndefined();
  });
  test('a DynamoDB gateway endpoint on the route tables of those subnets', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] },
      RouteTableIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^VpcappSubnet1RouteTable') }]),
    });
  });
  test('no interface endpoint: the EMF handler calls only DynamoDB (logs, DLQ and X-Ray go through Lambda)', () => {
    expect(Object.values<any>(template.findResources('AWS::EC2::VPCEndpoint'))
      .filter((e) => e.Properties.VpcEndpointType === 'Interface')).toEqual([]);
  });
  test('the role gets exactly the ENI actions Lambda needs', () => {
    const statements = Object.values<any>(template.findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    const eni = statements.find((s: any) => s.Sid === 'ManageVpcNetworkInterfaces');
    expect(eni).toEqual({ Sid: 'ManageVpcNetworkInterfaces', Effect: 'Allow', Action: NETWORK_INTERFACE_ACTIONS, Resource: '*' });
  });
  test('no AWS managed policy on the handler role (AWSLambdaVPCAccessExecutionRole would grant every log group)', () => {
    const role = Object.entries<any>(template.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('OrdersHandlerRole'))![1];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
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
  test('the endpoint admits HTTPS from the handler security group only', () => {
    const ingress = Object.values<any>(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toEqual([expect.objectContaining({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      GroupId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersNetworkingEndpointSecurityGroup/), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersNetworkingHandlerSecurityGroup/), 'GroupId'] },
    })]);
    const endpointGroup = Object.entries<any>(template.findResources('AWS::EC2::SecurityGroup'))
      .find(([id]) => id.startsWith('OrdersNetworkingEndpointSecurityGroup'))![1];
    expect(endpointGroup.Properties.SecurityGroupIngress).toBeUndefined(); // nothing from the VPC CIDR
  });
});

describe('createVpcEndpoints: false', () => {
  const { template } = synthPlatform({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA, createVpcEndpoints: false },
    (stack) => ({ vpc: isolatedVpc(stack) }));
  test('no endpoints and no endpoint security group; the handler is still in the VPC with its own group', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    expect(handlerProps(template).VpcConfig.SecurityGroupIds).toHaveLength(1);
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
  test('select the subnets of the function and of the gateway endpoint', () => {
    const dataSubnets = Object.keys(template.findResources('AWS::EC2::Subnet')).filter((id) => id.startsWith('Vpcdata'));
    expect(handlerProps(template).VpcConfig.SubnetIds).toEqual(dataSubnets.map((id) => ({ Ref: id })));
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
