import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LowerCaseTrimmed, Trimmed } from '../../common/validation/transforms';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../users/dto/username';

export class SignUpDto {
  /** Lower-cased on the way in. @example "siti_n" */
  @LowerCaseTrimmed()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  /** At least 8 characters. @example "rahasia-sekali" */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password!: string;

  /** Display name. @example "Siti Nurhaliza" */
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  /** @example "siti@example.co.id" */
  @LowerCaseTrimmed()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** Indonesian number in any common form; stored as 628… @example "0812-3456-7890" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}
