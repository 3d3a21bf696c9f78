// Times the import of one module in this fresh process: `node bench/time-import.mjs <file-url> [preload,...]`.
// This runner is itself an ES module loaded from a file, as Lambda's Node.js runtime is, so the ES module loader is
// already set up and the timed span holds only the target: its Node built-ins, its compilation and its top-level code.
// (Timing the first import of `node -e` instead also counts setting up file loading: about 7 ms more here.)
// The optional preloads are imported first, untimed: modules the runtime has loaded before it imports the handler.
const [target, preloads = ''] = process.argv.slice(2);
for (const spec of preloads.split(',').filter(Boolean)) await import(spec);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await import(target);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
// Read the clocks before touching process.stderr: its first use sets up the stream (about 3 ms), and in
// `process.stderr.write(expr)` the getter runs before the argument is evaluated.
process.stderr.write(`INIT ${wallMs} ${(cpu.user + cpu.system) / 1000}\n`);
