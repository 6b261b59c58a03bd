import { INestApplication } from '@nestjs/common';
import { createLoketApp } from '../../src/app.factory';
import { ReservationJobs } from '../../src/reservations/reservation-jobs.service';
import { payAndNotify, PaymentsWorld } from '../payments/payments-harness';
import { initApp } from '../support/test-app';
import { booked, inDays, startReservations } from './reservations-harness';

// 09:00 WIB today, when the day-before reminders go out.
const morning = () => new Date(`${inDays(0)}T02:00:00Z`);

describe('the day-before reminder', () => {
  let w: PaymentsWorld;
  let second: INestApplication;

  beforeAll(async () => {
    w = await startReservations();
    // A second instance on the same database, as with LOKET_WORKERS or two containers.
    second = await createLoketApp(w.t.config);
    await initApp(second);
  });
  afterAll(async () => {
    await second.close();
    await w.close();
  });

  it('goes once to each confirmed booking of tomorrow, even with two instances sending at the same moment', async () => {
    const tomorrowCodes: string[] = [];
    for (const [index, slot] of ['pagi', 'siang', 'sore'].entries()) {
      const { bookingCode } = await booked(w.t, { date: inDays(1), slot });
      await w.t.db.query('UPDATE reservations SET chat_id = $2 WHERE code = $1', [bookingCode, 93000 + index]);
      if (slot !== 'sore') await payAndNotify(w, bookingCode);
      tomorrowCodes.push(bookingCode);
    }
    const later = await booked(w.t, { date: inDays(2) });
    await w.t.db.query('UPDATE reservations SET chat_id = 93009 WHERE code = $1', [later.bookingCode]);
    await payAndNotify(w, later.bookingCode);

    // Before 08:00 WIB nothing goes out.
    expect((await w.t.app.get(ReservationJobs).runOnce(new Date(`${inDays(0)}T00:30:00Z`))).reminded).toBe(0);
    const results = await Promise.all([
      w.t.app.get(ReservationJobs).runOnce(morning()),
      second.get(ReservationJobs).runOnce(morning()),
    ]);
    expect(results[0].reminded + results[1].reminded).toBe(2);
    await w.t.app.get(ReservationJobs).runOnce(morning());

    const reminders = await w.t.db.query<{ chat_id: string; text: string }[]>(
      `SELECT chat_id::text, payload->>'text' AS text FROM telegram_outbox WHERE payload->>'text' LIKE 'Pengingat:%' ORDER BY chat_id`,
    );
    expect(reminders).toEqual([
      {
        chat_id: '93000',
        text: expect.stringMatching(
          new RegExp(
            `^Pengingat: besok .*Pukul : 09\\.00 - 11\\.00 WIB servis iPhone X - Battery\\. Kode booking ${tomorrowCodes[0]}\\.`,
          ),
        ),
      },
      { chat_id: '93001', text: expect.stringContaining(`Kode booking ${tomorrowCodes[1]}.`) },
    ]);
  });
});
