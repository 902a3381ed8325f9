import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfigurationError } from '../config/app-configuration.error';
import { loadAppConfig } from '../config/load-app-config';
import { dataSourceOptions } from './data-source-options';

/** The DataSource the TypeORM CLI runs migrations with (`npm run migration:run`), from DB_*. */
function createCliDataSource(): DataSource {
  const { config, problems } = loadAppConfig(process.env);
  if (!config || problems.length > 0) throw new AppConfigurationError(problems);
  return new DataSource({ ...dataSourceOptions(config), migrationsRun: false });
}

export default createCliDataSource();
