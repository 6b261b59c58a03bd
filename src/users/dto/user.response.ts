import { User, UserRole } from '../entities/user.entity';

export class PublicUserResponse {
  /** @example "5f0c6c1e-8a4b-4a57-9a3c-1d2f3e4a5b6c" */
  id!: string;
  /** @example "siti_n" */
  username!: string;
  /** @example "Siti Nurhaliza" */
  name!: string;
  /** @example "customer" */
  role!: UserRole;

  static of(user: User): PublicUserResponse {
    return { id: user.id, username: user.username, name: user.name, role: user.role };
  }
}

export class UserProfileResponse extends PublicUserResponse {
  email!: string | null;
  /** @example "6281234567890" */
  phone!: string | null;
  createdAt!: Date;

  static override of(user: User): UserProfileResponse {
    return { ...PublicUserResponse.of(user), email: user.email, phone: user.phone, createdAt: user.createdAt };
  }
}

export class MeResponse extends UserProfileResponse {
  /** Whether a Telegram chat is linked to this account (POST /api/telegram/link). */
  telegramLinked!: boolean;
}

export class UserLookupResponse {
  /** @example "budi" */
  username!: string;
  /** @example "Budi Santoso" */
  name!: string;
}
