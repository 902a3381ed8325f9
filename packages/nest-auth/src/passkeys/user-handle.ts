/**
 * The WebAuthn user handle of a user: the bytes of our user id. It is no secret, and no personal
 * data (WebAuthn §14.6.1); an assertion's `userHandle` names the account the passkey was made for.
 */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, 'utf8'));
}

/** The user id inside an assertion's base64url `userHandle`. */
export function userIdOfHandle(userHandle: string): string {
  return Buffer.from(userHandle, 'base64url').toString('utf8');
}
