import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  EmailAfterTrimming,
  LowerCaseTrimmed,
  NO_CONTROL_CHARACTERS,
  Trimmed,
} from '../../common/validation/transforms';
import { USERNAME_PATTERN, USERNAME_RULE } from '../../users/dto/username';

// class-validator runs a field's checks bottom-up and stops at the first failure, so the type check sits last.
export class SignUpDto {
  /** Lower-cased on the way in. @example "siti_n" */
  @LowerCaseTrimmed()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  @IsString()
  username!: string;

  /** At least 8 characters. @example "rahasia-sekali" */
  @MinLength(8)
  @MaxLength(128)
  @IsString()
  password!: string;

  /** Display name. @example "Siti Nurhaliza" */
  @Trimmed()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  @IsNotEmpty()
  @IsString()
  name!: string;

  /** Spaces around it are ignored; null or absent means none. @example "siti@example.co.id" */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  @LowerCaseTrimmed()
  @IsOptional()
  @EmailAfterTrimming()
  @MaxLength(254)
  email?: string;

  /** Indonesian number in any common form; stored as 628…; null or absent means none. @example "0812-3456-7890" */
  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @MaxLength(20)
  @IsString()
  phone?: string;
}
