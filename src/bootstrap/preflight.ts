import type { ConfigProblem } from '@lexigram/nest-auth';
import { checkConfiguration } from '../config/check-configuration';
import { loadAppConfig } from '../config/load-app-config';
import { databaseReachabilityProblems } from '../database/database-reachability';

type Env = Record<string, string | undefined>;

/**
 * The boot's first phase, before Nest opens any connection: every configuration problem (token
 * keys included), then whether the database answers. A boot refused for its configuration
 * probes the database once, so both are reported together without waiting out the retries.
 */
export async function preflightProblems(env: Env): Promise<ConfigProblem[]> {
  const problems = checkConfiguration(env);
  const { config } = loadAppConfig(env);
  if (!config) return problems;
  const retries = problems.length > 0 ? 0 : undefined;
  return [...problems, ...(await databaseReachabilityProblems(config.database, retries))];
}

/** Prints the refusal, one line per problem and no stack, and ends the process with exit 1. */
export function refuseToStart(problems: readonly ConfigProblem[]): never {
  console.error(`Refusing to start: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p.variable}: ${p.message}`);
  process.exit(1);
}
