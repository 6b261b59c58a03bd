export const USERNAME_PATTERN = /^[a-z0-9_]{3,32}$/;
export const USERNAME_RULE = 'username must be 3 to 32 characters of a-z, 0-9 and _';
/** The start of a username, matched after lower-casing (so the API takes any case). */
export const USERNAME_PREFIX_PATTERN = /^[a-z0-9_]{1,32}$/;
