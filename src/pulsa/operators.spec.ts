import { normaliseDestination, operatorNamed, operatorOf } from './operators';

describe('mobile numbers and operators', () => {
  it.each([
    ['081234567890', '081234567890'],
    ['6281234567890', '081234567890'],
    ['+6281234567890', '081234567890'],
    ['0812345678', '0812345678'],
    ['0812345678901', '0812345678901'],
  ])('normalises %s to %s', (input, normalised) => {
    expect(normaliseDestination(input)).toBe(normalised);
  });

  it.each(['081234567', '08123456789012', '021234567890', '81234567890', '+081234567890', '0812-3456-7890', ''])(
    'refuses %s',
    (input) => {
      expect(normaliseDestination(input)).toBeNull();
    },
  );

  it.each([
    ['0811', 'telkomsel'],
    ['0823', 'telkomsel'],
    ['0853', 'telkomsel'],
    ['0814', 'indosat'],
    ['0858', 'indosat'],
    ['0817', 'xl'],
    ['0859', 'xl'],
    ['0878', 'xl'],
    ['0831', 'axis'],
    ['0838', 'axis'],
    ['0895', 'tri'],
    ['0899', 'tri'],
    ['0881', 'smartfren'],
    ['0889', 'smartfren'],
  ])('knows %s… is %s', (prefix, operator) => {
    expect(operatorOf(`${prefix}12345678`)).toBe(operator);
  });

  it('knows no operator for other prefixes', () => {
    for (const prefix of ['0810', '0820', '0854', '0834', '0860', '0879', '0890']) {
      expect(operatorOf(`${prefix}12345678`)).toBeNull();
    }
  });

  it('reads operator names as agents write them', () => {
    expect(operatorNamed('XL')).toBe('xl');
    expect(operatorNamed('tsel')).toBe('telkomsel');
    expect(operatorNamed('three')).toBe('tri');
    expect(operatorNamed('nokia')).toBeNull();
  });
});
