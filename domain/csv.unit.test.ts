import { CsvError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and names the line each record starts on', () => {
    const { rows, lines } = parseCsv('\uFEFFref,title\r\n1,"Báo cáo, ""quý"" I"\r\n2,"hai\ndòng"\n3,ba');
    expect(rows).toEqual([
      ['ref', 'title'],
      ['1', 'Báo cáo, "quý" I'],
      ['2', 'hai\ndòng'],
      ['3', 'ba'],
    ]);
    expect(lines).toEqual([1, 2, 3, 5]);
  });

  it('keeps a quote inside a cell as text', () => {
    expect(parseCsv('a,Sở "X" tỉnh\n').rows).toEqual([['a', 'Sở "X" tỉnh']]);
  });

  it('refuses an unclosed quote at the line its record starts on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,x')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"open\n2,x');
    } catch (err) {
      expect((err as CsvError).line).toBe(2);
      expect((err as CsvError).expected).toBe('a closing quote');
    }
  });
});
