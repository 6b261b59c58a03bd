import { Injectable } from '@nestjs/common';
import { BotAction, BotCommand, BotPattern, ChatRole } from './bot-request';

/**
 * Feature modules register their commands here (on module init); the one update handler routes
 * to them, and /help lists what each role may use. Order is explicit: commands, then patterns.
 */
@Injectable()
export class BotRegistry {
  private readonly commands = new Map<string, BotCommand>();
  private readonly patterns: BotPattern[] = [];
  private readonly actions = new Map<string, BotAction>();

  command(command: BotCommand): void {
    if (this.commands.has(command.name)) throw new Error(`Bot command /${command.name} registered twice`);
    this.commands.set(command.name, command);
  }

  pattern(pattern: BotPattern): void {
    this.patterns.push(pattern);
  }

  action(action: BotAction): void {
    if (this.actions.has(action.prefix)) throw new Error(`Bot action ${action.prefix} registered twice`);
    this.actions.set(action.prefix, action);
  }

  /** The command a text invokes (`/saldo`, `/saldo@LoketBot`, or an alias) and its arguments. */
  findCommand(text: string): { command: BotCommand; args: string } | undefined {
    const slash = /^\/([a-z0-9_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text);
    if (slash) {
      const command = this.commands.get(slash[1].toLowerCase());
      return command ? { command, args: (slash[2] ?? '').trim() } : undefined;
    }
    for (const command of this.commands.values()) {
      if (command.aliases?.some((alias) => alias.test(text))) return { command, args: '' };
    }
    return undefined;
  }

  findPattern(text: string): { pattern: BotPattern; match: RegExpExecArray } | undefined {
    for (const pattern of this.patterns) {
      const match = pattern.pattern.exec(text);
      if (match) return { pattern, match };
    }
    return undefined;
  }

  findAction(data: string): BotAction | undefined {
    return this.actions.get(data.split(':', 1)[0]);
  }

  isCommand(text: string): boolean {
    return /^\/[a-z0-9_]+/i.test(text);
  }

  /** The commands one role may use, in the order they were registered. */
  commandsFor(role: ChatRole): BotCommand[] {
    return [...this.commands.values()].filter((c) => c.roles.includes(role));
  }

  /** The /help text for one role. */
  helpFor(role: ChatRole): string {
    const lines = this.commandsFor(role).map((c) => `/${c.name}${c.usage ? ` ${c.usage}` : ''} - ${c.description}`);
    const shapes = this.patterns.filter((p) => p.roles.includes(role)).map((p) => `${p.usage} - ${p.description}`);
    return ['Perintah yang bisa Anda pakai:', ...lines, ...shapes].join('\n');
  }
}
