// The password policy, checked in the core for every password the console stores: first-run
// setup, a user created by an administrator, a reset, a change. Messages are zh-CN then English,
// shown to the user verbatim.
import type { Db } from '../db/connection.js';
import { BadRequestError } from './errors.js';
import { DEMO_USERS, isDemo } from './demo.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

/** The demo accounts' passwords are printed on the login page of the demo bank: allowed there,
 *  and only there. (Read when checking, not at load: demo.ts and this module import each other
 *  through users.ts.) */
const isDemoPassword = (pw: string) => DEMO_USERS.some((d) => d.password === pw);

/** Throws BadRequestError (code `weak_password`) naming the rule the password breaks. */
export function checkPassword(db: Db, username: string, password: string): void {
  const pw = password.normalize('NFC');
  if (isDemoPassword(pw)) {
    if (isDemo(db)) return;
    throw weak('不能使用演示密码，请另设一个密码。 (A demo password cannot be used here; choose another one.)');
  }
  if ([...pw].length < PASSWORD_MIN_LENGTH) {
    throw weak(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。 (The password must have at least ${PASSWORD_MIN_LENGTH} characters.)`);
  }
  if (pw.length > PASSWORD_MAX_LENGTH) {
    throw weak(`密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。 (The password is too long.)`);
  }
  const name = username.normalize('NFC').toLowerCase();
  const lower = pw.toLowerCase();
  // A user name of one or two characters is inside too many good passwords to forbid it there.
  if (lower === name || (name.length >= 3 && lower.includes(name))) {
    throw weak('密码不能是用户名，也不能包含用户名。 (The password must not be or contain the user name.)');
  }
}

function weak(message: string): BadRequestError {
  return new BadRequestError(message, 'weak_password');
}
