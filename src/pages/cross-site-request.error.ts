import { HttpStatus } from '@nestjs/common';
import { AuthError } from '@lexigram/nest-auth';

/** A cookie-carrying POST to the pages' session routes that did not come from the pages. */
export class CrossSiteRequestError extends AuthError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor(detail: string) {
    super(`Refused as a possible cross-site request: ${detail}`);
  }
}
