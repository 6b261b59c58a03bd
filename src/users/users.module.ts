import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AdminUsersController } from './admin-users.controller';
import { User } from './entities/user.entity';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { SignedInUsers } from './signed-in-users';
import { UserAccountOwners } from './user-account-owners';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), LedgerModule, TelegramCoreModule],
  controllers: [MeController, UsersController, AdminUsersController],
  providers: [UsersService, PasswordHasher, AdminBootstrapService, UserAccountOwners, SignedInUsers],
  exports: [UsersService, PasswordHasher, SignedInUsers],
})
export class UsersModule {}
