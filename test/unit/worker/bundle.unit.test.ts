import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../../worker/tuning';

jest.setTimeout(120_000);

/** The webpack module ids a module's body imports, by the package they come from. */
function importsOf(code: string, moduleId: string, pkg: string): string[] {
  const start = code.indexOf(`/***/ "${moduleId}"`);
  expect(start).toBeGreaterThan(-1);
  const end = code.indexOf('\n/***/ "', start + 1);
  const body = code.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(/__webpack_require__\([^"]*"([^"]+)"\)/g)]
    .map((m) => m[1]!)
    .filter((id) => id.startsWith(`./node_modules/${pkg}/`));
}

describe('the workflow bundle', () => {
  let code: string;
  beforeAll(async () => {
    ({ code } = await bundleWorkflowCode(workflowBundleOptions(require.resolve('../../../workflows'))));
  });

  it('registers the task clock as a workflow interceptor module', () => {
    const start = code.indexOf('exports.importInterceptors = function importInterceptors()');
    expect(code.slice(start, code.indexOf('\n}', start))).toContain('"./workflows/task-clock.ts"');
  });

  it('evaluates the preload module in preloadModules()', () => {
    const start = code.indexOf('exports.preloadModules = function preloadModules()');
    const body = code.slice(start, code.indexOf('\n}', start));
    expect(body).toContain('"./workflows/preload.ts"');
  });

  // A package declared side-effect free, required bare, was dropped by webpack; and luxon's `require` condition
  // resolves to another build than the workflows' `import`. Either way each workflow had its own copy.
  it('preloads the luxon module the workflow code imports', () => {
    const preloaded = importsOf(code, './workflows/preload.ts', 'luxon');
    const used = importsOf(code, './domain/events/assignment.ts', 'luxon');
    expect(used).toHaveLength(1);
    expect(preloaded).toEqual(used);
  });
});
