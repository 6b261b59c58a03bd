import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EnvironmentVariables, parseEnvironment } from './environment';

export type NodeEnv = EnvironmentVariables['NODE_ENV'];

/** Typed settings by area, built once from the validated environment. */
export interface LoketConfig {
  nodeEnv: NodeEnv;
  port: number;
  workers: number;
  logLevel: string;
  dataDir: string;
  /** Where the admin dashboard's built files are served from, under /admin. */
  dashboardDir: string;
  database: { url?: string; embeddedPort: number };
  auth: { jwtSecret?: string; jwtTtlSeconds: number };
  rateLimit: { signin: number; signup: number; windowSeconds: number };
  ledger: { maxAmount: bigint; holdSweepSeconds: number };
  wallet: { maxAmount: bigint; topupMin: bigint };
  payments: PaymentsConfig;
  pulsa: PulsaConfig;
  reservations: ReservationsConfig;
  otp: { ttlSeconds: number; maxPerMinute: number; delivery: 'log' | 'response' };
  /** Absent when TELEGRAM_BOT_TOKEN is unset: the bot is off and the rest of Loket runs. */
  telegram?: TelegramConfig;
  bootstrapAdmin?: { username: string; password: string };
}

export interface TelegramConfig {
  token: string;
  mode: 'polling' | 'webhook';
  webhookUrl?: string;
  webhookSecret?: string;
  apiRoot: string;
  chatRate: number;
  globalRate: number;
  pollTimeoutSeconds: number;
  sendTimeoutMs: number;
}

export interface PaymentsConfig {
  /** Unset: payments are off; every payments route answers 503 and the rest of Loket runs. */
  midtrans?: MidtransConfig;
  expiryMinutes: number;
  reconcileSeconds: number;
  /** Where Snap sends the customer back to when they finish. */
  publicUrl?: string;
}

export interface MidtransConfig {
  serverKey: string;
  clientKey?: string;
  isProduction: boolean;
  snapUrl: string;
  apiUrl: string;
  /** Re-read each notification's status from the Core API and act on that answer. */
  verifyStatus: boolean;
  timeoutMs: number;
}

export interface PulsaConfig {
  supplier: 'simulator' | 'digiflazz';
  simulatorDelayMs: number;
  duplicateWindowSeconds: number;
  stuckMinutes: number;
  reconcileSeconds: number;
  /** Adds the demo products on a start that finds the catalogue empty. */
  demoCatalogue: boolean;
  digiflazz: DigiflazzConfig;
}

export interface ReservationsConfig {
  horizonDays: number;
  rateLimitPerMinute: number;
  paymentMinutes: number;
  sweepSeconds: number;
  /** Adds the demo catalogue (models, parts, prices, slots) on a start that finds it empty. */
  demoCatalogue: boolean;
}

export interface DigiflazzConfig {
  /** Both unset unless PULSA_SUPPLIER=digiflazz needs them. */
  username?: string;
  apiKey?: string;
  /** Unset: the callback route answers 503. */
  webhookSecret?: string;
  url: string;
  testing: boolean;
  timeoutMs: number;
}

const MIDTRANS_HOSTS = {
  sandbox: { snapUrl: 'https://app.sandbox.midtrans.com/snap/v1', apiUrl: 'https://api.sandbox.midtrans.com' },
  production: { snapUrl: 'https://app.midtrans.com/snap/v1', apiUrl: 'https://api.midtrans.com' },
};

/** The configuration after start-up has settled the database URL and the JWT secret. */
export interface ResolvedConfig extends LoketConfig {
  database: { url: string; embeddedPort: number };
  auth: { jwtSecret: string; jwtTtlSeconds: number };
}

const ttlUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseDurationSeconds(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new Error(`Not a duration: ${text}`);
  return Number(match[1]) * ttlUnits[match[2] || 's'];
}

export function buildConfig(raw: Record<string, string | undefined>): LoketConfig {
  const env = parseEnvironment(raw);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    workers: env.LOKET_WORKERS,
    logLevel: env.LOG_LEVEL,
    dataDir: resolve(env.LOKET_DATA_DIR),
    dashboardDir: resolve(env.LOKET_DASHBOARD_DIR),
    database: { url: env.DATABASE_URL, embeddedPort: env.EMBEDDED_PG_PORT },
    auth: { jwtSecret: env.JWT_SECRET, jwtTtlSeconds: parseDurationSeconds(env.JWT_TTL) },
    rateLimit: {
      signin: env.SIGNIN_RATE_LIMIT,
      signup: env.SIGNUP_RATE_LIMIT,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    },
    ledger: { maxAmount: BigInt(env.LEDGER_MAX_AMOUNT), holdSweepSeconds: env.LEDGER_HOLD_SWEEP_SECONDS },
    wallet: { maxAmount: BigInt(env.WALLET_MAX_AMOUNT), topupMin: BigInt(env.TOPUP_MIN) },
    payments: paymentsConfig(env),
    pulsa: {
      supplier: env.PULSA_SUPPLIER,
      simulatorDelayMs: env.PULSA_SIMULATOR_DELAY_MS,
      duplicateWindowSeconds: parseDurationSeconds(env.PULSA_DUPLICATE_WINDOW),
      stuckMinutes: env.PULSA_STUCK_MINUTES,
      reconcileSeconds: env.PULSA_RECONCILE_SECONDS,
      demoCatalogue: env.PULSA_DEMO_CATALOGUE ?? env.NODE_ENV === 'development',
      digiflazz: {
        username: env.DIGIFLAZZ_USERNAME,
        apiKey: env.DIGIFLAZZ_API_KEY,
        webhookSecret: env.DIGIFLAZZ_WEBHOOK_SECRET,
        url: (env.DIGIFLAZZ_URL ?? 'https://api.digiflazz.com/v1').replace(/\/+$/, ''),
        testing: env.DIGIFLAZZ_TESTING ?? false,
        timeoutMs: env.DIGIFLAZZ_TIMEOUT_MS,
      },
    },
    reservations: {
      horizonDays: env.RESERVATION_HORIZON_DAYS,
      rateLimitPerMinute: env.RESERVATION_RATE_LIMIT,
      paymentMinutes: env.RESERVATION_PAYMENT_MINUTES,
      sweepSeconds: env.RESERVATION_SWEEP_SECONDS,
      demoCatalogue: env.RESERVATION_DEMO_CATALOGUE ?? env.NODE_ENV === 'development',
    },
    otp: {
      ttlSeconds: parseDurationSeconds(env.OTP_TTL),
      maxPerMinute: env.OTP_MAX_PER_MINUTE,
      delivery: env.OTP_DELIVERY,
    },
    telegram: env.TELEGRAM_BOT_TOKEN
      ? {
          token: env.TELEGRAM_BOT_TOKEN,
          mode: env.TELEGRAM_MODE,
          webhookUrl: env.TELEGRAM_WEBHOOK_URL?.replace(/\/+$/, ''),
          webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
          apiRoot: env.TELEGRAM_API_ROOT,
          chatRate: env.TELEGRAM_CHAT_RATE,
          globalRate: env.TELEGRAM_GLOBAL_RATE,
          pollTimeoutSeconds: env.TELEGRAM_POLL_TIMEOUT,
          sendTimeoutMs: env.TELEGRAM_SEND_TIMEOUT_MS,
        }
      : undefined,
    bootstrapAdmin:
      env.LOKET_ADMIN_USERNAME && env.LOKET_ADMIN_PASSWORD
        ? { username: env.LOKET_ADMIN_USERNAME, password: env.LOKET_ADMIN_PASSWORD }
        : undefined,
  };
}

function paymentsConfig(env: EnvironmentVariables): PaymentsConfig {
  const isProduction = env.MIDTRANS_IS_PRODUCTION ?? false;
  const hosts = MIDTRANS_HOSTS[isProduction ? 'production' : 'sandbox'];
  return {
    midtrans: env.MIDTRANS_SERVER_KEY
      ? {
          serverKey: env.MIDTRANS_SERVER_KEY,
          clientKey: env.MIDTRANS_CLIENT_KEY,
          isProduction,
          snapUrl: (env.MIDTRANS_SNAP_URL ?? hosts.snapUrl).replace(/\/+$/, ''),
          apiUrl: (env.MIDTRANS_API_URL ?? hosts.apiUrl).replace(/\/+$/, ''),
          verifyStatus: env.MIDTRANS_VERIFY_STATUS ?? isProduction,
          timeoutMs: env.MIDTRANS_TIMEOUT_MS,
        }
      : undefined,
    expiryMinutes: env.PAYMENT_EXPIRY_MINUTES,
    reconcileSeconds: env.PAYMENT_RECONCILE_SECONDS,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

/** The process environment, with a `.env` file in the working directory loaded first when there is one. */
export function configFromProcess(): LoketConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return buildConfig(process.env);
}
