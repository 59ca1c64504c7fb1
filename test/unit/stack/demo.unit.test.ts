import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDemoActors, submitDue, type CurrentOccurrence } from '../../../stack/demo';

const open: CurrentOccurrence = { status: 'open', missed: false, escalationLevel: 0, remindersSent: [] };

describe('demo actors', () => {
  it.each([
    ['after-first-reminder', { remindersSent: [5] }, true],
    ['after-first-reminder', {}, false],
    ['after-reminder-on-due-day', { remindersSent: [5, 1] }, false],
    ['after-reminder-on-due-day', { remindersSent: [5, 1, 0] }, true],
    ['after-miss', { missed: true }, true],
    ['after-escalation-1', { missed: true }, false],
    ['after-escalation-1', { missed: true, escalationLevel: 1 }, true],
    ['after-escalation-2', { escalationLevel: 1 }, false],
    ['after-escalation-2', { escalationLevel: 2 }, true],
    ['after-first-reminder', { remindersSent: [5], status: 'submitted' }, false],
  ] as const)('%s, given %j, submits: %s', (moment, cur, expected) => {
    expect(submitDue(moment, { ...open, ...cur } as CurrentOccurrence)).toBe(expected);
  });

  it('reads the example actors file, and names the file and field of a bad one', () => {
    const actors = readDemoActors(path.join(__dirname, '..', '..', '..', 'examples', 'demo-actors.yaml'));
    expect(actors.actors.map((a) => a.task)).toEqual(['1', '2', '4']);
    const bad = path.join(os.tmpdir(), `demo-actors-${process.pid}.yaml`);
    fs.writeFileSync(bad, "monitor: { name: x }\nactors:\n  - { task: '1', submit: someday }\n");
    expect(() => readDemoActors(bad)).toThrow(new RegExp(`${bad}: actors\\.0\\.submit`));
  });
});
