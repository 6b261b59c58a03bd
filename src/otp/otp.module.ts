import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { OtpService } from './otp.service';

@Module({
  imports: [LedgerModule],
  providers: [OtpService],
  exports: [OtpService],
})
export class OtpModule {}
