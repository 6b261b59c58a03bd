import { Injectable } from '@nestjs/common';

/** Names the users that own accounts; one call answers a whole page of owner ids. */
export interface AccountOwnerDirectory {
  /** Usernames by user id; ids no user has are left out. */
  usernames(ids: string[]): Promise<Map<string, string>>;
}

/**
 * The users module registers its directory here on module init (as businesses register payment
 * purposes), so the ledger, which users build on, never imports users.
 */
@Injectable()
export class AccountOwners {
  private directory?: AccountOwnerDirectory;

  register(directory: AccountOwnerDirectory): void {
    if (this.directory) throw new Error('An account owner directory is already registered');
    this.directory = directory;
  }

  async usernames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    if (!this.directory) throw new Error('No account owner directory is registered');
    return this.directory.usernames([...new Set(ids)]);
  }
}
