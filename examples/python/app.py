# A Python CDK app using the construct from the published wheel: the same stack id, construct id and props as
# examples/typescript/bindings-parity-app.ts and the Java app, so test/bindings/bindings.test.ts can require identical
# templates. It reads nothing: the output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON) arrive the
# way the CDK CLI passes them. Everything from the first import down is the README's Python example.
from aws_cdk import App, Stack
from cdk_order_processing_platform import (
    DeploymentEnvironment,
    OrderProcessingPlatform,
    ThrottleSettings,
)

app = App(analytics_reporting=False)
stack = Stack(app, "OrderProcessingProd")
OrderProcessingPlatform(
    stack,
    "Orders",
    environment=DeploymentEnvironment.PROD,
    alert_email="ops@example.com",
    throttle=ThrottleSettings(rate_limit=800, burst_limit=1600),
)
app.synth()
