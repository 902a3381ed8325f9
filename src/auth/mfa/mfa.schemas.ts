import { z } from 'zod';

/** A 6-digit TOTP code or a recovery code (dashes and spaces allowed); checked in code. */
const code = z.string().trim().min(6).max(64);

export const mfaCodeSchema = z.strictObject({ code });
export const mfaDisableSchema = z.strictObject({ password: z.string().min(1).max(1024), code });
export const mfaVerifySchema = z.strictObject({ challenge: z.string().min(16).max(128), code });

export type MfaCodeRequest = z.infer<typeof mfaCodeSchema>;
export type MfaDisableRequest = z.infer<typeof mfaDisableSchema>;
export type MfaVerifyRequest = z.infer<typeof mfaVerifySchema>;
