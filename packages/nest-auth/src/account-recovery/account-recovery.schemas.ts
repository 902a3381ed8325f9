import { z } from 'zod';
import { normalizedEmail } from '../common/normalized-email.schema';

// Normalised as at registration, so the lookup finds the account whatever the case or spacing.
const email = normalizedEmail();
// Loose on purpose: a token of the wrong shape is answered like an unknown one (400
// InvalidOneTimeTokenError), not with a validation message that tells the two apart.
const token = z.string().min(1).max(512);
const password = z.string().min(1).max(1024);

export const forgotPasswordSchema = z.strictObject({ email });
export const resetPasswordSchema = z.strictObject({ token, newPassword: password });
export const verifyEmailSchema = z.strictObject({ token });
export const resendVerificationSchema = z.strictObject({ email });

export type ForgotPasswordRequest = z.infer<typeof forgotPasswordSchema>;
export type ResetPasswordRequest = z.infer<typeof resetPasswordSchema>;
export type VerifyEmailRequest = z.infer<typeof verifyEmailSchema>;
export type ResendVerificationRequest = z.infer<typeof resendVerificationSchema>;
