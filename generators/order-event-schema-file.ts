/**
 * The committed order event detail schemas (`schema/order-created.schema.json`, `schema/order-status-changed.schema.json`,
 * shipped in the npm package). `--write`
 * regenerates it from generators/order-event-schema.ts (`npx projen schema:events`), like generators/openapi-file.ts does
 * for the OpenAPI document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ORDER_EVENT_SCHEMA_FILE, orderEventSchemaText, STATUS_CHANGED_SCHEMA_FILE, statusChangedSchemaText } from './order-event-schema';

export const ORDER_EVENT_SCHEMA_PATH = path.resolve(__dirname, '..', ORDER_EVENT_SCHEMA_FILE);
export const STATUS_CHANGED_SCHEMA_PATH = path.resolve(__dirname, '..', STATUS_CHANGED_SCHEMA_FILE);

if (require.main === module) {
  if (process.argv[2] !== '--write') {
    process.stderr.write(`Usage: generators/order-event-schema-file.ts --write   (regenerates ${ORDER_EVENT_SCHEMA_FILE} and ${STATUS_CHANGED_SCHEMA_FILE})\n`);
    process.exit(2);
  }
  for (const [file, text] of [[ORDER_EVENT_SCHEMA_PATH, orderEventSchemaText()], [STATUS_CHANGED_SCHEMA_PATH, statusChangedSchemaText()]]) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)}\n`);
  }
}
