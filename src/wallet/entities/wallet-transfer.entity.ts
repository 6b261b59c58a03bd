import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../../common/money/rupiah';
import { User } from '../../users/entities/user.entity';

/**
 * A wallet-to-wallet transfer, read only: wallet_transfers is a view over the transfer's ledger
 * journal (TransferIsItsJournal migration), which wallet_transfer writes. `id` and `journalId` are
 * the journal's id.
 */
@Entity('wallet_transfers', { synchronize: false })
export class WalletTransfer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  fromUserId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'from_user_id' })
  fromUser!: User;

  @Column({ type: 'uuid' })
  toUserId!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'to_user_id' })
  toUser!: User;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amount!: bigint;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description!: string | null;

  @Column({ type: 'uuid' })
  journalId!: string;

  /** The sender's balance right after the transfer. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  balanceAfter!: bigint;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  requestHash!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
