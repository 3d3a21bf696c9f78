import * as fs from 'node:fs';
import * as path from 'node:path';

/** Package root: `lib/internal/../..` when compiled, `src/internal/../..` under ts-jest. */
const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/**
 * The directory of a built function bundle (`bundle`: its folder relative to the package root, from the contract),
 * for `Code.fromAsset`. Throws, naming the function, when its `index.mjs` is missing: a checkout that was not bundled
 * would otherwise synthesize an asset without the function's code.
 */
export function functionBundleDir(bundle: string, functionName: string): string {
  const dir = path.join(PACKAGE_ROOT, bundle);
  if (!fs.existsSync(path.join(dir, 'index.mjs'))) {
    throw new Error(`OrderProcessingPlatform: the ${functionName} bundle ${dir}/index.mjs is missing. ` +
      'In a checkout of this library, run `npx projen bundle` first; an installed package always contains it.');
  }
  return dir;
}
