# A Python CDK app using the construct from the published wheel: the same stack id, construct id and props as
# examples/typescript/bindings-parity-app.ts and the Java app, so test/bindings/bindings.test.ts can require identical
# templates. It reads nothing: the output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON) arrive the
# way the CDK CLI passes them. Everything from the first import down is the README's Python example.
from aws_cdk import App, Stack
from aws_cdk import aws_iam as iam
from cdk_order_processing_platform import (
    DeploymentEnvironment,
    OrderProcessingPlatform,
    ThrottleSettings,
)

app = App(analytics_reporting=False)
stack = Stack(app, "OrderProcessingProd")
orders = OrderProcessingPlatform(
    stack,
    "Orders",
    environment=DeploymentEnvironment.PROD,
    alert_email="ops@example.com",
    throttle=ThrottleSettings(rate_limit=800, burst_limit=1600),
)
# A fulfilment service confirms, ships and delivers orders; a support desk cancels them (both sign with SigV4).
fulfilment = iam.Role(stack, "Fulfilment", assumed_by=iam.ServicePrincipal("ecs-tasks.amazonaws.com"))
orders.grant_update_order_status(fulfilment)
support_desk = iam.Role(stack, "SupportDesk", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
orders.grant_cancel_orders(support_desk)
app.synth()
