/** Why a cell cannot be read: the reason shown to the user (the caller adds file, row and column). */
export class ValueError {
  constructor(public readonly reason: string) {}
}
