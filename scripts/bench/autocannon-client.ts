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
  /**
   * Makes each prepared request the first of a pair: its answer's `challengeId` and `code` are
   * sent at once, as `otp` in `{ token, then }`'s body, to this path (ask for a code, then confirm).
   */
  thenPath?: string;
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
    const { token, body, then } = JSON.parse(text) as { token?: string; body: unknown; then?: object };
    return { authorization: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body), then };
  });
  type Context = { then?: { authorization: object; body: object } };
  const headers = (request: autocannon.Request, authorization: object) => ({
    ...request.headers,
    'content-type': 'application/json',
    ...authorization,
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
        setupRequest: (request, context) => {
          const { authorization, body, then } = prepared[next++ % prepared.length];
          if (then) (context as Context).then = { authorization, body: then };
          return { ...request, headers: headers(request, authorization), body };
        },
        onResponse: (_status, body, context) => {
          const pair = (context as Context).then;
          if (!pair) return;
          const { challengeId, code } = JSON.parse(body) as { challengeId?: string; code?: string };
          pair.body = { ...pair.body, otp: { challengeId, code } };
        },
      },
      ...(command.thenPath
        ? [
            {
              method: 'POST' as const,
              path: command.thenPath,
              setupRequest: (request: autocannon.Request, context: object) => {
                const { authorization, body } = (context as Context).then!;
                return { ...request, headers: headers(request, authorization), body: JSON.stringify(body) };
              },
            },
          ]
        : []),
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
