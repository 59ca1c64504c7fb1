import { calendarVersion, readCalendarFile, readCalendarText } from '../../../config/calendar';

describe('readCalendarText: a calendar overrides file, read with clear errors', () => {
  test('given a YAML file with a new day off, the calendar takes the day off and the version names the content', () => {
    // given
    const text = 'days:\n  - date: 2026-06-10\n    working: false\n    name: Nghỉ theo quyết định mới\n';
    // when
    const file = readCalendarText(text, 'lich.yaml');
    // then
    expect(file.calendar.isWorkingDay('2026-06-10')).toBe(false);
    expect(file.calendar.rollForward('2026-06-10')).toBe('2026-06-11');
    expect(file.version).toMatch(/^cal-[0-9a-f]{12}$/);
    expect(file.version).toBe(calendarVersion(file.days, file.settings));
    expect(readCalendarText(JSON.stringify({ days: file.days }), 'lich.json').version).toBe(file.version);
  });

  test('given the 24/11 setting, the version differs from the calendar without it', () => {
    const on = readCalendarText('settings:\n  vietnameseCultureDay: true\n', 'lich.yml');
    expect(on.calendar.isWorkingDay('2026-11-24')).toBe(false);
    expect(on.version).not.toBe(readCalendarFile(undefined).version);
  });

  test('given broken JSON, the error names the file and the syntax', () => {
    expect(() => readCalendarText('{ "days": [', 'lich.json')).toThrow(/^lich\.json is not valid JSON: /);
  });

  test('given an entry without its working flag, the error names the file, the entry and what was expected', () => {
    expect(() => readCalendarText('days:\n  - date: 2026-06-10\n', 'lich.yaml')).toThrow(
      'lich.yaml: invalid calendar overrides: days[0] (entry 0).working: expected true (working day) or false (day off)',
    );
  });

  test('given an empty file or a missing one, the error says so', () => {
    expect(() => readCalendarText('', 'lich.yaml')).toThrow('lich.yaml is empty: expected { days: [...] }');
    expect(() => readCalendarFile('/nonexistent/lich.yaml')).toThrow(
      /^cannot read calendar file \/nonexistent\/lich\.yaml: /,
    );
  });
});
