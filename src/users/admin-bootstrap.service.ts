import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResolvedConfig } from '../config/loket.config';
import { UsernameTakenError } from './users.errors';
import { UsersService } from './users.service';

/** Applies LOKET_ADMIN_USERNAME/LOKET_ADMIN_PASSWORD once: creates that admin when the username is free. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<ResolvedConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.get('bootstrapAdmin', { infer: true });
    if (!admin) return;
    const taken = await this.users.findByUsername(admin.username);
    if (taken) {
      if (taken.role !== 'admin') {
        this.logger.warn(
          `LOKET_ADMIN_USERNAME "${admin.username}" belongs to a ${taken.role}; not promoted (use npm run admin:create)`,
        );
      }
      return;
    }
    try {
      await this.users.create({ ...admin, name: admin.username, role: 'admin' });
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (error instanceof UsernameTakenError) return;
      throw error;
    }
    this.logger.log(`Created the first admin "${admin.username}" from LOKET_ADMIN_USERNAME`);
  }
}
