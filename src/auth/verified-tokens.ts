import type { AccessTokenClaims } from './auth.service';

/** Enough for every client signed in to one process at once; past it the oldest is forgotten first. */
const MOST_TOKENS = 10_000;

/**
 * Access tokens this process has verified, by their exact text, until they expire. A client sends
 * the same token with every call, and checking its HMAC signature again each time cost about a
 * twentieth of Loket's CPU per call (bench:api). The same text always carries the same signature and
 * claims, so only the expiry needs checking again, as jsonwebtoken does it (whole seconds, no
 * tolerance). Nothing else about a token can change; the user behind it is SignedInUsers' concern.
 */
export class VerifiedTokens {
  private readonly claims = new Map<string, AccessTokenClaims & { exp: number }>();

  /** The claims of a token verified before and not expired since. */
  get(token: string): AccessTokenClaims | undefined {
    const claims = this.claims.get(token);
    if (claims === undefined) return undefined;
    if (Math.floor(Date.now() / 1000) >= claims.exp) {
      this.claims.delete(token);
      return undefined;
    }
    return claims;
  }

  /** Remembers a token that has just passed verification; one without an expiry is checked every time. */
  add(token: string, claims: AccessTokenClaims & { exp?: unknown }): void {
    if (typeof claims.exp !== 'number') return;
    // The oldest entry goes first (Map keeps insertion order), as in SignedInUsers.
    if (this.claims.size >= MOST_TOKENS) this.claims.delete(this.claims.keys().next().value!);
    this.claims.set(token, { ...claims, exp: claims.exp });
  }
}
