import type { ValueTransformer } from 'typeorm';

/**
 * Stores a `Date` as epoch milliseconds in a `bigint` column. No SQL timestamp type maps the same
 * way on SQLite and PostgreSQL through TypeORM (`datetime` does not exist on PostgreSQL,
 * `timestamptz` not on SQLite, and `timestamp` without zone depends on the process's time zone),
 * so the instant is stored as a number: exact, zone-free and identical on both.
 */
export const epochMsDateTransformer: ValueTransformer = {
  to: (value: unknown) => (value instanceof Date ? value.getTime() : value),
  // PostgreSQL returns int8 as a string.
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};
