import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { TelegramCoreModule } from '../telegram/telegram-core.module';
import { OtpService } from './otp.service';

@Module({
  imports: [LedgerModule, TelegramCoreModule],
  providers: [OtpService],
  exports: [OtpService],
})
export class OtpModule {}
