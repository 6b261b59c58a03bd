import { type Actor, RESERVATION_STATUSES, type ReservationStatus } from './reservation.types';

/** Every move a booking may make, and who may make it; anything else is refused (409). */
const MOVES: Record<ReservationStatus, Partial<Record<ReservationStatus, Actor[]>>> = {
  awaiting_payment: { confirmed: ['payment'], cancelled: ['customer', 'admin'], expired: ['system'] },
  confirmed: { in_progress: ['admin'], cancelled: ['customer', 'admin'] },
  in_progress: { done: ['admin'], cancelled: ['admin'] },
  done: { picked_up: ['admin'] },
  picked_up: {},
  cancelled: {},
  expired: {},
};

export function canMove(from: ReservationStatus, to: ReservationStatus, actor: Actor): boolean {
  return MOVES[from][to]?.includes(actor) ?? false;
}

/** The statuses `actor` may move a booking from `from` to, in the order of RESERVATION_STATUSES. */
export function movesFrom(from: ReservationStatus, actor: Actor): ReservationStatus[] {
  return RESERVATION_STATUSES.filter((to) => canMove(from, to, actor));
}

/** Statuses whose booking keeps its place in the slot (cancelled and expired ones gave it back). */
export const HOLDS_PLACE = (status: ReservationStatus) => status !== 'cancelled' && status !== 'expired';
