import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Passwords are compared in NFC: an iPhone and an Android keyboard may encode "ố" differently. */
export const hashPassword = (password: string) => hash(password.normalize('NFC'), OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so an unknown username answers no faster than a known one. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('không-có-tài-khoản-này');
  await verifyPassword(await dummy, password);
  return false;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
