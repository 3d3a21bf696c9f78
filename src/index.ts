export * from './props';
export * from './production-props';
export * from './platform-alarms';
export * from './order-processing-platform';
