import { metricsDimensionValue, readLogLevel, requiredEnv } from '../../../src/functions/runtime/environment';

describe('requiredEnv', () => {
  test('returns a set value', () => {
    expect(requiredEnv({ X: 'v' }, 'X', 'something')).toBe('v');
  });
  test.each([[{}], [{ X: '' }], [{ X: '  ' }]])('%j fails the start-up, naming the variable and what it should hold', (env) => {
    expect(() => requiredEnv(env, 'X', 'the bus name')).toThrow('X must be set to the bus name');
  });
});

describe('readLogLevel', () => {
  test('unset is INFO; a set level is trimmed and upper-cased', () => {
    expect(readLogLevel(undefined)).toBe('INFO');
    expect(readLogLevel(' debug ')).toBe('DEBUG');
  });
  test('an unknown level throws', () => {
    expect(() => readLogLevel('verbose')).toThrow(/LOG_LEVEL "verbose" must be one of DEBUG, INFO, WARN, ERROR/);
  });
});

test('the metrics dimension is the ENVIRONMENT variable, or unknown', () => {
  expect(metricsDimensionValue({ ENVIRONMENT: 'prod' })).toBe('prod');
  expect(metricsDimensionValue({})).toBe('unknown');
});
