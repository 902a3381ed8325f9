import { z } from 'zod';
import { RECOVERY_CODE_COUNT } from './recovery-codes';

/** `GET /auth/mfa` (`MfaStatus`). */
export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  recoveryCodesLeft: z.number().int().min(0).max(RECOVERY_CODE_COUNT),
});

/** `POST /auth/mfa/totp` (`TotpEnrolment`): as secret as the secret itself. */
export const totpEnrolmentSchema = z.object({
  secret: z.string().describe('base32 (RFC 4648), 160 bits'),
  otpauthUri: z.string().regex(/^otpauth:\/\/totp\//),
  qrCodeDataUrl: z
    .string()
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)
    .describe('otpauthUri as a PNG QR code, for an <img src>'),
});

/** The recovery codes, shown once (`RecoveryCodesView`). */
export const recoveryCodesSchema = z.object({
  recoveryCodes: z
    .array(z.string())
    .length(RECOVERY_CODE_COUNT)
    .describe('single-use, 80 bits each; shown only here, stored hashed'),
});
