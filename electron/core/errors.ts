// Errors the core throws on purpose about what a user asked for or gave it. The API answers them
// with 400 and their message; the CLI prints the message. Anything else that escapes is a bug:
// a 500 without internals, logged.

/** A request or an input the core refuses, with a sentence the user can act on. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid_input',
  ) {
    super(message);
    this.name = new.target.name;
  }
}
