import type { DataSource } from 'typeorm';

/** The database schema is older than the code; retrying the connection cannot fix it. */
export class SchemaBehindError extends Error {
  constructor() {
    super(
      'The database schema is behind this release: pending migrations found. ' +
        'Run `npm run migration:run` (or `npm run migration:run:prod` from a build) and start again.',
    );
    this.name = 'SchemaBehindError';
  }
}

/**
 * Deployed environments never migrate at boot; they refuse to run on a schema that is behind,
 * because every request would fail on a missing table or column.
 * @throws SchemaBehindError
 */
export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  if (await dataSource.showMigrations()) {
    await dataSource.destroy();
    throw new SchemaBehindError();
  }
}
