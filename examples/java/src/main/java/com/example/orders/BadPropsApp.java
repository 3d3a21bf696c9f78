// An invalid project name passed from Java: the construct's validation (which runs in the jsii kernel) must reach a Java
// user as a clear error naming the prop, exactly as a TypeScript user sees it.
package com.example.orders;

import io.github.orderprocessing.cdk.OrderProcessingPlatform;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;

public final class BadPropsApp {
    public static void main(final String[] args) {
        App app = new App(AppProps.builder().analyticsReporting(false).build());
        OrderProcessingPlatform.Builder.create(new Stack(app, "OrderProcessingBadProps"), "Orders")
                .projectName("Bad_Name")
                .build();
        app.synth();
    }
}
