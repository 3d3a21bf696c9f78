/** Writes the committed OrderCreated detail schema from its definition (src/shared/order-event-schema.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ORDER_EVENT_SCHEMA_FILE, orderEventSchemaText } from '../src/shared/order-event-schema';

const file = path.join(__dirname, '..', ORDER_EVENT_SCHEMA_FILE);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, orderEventSchemaText());
process.stdout.write(`wrote ${ORDER_EVENT_SCHEMA_FILE}\n`);
