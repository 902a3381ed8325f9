import type { DataSource } from 'typeorm';

/**
 * A real database for one contract suite: its DataSource can be closed and opened again on the
 * same storage, which is how a suite proves state outlives a restart.
 */
export interface TestDatabase {
  /** Opens a DataSource with every entity and migration run. */
  open(): Promise<DataSource>;
  /** Destroys any open DataSource and deletes the storage. */
  dispose(): Promise<void>;
}
