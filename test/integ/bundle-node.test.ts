/**
 * Which Node.js runs the bundles in this run. .ci/run runs the integration tests twice: on the machine's Node, and
 * on the Node 24 the project installs (BUNDLE_NODE, BUNDLE_NODE_MAJOR=24), the runtime the construct deploys. This
 * test fails when the bundles would silently run on another major version than the one asked for.
 */
import { BundleRunner, bundleEnv, BUNDLE_NODE_MAJOR, EMF_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { freePort } from '../../local/dynamodb-local';
import { READ_API_ENV } from '../../src/contract/platform';

const expectedMajor = BUNDLE_NODE_MAJOR ?? process.versions.node.split('.')[0];

test.each([['order handler', EMF_BUNDLE], ['read function', READ_BUNDLE]])('the %s bundle runs on the Node major version this run asks for', async (_name, bundle) => {
  const runner = await BundleRunner.start(bundle, bundleEnv('unused', {
    [READ_API_ENV.access]: 'IAM',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${await freePort()}`,
  }));
  try {
    expect(runner.nodeVersion).toMatch(new RegExp(`^v${expectedMajor}\\.`));
  } finally {
    await runner.close();
  }
});

test('jest itself runs on the same major version, so the in-process local API tests run the bundles on it too', () => {
  if (BUNDLE_NODE_MAJOR) expect(process.versions.node.split('.')[0]).toBe(BUNDLE_NODE_MAJOR);
  else expect(process.versions.node).toBe(process.version.slice(1));
});
