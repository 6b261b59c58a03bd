import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port';
import { type LoketProcess, stopChild } from './loket-process';

/** floor-server.ts in a process of its own (with `workers` cluster workers), listening when this resolves. */
export async function startFloorProcess(options: {
  databaseUrl: string;
  jwtSecret: string;
  workers: number;
}): Promise<LoketProcess> {
  const port = await freePort();
  const child = fork(join(__dirname, 'floor-server.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      FLOOR_DATABASE_URL: options.databaseUrl,
      FLOOR_JWT_SECRET: options.jwtSecret,
      FLOOR_PORT: String(port),
      FLOOR_WORKERS: String(options.workers),
    },
  });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit')])) as unknown[];
  if (message !== 'listening') throw new Error(`the floor server did not start (exit ${String(message)})`);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}
