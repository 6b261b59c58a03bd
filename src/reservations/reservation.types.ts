export const RESERVATION_STATUSES = [
  'awaiting_payment',
  'confirmed',
  'in_progress',
  'done',
  'picked_up',
  'cancelled',
  'expired',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const PAYMENT_STATES = ['unpaid', 'pending', 'paid', 'refunded'] as const;
/** The booking's view of its payment: no live attempt, an attempt open at Midtrans, paid, refunded. */
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** Who moved a booking: shown in its history. */
export type Actor = 'customer' | 'admin' | 'payment' | 'system';

/** Every Loket payment of a reservation is owned by this user (created by the CreateReservations migration). */
export const RESERVATIONS_OWNER_ID = '00000000-0000-4000-8000-00000000f12a';
export const RESERVATION_PURPOSE = 'reservation';

export interface Reservation {
  id: string;
  code: string;
  /** YYYY-MM-DD, in Asia/Jakarta. */
  day: string;
  slotCode: string;
  slotLabel: string;
  modelCode: string;
  modelName: string;
  partCode: string;
  partName: string;
  price: bigint;
  customerName: string;
  customerPhone: string | null;
  chatId: number | null;
  status: ReservationStatus;
  paymentStatus: PaymentState;
  lastOrderId: string | null;
  /** The latest attempt's Midtrans page, while it may still be paid. */
  paymentUrl: string | null;
  paymentExpiresAt: Date | null;
  holdExpiresAt: Date;
  createdAt: Date;
}

export interface HistoryEntry {
  from: ReservationStatus | null;
  to: ReservationStatus;
  actor: Actor;
  note: string | null;
  at: Date;
}

export interface CatalogueItem {
  code: string;
  name: string;
}

export interface Slot {
  code: string;
  label: string;
  /** HH:MM, Asia/Jakarta. */
  start: string;
  end: string;
  capacity: number;
}

export interface Price {
  model: string;
  part: string;
  price: bigint;
}

export interface Catalogue {
  models: CatalogueItem[];
  parts: CatalogueItem[];
  prices: Price[];
  slots: Slot[];
}

export interface SlotAvailability extends Slot {
  left: number;
}
