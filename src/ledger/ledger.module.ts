import { Module } from '@nestjs/common';
import { AdjustmentService } from './adjustment.service';
import { AdminLedgerController } from './admin-ledger.controller';
import { HoldSweeperService } from './hold-sweeper.service';
import { LedgerQueryService } from './ledger-query.service';
import { LedgerVerifierService } from './ledger-verifier.service';
import { LedgerService } from './ledger.service';

@Module({
  controllers: [AdminLedgerController],
  providers: [LedgerService, LedgerQueryService, LedgerVerifierService, AdjustmentService, HoldSweeperService],
  exports: [LedgerService, LedgerQueryService, LedgerVerifierService],
})
export class LedgerModule {}
