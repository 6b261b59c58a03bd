import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const claims = { sub: 'user-id', username: 'ani', role: 'customer' };
  afterEach(() => jest.useRealTimers());

  it('gives a verified token back until the second its expiry names, as jsonwebtoken judges it', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T10:00:00.000Z') });
    const exp = Date.now() / 1000 + 2;
    const tokens = new VerifiedTokens();
    tokens.add('token-a', { ...claims, exp });

    expect(tokens.get('token-a')).toMatchObject(claims);
    expect(tokens.get('token-b')).toBeUndefined();
    jest.setSystemTime(exp * 1000 - 1);
    expect(tokens.get('token-a')).toMatchObject(claims);
    jest.setSystemTime(exp * 1000);
    expect(tokens.get('token-a')).toBeUndefined();
  });

  it('does not remember a token without an expiry', () => {
    const tokens = new VerifiedTokens();
    tokens.add('forever', claims);
    expect(tokens.get('forever')).toBeUndefined();
  });

  it('forgets the oldest token first once it holds ten thousand', () => {
    const tokens = new VerifiedTokens();
    const exp = Date.now() / 1000 + 60;
    for (let i = 0; i <= 10_000; i++) tokens.add(`token-${i}`, { ...claims, exp });
    expect(tokens.get('token-0')).toBeUndefined();
    expect(tokens.get('token-1')).toMatchObject(claims);
    expect(tokens.get('token-10000')).toMatchObject(claims);
  });
});
