import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bearerToken } from '../../../api/auth';
import { toErrorResponse } from '../../../api/http';
import { eventsFilter } from '../../../services/live-events';
import { REPO_ROOT } from '../../../config/settings';
import { ServiceError } from '../../../services/errors';
import { clonePlan } from '../../../services/plan-clone';
import { importOrThrow, PlanImportError } from '../../../services/planning';
import { canSee, parseWorkflowId } from '../../../services/tasks';
import { actorOf, checkBinding } from '../../../services/tokens';
import { RefusalCodeSchema } from '../../../domain/events/schemas';

const SHARED_DIR = process.env.DONDOC_SHARED_DIR ?? path.resolve(REPO_ROOT, 'test', 'fixtures', 'shared');

describe('error mapping', () => {
  it.each([
    [new ServiceError('invalid', 'x'), 400],
    [new ServiceError('unauthorized', 'x'), 401],
    [new ServiceError('forbidden', 'x'), 403],
    [new ServiceError('not-found', 'x'), 404],
    [new ServiceError('conflict', 'x'), 409],
    [Object.assign(new Error('too big'), { statusCode: 413 }), 413],
    [{ statusCode: 429, message: 'slow down' }, 429],
    [new Error('boom'), 500],
    [null, 500],
    ['a string', 500],
  ])('%p → %i', (err, status) => {
    expect(toErrorResponse(err).statusCode).toBe(status);
  });

  it('turns a ZodError into 400 with issues under body', () => {
    const r = z.object({ percent: z.number() }).safeParse({ percent: 'x' });
    const body = toErrorResponse(r.error);
    expect(body).toMatchObject({ statusCode: 400, issues: [{ path: ['body', 'percent'] }] });
  });

  it('hides the message of unexpected errors', () => {
    expect(toErrorResponse(new Error('secret detail')).message).toBe('unexpected error');
  });

  it('answers every refusal code of the deciders with its status', () => {
    const status = { forbidden: 403, conflict: 409, invalid: 400 } as const;
    for (const code of RefusalCodeSchema.options) {
      expect(toErrorResponse(new ServiceError(code, 'no')).statusCode).toBe(status[code]);
    }
  });
});

describe('auth helpers', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['Bearer abc', 'abc'],
    ['bearer   abc  ', 'abc'],
    ['Basic abc', null],
    ['Bearer a b', null],
    [`Bearer ${'x'.repeat(600)}`, null],
  ])('bearerToken(%p) = %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it('binds unit tokens to a known unit and other roles to none', () => {
    expect(checkBinding('unit', 'hcm.q1.phong-noi-vu')).toBe('hcm.q1.phong-noi-vu');
    expect(() => checkBinding('unit', undefined)).toThrow(ServiceError);
    expect(() => checkBinding('unit', 'hcm.nowhere')).toThrow(/unknown unit/);
    expect(() => checkBinding('monitor', 'hcm.q1.phong-noi-vu')).toThrow(/not bound/);
    expect(checkBinding('admin', null)).toBeNull();
  });

  it('records the token as the actor', () => {
    expect(actorOf({ tokenId: 'abc', name: 'VP', role: 'unit', unitId: 'u' })).toEqual({
      kind: 'user',
      id: 'VP [abc]',
      role: 'unit',
      unitId: 'u',
    });
  });

  it('lets a unit see only what it leads', () => {
    expect(canSee({ tokenId: 't', name: 'n', role: 'unit', unitId: 'a' }, 'a')).toBe(true);
    expect(canSee({ tokenId: 't', name: 'n', role: 'unit', unitId: 'a' }, 'b')).toBe(false);
    expect(canSee({ tokenId: 't', name: 'n', role: 'monitor', unitId: null }, 'b')).toBe(true);
  });
});

describe('ids and subjects', () => {
  it.each([
    ['assignment:plan-1:1.2:hcm.q1.x', { planId: 'plan-1', taskRef: '1.2', unitId: 'hcm.q1.x' }],
    ['assignment:plan-1:II.3.a:hcm', { planId: 'plan-1', taskRef: 'II.3.a', unitId: 'hcm' }],
    ['assignment:Plan:1:hcm', null],
    ['nothing', null],
  ])('parseWorkflowId(%p)', (id, expected) => {
    expect(parseWorkflowId(id)).toEqual(expected);
  });

  it('builds SSE filters with wildcards and subject-safe tokens', () => {
    expect(eventsFilter(undefined, undefined)).toBe('dondoc.events.*.*.*.*');
    expect(eventsFilter('p-1', 'hcm.q1.x')).toBe('dondoc.events.p-1.*.hcm_q1_x.*');
  });
});

describe('plans', () => {
  it('names the file and what was expected when a document cannot be imported', () => {
    expect(() => importOrThrow('', 'empty.txt')).toThrow(PlanImportError);
    try {
      importOrThrow('just words', 'notes.txt');
    } catch (err) {
      expect((err as PlanImportError).importError).toMatchObject({ file: 'notes.txt', expected: expect.any(String) });
    }
  });

  it('clones seed 004 to another year with every task and a new id', () => {
    const plan = importOrThrow(
      readFileSync(path.join(SHARED_DIR, 'seeds', '004_59a7d8b938235585.txt'), 'utf8'),
      '004.txt',
    );
    const clone = clonePlan(plan, 2027);
    expect(clone.plan.id).not.toBe(plan.plan.id);
    expect(clone.plan.issued.startsWith('2027')).toBe(true);
    expect(clone.plan.period.from).toBe('2027-01-01');
    expect(clone.tasks.map((t) => t.ref)).toEqual(plan.tasks.map((t) => t.ref));
  });
});
