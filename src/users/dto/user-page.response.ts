import { UserProfileResponse } from './user.response';

export class UserPageResponse {
  items!: UserProfileResponse[];
  total!: number;
  limit!: number;
  offset!: number;
}
