import { Check, Column, Unique, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const USER_ROLES = ['customer', 'agent', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity('users')
@Unique('users_username_key', ['username'])
@Unique('users_email_key', ['email'])
@Check('users_role_check', `role IN ('customer', 'agent', 'admin')`)
@Check('users_username_check', `username ~ '^[a-z0-9_]{3,32}$'`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  username!: string;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'customer' })
  role!: UserRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
