export class LinkInvitationResponse {
  /** One use, valid 15 minutes. */
  code!: string;
  /** Open it in Telegram, or send `/start <code>` to the bot. @example "https://t.me/LoketBot?start=Zm9vYmFy" */
  deepLink!: string;
  expiresAt!: Date;
}
