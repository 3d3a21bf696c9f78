import {
  GatewayVpcEndpoint,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpoint,
  InterfaceVpcEndpointAwsService,
  IVpc,
  Peer,
  Port,
  SecurityGroup,
  SubnetSelection,
} from 'aws-cdk-lib/aws-ec2';
import { IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The resolved VPC settings (see resolve-production-props.ts). */
export interface ResolvedNetworking {
  readonly vpc: IVpc;
  readonly vpcSubnets?: SubnetSelection;
  readonly createVpcEndpoints: boolean;
}

/** The `vpc`, `vpcSubnets` and `securityGroups` props of a platform function; spread into `FunctionProps`. */
export interface FunctionNetworkingProps {
  readonly vpc?: IVpc;
  readonly vpcSubnets?: SubnetSelection;
  readonly securityGroups?: SecurityGroup[];
}

/**
 * The ENI actions Lambda performs with the function's own role when it attaches the function to the VPC, as
 * AWSLambdaVPCAccessExecutionRole lists them. Inline rather than that managed policy: it also grants
 * logs:CreateLogGroup/PutLogEvents on every log group, which the role otherwise has only for its own group.
 * None of these actions can be limited to resources Lambda has not created yet, hence `*`.
 */
export const NETWORK_INTERFACE_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * The platform's place in the user's VPC: the endpoints the functions need when the subnets have no NAT, and one
 * security group per function.
 *
 * What needs an endpoint: every AWS API a function's own code calls. The order handler calls DynamoDB (a gateway
 * endpoint, free) and, with the PutMetricData publisher, CloudWatch (`monitoring`); the read function calls only
 * DynamoDB; the order-events consumer calls only EventBridge PutEvents (`events`, which it adds with
 * `addInterfaceEndpoint(InterfaceVpcEndpointAwsService.EVENTBRIDGE)`). What does not: CloudWatch Logs (Lambda's service
 * ships the function's output, not the function), the dead-letter queue (Lambda's service sends failed asynchronous
 * invocations), DynamoDB Streams and the consumer's on-failure queue (the event source mapping is Lambda's poller: it
 * reads the stream, invokes the function with the records and sends spent batches, outside the VPC), KMS (DynamoDB,
 * SQS and SNS use the key server-side), and X-Ray: with active tracing Lambda records the invocation and function
 * segments itself and runs the X-Ray daemon outside the VPC's network path (a link-local address); no bundle carries
 * an X-Ray SDK, so none sends to the X-Ray API.
 */
export class PlatformNetworking extends Construct {
  public readonly vpc: IVpc;
  /** Ingress of every interface endpoint: HTTPS from the platform's function security groups only. */
  public readonly endpointSecurityGroup?: SecurityGroup;
  public readonly dynamoDbEndpoint?: GatewayVpcEndpoint;
  private readonly config: ResolvedNetworking;
  private readonly interfaceEndpoints = new Map<string, InterfaceVpcEndpoint>();

  constructor(scope: Construct, id: string, config: ResolvedNetworking) {
    super(scope, id);
    this.config = config;
    this.vpc = config.vpc;
    if (config.createVpcEndpoints) {
      this.dynamoDbEndpoint = new GatewayVpcEndpoint(this, 'DynamoDbEndpoint', {
        vpc: config.vpc,
        service: GatewayVpcEndpointAwsService.DYNAMODB,
        subnets: [config.vpcSubnets ?? {}],
      });
      this.endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: config.vpc,
        description: 'Interface endpoints of the order platform: HTTPS from its functions only',
        allowAllOutbound: false,
      });
    }
  }

  /**
   * Adds an interface endpoint for `service` unless there is one already or endpoints are turned off. Private DNS is
   * on, so the SDK's default endpoint resolves to it (the VPC needs DNS support and DNS hostnames enabled).
   */
  public addInterfaceEndpoint(service: InterfaceVpcEndpointAwsService): InterfaceVpcEndpoint | undefined {
    if (!this.endpointSecurityGroup) return undefined;
    const existing = this.interfaceEndpoints.get(service.shortName);
    if (existing) return existing;
    const id = `${service.shortName.replace(/[^A-Za-z0-9]/g, '')}Endpoint`;
    const endpoint = new InterfaceVpcEndpoint(this, id.charAt(0).toUpperCase() + id.slice(1), {
      vpc: this.vpc,
      service,
      subnets: this.config.vpcSubnets,
      privateDnsEnabled: true,
      securityGroups: [this.endpointSecurityGroup],
      open: false,
    });
    this.interfaceEndpoints.set(service.shortName, endpoint);
    return endpoint;
  }

  /**
   * The networking props of one platform function: the configured subnets and a security group of its own that
   * allows only HTTPS out (every call goes to an AWS API over TLS). Grants `role` the ENI actions Lambda needs, and
   * lets the group into the interface endpoints.
   */
  public forFunction(name: string, role: IRole): FunctionNetworkingProps {
    const securityGroup = new SecurityGroup(this, `${name}SecurityGroup`, {
      vpc: this.vpc,
      description: `${name} function of the order platform: HTTPS egress only`,
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to AWS APIs (through the VPC endpoints or a NAT)');
    this.endpointSecurityGroup?.addIngressRule(securityGroup, Port.tcp(443), `HTTPS from the ${name} function`);
    role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'ManageVpcNetworkInterfaces',
      actions: NETWORK_INTERFACE_ACTIONS,
      resources: ['*'],
    }));
    return { vpc: this.vpc, vpcSubnets: this.config.vpcSubnets, securityGroups: [securityGroup] };
  }
}

/**
 * The networking props for any platform function: empty without a VPC, so callers can always spread the result into
 * their FunctionProps: `new Function(this, 'X', { ...functionNetworking(this.networking, 'X', role), ... })`.
 */
export function functionNetworking(networking: PlatformNetworking | undefined, name: string, role: IRole): FunctionNetworkingProps {
  return networking ? networking.forFunction(name, role) : {};
}
