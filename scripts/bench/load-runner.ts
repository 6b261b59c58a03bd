import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadCommand, LoadReport } from './autocannon-client';
import type { CpuSample } from './cpu';

/**
 * autocannon in a child process (see autocannon-client.ts), with CPU samples taken when it has
 * started (so its own start-up is not counted) and when it reports; `sample` gets its pid.
 */
export function runLoad(
  command: LoadCommand,
  sample: (loadPid: number) => CpuSample,
): Promise<{ result: LoadReport; before: CpuSample; atReport: CpuSample }> {
  const child = fork(join(__dirname, 'autocannon-client.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`autocannon exited with ${code}`))));
    child.once('message', () => {
      const before = sample(child.pid!);
      child.once('message', (result: LoadReport) => resolve({ result, before, atReport: sample(child.pid!) }));
      child.send(command);
    });
  });
}
