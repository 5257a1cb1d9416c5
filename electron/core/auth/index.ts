export * from './errors.js';
export { hashPassword, verifyPassword } from './password.js';
export * from './users.js';
export * from './demo.js';
export * from './session.js';
export * from './permission.js';
export * from './throttle.js';
