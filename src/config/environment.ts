import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Every environment variable Loket reads; the README's configuration table lists the same. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  LOKET_DATA_DIR = './.loket';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]?$/, { message: 'JWT_TTL must be seconds or a number with s, m, h or d (e.g. 1d)' })
  JWT_TTL = '1d';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNUP_RATE_LIMIT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Matches(/^[1-9]\d{0,17}$/, { message: 'LEDGER_MAX_AMOUNT must be a positive whole number of rupiah' })
  LEDGER_MAX_AMOUNT = '1000000000000';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LEDGER_HOLD_SWEEP_SECONDS = 30;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9_]{3,32}$/, { message: 'LOKET_ADMIN_USERNAME must be 3-32 characters of a-z, 0-9 and _' })
  LOKET_ADMIN_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'LOKET_ADMIN_PASSWORD must be at least 8 characters' })
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
  const errors = validateSync(env, { whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production');
  }
  if ((env.LOKET_ADMIN_USERNAME === undefined) !== (env.LOKET_ADMIN_PASSWORD === undefined)) {
    problems.push('LOKET_ADMIN_USERNAME and LOKET_ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return env;
}
