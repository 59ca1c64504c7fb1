import { acceleratedClock, clockReading, realSpanOf } from './clock';

describe('accelerated clock', () => {
  const clock = acceleratedClock({
    realNowMs: 1_000_000,
    startAtMs: Date.parse('2027-01-07T08:00:00+07:00'),
    secondsPerDay: 8,
  });

  it.each([
    // real ms after the origin → plan time
    [0, '2027-01-07T01:00:00.000Z'],
    [8_000, '2027-01-08T01:00:00.000Z'],
    [1_000, '2027-01-07T04:00:00.000Z'],
  ])('given %d real ms after its origin, reads %s', (realMs, iso) => {
    expect(new Date(clockReading(clock, 1_000_000 + realMs)).toISOString()).toBe(iso);
  });

  it('waits a day of plan time in secondsPerDay real seconds, and at least 1 ms for any positive span', () => {
    expect(realSpanOf(clock, 86_400_000)).toBe(8_000);
    expect(realSpanOf(clock, 1)).toBe(1);
    expect(realSpanOf(clock, 0)).toBe(0);
    expect(realSpanOf(clock, -5)).toBe(0);
  });

  it('refuses a speed it cannot run', () => {
    expect(() => acceleratedClock({ realNowMs: 0, startAtMs: 0, secondsPerDay: 0 })).toThrow(/seconds per day/);
    expect(() => acceleratedClock({ realNowMs: 0, startAtMs: 0, secondsPerDay: Number.NaN })).toThrow(
      /seconds per day/,
    );
  });
});
