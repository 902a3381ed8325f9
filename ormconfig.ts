// The TypeORM CLI's DataSource (`npm run migration:run|revert|show`), configured from DB_*.
export { default } from './src/database/data-source';
