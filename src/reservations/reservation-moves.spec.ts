import { canMove, HOLDS_PLACE, movesFrom } from './reservation-moves';
import { Actor, RESERVATION_STATUSES, ReservationStatus } from './reservation.types';

describe('booking status moves', () => {
  const allowed: [ReservationStatus, ReservationStatus, Actor][] = [
    ['awaiting_payment', 'confirmed', 'payment'],
    ['awaiting_payment', 'cancelled', 'customer'],
    ['awaiting_payment', 'cancelled', 'admin'],
    ['awaiting_payment', 'expired', 'system'],
    ['confirmed', 'in_progress', 'admin'],
    ['confirmed', 'cancelled', 'customer'],
    ['confirmed', 'cancelled', 'admin'],
    ['in_progress', 'done', 'admin'],
    ['in_progress', 'cancelled', 'admin'],
    ['done', 'picked_up', 'admin'],
  ];

  it('allows exactly the listed moves, each only to its actor', () => {
    const actors: Actor[] = ['customer', 'admin', 'payment', 'system'];
    for (const from of RESERVATION_STATUSES) {
      for (const to of RESERVATION_STATUSES) {
        for (const actor of actors) {
          const listed = allowed.some(([f, t, a]) => f === from && t === to && a === actor);
          expect({ from, to, actor, ok: canMove(from, to, actor) }).toEqual({ from, to, actor, ok: listed });
        }
      }
    }
  });

  it("lists an admin's moves from each status, the forward move before the cancel", () => {
    expect(Object.fromEntries(RESERVATION_STATUSES.map((s) => [s, movesFrom(s, 'admin')]))).toEqual({
      awaiting_payment: ['cancelled'],
      confirmed: ['in_progress', 'cancelled'],
      in_progress: ['done', 'cancelled'],
      done: ['picked_up'],
      picked_up: [],
      cancelled: [],
      expired: [],
    });
  });

  it('lets go of the place only when cancelled or expired', () => {
    expect(RESERVATION_STATUSES.filter((s) => !HOLDS_PLACE(s))).toEqual(['cancelled', 'expired']);
  });
});
