/**
 * For the tests of a function's wiring, which reads its environment when it loads: before each test the variables the
 * construct would set (plus a Region and placeholder credentials, so SDK clients resolve as on Lambda) and a capture
 * of stdout, where the function logs; after it, the environment and every mock restored, and `restore` called for the
 * test's SDK client stubs. Returns the captured lines, emptied before each test.
 */
export function wiringEnvironment(vars: Record<string, string>, restore: () => void = () => undefined): string[] {
  const savedEnv = process.env;
  const out: string[] = [];
  beforeEach(() => {
    process.env = { ...savedEnv, ...vars, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
    out.length = 0;
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  });
  afterEach(() => {
    process.env = savedEnv;
    jest.restoreAllMocks();
    restore();
  });
  return out;
}
