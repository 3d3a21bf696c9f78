/**
 * Cost per million orders of the deployed design, from figures the benchmark measures (CPU per order, item size,
 * log bytes per order) and list prices.
 *
 * PRICES: us-east-1 public list prices, recorded 2025-11 from the pages cited on each constant; no free tier, no
 * savings plans. They were NOT fetched at run time (no network here) and prices change: re-check every constant
 * against its page before quoting a figure.
 */
import { ORDERS_TABLE } from '../src/contract/orders-table';
import { BUSINESS_METRICS, FUNCTION_DEFAULTS } from '../src/contract/platform';

export const PRICES_RECORDED = '2025-11 (us-east-1 list prices; re-check before use)';

/** https://aws.amazon.com/lambda/pricing/ : Arm, first 7.5 billion GB-s per month. */
export const LAMBDA_ARM_USD_PER_GB_SECOND = 0.0000133334;
/** https://aws.amazon.com/lambda/pricing/ : requests, any architecture. */
export const LAMBDA_USD_PER_MILLION_REQUESTS = 0.20;
/** https://aws.amazon.com/api-gateway/pricing/ : HTTP APIs, first 300 million requests per month (512 KB units). */
export const HTTP_API_USD_PER_MILLION_REQUESTS = 1.00;
/** https://aws.amazon.com/dynamodb/pricing/on-demand/ : standard table class, after the November 2024 price cut. */
export const DYNAMODB_USD_PER_MILLION_WRITE_REQUEST_UNITS = 0.625;
/** https://aws.amazon.com/cloudwatch/pricing/ : Logs, standard class ingestion (Lambda's vended-log tiers start at the same price). */
export const CLOUDWATCH_LOGS_USD_PER_GB_INGESTED = 0.50;
/** https://aws.amazon.com/cloudwatch/pricing/ : API requests (PutMetricData), per 1,000 requests. */
export const CLOUDWATCH_USD_PER_1000_API_REQUESTS = 0.01;
/** https://aws.amazon.com/xray/pricing/ : traces recorded, per million. */
export const XRAY_USD_PER_MILLION_TRACES = 5.00;

/** Lambda gives a function a full vCPU at 1,769 MB and CPU in proportion to memory below that (Lambda docs, "memory"). */
export const LAMBDA_MB_PER_VCPU = 1769;
/**
 * ASSUMPTION (not measured here): a PutItem round trip inside a region, used for the billed duration. DynamoDB
 * documents "single-digit milliseconds"; 6 ms is a middle value.
 */
export const ASSUMED_DYNAMODB_PUT_MS = 6;
/** ASSUMPTION: a PutMetricData round trip inside a region (the PutMetricData bundle awaits it). */
export const ASSUMED_PUT_METRIC_DATA_MS = 10;
/** ASSUMPTION: Lambda's START/END/REPORT platform lines per invocation (~3 lines with request id; REPORT with X-Ray ids). */
export const ASSUMED_LAMBDA_PLATFORM_LOG_BYTES = 420;
/** ASSUMPTION: one API access-log line (single-line JSON with the seed's fields) per request. */
export const ASSUMED_ACCESS_LOG_BYTES = 350;
/** ASSUMPTION: X-Ray's default sampling rule (1 request/s reservoir, then 5 %): at steady load about 5 % of requests. */
export const ASSUMED_XRAY_SAMPLED_FRACTION = 0.05;

/** The deployed function's memory (the construct's default): it sets both the GB-seconds and the share of a vCPU. */
const FUNCTION_MEMORY_MB = FUNCTION_DEFAULTS.memorySizeMb;

export interface CostInputs {
  /** Handler CPU per order on this machine (ms), excluding I/O. */
  readonly cpuMsPerOrder: number;
  /** DynamoDB item size of a typical stored order (bytes), by DynamoDB's sizing rules. */
  readonly itemBytes: number;
  /** Index entry size in the customer index (projection ALL: the whole item). */
  readonly indexEntryBytes: number;
  /** Bytes the handler writes to stdout (logs + EMF) per order. */
  readonly handlerLogBytesPerOrder: number;
}

export interface CostLine { readonly item: string; readonly usdPerMillion: number; readonly basis: string }
export interface CostEstimate { readonly mode: string; readonly billedMs: number; readonly lines: CostLine[]; readonly totalUsdPerMillion: number }

/** Write request units for one item of `bytes` (1 WRU per started KB). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

export function estimateCost(inp: CostInputs, mode: 'emf' | 'put-metric-data'): CostEstimate {
  // CPU work stretches by the share of a vCPU the function gets; waiting on DynamoDB does not.
  const cpuScale = LAMBDA_MB_PER_VCPU / FUNCTION_MEMORY_MB;
  const billedMs = Math.ceil(inp.cpuMsPerOrder * cpuScale + ASSUMED_DYNAMODB_PUT_MS + (mode === 'put-metric-data' ? ASSUMED_PUT_METRIC_DATA_MS : 0));
  const gbSeconds = (billedMs / 1000) * (FUNCTION_MEMORY_MB / 1024);
  const wru = writeUnits(inp.itemBytes) + writeUnits(inp.indexEntryBytes);
  const logBytes = inp.handlerLogBytesPerOrder + ASSUMED_LAMBDA_PLATFORM_LOG_BYTES + ASSUMED_ACCESS_LOG_BYTES;
  const lines: CostLine[] = [
    { item: 'HTTP API requests', usdPerMillion: HTTP_API_USD_PER_MILLION_REQUESTS, basis: '1 request per order' },
    { item: 'Lambda requests', usdPerMillion: LAMBDA_USD_PER_MILLION_REQUESTS, basis: '1 invocation per order' },
    {
      item: `Lambda duration (Arm, ${FUNCTION_MEMORY_MB} MB)`,
      usdPerMillion: 1e6 * gbSeconds * LAMBDA_ARM_USD_PER_GB_SECOND,
      basis: `${billedMs} ms billed = ${inp.cpuMsPerOrder.toFixed(3)} ms CPU x ${cpuScale.toFixed(1)} (${FUNCTION_MEMORY_MB} MB share of a vCPU) + ${ASSUMED_DYNAMODB_PUT_MS} ms PutItem (assumed)` +
        (mode === 'put-metric-data' ? ` + ${ASSUMED_PUT_METRIC_DATA_MS} ms PutMetricData (assumed)` : ''),
    },
    {
      item: 'DynamoDB on-demand writes',
      usdPerMillion: wru * DYNAMODB_USD_PER_MILLION_WRITE_REQUEST_UNITS,
      basis: `${wru} WRU per order: table item ${inp.itemBytes} B + ${ORDERS_TABLE.customerIndexName} entry ${inp.indexEntryBytes} B (projection ALL)`,
    },
    {
      item: 'CloudWatch Logs ingestion',
      usdPerMillion: (1e6 * logBytes / 1e9) * CLOUDWATCH_LOGS_USD_PER_GB_INGESTED,
      basis: `${Math.round(logBytes)} B per order: handler ${Math.round(inp.handlerLogBytesPerOrder)} B (measured) + platform ${ASSUMED_LAMBDA_PLATFORM_LOG_BYTES} B + access log ${ASSUMED_ACCESS_LOG_BYTES} B (assumed)`,
    },
    {
      item: 'X-Ray traces',
      usdPerMillion: ASSUMED_XRAY_SAMPLED_FRACTION * XRAY_USD_PER_MILLION_TRACES,
      basis: `${ASSUMED_XRAY_SAMPLED_FRACTION * 100} % sampled (default rule, assumed)`,
    },
  ];
  if (mode === 'put-metric-data') {
    lines.push({
      item: 'CloudWatch PutMetricData',
      usdPerMillion: 1000 * CLOUDWATCH_USD_PER_1000_API_REQUESTS,
      basis: `1 PutMetricData call per order (${BUSINESS_METRICS.ordersProcessed} + ${BUSINESS_METRICS.orderValue})`,
    });
  }
  return { mode, billedMs, lines, totalUsdPerMillion: lines.reduce((s, l) => s + l.usdPerMillion, 0) };
}

/**
 * DynamoDB item size by the documented rules (attribute name bytes + value bytes; numbers ~1 byte per 2 significant
 * digits + 1; 3 bytes per list/map plus 1 per element), from a low-level (AttributeValue) item.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function dynamoItemBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueBytes(value as Record<string, unknown>);
  return size;
}

function valueBytes(v: Record<string, unknown>): number {
  if ('S' in v) return Buffer.byteLength(v.S as string);
  if ('N' in v) {
    const digits = String(v.N).replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
  }
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('B' in v) return (v.B as Uint8Array).length;
  if ('L' in v) return 3 + (v.L as Record<string, unknown>[]).reduce((s: number, e) => s + 1 + valueBytes(e), 0);
  if ('M' in v) {
    return 3 + Object.entries(v.M as Record<string, Record<string, unknown>>)
      .reduce((s, [k, e]) => s + 1 + Buffer.byteLength(k) + valueBytes(e), 0);
  }
  if ('SS' in v) return (v.SS as string[]).reduce((s, e) => s + Buffer.byteLength(e), 0);
  return 0;
}
