import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { OtpService } from '../otp/otp.service';
import type { OtpConfirmation } from '../otp/otp.types';
import { LinkInvitation, TelegramLinksService } from '../telegram/telegram-links.service';
import { TelegramDisabledError } from '../telegram/telegram.errors';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AgentPinsService } from './agent-pins.service';
import { InvalidPinError, NotAnAgentError } from './pulsa.errors';

export interface NewAgent {
  username: string;
  name: string;
  phone: string;
  pin?: string;
}

export interface RegisteredAgent {
  user: User;
  created: boolean;
  hasPin: boolean;
  /** Null while the bot is off. */
  telegramLink: LinkInvitation | null;
}

/** Registering agents and their PINs; checking a PIN is AgentPinsService's. */
@Injectable()
export class AgentsService {
  private readonly logger = new Logger(AgentsService.name);

  constructor(
    private readonly users: UsersService,
    private readonly pins: AgentPinsService,
    private readonly otp: OtpService,
    private readonly links: TelegramLinksService,
  ) {}

  /**
   * Creates the agent (with a random password: agents use the bot, and an admin can reset it) or
   * promotes an existing user, and returns a link for their own Telegram.
   */
  async register(admin: User, agent: NewAgent): Promise<RegisteredAgent> {
    if (agent.pin !== undefined && !/^\d{4,6}$/.test(agent.pin)) throw new InvalidPinError();
    const existing = await this.users.findByUsername(agent.username);
    const user = existing
      ? await this.users.changeRole(admin, agent.username, 'agent')
      : await this.users.create({
          username: agent.username,
          password: randomBytes(24).toString('base64url'),
          name: agent.name,
          phone: agent.phone,
          role: 'agent',
        });
    if (agent.pin !== undefined) await this.pins.set(user.id, agent.pin);
    this.logger.log(`Agent ${user.id} (${user.username}) registered by admin ${admin.id}`);
    return {
      user,
      created: !existing,
      hasPin: (await this.pins.state(user.id)).hasPin,
      telegramLink: await this.links.invite(user, admin).catch((error: unknown) => {
        if (error instanceof TelegramDisabledError) return null;
        throw error;
      }),
    };
  }

  /** The agent's own PIN change, confirmed by a `pulsa.pin` one-time password. */
  async setOwnPin(agent: User, pin: string, otp: OtpConfirmation): Promise<void> {
    if (!/^\d{4,6}$/.test(pin)) throw new InvalidPinError();
    await this.otp.confirm(agent.id, 'pulsa.pin', {}, otp, (manager) => this.pins.set(agent.id, pin, manager));
  }

  async setPinByAdmin(username: string, pin: string): Promise<User> {
    const agent = await this.agentNamed(username);
    await this.pins.set(agent.id, pin);
    return agent;
  }

  async unlock(username: string): Promise<{ agent: User; wasLocked: boolean }> {
    const agent = await this.agentNamed(username);
    return { agent, wasLocked: await this.pins.unlock(agent.id) };
  }

  private async agentNamed(username: string): Promise<User> {
    const user = await this.users.getByUsername(username);
    if (user.role !== 'agent') throw new NotAnAgentError();
    return user;
  }
}
