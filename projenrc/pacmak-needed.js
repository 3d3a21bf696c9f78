// Exits 0 (run jsii-pacmak for the target named in argv[2]) unless dist/<target> was built after the assembly
// (lib/.jsii) and every function bundle (assets/), which are all pacmak packages. `npx projen test` builds the wheel
// and the jar for the bindings test into dist/, so `npx projen build` does not run pacmak for them a second time.
const fs = require('node:fs');
const path = require('node:path');

function files(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile()).map((e) => fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
}
const built = files(path.join('dist', process.argv[2]));
const inputs = [...files('assets'), ...(fs.existsSync('lib/.jsii') ? [fs.statSync('lib/.jsii').mtimeMs] : [Infinity])];
process.exit(built.length > 0 && Math.min(...built) > Math.max(...inputs) ? 1 : 0);
