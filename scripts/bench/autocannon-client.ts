import autocannon from 'autocannon';

// Runs autocannon in a process of its own, so the load generator does not share Loket's event
// loop. Says 'ready', receives the prepared transfer requests over IPC and reports the result the same way.

export interface LoadCommand {
  url: string;
  path: string;
  connections: number;
  seconds: number;
  /** Requests to send in all, then stop (instead of `seconds`). */
  amount?: number;
  /** JSON of `{ token, body }`, one per request, used in order; no token, no authorization header. */
  requests: string[];
}

export interface LoadReport {
  ok: number;
  non2xx: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Requests that had to reuse a prepared one (its code already spent). */
  reused: number;
  /** Answers per HTTP status, e.g. `{ '201': 600, '409': 300 }`. */
  statuses: Record<string, number>;
}

process.once('message', (command: LoadCommand) => {
  let next = 0;
  // Parsed once here, so the load generator spends its CPU sending, not re-encoding.
  const prepared = command.requests.map((text) => {
    const { token, body } = JSON.parse(text) as { token?: string; body: unknown };
    return { authorization: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body) };
  });
  void autocannon({
    url: command.url,
    connections: command.connections,
    duration: command.seconds,
    amount: command.amount,
    requests: [
      {
        method: 'POST',
        path: command.path,
        setupRequest: (request) => {
          const { authorization, body } = prepared[next++ % prepared.length];
          return {
            ...request,
            headers: { ...request.headers, 'content-type': 'application/json', ...authorization },
            body,
          };
        },
      },
    ],
  }).then((result) => {
    const report: LoadReport = {
      ok: result['2xx'],
      non2xx: result.non2xx,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      reused: Math.max(0, next - command.requests.length),
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
      ),
    };
    process.send!(report, () => process.exit(0));
  });
});

process.send!('ready');
