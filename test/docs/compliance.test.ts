/**
 * docs/compliance.md is the page a reviewer signs: its tables must be the exception lists the compliance tests enforce
 * and the acknowledgements the construct records, never a copy that drifted. Regenerate with `npx projen docs:compliance`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CDK_NAG_EXCEPTIONS, CHECKOV_EXCEPTIONS, CONTROL_TOWER_EXCEPTIONS } from '../compliance/exceptions';
import { DOC, render, renderSections } from '../compliance/render';

const ROOT = path.join(__dirname, '..', '..');
const page = fs.readFileSync(DOC, 'utf8');

describe('docs/compliance.md', () => {
  test('its generated tables are the current exception and acknowledgement lists', () => {
    expect(page).toBe(render(page));
  });

  test('the check notices a table that drifted', () => {
    // A control: a changed reason in the rendered lists must make the page differ.
    const sections = renderSections();
    const drifted = { ...sections, 'control-tower': sections['control-tower'].replace('by specification', 'by accident') };
    expect(render(page, drifted)).not.toBe(page);
  });

  test('every exception names a test that exists under that title', () => {
    for (const e of [...CONTROL_TOWER_EXCEPTIONS, ...CDK_NAG_EXCEPTIONS, ...CHECKOV_EXCEPTIONS]) {
      const [file, ...title] = e.pinnedBy.split(': ');
      const source = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\\(['"`])/g, '$1');
      expect({ rule: e.rule, file, found: source.includes(`'${title.join(': ')}'`) }).toEqual({ rule: e.rule, file, found: true });
    }
  });

  test('it cannot be read as PCI DSS v4.0 evidence', () => {
    expect(page).toMatch(/PCI DSS 3\.2\.1, which the PCI Security Standards Council retired on 31 March\s+2024/);
    expect(page).toMatch(/not evidence for PCI DSS\s+v4\.0/);
  });
});
