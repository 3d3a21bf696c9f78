/**
 * The logical ID and type of every resource, and every output's logical ID, of the default and the full PROD template.
 * A changed logical ID makes CloudFormation replace the resource in a deployed stack (and the intake log group has a
 * fixed name, so its replacement fails), so a refactor of the construct must keep each one.
 *
 * The expected lists are data in test/construct/fixtures/logical-ids.json, taken once from the templates of main at
 * 030683c; this test only reads it. A deliberate change edits that file in the same commit, and says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { templateOf } from '../support/template-cache';

interface Ids { resources: Record<string, string>; outputs: string[] }
const EXPECTED: Record<'default' | 'prod-full', Ids> =
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'logical-ids.json'), 'utf8'));

function idsOf(name: 'default' | 'prod-full'): Ids {
  const json = templateOf(name).toJSON();
  return {
    resources: Object.fromEntries(Object.entries<any>(json.Resources).map(([id, r]) => [id, r.Type])),
    outputs: Object.keys(json.Outputs ?? {}).sort(),
  };
}

describe.each(['default', 'prod-full'] as const)('logical IDs of the %s template', (name) => {
  // Read at collection time: a cold cache synthesizes every variant here, outside any one test's timeout.
  const actual = idsOf(name);
  test('every resource keeps its logical ID and type', () => {
    expect(actual.resources).toEqual(EXPECTED[name].resources);
  });
  test('every output keeps its logical ID', () => {
    expect(actual.outputs).toEqual(EXPECTED[name].outputs);
  });
});
