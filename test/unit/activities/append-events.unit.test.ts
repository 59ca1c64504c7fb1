import { createActivities } from '../../../activities';
import { createCalendar } from '../../../domain/calendar';
import { GENESIS_HASH } from '../../../domain/events/hash';
import type { DondocEvent } from '../../../domain/events/schemas';
import { verifyChain } from '../../../domain/events/seal';
import type { PublishOutcome } from '../../../nats/publisher';
import { assigned, chain, milestone, scheduled } from '../../support/events';

/** A stream with JetStream's msgID deduplication: a repeated eventId is acknowledged with the first one's seq. */
function fakeStream() {
  const stored: DondocEvent[] = [];
  const publish = async (events: DondocEvent[]): Promise<PublishOutcome[]> =>
    events.map((e) => {
      const i = stored.findIndex((s) => s.metadata.eventId === e.metadata.eventId);
      if (i >= 0) return { eventId: e.metadata.eventId, seq: i + 1, duplicate: true };
      stored.push(e);
      return { eventId: e.metadata.eventId, seq: stored.length, duplicate: false };
    });
  const read = async (seq: number) => stored[seq - 1] ?? null;
  return { stored, acts: createActivities({ publish, stored: read, calendar: createCalendar() }) };
}

const drafts = [assigned('hcm.q1'), scheduled(milestone('2026-12-01')), scheduled(milestone('2026-12-15', 1))];
// The same task sealed twice: by a workflow task that died after publishing, and by its retry 12 s later.
const first = chain('p', 't', 'hcm.q1', drafts, '2026-11-22T09:00:00+07:00');
const retry = chain('p', 't', 'hcm.q1', drafts, '2026-11-22T09:00:12+07:00');

describe('appendEvents', () => {
  it('publishes in order and adopts nothing when the stream had none of the events', async () => {
    const { stored, acts } = fakeStream();
    expect(await acts.appendEvents({ events: first, prevHash: GENESIS_HASH })).toEqual({ adopted: [] });
    expect(stored).toEqual(first);
  });

  it('adopts nothing for a plain retry of the same bytes', async () => {
    const { stored, acts } = fakeStream();
    await acts.appendEvents({ events: first.slice(0, 2), prevHash: GENESIS_HASH });
    expect(await acts.appendEvents({ events: first, prevHash: GENESIS_HASH })).toEqual({ adopted: [] });
    expect(stored).toEqual(first);
  });

  it('returns the stored version of a re-sealed event and re-chains the events after it', async () => {
    const { stored, acts } = fakeStream();
    // The dead task had published the first two events.
    await acts.appendEvents({ events: first.slice(0, 2), prevHash: GENESIS_HASH });
    const { adopted } = await acts.appendEvents({ events: retry, prevHash: GENESIS_HASH });

    expect(adopted.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(adopted).toHaveLength(3);
    const third = adopted[2]!;
    expect(third.metadata.prevHash).toBe(first[1]!.metadata.hash);
    expect(third.metadata.at).toBe(retry[2]!.metadata.at);
    expect(third.data).toEqual(retry[2]!.data);
    // The stream holds one version of each event, in one unbroken chain, and it is what the workflow adopts.
    expect(stored.map((e) => e.metadata.eventId)).toEqual(first.map((e) => e.metadata.eventId));
    expect(verifyChain(stored)).toEqual([]);
    expect(stored).toEqual(adopted);
  });

  it('continues a chain from the given head, re-chaining an event sealed after another version', async () => {
    const { stored, acts } = fakeStream();
    await acts.appendEvents({ events: first.slice(0, 2), prevHash: GENESIS_HASH });
    // The workflow sealed the third event after its own (retried) version of the second.
    const { adopted } = await acts.appendEvents({ events: [retry[2]!], prevHash: first[1]!.metadata.hash });
    expect(adopted).toHaveLength(1);
    expect(verifyChain(stored)).toEqual([]);
  });

  it('keeps its own version of an event deleted from the stream whose msgID is still deduplicated', async () => {
    const acts = createActivities({
      publish: async (events) => events.map((e) => ({ eventId: e.metadata.eventId, seq: 7, duplicate: true })),
      stored: async () => null,
      calendar: createCalendar(),
    });
    // Nothing to adopt: reconcile republishes it from the workflow's log.
    expect(await acts.appendEvents({ events: retry.slice(0, 2), prevHash: GENESIS_HASH })).toEqual({ adopted: [] });
  });

  it('refuses an acknowledgement that points at another event', async () => {
    const acts = createActivities({
      publish: async (events) => events.map((e) => ({ eventId: e.metadata.eventId, seq: 1, duplicate: true })),
      stored: async () => first[0]!,
      calendar: createCalendar(),
    });
    await expect(acts.appendEvents({ events: [first[1]!], prevHash: first[0]!.metadata.hash })).rejects.toThrow(
      /p.*:2 acknowledged with stream sequence 1, which holds .*:1/,
    );
  });

  it('never adopts a stored version altered since it was sealed: it keeps its own', async () => {
    const { stored, acts } = fakeStream();
    await acts.appendEvents({ events: first.slice(0, 1), prevHash: GENESIS_HASH });
    // Someone edits the stored TaskAssigned and leaves its hash as it was.
    const original = stored[0]!;
    stored[0] = { ...original, data: { ...original.data, title: 'altered' } } as DondocEvent;
    const { adopted } = await acts.appendEvents({ events: retry.slice(0, 2), prevHash: GENESIS_HASH });
    expect(adopted).toEqual([]);
    // The stream's copy stays as it is, for audit verify to report.
    expect(verifyChain(stored).map((b) => b.problem)).toContain('content does not match its hash (altered)');
  });
});
