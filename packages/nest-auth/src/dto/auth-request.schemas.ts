import { z } from 'zod';
import { normalizedEmail } from '../common/normalized-email.schema';

// Generous caps: the policy decides what a good password is; these only keep junk out.
const email = z.string().trim().min(3).max(320);
const password = z.string().min(1).max(1024);
const jwt = z.string().min(1).max(8192);

export const registerSchema = z.strictObject({ email: normalizedEmail(), password });
export const loginSchema = z.strictObject({ email, password });
export const refreshSchema = z.strictObject({ refresh_token: jwt });
export const logoutSchema = z.strictObject({ refresh_token: jwt.optional() });
export const changePasswordSchema = z.strictObject({
  currentPassword: password,
  newPassword: password,
});

export type RegisterRequest = z.infer<typeof registerSchema>;
export type LoginRequest = z.infer<typeof loginSchema>;
export type RefreshRequest = z.infer<typeof refreshSchema>;
export type LogoutRequest = z.infer<typeof logoutSchema>;
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
