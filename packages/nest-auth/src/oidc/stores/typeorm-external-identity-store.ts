import type { DataSource } from 'typeorm';
import type { SqlRow } from '../../sql/run-statement';
import { SqlStore } from '../../sql/sql-store';
import { EXTERNAL_IDENTITIES_TABLE as X } from './external-identity.entity';
import {
  type ExternalIdentity,
  ExternalIdentityStore,
  type LinkOutcome,
} from './external-identity-store';

const STORE_NAME = 'external identity store';
const COLUMNS = 'id, user_id, provider_id, issuer, subject, email, created_at';

// The unique (issuer, subject) index decides a race: the loser inserts nothing.
const INSERT_SQL = `INSERT INTO ${X} (${COLUMNS})
VALUES (:id, :userId, :providerId, :issuer, :subject, :email, :createdAt)
ON CONFLICT (issuer, subject) DO NOTHING RETURNING id`;

function toIdentity(row: SqlRow): ExternalIdentity {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    providerId: String(row.provider_id),
    issuer: String(row.issuer),
    subject: String(row.subject),
    email: typeof row.email === 'string' ? row.email : null,
    createdAt: new Date(Number(row.created_at)),
  };
}

/** External identities in the application's SQL database (SQLite or PostgreSQL). */
export class TypeOrmExternalIdentityStore extends ExternalIdentityStore {
  private readonly sql: SqlStore;

  constructor(dataSource: DataSource) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME);
  }

  /** @inheritdoc */
  async link(i: ExternalIdentity): Promise<LinkOutcome> {
    const rows = await this.sql.run(INSERT_SQL, {
      ...{ id: i.id, userId: i.userId, providerId: i.providerId, issuer: i.issuer },
      ...{ subject: i.subject, email: i.email, createdAt: i.createdAt.getTime() },
    });
    if (rows.length > 0) return { linked: true, identity: { ...i } };
    const existing = await this.findBySubject(i.issuer, i.subject);
    if (!existing) throw new Error('an external identity conflicted, then vanished; retry');
    return { linked: false, existing };
  }

  /** @inheritdoc */
  async findBySubject(issuer: string, subject: string): Promise<ExternalIdentity | null> {
    const [row] = await this.sql.run(
      `SELECT ${COLUMNS} FROM ${X} WHERE issuer = :issuer AND subject = :subject`,
      { issuer, subject },
    );
    return row ? toIdentity(row) : null;
  }

  /** @inheritdoc */
  async listByUser(userId: string): Promise<ExternalIdentity[]> {
    const rows = await this.sql.run(
      `SELECT ${COLUMNS} FROM ${X} WHERE user_id = :userId ORDER BY created_at, id`,
      { userId },
    );
    return rows.map(toIdentity);
  }

  /** @inheritdoc */
  async remove(userId: string, id: string): Promise<boolean> {
    const rows = await this.sql.run(
      `DELETE FROM ${X} WHERE id = :id AND user_id = :userId RETURNING id`,
      { id, userId },
    );
    return rows.length > 0;
  }
}
