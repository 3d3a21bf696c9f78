/**
 * A stand-in DynamoDB endpoint in its own process: answers every call with `{}` at once (a GetItem that finds
 * nothing, a PutItem that succeeded), counts calls per operation and keeps the last PutItem's item, so the SDK-floor
 * figures can send exactly the item the handler stores.
 */
import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getText, spawnNode, waitFor } from './support';

const STUB_DYNAMODB = `
const http=require('node:http');const counts={};let lastItem=null;
const s=http.createServer((req,res)=>{
  if(req.url==='/__counts'){res.end(JSON.stringify(counts));return;}
  if(req.url==='/__last-item'){res.end(JSON.stringify(lastItem));return;}
  const op=String(req.headers['x-amz-target']||'?').split('.').pop();counts[op]=(counts[op]||0)+1;
  const chunks=[];req.on('data',(c)=>{if(op==='PutItem')chunks.push(c);});
  req.on('end',()=>{if(op==='PutItem')lastItem=JSON.parse(Buffer.concat(chunks).toString()).Item;
    res.writeHead(200,{'content-type':'application/x-amz-json-1.0','content-length':'2'});res.end('{}');});
});
s.listen(0,'127.0.0.1',()=>process.stderr.write('PORT '+s.address().port+'\\n'));
process.on('SIGTERM',()=>process.exit(0));`;

export interface StubDynamoDb {
  readonly endpoint: string;
  counts(): Promise<Record<string, number>>;
  lastPutItem(): Promise<Record<string, AttributeValue> | null>;
  stop(): Promise<void>;
}

export async function startStubDynamoDb(): Promise<StubDynamoDb> {
  const stub = spawnNode(['-e', STUB_DYNAMODB]);
  const port = await waitFor(stub, /PORT (\d+)/, 10_000);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    counts: async () => JSON.parse(await getText(`${endpoint}/__counts`)) as Record<string, number>,
    lastPutItem: async () => JSON.parse(await getText(`${endpoint}/__last-item`)) as Record<string, AttributeValue> | null,
    stop: async () => { stub.child.kill('SIGTERM'); await stub.exited; },
  };
}
