/** What a stored hash string says about how it was made; never the hash itself. */
export interface HashInfo {
  /** `bcrypt` (with its variant), `argon2id`, or `unknown`. */
  algorithm: string;
  /** `cost=12` for bcrypt, `m=19456,t=2,p=1` for argon2. */
  parameters: string;
}

/** Reads the algorithm and cost from a PHC / modular-crypt hash string. */
export function describeHash(hash: string): HashInfo {
  const bcrypt = /^\$(2[abxy])\$(\d{2})\$/.exec(hash);
  if (bcrypt)
    return { algorithm: `bcrypt (${bcrypt[1]})`, parameters: `cost=${Number(bcrypt[2])}` };
  const argon = /^\$(argon2(?:id|i|d))\$(?:v=\d+\$)?([^$]+)\$/.exec(hash);
  if (argon) return { algorithm: argon[1], parameters: argon[2] };
  return { algorithm: 'unknown', parameters: '' };
}
