import { Module } from '@nestjs/common';
import { AccountOwners } from './account-owners';
import { AdjustmentService } from './adjustment.service';
import { AdminLedgerController } from './admin-ledger.controller';
import { HoldSweeperService } from './hold-sweeper.service';
import { LedgerQueryService } from './ledger-query.service';
import { LedgerVerifierService } from './ledger-verifier.service';
import { LedgerService } from './ledger.service';

@Module({
  controllers: [AdminLedgerController],
  providers: [
    AccountOwners,
    LedgerService,
    LedgerQueryService,
    LedgerVerifierService,
    AdjustmentService,
    HoldSweeperService,
  ],
  exports: [AccountOwners, LedgerService, LedgerQueryService, LedgerVerifierService],
})
export class LedgerModule {}
