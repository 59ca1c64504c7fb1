import fs from 'node:fs';
import path from 'node:path';

/**
 * patches/@temporalio+worker+<version>.patch, applied by `npm install` / `npm ci` (postinstall: patch-package).
 * If these fail, the patch did not apply: run `npx patch-package` and read patches/README.md.
 */
const lib = path.dirname(require.resolve('@temporalio/worker/lib/workflow/vm-shared.js'));
const read = (f: string) => fs.readFileSync(path.join(lib, f), 'utf8');

describe('the Temporal worker SDK as patched in patches/', () => {
  it('matches the version the patch was made for', () => {
    const { version } = JSON.parse(fs.readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as {
      version: string;
    };
    const patches = fs.readdirSync(path.resolve(__dirname, '../../../patches')).filter((f) => f.endsWith('.patch'));
    expect(patches).toContain(`@temporalio+worker+${version}.patch`);
  });

  it('installs the per-promise stack-trace hook only when DONDOC_WORKFLOW_STACK_TRACES=1', () => {
    expect(read('vm-shared.js')).toMatch(
      /setPromiseHook\(\) \{[\s\S]{0,600}if \(process\.env\.DONDOC_WORKFLOW_STACK_TRACES !== '1'\)\s*return;/,
    );
  });

  it.each(['reusable-vm.js', 'vm.js'])('%s: an isolateExecutionTimeout of 0 runs without a watchdog', (f) => {
    const src = read(f);
    expect(src).not.toMatch(/timeout: isolateExecutionTimeoutMs,/);
    expect(src).toMatch(/timeout: isolateExecutionTimeoutMs > 0 \? isolateExecutionTimeoutMs : undefined,/);
  });
});
