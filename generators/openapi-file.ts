/**
 * The committed OpenAPI document (`openapi.json` at the package root, shipped in the npm package). `--write`
 * regenerates it from generators/openapi.ts (`npx projen openapi`); the local API serves it at GET /openapi.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApiText } from './openapi';

export const OPENAPI_FILE = path.resolve(__dirname, '..', 'openapi.json');

if (require.main === module) {
  if (process.argv[2] !== '--write') {
    process.stderr.write('Usage: generators/openapi-file.ts --write   (regenerates openapi.json)\n');
    process.exit(2);
  }
  fs.writeFileSync(OPENAPI_FILE, openApiText());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), OPENAPI_FILE)}\n`);
}
