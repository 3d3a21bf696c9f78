import { Duration } from 'aws-cdk-lib';
import { IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionBundleDir } from './function-bundle';
import { functionNetworking, PlatformNetworking } from './networking';
import { HANDLER_EXPORT } from '../contract/platform';

/** What differs between the platform's functions; everything else is the same for all of them. */
export interface PlatformFunctionProps {
  readonly description: string;
  /** The bundle's folder relative to the package root, from the contract. */
  readonly bundle: string;
  /** How the missing-bundle error and the security group name the function, e.g. `read function` and `Read`. */
  readonly bundleLabel: string;
  readonly networkingName: string;
  readonly role: IRole;
  readonly logGroup: ILogGroup;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** The platform's place in the VPC; without it the function runs outside any VPC. */
  readonly networking?: PlatformNetworking;
  /** @default no reservation */
  readonly reservedConcurrentExecutions?: number;
  /** @default no dead-letter queue */
  readonly deadLetterQueue?: IQueue;
}

/**
 * A function of the platform, built the one way they all are: Node.js 24 on ARM64, active tracing, the bundled
 * `index.mjs` with the contract's export, its own role and log group, and (with a VPC) the configured subnets with a
 * security group of its own.
 */
export function createPlatformFunction(scope: Construct, id: string, props: PlatformFunctionProps): LambdaFunction {
  const bundleDir = functionBundleDir(props.bundle, props.bundleLabel);
  return new LambdaFunction(scope, id, {
    ...functionNetworking(props.networking, props.networkingName, props.role),
    description: props.description,
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    code: Code.fromAsset(bundleDir),
    handler: HANDLER_EXPORT,
    memorySize: props.memorySize,
    timeout: props.timeout,
    tracing: Tracing.ACTIVE,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    role: props.role,
    logGroup: props.logGroup,
    environment: props.environment,
    deadLetterQueue: props.deadLetterQueue,
  });
}
