import type { DataSource } from 'typeorm';
import { AuthConfigurationError } from '../settings/auth-configuration.error';

/** The part of the module options a store kept in the database reads. */
export interface DataSourceOption {
  dataSource?: DataSource;
}

/**
 * The host's DataSource, for a store kept in the database.
 * @param needs what needs it, for the message (default: the `database` store)
 */
export function requireDataSource(
  options: DataSourceOption,
  needs = 'store "database"',
): DataSource {
  if (options.dataSource) return options.dataSource;
  throw new AuthConfigurationError([
    {
      variable: 'LEX_AUTH__STORE',
      message:
        `${needs} needs a TypeORM DataSource: return \`dataSource\` from the AuthModule options ` +
        '(with AUTH_ENTITIES and AUTH_MIGRATIONS registered on it), or set LEX_AUTH__STORE=memory.',
    },
  ]);
}
