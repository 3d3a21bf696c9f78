/**
 * The example app: the construct used as a consumer would use it, in an environment-agnostic stack (no account or
 * Region hard-coded; `cdk deploy` takes them from your AWS profile). `npx projen synth:example` writes cdk.out/.
 */
import { App, Stack } from 'aws-cdk-lib';
import { DeploymentEnvironment, OrderProcessingPlatform } from '../../src';

const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out', analyticsReporting: false });
const stack = new Stack(app, 'OrderProcessingExample', {
  description: 'Order intake service built with cdk-order-processing-platform',
});
new OrderProcessingPlatform(stack, 'Orders', {
  projectName: 'ecommerce-orders',
  environment: DeploymentEnvironment.DEV,
  alertEmail: process.env.ALERT_EMAIL,
});
app.synth();
