import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators';
import { UserProfileResponse } from './dto/user.response';
import { User } from './entities/user.entity';

@ApiTags('users')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  /** The signed-in user's own profile. */
  @Get()
  me(@CurrentUser() user: User): UserProfileResponse {
    return UserProfileResponse.of(user);
  }
}
