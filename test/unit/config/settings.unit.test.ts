import { loadSettings } from '../../../config/settings';

describe('NATS_EVENTS_MAX_BYTES', () => {
  it('defaults to no cap of its own', () => {
    expect(loadSettings({}).NATS_EVENTS_MAX_BYTES).toBe(-1);
  });

  it('takes a positive number of bytes', () => {
    expect(loadSettings({ NATS_EVENTS_MAX_BYTES: '161061273600' }).NATS_EVENTS_MAX_BYTES).toBe(161061273600);
  });

  it.each(['0', '-5', '1.5', 'lots'])('refuses %s, naming the variable and what is expected', (value) => {
    expect(() => loadSettings({ NATS_EVENTS_MAX_BYTES: value })).toThrow(/NATS_EVENTS_MAX_BYTES: .*(expected|number)/);
  });
});

describe('worker tuning settings', () => {
  it('defaults to a 500-workflow cache, 16 task slots, no per-call watchdog and no promise stack traces', () => {
    const s = loadSettings({});
    expect(s.DONDOC_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(s.DONDOC_WORKFLOW_TASK_SLOTS).toBe(16);
    expect(s.DONDOC_WORKFLOW_TIMEOUT_MS).toBe(0);
    expect(s.DONDOC_WORKFLOW_STACK_TRACES).toBe('0');
    expect(s.DONDOC_WORKFLOW_THREADS).toBe(1);
  });

  it('refuses more task slots than cached workflows, unless the cache is off', () => {
    expect(() => loadSettings({ DONDOC_MAX_CACHED_WORKFLOWS: '10' })).toThrow(
      /DONDOC_WORKFLOW_TASK_SLOTS: expected at most DONDOC_MAX_CACHED_WORKFLOWS \(10\) when the cache is on, got 16/,
    );
    expect(loadSettings({ DONDOC_MAX_CACHED_WORKFLOWS: '16' }).DONDOC_WORKFLOW_TASK_SLOTS).toBe(16);
    expect(loadSettings({ DONDOC_MAX_CACHED_WORKFLOWS: '0' }).DONDOC_WORKFLOW_TASK_SLOTS).toBe(16);
  });

  it('takes a watchdog timeout and turns stack traces on', () => {
    const s = loadSettings({ DONDOC_WORKFLOW_TIMEOUT_MS: '5000', DONDOC_WORKFLOW_STACK_TRACES: '1' });
    expect(s.DONDOC_WORKFLOW_TIMEOUT_MS).toBe(5000);
    expect(s.DONDOC_WORKFLOW_STACK_TRACES).toBe('1');
  });

  it.each([
    ['DONDOC_MAX_CACHED_WORKFLOWS', '-1'],
    ['DONDOC_WORKFLOW_TIMEOUT_MS', '2s'],
    ['DONDOC_WORKFLOW_STACK_TRACES', 'yes'],
    ['DONDOC_WORKFLOW_THREADS', '0'],
    ['DONDOC_WORKFLOW_TASK_SLOTS', '1'],
    ['DONDOC_WORKFLOW_TASK_SLOTS', 'many'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadSettings({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});
