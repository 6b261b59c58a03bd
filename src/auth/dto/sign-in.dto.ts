import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LowerCaseTrimmed } from '../../common/validation/transforms';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.
export class SignInDto {
  /** @example "siti_n" */
  @LowerCaseTrimmed()
  @MaxLength(32)
  @IsNotEmpty()
  @IsString()
  username!: string;

  /** @example "rahasia-sekali" */
  @MaxLength(128)
  @IsNotEmpty()
  @IsString()
  password!: string;
}
