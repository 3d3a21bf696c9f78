/**
 * The DynamoDB client's per-call deadline with the middleware cache on, calls answered inside the process, and its
 * response collector (io/aws-clients.ts): a real client against a local HTTP server that answers some requests at
 * once and never answers others.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  answeredInProcess, collectNodeStream, createDynamoDbClient, REQUEST_TIMEOUT_MS, withDeadline,
} from '../../../src/functions/runtime/aws-clients';
import { createEventBridgeClient } from '../../../src/functions/runtime/eventbridge-client';

let server: http.Server;
let client: DynamoDBClient;
const held: http.ServerResponse[] = [];
let requests = 0;
const saved = { ...process.env };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = JSON.parse(Buffer.concat(chunks).toString()).Key?.orderId?.S;
      if (key === 'never-answered') { held.push(res); return; }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ Item: { orderId: { S: key } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  });
  client = createDynamoDbClient();
});

afterAll(async () => {
  client.destroy();
  held.forEach((r) => r.destroy());
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  process.env = saved;
});

const getItem = (key: string) => new GetItemCommand({ TableName: 't', Key: { orderId: { S: key } } });

test('the middleware cache is on', () => {
  expect(client.config.cacheMiddleware).toBe(true);
});

test('a call without a deadline is answered', async () => {
  const out = await client.send(withDeadline(getItem('a')));
  expect(out.Item).toEqual({ orderId: { S: 'a' } });
});

test('a deadline aborts its request long before the request timeout, with the SDK AbortError', async () => {
  const t0 = Date.now();
  await expect(client.send(withDeadline(getItem('never-answered'), AbortSignal.timeout(150)))).rejects.toMatchObject({ name: 'AbortError' });
  expect(Date.now() - t0).toBeLessThan(REQUEST_TIMEOUT_MS / 2);
});

test('a deadline belongs to its own call: concurrent calls through the cached stack keep theirs', async () => {
  const abort = new AbortController();
  const doomed = client.send(withDeadline(getItem('never-answered'), abort.signal));
  const others = ['b', 'c', 'd'].map((k) => client.send(withDeadline(getItem(k), new AbortController().signal)));
  abort.abort();
  await expect(doomed).rejects.toMatchObject({ name: 'AbortError' });
  expect((await Promise.all(others)).map((o) => o.Item?.orderId?.S)).toEqual(['b', 'c', 'd']);
});

test('a signal that has already fired aborts before anything is sent', async () => {
  const before = held.length;
  await expect(client.send(withDeadline(getItem('never-answered'), AbortSignal.abort()))).rejects.toMatchObject({ name: 'AbortError' });
  expect(held.length).toBe(before);
});

test('a call through answeredInProcess() is answered inside the process: nothing reaches the server', async () => {
  const before = requests;
  const out = await answeredInProcess(client).send(new PutItemCommand({ TableName: 't', Item: { orderId: { S: 'rehearsed' } } }));
  expect(out.$metadata.httpStatusCode).toBe(200);
  expect(requests).toBe(before);
  // The mark belongs to that call only: the same command type through the client itself goes out again.
  await client.send(withDeadline(new PutItemCommand({ TableName: 't', Item: { orderId: { S: 'real' } } })));
  expect(requests).toBe(before + 1);
});

test('answered in process, a GetItem finds nothing and a Query is an empty page: `{}` parses as a valid answer to both', async () => {
  const before = requests;
  const sender = answeredInProcess(client);
  const got = await sender.send(new GetItemCommand({ TableName: 't', Key: { orderId: { S: 'x' } } }));
  expect(got.$metadata.httpStatusCode).toBe(200);
  expect(got.Item).toBeUndefined();
  const page = await sender.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'c = :c', ExpressionAttributeValues: { ':c': { S: 'x' } } }));
  expect(page.Items).toBeUndefined();
  expect(page.LastEvaluatedKey).toBeUndefined();
  expect(requests).toBe(before);
});

test('answered in process, PutEvents parses `{}` (no results) and the reply given for its input', async () => {
  // No endpoint override for EventBridge here: nothing may leave the process, or the call would fail.
  const eventBridge = createEventBridgeClient();
  const entry = { EventBusName: 'b', Source: 's', DetailType: 'd', Detail: '{}' };
  const empty = await answeredInProcess(eventBridge).send(new PutEventsCommand({ Entries: [entry] }));
  expect(empty.$metadata.httpStatusCode).toBe(200);
  expect(empty.Entries).toBeUndefined();
  const accepted = await answeredInProcess(eventBridge, (input) => ({
    FailedEntryCount: 0, Entries: (input as { Entries: unknown[] }).Entries.map((_, i) => ({ EventId: `e${i}` })),
  })).send(new PutEventsCommand({ Entries: [entry, entry] }));
  expect(accepted).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: 'e0' }, { EventId: 'e1' }] });
  eventBridge.destroy();
});

describe('collectNodeStream', () => {
  test('collects a Node stream chunk by chunk into one array of its own', async () => {
    const bytes = await collectNodeStream(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString()).toBe('{"a":1}');
  });
  test('passes bytes through and treats no body as empty', async () => {
    const given = new Uint8Array([1, 2]);
    expect(await collectNodeStream(given)).toBe(given);
    expect(await collectNodeStream(undefined)).toEqual(new Uint8Array(0));
  });
  test('rejects with the stream error', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('socket hang up')); } });
    await expect(collectNodeStream(failing)).rejects.toThrow('socket hang up');
  });
  test('is the client\'s collector, so a response never touches the web-streams globals', () => {
    expect(client.config.streamCollector).toBe(collectNodeStream);
  });
});
