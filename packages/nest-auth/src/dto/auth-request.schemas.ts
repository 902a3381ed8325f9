import { z } from 'zod';
import { normalizeIdentifier } from '../common/normalize-identifier';

// Generous caps: the policy decides what a good password is; these only keep junk out.
const email = z.string().trim().min(3).max(320);
const password = z.string().min(1).max(1024);
const jwt = z.string().min(1).max(8192);

// Normalised before the format check, so " Alice@Example.COM " registers as alice@example.com.
const newEmail = z.string().max(1024).transform(normalizeIdentifier).pipe(z.email().max(320));

export const registerSchema = z.strictObject({ email: newEmail, password });
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
