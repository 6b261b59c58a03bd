import type { components } from '../../api/schema';

export type Transaction = components['schemas']['AdminTransactionResponse'];
export type Product = components['schemas']['AdminProductResponse'];
export type Agent = components['schemas']['AdminAgentResponse'];
export type Operator = Product['operator'];
export type TransactionStatus = Transaction['status'];

export const OPERATORS: { value: Operator; label: string }[] = [
  { value: 'telkomsel', label: 'Telkomsel' },
  { value: 'indosat', label: 'Indosat' },
  { value: 'xl', label: 'XL' },
  { value: 'axis', label: 'Axis' },
  { value: 'tri', label: 'Tri' },
  { value: 'smartfren', label: 'Smartfren' },
];

export function operatorLabel(operator: string): string {
  return OPERATORS.find((o) => o.value === operator)?.label ?? operator;
}

export const STATUSES: { value: TransactionStatus; label: string; tone: string }[] = [
  { value: 'pending', label: 'Diproses', tone: 'warn' },
  { value: 'success', label: 'Sukses', tone: 'ok' },
  { value: 'failed', label: 'Gagal', tone: 'bad' },
];

export function StatusBadge({ status }: { status: TransactionStatus }) {
  const known = STATUSES.find((s) => s.value === status);
  return <span className={`badge ${known?.tone ?? ''}`}>{known?.label ?? status}</span>;
}

export const PAGE_SIZE = 20;
