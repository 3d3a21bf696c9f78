/** The lifecycle table in docs/http-api.md is the model's transitions table, written out. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALLOWED_TRANSITIONS, ORDER_STATUSES } from '../../src/functions/model/order-status';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'http-api.md'), 'utf8');

test('docs/http-api.md lists exactly the allowed changes of src/functions/model/order-status.ts', () => {
  const block = /<!-- transitions:start -->\n([\s\S]*?)<!-- transitions:end -->/.exec(doc);
  expect(block).not.toBeNull();
  const expected = [
    '| status | may become | final |',
    '|---|---|---|',
    ...ORDER_STATUSES.map((s) => {
      const next = ALLOWED_TRANSITIONS[s];
      return `| \`${s}\` | ${next.map((t) => `\`${t}\``).join(', ')} | ${next.length === 0 ? 'yes' : 'no'} |`;
    }),
  ];
  expect(block![1].trimEnd().split('\n').map((l) => l.replace(/\|\s+\|/g, '| |'))).toEqual(expected.map((l) => l.replace(/\|\s+\|/g, '| |')));
});
