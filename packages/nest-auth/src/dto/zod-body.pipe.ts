import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parseBody } from './parse-body';

/** `@Body(new ZodBodyPipe(schema))`: a 400 with field-level messages for a bad body. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseBody(this.schema, value);
  }
}
