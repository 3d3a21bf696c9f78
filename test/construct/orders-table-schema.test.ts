/**
 * The local tooling (DynamoDB Local integration tests, the local API, the benchmark) creates its table from
 * ordersTableCreateInput(); this proves that request has exactly the deployed table's keys and index.
 */
import { ordersTableCreateInput } from '../../src/contract/orders-table';
import { templateOf } from '../support/template-cache';

test('the local CreateTable input matches the synthesized table', () => {
  const table = Object.values(templateOf('default').findResources('AWS::DynamoDB::GlobalTable'))[0] as any; // TableV2
  const local = ordersTableCreateInput('orders');
  const byName = (a: { AttributeName: string }, b: { AttributeName: string }) => a.AttributeName.localeCompare(b.AttributeName);
  expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions].sort(byName));
  expect(table.Properties.KeySchema).toEqual(local.KeySchema);
  expect(table.Properties.BillingMode).toBe(local.BillingMode);
  expect(table.Properties.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
});
