/**
 * Set-up and check calls against Loket at `base`; fetch is fine here, the measured requests go
 * through a load generator of their own. Anything but 2xx throws.
 */
export function apiOf(base: string) {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    post: (path: string, body: unknown, token?: string) => call('POST', path, body, token),
    put: (path: string, body: unknown, token: string) => call('PUT', path, body, token),
    get: (path: string, token?: string) => call('GET', path, undefined, token),
  };
}

export type Api = ReturnType<typeof apiOf>;
