import { z } from 'zod';

/** A 6-digit TOTP code or a recovery code (dashes and spaces allowed); checked in code. */
const code = z.string().trim().min(6).max(64);
/**
 * Turning TOTP on or off changes what guards the account, so the password is asked again
 * (ASVS 3.7.1): a stolen access token alone can neither lock the owner out behind a second factor
 * of its own nor strip the account of one.
 */
const passwordAndCode = z.strictObject({ password: z.string().min(1).max(1024), code });

export const mfaCodeSchema = z.strictObject({ code });
export const mfaConfirmSchema = passwordAndCode;
export const mfaDisableSchema = passwordAndCode;
export const mfaVerifySchema = z.strictObject({ challenge: z.string().min(16).max(128), code });

export type MfaCodeRequest = z.infer<typeof mfaCodeSchema>;
export type MfaConfirmRequest = z.infer<typeof mfaConfirmSchema>;
export type MfaDisableRequest = z.infer<typeof mfaDisableSchema>;
export type MfaVerifyRequest = z.infer<typeof mfaVerifySchema>;
