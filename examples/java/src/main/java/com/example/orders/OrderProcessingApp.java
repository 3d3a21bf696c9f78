// A Java CDK app using the construct from the jar: the same stack id, construct id and props as
// examples/typescript/bindings-parity-app.ts and examples/python/app.py, so test/bindings/bindings.test.ts can require
// identical templates. It reads nothing: the output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON)
// arrive the way the CDK CLI passes them. Everything from the package line down is the README's Java example.
package com.example.orders;

import io.github.orderprocessing.cdk.DeploymentEnvironment;
import io.github.orderprocessing.cdk.OrderProcessingPlatform;
import io.github.orderprocessing.cdk.ThrottleSettings;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

public final class OrderProcessingApp {
    public static void main(final String[] args) {
        App app = new App(AppProps.builder().analyticsReporting(false).build());
        Stack stack = new Stack(app, "OrderProcessingProd");
        OrderProcessingPlatform orders = OrderProcessingPlatform.Builder.create(stack, "Orders")
                .environment(DeploymentEnvironment.PROD)
                .alertEmail("ops@example.com")
                .throttle(ThrottleSettings.builder().rateLimit(800).burstLimit(1600).build())
                .build();
        // A fulfilment service confirms, ships and delivers orders; a support desk cancels them (both sign with SigV4).
        Role fulfilment = Role.Builder.create(stack, "Fulfilment")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .build();
        orders.grantUpdateOrderStatus(fulfilment);
        Role supportDesk = Role.Builder.create(stack, "SupportDesk")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        orders.grantCancelOrders(supportDesk);
        app.synth();
    }
}
