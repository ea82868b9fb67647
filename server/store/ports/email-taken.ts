/**
 * `UserPort.insert` of an email that already has an account (emails are unique whatever their
 * case). Services check first; this is what the loser of a race between two processes gets,
 * and the HTTP layer answers it with a 409 like the check would.
 */
export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`${email} already has an account`);
    this.name = 'EmailTakenError';
  }
}
