import type { ValueTransformer } from 'typeorm';

/**
 * Reads `bigint` columns as numbers. PostgreSQL's driver returns int8 as a string (it may exceed
 * 2^53); the values stored here are epoch milliseconds, far below that, so `Number` is exact.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
