import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1763800000000 implements MigrationInterface {
  name = 'CreateUsers1763800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "username" varchar(32) NOT NULL,
        "password_hash" varchar(255) NOT NULL,
        "name" varchar(100) NOT NULL,
        "email" varchar(254),
        "phone" varchar(16),
        "role" varchar(16) NOT NULL DEFAULT 'customer',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "users_username_key" UNIQUE ("username"),
        CONSTRAINT "users_email_key" UNIQUE ("email"),
        CONSTRAINT "users_role_check" CHECK (role IN ('customer', 'agent', 'admin')),
        CONSTRAINT "users_username_check" CHECK (username ~ '^[a-z0-9_]{3,32}$')
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
