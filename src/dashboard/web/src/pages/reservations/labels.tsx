import type { components } from '../../api/schema';

export type Reservation = components['schemas']['ReservationResponse'];
export type ReservationStatus = Reservation['status'];
export type PaymentState = Reservation['paymentStatus'];

export const STATUSES: ReservationStatus[] = [
  'awaiting_payment',
  'confirmed',
  'in_progress',
  'done',
  'picked_up',
  'cancelled',
  'expired',
];

export const STATUS_LABEL: Record<ReservationStatus, string> = {
  awaiting_payment: 'Menunggu pembayaran',
  confirmed: 'Terkonfirmasi',
  in_progress: 'Dikerjakan',
  done: 'Selesai',
  picked_up: 'Sudah diambil',
  cancelled: 'Dibatalkan',
  expired: 'Kedaluwarsa',
};

const STATUS_TONE: Record<ReservationStatus, string> = {
  awaiting_payment: 'warn',
  confirmed: 'ok',
  in_progress: 'ok',
  done: 'ok',
  picked_up: '',
  cancelled: 'bad',
  expired: 'bad',
};

export const PAYMENT_STATES: PaymentState[] = ['unpaid', 'pending', 'paid', 'refunded'];

export const PAYMENT_LABEL: Record<PaymentState, string> = {
  unpaid: 'Belum dibayar',
  pending: 'Menunggu',
  paid: 'Lunas',
  refunded: 'Dikembalikan',
};

const PAYMENT_TONE: Record<PaymentState, string> = { unpaid: 'warn', pending: 'warn', paid: 'ok', refunded: '' };

export const ACTOR_LABEL: Record<string, string> = {
  customer: 'Pelanggan',
  admin: 'Admin',
  payment: 'Pembayaran',
  system: 'Sistem',
};

export function StatusBadge({ status }: { status: ReservationStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{STATUS_LABEL[status]}</span>;
}

export function PaymentBadge({ state }: { state: PaymentState }) {
  return <span className={`badge ${PAYMENT_TONE[state]}`}>{PAYMENT_LABEL[state]}</span>;
}

export interface MoveButton {
  /** The button's label. */
  label: string;
  /** What the confirmation step says will happen. */
  question: string;
  danger?: boolean;
}

/**
 * How the button for a move to each status reads. Which moves a booking may make comes from the API
 * (its detail's `allowedMoves`); a status without wording here still gets a plain button.
 */
const MOVE_BUTTON: Partial<Record<ReservationStatus, MoveButton>> = {
  in_progress: { label: 'Mulai kerjakan', question: 'Tandai booking ini sedang dikerjakan?' },
  done: { label: 'Tandai selesai', question: 'Servis selesai dan perangkat siap diambil?' },
  picked_up: { label: 'Tandai sudah diambil', question: 'Pelanggan sudah mengambil perangkatnya?' },
  cancelled: {
    label: 'Batalkan booking',
    question: 'Batalkan booking ini? Booking yang sudah dibayar dikembalikan dananya lewat Midtrans.',
    danger: true,
  },
};

export function moveButton(to: ReservationStatus): MoveButton {
  return (
    MOVE_BUTTON[to] ?? {
      label: `Ubah ke ${STATUS_LABEL[to]}`,
      question: `Ubah status booking ini ke ${STATUS_LABEL[to]}?`,
    }
  );
}
