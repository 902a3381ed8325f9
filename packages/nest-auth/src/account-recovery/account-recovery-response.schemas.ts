import { z } from 'zod';

/** The one answer of the routes that send mail, whether or not the account exists. */
export const mailQueuedSchema = z.object({
  message: z.string().describe('the same text whether or not a message was sent'),
});
