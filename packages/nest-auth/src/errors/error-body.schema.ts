import { z } from 'zod';

/** Every error answer of the module, as `ErrorBody` describes it; never a stack trace. */
export const errorBodySchema = z
  .object({
    statusCode: z.number().int().min(400).max(599),
    error: z.string().describe("the error's name, e.g. InvalidCredentialsError"),
    message: z.string().describe('what happened and what to do'),
    retryAfter: z.number().int().min(0).optional().describe('seconds; with 423, 429 and 503'),
    violations: z
      .array(z.object({ rule: z.string(), message: z.string() }))
      .optional()
      .describe('with PasswordPolicyError (422): every broken password rule'),
    mfaChallenge: z
      .string()
      .optional()
      .describe('with MfaRequiredError: send it to POST /auth/mfa/verify; single-use, short-lived'),
    methods: z
      .array(z.enum(['totp', 'passkey']))
      .optional()
      .describe('with MfaRequiredError: the second factors the user can answer with'),
  })
  .describe('Every error answer; never a stack trace.');
