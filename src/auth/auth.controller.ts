import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../common/auth/auth.decorators';
import { PublicUserResponse } from '../users/dto/user.response';
import { AuthService } from './auth.service';
import { SignInDto } from './dto/sign-in.dto';
import { SignInResponse } from './dto/sign-in.response';
import { SignUpDto } from './dto/sign-up.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { CommonErrors } from '../common/openapi/common-errors';
import { EmailTakenError, InvalidPhoneError, UsernameTakenError } from '../users/users.errors';
import { InvalidCredentialsError } from './auth.errors';

@ApiTags('auth')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates a customer account. */
  @SkipThrottle({ signin: true })
  @ApiErrors(CommonErrors.tooManyRequests, UsernameTakenError, EmailTakenError, InvalidPhoneError)
  @Post('signup')
  async signUp(@Body() body: SignUpDto): Promise<PublicUserResponse> {
    return PublicUserResponse.of(await this.auth.signUp(body));
  }

  /** Exchanges a username and password for a Bearer access token. */
  @SkipThrottle({ signup: true })
  @HttpCode(200)
  @ApiErrors(CommonErrors.tooManyRequests, InvalidCredentialsError)
  @Post('signin')
  async signIn(@Body() body: SignInDto): Promise<SignInResponse> {
    return SignInResponse.of(await this.auth.signIn(body.username, body.password));
  }
}
