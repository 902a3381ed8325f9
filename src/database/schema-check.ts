import type { DataSource } from 'typeorm';

/**
 * Deployed environments never migrate at boot; they refuse to run on a schema that is behind,
 * because every request would fail on a missing table or column.
 */
export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  if (await dataSource.showMigrations()) {
    throw new Error(
      'The database schema is behind this release: pending migrations found. ' +
        'Run `npm run migration:run` (or `npm run migration:run:prod` from a build) and start again.',
    );
  }
}
