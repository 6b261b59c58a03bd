import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { jwtSecretFor } from '../src/config/jwt-secret';
import { UsersService } from '../src/users/users.service';
import { fail, flags, withDatabase } from './with-database';

// npm run admin:create -- --username X --password Y: creates that admin, or promotes an existing user.
const { username, password } = flags();
if (!username || !password) fail('usage: npm run admin:create -- --username NAME --password SECRET');
if (!/^[a-z0-9_]{3,32}$/.test(username)) fail('username must be 3 to 32 characters of a-z, 0-9 and _');
if (password.length < 8) fail('password must be at least 8 characters');

withDatabase(async (url, config) => {
  const jwtSecret = await jwtSecretFor(config.dataDir, config.auth.jwtSecret);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config,
      logLevel: 'warn',
      database: { ...config.database, url },
      auth: { ...config.auth, jwtSecret },
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const { user, created } = await app.get(UsersService).ensureAdmin(username, password);
    process.stdout.write(
      created ? `Created admin ${user.username}\n` : `${user.username} is now an admin (password unchanged)\n`,
    );
  } finally {
    await app.close();
  }
}).catch((error: unknown) => fail(String(error instanceof Error ? error.message : error)));
