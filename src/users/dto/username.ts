export const USERNAME_PATTERN = /^[a-z0-9_]{3,32}$/;
export const USERNAME_RULE = 'username must be 3 to 32 characters of a-z, 0-9 and _';
