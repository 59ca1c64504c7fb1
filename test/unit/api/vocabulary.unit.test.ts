import { TASK_STATUSES } from '../../../domain/events/constants';
import { DondocEventSchema } from '../../../domain/events/schemas';
import { ACTION_BODIES } from '../../../services/tasks';
import { vocabulary } from '../../../services/vocabulary';

describe('the vocabulary (GET /vocabulary)', () => {
  const v = vocabulary();

  it('lists the statuses and event types from their one definition', () => {
    expect(v.statuses).toEqual([...TASK_STATUSES]);
    expect(new Set(v.eventTypes)).toEqual(new Set(DondocEventSchema.options.map((o) => o.shape.type.value)));
  });

  it('describes each action body as JSON Schema, required fields included', () => {
    expect(Object.keys(v.actions).sort()).toEqual(Object.keys(ACTION_BODIES).sort());
    expect(v.actions.progress).toMatchObject({ type: 'object', required: ['percent'] });
    expect(v.actions.reassign).toMatchObject({ properties: { toUnit: expect.any(Object) } });
  });
});
