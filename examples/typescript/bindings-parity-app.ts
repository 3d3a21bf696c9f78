// The TypeScript twin of examples/python/app.py and examples/java (OrderProcessingApp.java): same stack id, construct
// id and props, so test/bindings/bindings.test.ts can require the three synthesized templates to be identical.
// Like the other two it reads nothing: the output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON,
// from examples/feature-flags.json) arrive the way the CDK CLI passes them to any app. Everything from the first
// import down is the README's TypeScript example (with the package name in place of '../../src').
import { App, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { DeploymentEnvironment, OrderProcessingPlatform } from '../../src';

const app = new App({ analyticsReporting: false });
const stack = new Stack(app, 'OrderProcessingProd');
const orders = new OrderProcessingPlatform(stack, 'Orders', {
  environment: DeploymentEnvironment.PROD,
  alertEmail: 'ops@example.com',
  throttle: { rateLimit: 800, burstLimit: 1600 },
});
// A fulfilment service confirms, ships and delivers orders; a support desk cancels them (both sign with SigV4).
const fulfilment = new Role(stack, 'Fulfilment', { assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com') });
orders.grantUpdateOrderStatus(fulfilment);
const supportDesk = new Role(stack, 'SupportDesk', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
orders.grantCancelOrders(supportDesk);
app.synth();
