import { CanActivate, Injectable } from '@nestjs/common';
import { MidtransGateway } from './midtrans.gateway';
import { PaymentsDisabledError } from './payments.errors';

/** Without MIDTRANS_SERVER_KEY every payments route answers 503 PAYMENTS_DISABLED, before reading its input. */
@Injectable()
export class PaymentsEnabledGuard implements CanActivate {
  constructor(private readonly gateway: MidtransGateway) {}

  canActivate(): boolean {
    if (!this.gateway.enabled) throw new PaymentsDisabledError();
    return true;
  }
}
