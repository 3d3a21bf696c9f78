import { readConfig } from '../../../../src/functions/create-order/io/config';

describe('readConfig', () => {
  test('reads the variables the construct sets', () => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', ENVIRONMENT: 'prod', LOG_LEVEL: 'debug', ORDER_RETENTION_SECONDS: '86400' }))
      .toEqual({ tableName: 't', metricsDimensionValue: 'prod', logLevel: 'DEBUG', retentionSeconds: 86400 });
  });
  test('defaults: metric dimension value unknown, INFO when LOG_LEVEL is unset, no retention', () => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '' }))
      .toEqual({ tableName: 't', metricsDimensionValue: 'unknown', logLevel: 'INFO' });
  });
  test.each(['DEBUG', 'INFO', 'WARN', 'ERROR', ' warn '])('LOG_LEVEL %j is accepted', (level) => {
    expect(readConfig({ DYNAMODB_TABLE_NAME: 't', LOG_LEVEL: level }).logLevel).toBe(level.trim().toUpperCase());
  });
  test.each(['verbose', 'TRACE', '', '  '])('LOG_LEVEL %j fails the start-up, naming the variable and the allowed levels', (level) => {
    expect(() => readConfig({ DYNAMODB_TABLE_NAME: 't', LOG_LEVEL: level }))
      .toThrow(`LOG_LEVEL "${level}" must be one of DEBUG, INFO, WARN, ERROR (or unset for INFO)`);
  });
  test.each([[{}], [{ DYNAMODB_TABLE_NAME: '' }], [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '-5' }],
    [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '1.5' }], [{ DYNAMODB_TABLE_NAME: 't', ORDER_RETENTION_SECONDS: '0' }]])(
    'rejects %j', (env) => { expect(() => readConfig(env)).toThrow(); });
});
