import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../../common/clock';
import type { SqlRow } from '../../sql/run-statement';
import { SqlStore } from '../../sql/sql-store';
import { OIDC_LOGIN_STATES_TABLE as T } from './oidc-login-state.entity';
import {
  type OidcLoginStateKind,
  type OidcLoginStateRecord,
  OidcLoginStateStore,
} from './oidc-login-state-store';

const STORE_NAME = 'OIDC login state store';

const INSERT_SQL = `
INSERT INTO ${T} (key_hash, kind, provider_id, user_id, data, expires_at, used_at, created_at)
VALUES (:hash, :kind, :providerId, :userId, :data, :expiresAt, NULL, :now)`;

// Single use: the row changes only while used_at is null; the database serialises writers on it.
const CONSUME_SQL = `
UPDATE ${T} SET used_at = :now
WHERE key_hash = :hash AND kind = :kind AND used_at IS NULL AND expires_at > :now
RETURNING kind, provider_id, user_id, data, expires_at`;

/** Sign-in records in the application's SQL database: shared by every instance. */
export class TypeOrmOidcLoginStateStore
  extends OidcLoginStateStore
  implements OnApplicationShutdown
{
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired());
  }

  /** @inheritdoc */
  async purgeExpired(): Promise<void> {
    await this.sql.deleteInBatches(T, 'key_hash', 'expires_at <= :now OR used_at IS NOT NULL', {
      now: this.clock(),
    });
  }

  onApplicationShutdown(): void {
    this.sql.stop();
  }

  protected async insertHash(
    hash: string,
    record: Omit<OidcLoginStateRecord, 'expiresAt'>,
    ttlMs: number,
  ): Promise<void> {
    const now = this.clock();
    await this.sql.run(INSERT_SQL, {
      ...{ hash, kind: record.kind, providerId: record.providerId, userId: record.userId },
      ...{ data: JSON.stringify(record.data), expiresAt: now + ttlMs, now },
    });
  }

  protected async consumeHash(
    hash: string,
    kind: OidcLoginStateKind,
  ): Promise<OidcLoginStateRecord | null> {
    const [row] = await this.sql.run(CONSUME_SQL, { hash, kind, now: this.clock() });
    return row ? toRecord(row) : null;
  }
}

function toRecord(row: SqlRow): OidcLoginStateRecord {
  return {
    kind: String(row.kind) as OidcLoginStateKind,
    providerId: String(row.provider_id),
    userId: typeof row.user_id === 'string' ? row.user_id : null,
    data: JSON.parse(String(row.data)) as Record<string, string>,
    expiresAt: new Date(Number(row.expires_at)),
  };
}
