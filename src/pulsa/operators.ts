export const OPERATORS = ['telkomsel', 'indosat', 'xl', 'axis', 'tri', 'smartfren'] as const;
export type Operator = (typeof OPERATORS)[number];

/** What agents call each operator, for replies and HARGA.OPERATOR. */
export const OPERATOR_NAMES: Record<Operator, string> = {
  telkomsel: 'Telkomsel',
  indosat: 'Indosat',
  xl: 'XL',
  axis: 'Axis',
  tri: 'Tri',
  smartfren: 'Smartfren',
};

// The first four digits of a national number (0 + prefix), by operator.
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `0${from + i}`);
const PREFIXES: Record<Operator, string[]> = {
  telkomsel: [...range(811, 813), ...range(821, 823), ...range(851, 853)],
  indosat: [...range(814, 816), ...range(855, 858)],
  xl: [...range(817, 819), '0859', ...range(877, 878)],
  axis: [...range(831, 833), '0838'],
  tri: range(895, 899),
  smartfren: range(881, 889),
};
const OPERATOR_OF_PREFIX = new Map<string, Operator>(
  OPERATORS.flatMap((operator) => PREFIXES[operator].map((prefix) => [prefix, operator] as const)),
);

/**
 * A mobile number as stored and sent to suppliers: `08…`, 10 to 13 digits. Accepts `08…`,
 * `628…` and `+628…`; null for anything else.
 */
export function normaliseDestination(input: string): string | null {
  const match = /^(?:\+62|62|0)(8\d{8,11})$/.exec(input.trim());
  return match ? `0${match[1]}` : null;
}

/** The operator of a normalised number, or null when its prefix is none of theirs. */
export function operatorOf(destination: string): Operator | null {
  return OPERATOR_OF_PREFIX.get(destination.slice(0, 4)) ?? null;
}

/** `xl`, `XL`, `Telkomsel`, `tsel`… to an operator. */
export function operatorNamed(name: string): Operator | null {
  const key = name.trim().toLowerCase();
  const aliases: Record<string, Operator> = {
    tsel: 'telkomsel',
    isat: 'indosat',
    im3: 'indosat',
    three: 'tri',
    '3': 'tri',
  };
  if ((OPERATORS as readonly string[]).includes(key)) return key as Operator;
  return aliases[key] ?? null;
}
