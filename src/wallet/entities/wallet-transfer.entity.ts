import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../../common/money/rupiah';
import { User } from '../../users/entities/user.entity';

/** A wallet-to-wallet transfer; its money moved in the ledger journal `journalId`. */
// Constraints are hand-written in CreateWallet (see bill.entity.ts).
@Entity('wallet_transfers', { synchronize: false })
export class WalletTransfer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'wallet_transfers_pkey' })
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
