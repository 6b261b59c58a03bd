export const OTP_ACTIONS = ['transfer', 'bill.create', 'bill.pay', 'pulsa.pin'] as const;
export type OtpAction = (typeof OTP_ACTIONS)[number];

/** What a code is bound to: the action and the fields it confirms (recipient, amount, bill code). */
export type OtpPayload = Record<string, string>;

export interface OtpConfirmation {
  challengeId: string;
  code: string;
}

/** A code as the otp_spend SQL function checks it (see OtpService.proof). */
export interface OtpProof {
  challengeId: string;
  payloadHash: string;
  codeHash: string;
}

export type OtpChannel = 'telegram' | 'log' | 'response';

export interface IssuedOtp {
  challengeId: string;
  expiresAt: Date;
  channel: OtpChannel;
  /** Only with OTP_DELIVERY=response and no linked Telegram chat. */
  code?: string;
}

/** Codes to a user's linked chat; the Telegram module provides it. otp_issue queues the message itself. */
export interface OtpChatDelivery {
  /** False while the bot is off: codes then go by OTP_DELIVERY. */
  readonly enabled: boolean;
  /** Told when otp_issue queued a code's message, so it is sent at once. */
  queued(): void;
}

export const OTP_CHAT_DELIVERY = Symbol('OTP_CHAT_DELIVERY');
