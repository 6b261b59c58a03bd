import { Injectable } from '@nestjs/common';
import { PaymentPurpose } from './payment.types';

/**
 * The businesses that take payments register here on module init (as their bots register
 * commands), so payments never imports wallet, pulsa or reservations.
 */
@Injectable()
export class PaymentPurposes {
  private readonly purposes = new Map<string, PaymentPurpose>();

  register(purpose: PaymentPurpose): void {
    if (this.purposes.has(purpose.name)) throw new Error(`Payment purpose ${purpose.name} registered twice`);
    this.purposes.set(purpose.name, purpose);
  }

  /** A stored payment's purpose; every purpose that ever took a payment stays registered. */
  get(name: string): PaymentPurpose {
    const purpose = this.purposes.get(name);
    if (!purpose) throw new Error(`No payment purpose ${name} is registered`);
    return purpose;
  }
}
