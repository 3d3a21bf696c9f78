import { readReadApiConfig } from '../../../../src/functions/read-orders/io/config';

const base = { DYNAMODB_TABLE_NAME: 'orders', LOG_LEVEL: 'warn' };

test('table, log level and access mode from the environment the construct sets', () => {
  expect(readReadApiConfig({ ...base, READ_ACCESS: 'TOKEN_OWNER' })).toEqual({ tableName: 'orders', logLevel: 'WARN', access: 'TOKEN_OWNER' });
  expect(readReadApiConfig({ ...base, READ_ACCESS: 'IAM' }).access).toBe('IAM');
});

test('a missing or unknown access mode fails the cold start instead of guessing who may read', () => {
  expect(() => readReadApiConfig(base)).toThrow(/READ_ACCESS must be one of TOKEN_OWNER, IAM/);
  expect(() => readReadApiConfig({ ...base, READ_ACCESS: 'NONE' })).toThrow(/READ_ACCESS/);
});

test('a missing table name fails the cold start', () => {
  expect(() => readReadApiConfig({ READ_ACCESS: 'IAM' })).toThrow(/DYNAMODB_TABLE_NAME/);
});
