import { ReservationSlotResponse } from './reservations.responses';

export class AdminReservationCatalogueItemResponse {
  /** @example "iphone-x" */
  code!: string;
  /** @example "iPhone X" */
  name!: string;
  /** @example 10 */
  sort!: number;
  active!: boolean;
}

export class AdminReservationSlotResponse extends ReservationSlotResponse {
  active!: boolean;
}

export class ReservationClosedDateResponse {
  /** @example "2026-12-25" */
  date!: string;
  /** @example "Libur Natal" */
  reason!: string | null;
}
