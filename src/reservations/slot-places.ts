import type { EntityManager } from 'typeorm';

/**
 * The places of a slot on a day, counted in reservation_slot_days. Taking one is a single
 * conditional upsert: the row is locked by the upsert, the WHERE sees the latest count, and the
 * CHECK (taken <= capacity) would refuse anything else. Of 20 bookings racing for 2 places, 2 get a
 * row back and 18 get none, all within their own transaction.
 */
export async function takePlace(manager: EntityManager, slotCode: string, day: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `INSERT INTO reservation_slot_days AS d (slot_code, day, capacity, taken)
     SELECT code, $2, capacity, 1 FROM reservation_slots WHERE code = $1 AND capacity > 0
     ON CONFLICT (slot_code, day) DO UPDATE SET taken = d.taken + 1 WHERE d.taken < d.capacity
     RETURNING d.taken`,
    [slotCode, day],
  );
  return rows.length === 1;
}

/** A cancelled or expired booking gives its place back. */
export async function releasePlace(manager: EntityManager, slotCode: string, day: string): Promise<void> {
  await manager.query(
    `UPDATE reservation_slot_days SET taken = taken - 1 WHERE slot_code = $1 AND day = $2 AND taken > 0`,
    [slotCode, day],
  );
}

/**
 * A slot's new capacity applies to the days already counted too, but never below the places
 * already taken there: the bookings made stay, and nobody new gets in until some leave.
 */
export async function applyCapacity(manager: EntityManager, slotCode: string, capacity: number): Promise<void> {
  await manager.query(
    `UPDATE reservation_slot_days SET capacity = GREATEST($2, taken) WHERE slot_code = $1 AND day >= current_date`,
    [slotCode, capacity],
  );
}
