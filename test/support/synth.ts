import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';

export interface Synthesized {
  readonly app: App;
  readonly stack: Stack;
  readonly platform: OrderProcessingPlatform;
  readonly template: Template;
}

/** A fresh app and environment-agnostic stack holding one platform, synthesized. */
export function synthPlatform(
  props: OrderProcessingPlatformProps = {},
  customize?: (stack: Stack) => Partial<OrderProcessingPlatformProps>,
): Synthesized {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'TestStack');
  const platform = new OrderProcessingPlatform(stack, 'Orders', { ...props, ...(customize?.(stack) ?? {}) });
  return { app, stack, platform, template: Template.fromStack(stack) };
}
