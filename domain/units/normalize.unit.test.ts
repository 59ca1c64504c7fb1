import { foldPreservingOffsets, normalizeVietnamese } from './normalize';

describe('normalizeVietnamese', () => {
  it.each([
    ['Sở Nội vụ', 'so noi vu'],
    ['  ĐẶC KHU   Côn Đảo ', 'dac khu con dao'],
    ['Ủy ban nhân dân', 'uy ban nhan dan'],
    ['Uỷ ban nhân dân', 'uy ban nhan dan'],
    ['Sở Nội vụ'.normalize('NFD'), 'so noi vu'],
    ['Sờ Nôi vụ', 'so noi vu'],
  ])('given %j, then %j', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('keeps offsets when folding', () => {
    const text = 'Giám đốc Sở Nội vụ';
    expect(foldPreservingOffsets(text)).toHaveLength(text.length);
  });
});
