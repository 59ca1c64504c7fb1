import { loadSettings } from '../../../config/settings';
import { defaultWorkerTuning, withDefaultTuning, workerTuning } from '../../../worker/tuning';

describe('workerTuning', () => {
  it('maps every worker setting onto the SDK option it tunes', () => {
    const tuning = workerTuning(
      loadSettings({
        DONDOC_MAX_CACHED_WORKFLOWS: '123',
        DONDOC_WORKFLOW_THREADS: '3',
        DONDOC_WORKFLOW_TASK_SLOTS: '17',
        DONDOC_WORKFLOW_TASK_POLLERS: '12',
        DONDOC_NON_STICKY_POLL_RATIO: '0.75',
        DONDOC_WORKFLOW_TIMEOUT_MS: '5000',
        DONDOC_WORKFLOW_BUNDLE: '/srv/bundle.js',
      }),
    );
    expect(tuning).toEqual({
      maxCachedWorkflows: 123,
      workflowThreadPoolSize: 3,
      maxConcurrentWorkflowTaskExecutions: 17,
      workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 12 },
      nonStickyToStickyPollRatio: 0.75,
      isolateExecutionTimeout: 5000,
      workflowBundle: { codePath: '/srv/bundle.js' },
    });
  });

  it('bundles from source when no prebuilt bundle is set', () => {
    expect(workerTuning(loadSettings({}))).not.toHaveProperty('workflowBundle');
  });

  it('gives workers created without settings the production defaults, not the environment', () => {
    const saved = process.env.DONDOC_WORKFLOW_TASK_SLOTS;
    process.env.DONDOC_WORKFLOW_TASK_SLOTS = '99';
    try {
      const defaults = loadSettings({});
      expect(defaultWorkerTuning()).toMatchObject({
        maxConcurrentWorkflowTaskExecutions: defaults.DONDOC_WORKFLOW_TASK_SLOTS,
        maxCachedWorkflows: defaults.DONDOC_MAX_CACHED_WORKFLOWS,
        isolateExecutionTimeout: 0,
      });
    } finally {
      if (saved === undefined) delete process.env.DONDOC_WORKFLOW_TASK_SLOTS;
      else process.env.DONDOC_WORKFLOW_TASK_SLOTS = saved;
    }
  });
});

describe('withDefaultTuning (createDondocWorker)', () => {
  it("keeps the production defaults and lets the caller's options win", () => {
    const defaults = defaultWorkerTuning();
    const t = withDefaultTuning({ maxCachedWorkflows: 0, workflowBundle: { codePath: '/tmp/b.js' } });
    expect(t.maxCachedWorkflows).toBe(0);
    expect(t.workflowBundle).toEqual({ codePath: '/tmp/b.js' });
    expect(t.maxConcurrentWorkflowTaskExecutions).toBe(defaults.maxConcurrentWorkflowTaskExecutions);
    expect(withDefaultTuning()).toEqual(defaults);
  });
});
