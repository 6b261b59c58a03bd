import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};
const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (word === '') return undefined;
  return word in BOOLEAN_WORDS ? BOOLEAN_WORDS[word] : value;
};
const HTTP_URL = /^https?:\/\/[^\s]+$/;

/**
 * Every environment variable Loket reads; the README's configuration table lists the same.
 * Checks run bottom-up and stop at the first failure, so the type check sits last.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  /** Processes serving HTTP; more than 1 runs a cluster sharing PORT (see src/cluster.ts). */
  @Transform(toInt)
  @Min(1)
  @Max(64)
  @IsInt()
  LOKET_WORKERS = 1;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  LOKET_DATA_DIR = './.loket';

  /** The admin dashboard's built files (`npm run build` writes them there). */
  @IsString()
  LOKET_DASHBOARD_DIR = './dist/admin';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  EMBEDDED_PG_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @IsString()
  JWT_SECRET?: string;

  // Zero would make every token expire as it is issued.
  @Matches(/^[1-9]\d*[smhd]?$/, {
    message: 'JWT_TTL must be a positive number of seconds, or a number with s, m, h or d (e.g. 1d)',
  })
  JWT_TTL = '1d';

  @Transform(toInt)
  @Min(1)
  @IsInt()
  SIGNIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  SIGNUP_RATE_LIMIT = 20;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Matches(/^[1-9]\d{0,17}$/, { message: 'LEDGER_MAX_AMOUNT must be a positive whole number of rupiah' })
  LEDGER_MAX_AMOUNT = '1000000000000';

  @Transform(toInt)
  @Min(1)
  @IsInt()
  LEDGER_HOLD_SWEEP_SECONDS = 30;

  @Matches(/^[1-9]\d{0,14}$/, { message: 'WALLET_MAX_AMOUNT must be a positive whole number of rupiah' })
  WALLET_MAX_AMOUNT = '100000000';

  @Matches(/^\d+[smhd]?$/, { message: 'OTP_TTL must be seconds or a number with s, m, h or d (e.g. 5m)' })
  OTP_TTL = '5m';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  OTP_MAX_PER_MINUTE = 5;

  @IsIn(['log', 'response'], { message: 'OTP_DELIVERY must be log or response' })
  OTP_DELIVERY: 'log' | 'response' = 'log';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d+:[\w-]+$/, { message: 'TELEGRAM_BOT_TOKEN must look like 123456:ABC-DEF… (from @BotFather)' })
  TELEGRAM_BOT_TOKEN?: string;

  @IsIn(['polling', 'webhook'], { message: 'TELEGRAM_MODE must be polling or webhook' })
  TELEGRAM_MODE: 'polling' | 'webhook' = 'polling';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TELEGRAM_WEBHOOK_URL must be the public http(s) base URL of Loket' })
  TELEGRAM_WEBHOOK_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{16,256}$/, {
    message: 'TELEGRAM_WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -',
  })
  TELEGRAM_WEBHOOK_SECRET?: string;

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TELEGRAM_API_ROOT must be an http(s) URL' })
  TELEGRAM_API_ROOT = 'https://api.telegram.org';

  @Transform(toInt)
  @Min(1)
  @IsInt()
  TELEGRAM_CHAT_RATE = 1;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  TELEGRAM_GLOBAL_RATE = 30;

  @Transform(toInt)
  @Min(0)
  @Max(50)
  @IsInt()
  TELEGRAM_POLL_TIMEOUT = 30;

  // How long a send may take before its outcome counts as unknown (and it is not sent again);
  // well under the outbox's two minutes after which a row still 'sending' is given up on.
  @Transform(toInt)
  @Min(100)
  @Max(60_000)
  @IsInt()
  TELEGRAM_SEND_TIMEOUT_MS = 10_000;

  @Matches(/^[1-9]\d{0,14}$/, { message: 'TOPUP_MIN must be a positive whole number of rupiah' })
  TOPUP_MIN = '10000';

  /** Unset: payments are off (their routes answer 503) and the rest of Loket runs. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_:-]{10,200}$/, {
    message: 'MIDTRANS_SERVER_KEY must be the server key from the Midtrans dashboard (e.g. SB-Mid-server-…)',
  })
  MIDTRANS_SERVER_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_:-]{10,200}$/, {
    message: 'MIDTRANS_CLIENT_KEY must be the client key from the Midtrans dashboard (e.g. SB-Mid-client-…)',
  })
  MIDTRANS_CLIENT_KEY?: string;

  /** Unset: false (the sandbox). */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'MIDTRANS_IS_PRODUCTION must be true or false' })
  MIDTRANS_IS_PRODUCTION?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(HTTP_URL, { message: 'MIDTRANS_SNAP_URL must be an http(s) URL (e.g. https://app.midtrans.com/snap/v1)' })
  MIDTRANS_SNAP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(HTTP_URL, { message: 'MIDTRANS_API_URL must be an http(s) URL (e.g. https://api.midtrans.com)' })
  MIDTRANS_API_URL?: string;

  /** Unset: on in production, off elsewhere. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'MIDTRANS_VERIFY_STATUS must be true or false' })
  MIDTRANS_VERIFY_STATUS?: boolean;

  // midtrans-client has no timeout of its own; Midtrans waits 15 s for a notification's answer,
  // and a notification may re-read the status first.
  @Transform(toInt)
  @Min(100)
  @Max(60_000)
  @IsInt()
  MIDTRANS_TIMEOUT_MS = 10_000;

  @Transform(toInt)
  @Min(1)
  @Max(7 * 24 * 60)
  @IsInt()
  PAYMENT_EXPIRY_MINUTES = 60;

  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt()
  PAYMENT_RECONCILE_SECONDS = 60;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(HTTP_URL, { message: 'PUBLIC_URL must be the public http(s) base URL of Loket' })
  PUBLIC_URL?: string;

  @IsIn(['simulator', 'digiflazz'], { message: 'PULSA_SUPPLIER must be simulator or digiflazz' })
  PULSA_SUPPLIER: 'simulator' | 'digiflazz' = 'simulator';

  @Transform(toInt)
  @Min(0)
  @Max(600_000)
  @IsInt()
  PULSA_SIMULATOR_DELAY_MS = 2000;

  @Matches(/^[1-9]\d*[smhd]?$/, {
    message: 'PULSA_DUPLICATE_WINDOW must be a positive number of seconds, or a number with s, m, h or d (e.g. 24h)',
  })
  PULSA_DUPLICATE_WINDOW = '24h';

  @Transform(toInt)
  @Min(1)
  @Max(7 * 24 * 60)
  @IsInt()
  PULSA_STUCK_MINUTES = 30;

  @Transform(toInt)
  @Min(1)
  @Max(3600)
  @IsInt()
  PULSA_RECONCILE_SECONDS = 30;

  /** Unset: on in development, off elsewhere. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'PULSA_DEMO_CATALOGUE must be true or false' })
  PULSA_DEMO_CATALOGUE?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'DIGIFLAZZ_USERNAME must be the buyer username from Digiflazz' })
  DIGIFLAZZ_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\w-]{8,128}$/, {
    message: 'DIGIFLAZZ_API_KEY must be the API key from Digiflazz (development or production)',
  })
  DIGIFLAZZ_API_KEY?: string;

  /** Unset: the Digiflazz callback answers 503. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(8, { message: 'DIGIFLAZZ_WEBHOOK_SECRET must be at least 8 characters' })
  @IsString()
  DIGIFLAZZ_WEBHOOK_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(HTTP_URL, { message: 'DIGIFLAZZ_URL must be an http(s) URL (e.g. https://api.digiflazz.com/v1)' })
  DIGIFLAZZ_URL?: string;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'DIGIFLAZZ_TESTING must be true or false' })
  DIGIFLAZZ_TESTING?: boolean;

  // A purchase whose answer takes longer stays pending and is re-checked, never failed for it.
  @Transform(toInt)
  @Min(100)
  @Max(120_000)
  @IsInt()
  DIGIFLAZZ_TIMEOUT_MS = 30_000;

  /** Bookable days: tomorrow up to today plus this many days. */
  @Transform(toInt)
  @Min(1)
  @Max(366)
  @IsInt()
  RESERVATION_HORIZON_DAYS = 30;

  /** Bookings a minute per client address (then 429). */
  @Transform(toInt)
  @Min(1)
  @Max(100_000)
  @IsInt()
  RESERVATION_RATE_LIMIT = 10;

  /** How long an unpaid booking holds its place. */
  @Transform(toInt)
  @Min(5)
  @Max(7 * 24 * 60)
  @IsInt()
  RESERVATION_PAYMENT_MINUTES = 60;

  /** How often unpaid bookings past their hold are expired and reminders are sent. */
  @Transform(toInt)
  @Min(1)
  @Max(3600)
  @IsInt()
  RESERVATION_SWEEP_SECONDS = 30;

  /** Unset: on in development, off elsewhere. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'RESERVATION_DEMO_CATALOGUE must be true or false' })
  RESERVATION_DEMO_CATALOGUE?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9_]{3,32}$/, { message: 'LOKET_ADMIN_USERNAME must be 3-32 characters of a-z, 0-9 and _' })
  LOKET_ADMIN_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(8, { message: 'LOKET_ADMIN_PASSWORD must be at least 8 characters' })
  @IsString()
  LOKET_ADMIN_PASSWORD?: string;
}

export class ConfigurationError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the raw environment; throws one error naming every bad setting. */
export function parseEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, stopAtFirstError: true });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && env.OTP_DELIVERY === 'response') {
    problems.push(
      'OTP_DELIVERY: "response" returns one-time passwords in API answers and is refused when NODE_ENV=production',
    );
  }
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook') {
    if (!env.TELEGRAM_WEBHOOK_URL) problems.push('TELEGRAM_WEBHOOK_URL: required when TELEGRAM_MODE=webhook');
    if (!env.TELEGRAM_WEBHOOK_SECRET) problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook');
  }
  if ((env.LOKET_ADMIN_USERNAME === undefined) !== (env.LOKET_ADMIN_PASSWORD === undefined)) {
    problems.push('LOKET_ADMIN_USERNAME and LOKET_ADMIN_PASSWORD must be set together');
  }
  // Only a problem when top-ups can happen at all.
  if (env.MIDTRANS_SERVER_KEY && /^\d+$/.test(env.TOPUP_MIN) && /^\d+$/.test(env.WALLET_MAX_AMOUNT)) {
    if (BigInt(env.TOPUP_MIN) > BigInt(env.WALLET_MAX_AMOUNT)) {
      problems.push('TOPUP_MIN: must not be above WALLET_MAX_AMOUNT');
    }
  }
  if (env.MIDTRANS_IS_PRODUCTION === true && env.MIDTRANS_SERVER_KEY?.startsWith('SB-')) {
    problems.push('MIDTRANS_SERVER_KEY: a sandbox key (SB-…) cannot be used with MIDTRANS_IS_PRODUCTION=true');
  }
  if (env.PULSA_SUPPLIER === 'digiflazz') {
    if (!env.DIGIFLAZZ_USERNAME) problems.push('DIGIFLAZZ_USERNAME: required when PULSA_SUPPLIER=digiflazz');
    if (!env.DIGIFLAZZ_API_KEY) problems.push('DIGIFLAZZ_API_KEY: required when PULSA_SUPPLIER=digiflazz');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}
