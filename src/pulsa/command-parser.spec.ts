import { parseCommand } from './command-parser';

describe('the pulsa command grammar', () => {
  it.each([
    ['T10.081234567890', { kind: 'buy', productCode: 'T10', destination: '081234567890' }],
    ['t10.081234567890.1234', { kind: 'buy', productCode: 'T10', destination: '081234567890', pin: '1234' }],
    [
      'XL25.6281712345678.123456.2',
      { kind: 'buy', productCode: 'XL25', destination: '6281712345678', pin: '123456', counter: 2 },
    ],
    ['T10.081234567890.3', { kind: 'buy', productCode: 'T10', destination: '081234567890', counter: 3 }],
    ['T10.+6281234567890', { kind: 'buy', productCode: 'T10', destination: '+6281234567890' }],
    ['SAL', { kind: 'balance' }],
    ['sal.1234', { kind: 'balance', pin: '1234' }],
    ['Cek Saldo', { kind: 'balance' }],
    ['cek  saldo', { kind: 'balance' }],
    ['HARGA', { kind: 'prices' }],
    ['harga.xl', { kind: 'prices', operator: 'xl' }],
    ['H.Telkomsel', { kind: 'prices', operator: 'Telkomsel' }],
    ['STATUS.t04829137', { kind: 'status', shortId: 'T04829137' }],
    ['CEK.081234567890', { kind: 'latest', destination: '081234567890' }],
    ['DEP.100000', { kind: 'deposit', amount: 100000n }],
    ['Bantuan', { kind: 'help' }],
    ['/help', { kind: 'help' }],
    ['  bantuan ', { kind: 'help' }],
  ])('reads %s', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    ['halo', 'Format tidak dikenal.'],
    ['T10 081234567890', 'Format tidak dikenal.'],
    ['T10', 'Format tidak dikenal.'],
    ['T10..1234', 'kosong'],
    ['T10.08abc', 'Nomor tujuan harus berupa angka'],
    ['T10.081234567890.12a4', 'PIN harus 4-6 angka; penghitung'],
    ['T10.081234567890.1234567', 'PIN harus 4-6 angka; penghitung'],
    ['T10.081234567890.12.2', 'PIN harus 4-6 angka.'],
    ['T10.081234567890.1234.0', 'Penghitung'],
    ['T10.081234567890.1234.2.9', 'Format tidak dikenal.'],
    ['SAL.12', 'Format cek saldo'],
    ['STATUS.123', 'Format cek status'],
    ['DEP.10.000', 'Format deposit'],
    ['DEP.abc', 'Format deposit'],
    ['1T.0812', 'Format tidak dikenal.'],
  ])('refuses %s with a reason', (text, reason) => {
    const command = parseCommand(text);
    expect(command.kind).toBe('invalid');
    expect(command.kind === 'invalid' && command.problem).toContain(reason);
  });
});
