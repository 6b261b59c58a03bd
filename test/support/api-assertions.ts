import { STATUS_CODES } from 'node:http';
import type { Response } from 'supertest';
import { TestApp } from './test-app';

/** Every failure answers JSON `{statusCode, error, message}`; this checks that shape and the status. */
export function expectApiError(res: Response, status: number): void {
  expect({ status: res.status, type: res.type }).toEqual({ status, type: 'application/json' });
  expect(res.body).toMatchObject({
    statusCode: status,
    error: STATUS_CODES[status],
    code: expect.stringMatching(/^[A-Z_]+$/),
  });
  const messages: unknown[] = [res.body.message].flat();
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message).toMatch(/\S/);
}

export async function countUsers(t: TestApp): Promise<number> {
  const [row] = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM users');
  return row.n;
}
