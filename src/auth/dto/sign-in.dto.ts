import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LowerCaseTrimmed } from '../../common/validation/transforms';

export class SignInDto {
  /** @example "siti_n" */
  @LowerCaseTrimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  username!: string;

  /** @example "rahasia-sekali" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;
}
