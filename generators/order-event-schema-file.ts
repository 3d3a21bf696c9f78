/**
 * The committed OrderCreated detail schema (`schema/order-created.schema.json`, shipped in the npm package). `--write`
 * regenerates it from generators/order-event-schema.ts (`npx projen schema:events`), like generators/openapi-file.ts does
 * for the OpenAPI document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ORDER_EVENT_SCHEMA_FILE, orderEventSchemaText } from './order-event-schema';

export const ORDER_EVENT_SCHEMA_PATH = path.resolve(__dirname, '..', ORDER_EVENT_SCHEMA_FILE);

if (require.main === module) {
  if (process.argv[2] !== '--write') {
    process.stderr.write(`Usage: generators/order-event-schema-file.ts --write   (regenerates ${ORDER_EVENT_SCHEMA_FILE})\n`);
    process.exit(2);
  }
  fs.mkdirSync(path.dirname(ORDER_EVENT_SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(ORDER_EVENT_SCHEMA_PATH, orderEventSchemaText());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), ORDER_EVENT_SCHEMA_PATH)}\n`);
}
