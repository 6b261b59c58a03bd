import { IsUUID, Matches } from 'class-validator';

/** The answer to a challenge from POST /api/otp. */
export class OtpConfirmationDto {
  /** @example "0b9f8f3e-3c1e-4c39-9a55-6f1f5d2b7a10" */
  @IsUUID()
  challengeId!: string;

  /** Six digits. @example "042917" */
  @Matches(/^\d{6}$/, { message: 'otp.code must be six digits' })
  code!: string;
}
