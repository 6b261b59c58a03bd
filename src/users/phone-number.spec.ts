import { normaliseIndonesianPhone } from './phone-number';

describe('normaliseIndonesianPhone', () => {
  it.each([
    ['081234567890', '6281234567890'],
    ['0812-3456-7890', '6281234567890'],
    ['+62 812 3456 7890', '6281234567890'],
    ['6281234567890', '6281234567890'],
    ['81234567890', '6281234567890'],
    ['(021) 5551234', '62215551234'],
  ])('%s becomes %s', (input, expected) => {
    expect(normaliseIndonesianPhone(input)).toBe(expected);
  });

  it.each(['', 'abc', '+1 202 555 0100', '0812', '08123456789012345', '00812345678', '0812345678x'])(
    'rejects %p',
    (input) => {
      expect(normaliseIndonesianPhone(input)).toBeNull();
    },
  );
});
