import { resolve } from 'node:path';
import { ConfigurationError } from './environment';
import { buildConfig } from './loket.config';

/** The configuration error's lines, one per problem, without the heading. */
function problemsWith(env: Record<string, string>): string[] {
  try {
    buildConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^\s+- /, ''));
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('configuration from the environment', () => {
  it('has working defaults for every setting', () => {
    const config = buildConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      logLevel: 'info',
      dataDir: resolve('.loket'),
      dashboardDir: resolve('dist/admin'),
      database: { url: undefined, embeddedPort: 54329 },
      auth: { jwtSecret: undefined, jwtTtlSeconds: 86400 },
      rateLimit: { signin: 10, signup: 20, windowSeconds: 60 },
    });
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it('reads the settings it is given', () => {
    const config = buildConfig({
      NODE_ENV: 'production',
      PORT: ' 8080 ',
      DATABASE_URL: 'postgresql://loket:pw@db:5432/loket',
      JWT_SECRET: SECRET,
      JWT_TTL: '15m',
      SIGNIN_RATE_LIMIT: '5',
      LOKET_DATA_DIR: '/var/lib/loket',
      LOKET_DASHBOARD_DIR: '/srv/loket/admin',
      LOKET_ADMIN_USERNAME: 'boss',
      LOKET_ADMIN_PASSWORD: 'bos-besar-sekali',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      dataDir: '/var/lib/loket',
      dashboardDir: '/srv/loket/admin',
      database: { url: 'postgresql://loket:pw@db:5432/loket' },
      auth: { jwtSecret: SECRET, jwtTtlSeconds: 900 },
      rateLimit: { signin: 5 },
      bootstrapAdmin: { username: 'boss', password: 'bos-besar-sekali' },
    });
  });

  it.each([
    ['3600', 3600],
    ['45s', 45],
    ['2h', 7200],
    ['7d', 604800],
  ])('reads JWT_TTL=%s as %i seconds', (ttl, seconds) => {
    expect(buildConfig({ JWT_TTL: ttl }).auth.jwtTtlSeconds).toBe(seconds);
  });

  it('treats empty optional settings as unset', () => {
    const config = buildConfig({
      DATABASE_URL: '',
      JWT_SECRET: ' ',
      LOKET_ADMIN_USERNAME: '',
      LOKET_ADMIN_PASSWORD: '',
    });
    expect(config.database.url).toBeUndefined();
    expect(config.auth.jwtSecret).toBeUndefined();
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it.each(['abc', '', '80.5', '-1', '65536', '3000abc'])('refuses PORT=%p with one line naming PORT', (port) => {
    expect(problemsWith({ PORT: port })).toEqual([expect.stringMatching(/^PORT: /)]);
  });

  it('says a non-numeric PORT is not a number, not that it is out of range', () => {
    expect(problemsWith({ PORT: 'abc' })).toEqual(['PORT: PORT must be an integer number']);
  });

  it.each(['abc', '', '0', '-5', '1w', '1.5h', '1 d'])('refuses JWT_TTL=%p naming JWT_TTL', (ttl) => {
    expect(problemsWith({ JWT_TTL: ttl })).toEqual([expect.stringMatching(/^JWT_TTL: /)]);
  });

  it.each(['mysql://localhost/loket', 'localhost:5432/loket', 'postgres://'])(
    'refuses DATABASE_URL=%p naming DATABASE_URL',
    (url) => {
      expect(problemsWith({ DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    },
  );

  it('names every bad setting at once', () => {
    const problems = problemsWith({ PORT: 'x', JWT_TTL: 'soon', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_TTL', 'LOG_LEVEL', 'PORT']);
  });

  it('refuses production without JWT_SECRET, and accepts it with one', () => {
    expect(problemsWith({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET: required when NODE_ENV=production']);
    expect(problemsWith({ NODE_ENV: 'production', JWT_SECRET: '  ' })).toEqual([
      'JWT_SECRET: required when NODE_ENV=production',
    ]);
    expect(buildConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).auth.jwtSecret).toBe(SECRET);
  });

  it('refuses a short JWT_SECRET in any environment', () => {
    expect(problemsWith({ JWT_SECRET: 'too-short' })).toEqual([expect.stringMatching(/^JWT_SECRET: .*32/)]);
  });

  it('refuses an admin username without a password, and the other way round', () => {
    const halves: Record<string, string>[] = [
      { LOKET_ADMIN_USERNAME: 'boss' },
      { LOKET_ADMIN_PASSWORD: 'bos-besar-sekali' },
    ];
    for (const env of halves) {
      expect(problemsWith(env)).toEqual([expect.stringMatching(/LOKET_ADMIN_USERNAME and LOKET_ADMIN_PASSWORD/)]);
    }
  });

  it('refuses an admin username no user could have and a short admin password', () => {
    const problems = problemsWith({ LOKET_ADMIN_USERNAME: 'Big Boss!', LOKET_ADMIN_PASSWORD: 'short' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOKET_ADMIN_PASSWORD', 'LOKET_ADMIN_USERNAME']);
  });
});

describe('payments configuration', () => {
  const KEY = 'SB-Mid-server-abcdefghij0123';

  it('is off without a server key, with the documented defaults', () => {
    const config = buildConfig({});
    expect(config.payments).toEqual({
      midtrans: undefined,
      expiryMinutes: 60,
      reconcileSeconds: 60,
      publicUrl: undefined,
    });
    expect(config.wallet.topupMin).toBe(10000n);
  });

  it('uses the sandbox hosts and no status re-check outside production, unless told otherwise', () => {
    expect(buildConfig({ MIDTRANS_SERVER_KEY: KEY }).payments.midtrans).toEqual({
      serverKey: KEY,
      clientKey: undefined,
      isProduction: false,
      snapUrl: 'https://app.sandbox.midtrans.com/snap/v1',
      apiUrl: 'https://api.sandbox.midtrans.com',
      verifyStatus: false,
      timeoutMs: 10000,
    });
    const production = buildConfig({
      MIDTRANS_SERVER_KEY: 'Mid-server-abcdefghij0123',
      MIDTRANS_IS_PRODUCTION: 'true',
    });
    expect(production.payments.midtrans).toMatchObject({
      snapUrl: 'https://app.midtrans.com/snap/v1',
      apiUrl: 'https://api.midtrans.com',
      verifyStatus: true,
    });
    const overridden = buildConfig({
      MIDTRANS_SERVER_KEY: KEY,
      MIDTRANS_SNAP_URL: 'http://127.0.0.1:9/snap/v1/',
      MIDTRANS_API_URL: 'http://127.0.0.1:9',
      MIDTRANS_VERIFY_STATUS: 'yes',
      PUBLIC_URL: 'https://loket.example/',
    });
    expect(overridden.payments.midtrans).toMatchObject({ snapUrl: 'http://127.0.0.1:9/snap/v1', verifyStatus: true });
    expect(overridden.payments.publicUrl).toBe('https://loket.example');
  });

  it('names every bad payments setting at once', () => {
    const problems = problemsWith({
      MIDTRANS_SERVER_KEY: 'short',
      MIDTRANS_IS_PRODUCTION: 'maybe',
      MIDTRANS_VERIFY_STATUS: '2',
      MIDTRANS_SNAP_URL: 'ftp://x',
      MIDTRANS_TIMEOUT_MS: '10',
      PAYMENT_EXPIRY_MINUTES: '0',
      PAYMENT_RECONCILE_SECONDS: '0',
      PUBLIC_URL: 'loket.example',
      TOPUP_MIN: '1.5',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'MIDTRANS_IS_PRODUCTION',
      'MIDTRANS_SERVER_KEY',
      'MIDTRANS_SNAP_URL',
      'MIDTRANS_TIMEOUT_MS',
      'MIDTRANS_VERIFY_STATUS',
      'PAYMENT_EXPIRY_MINUTES',
      'PAYMENT_RECONCILE_SECONDS',
      'PUBLIC_URL',
      'TOPUP_MIN',
    ]);
  });

  it('refuses a sandbox key in production, and a minimum top-up above the wallet maximum', () => {
    expect(problemsWith({ MIDTRANS_SERVER_KEY: KEY, MIDTRANS_IS_PRODUCTION: 'true' })).toEqual([
      expect.stringMatching(/^MIDTRANS_SERVER_KEY: a sandbox key/),
    ]);
    expect(problemsWith({ MIDTRANS_SERVER_KEY: KEY, TOPUP_MIN: '500', WALLET_MAX_AMOUNT: '100' })).toEqual([
      'TOPUP_MIN: must not be above WALLET_MAX_AMOUNT',
    ]);
    expect(buildConfig({ TOPUP_MIN: '500', WALLET_MAX_AMOUNT: '100' }).wallet.topupMin).toBe(500n);
  });
});

describe('reservations configuration', () => {
  it('has the documented defaults, the demo catalogue on only in development', () => {
    expect(buildConfig({}).reservations).toEqual({
      horizonDays: 30,
      rateLimitPerMinute: 10,
      paymentMinutes: 60,
      sweepSeconds: 30,
      demoCatalogue: true,
    });
    expect(buildConfig({ NODE_ENV: 'test' }).reservations.demoCatalogue).toBe(false);
    expect(buildConfig({ NODE_ENV: 'test', RESERVATION_DEMO_CATALOGUE: 'yes' }).reservations.demoCatalogue).toBe(true);
  });

  it('names every bad reservations setting at once', () => {
    const problems = problemsWith({
      RESERVATION_HORIZON_DAYS: '0',
      RESERVATION_RATE_LIMIT: 'many',
      RESERVATION_PAYMENT_MINUTES: '1',
      RESERVATION_SWEEP_SECONDS: '-1',
      RESERVATION_DEMO_CATALOGUE: 'maybe',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'RESERVATION_DEMO_CATALOGUE',
      'RESERVATION_HORIZON_DAYS',
      'RESERVATION_PAYMENT_MINUTES',
      'RESERVATION_RATE_LIMIT',
      'RESERVATION_SWEEP_SECONDS',
    ]);
  });
});

describe('pulsa configuration', () => {
  it('uses the simulator with the documented defaults', () => {
    expect(buildConfig({ NODE_ENV: 'test' }).pulsa).toEqual({
      supplier: 'simulator',
      simulatorDelayMs: 2000,
      duplicateWindowSeconds: 86400,
      stuckMinutes: 30,
      reconcileSeconds: 30,
      demoCatalogue: false,
      digiflazz: {
        username: undefined,
        apiKey: undefined,
        webhookSecret: undefined,
        url: 'https://api.digiflazz.com/v1',
        testing: false,
        timeoutMs: 30000,
      },
    });
    expect(buildConfig({}).pulsa.demoCatalogue).toBe(true);
  });

  it('needs Digiflazz credentials only when Digiflazz is the supplier, and names every bad setting', () => {
    expect(problemsWith({ PULSA_SUPPLIER: 'digiflazz' }).sort()).toEqual([
      'DIGIFLAZZ_API_KEY: required when PULSA_SUPPLIER=digiflazz',
      'DIGIFLAZZ_USERNAME: required when PULSA_SUPPLIER=digiflazz',
    ]);
    const problems = problemsWith({
      PULSA_SUPPLIER: 'otomax',
      PULSA_DUPLICATE_WINDOW: '0',
      PULSA_SIMULATOR_DELAY_MS: '-1',
      DIGIFLAZZ_URL: 'ftp://x',
      DIGIFLAZZ_TESTING: 'maybe',
      DIGIFLAZZ_WEBHOOK_SECRET: 'short',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DIGIFLAZZ_TESTING',
      'DIGIFLAZZ_URL',
      'DIGIFLAZZ_WEBHOOK_SECRET',
      'PULSA_DUPLICATE_WINDOW',
      'PULSA_SIMULATOR_DELAY_MS',
      'PULSA_SUPPLIER',
    ]);
  });
});
