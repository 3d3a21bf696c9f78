# An invalid project name passed from Python: the construct's validation (which runs in the jsii kernel) must reach a
# Python user as a clear error naming the prop, exactly as a TypeScript user sees it.
from aws_cdk import App, Stack
from cdk_order_processing_platform import OrderProcessingPlatform

app = App(analytics_reporting=False)
OrderProcessingPlatform(Stack(app, "OrderProcessingBadProps"), "Orders", project_name="Bad_Name")
app.synth()
