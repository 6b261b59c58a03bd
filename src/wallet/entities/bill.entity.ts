import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../../common/money/rupiah';
import { User } from '../../users/entities/user.entity';

export const BILL_STATUSES = ['unpaid', 'paid', 'cancelled', 'declined'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

/** A request for money: `from` asks `to` to pay. */
// Its constraints (FKs to the entity-less ledger tables, partial and descending indexes) are written
// by hand in CreateWallet; synchronize: false keeps migration:generate from proposing to drop them.
@Entity('bills', { synchronize: false })
export class Bill {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bills_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amount!: bigint;

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

  @Column({ type: 'varchar', length: 16, default: 'unpaid' })
  status!: BillStatus;

  @Column({ type: 'uuid', nullable: true })
  journalId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
