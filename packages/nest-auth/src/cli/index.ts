/**
 * The admin CLI (`npx lexigram-auth …`, the package's bin) as an API: run it over a host's
 * module (`runAuthCli`), describe a host to it (`AuthCliHost`), or add a host's doctor checks.
 */
export type { AuthCliHost, HostSetting } from './cli-host';
export { runAuthCli } from './run-auth-cli';
export { runCli, type CliEnvironment } from './run-cli';
export { COMMANDS } from './commands';
export type { CliCommand, CliOption, CommandContext } from './cli-command';
export { CliOutput } from './cli-output';
export { CommandFailedError, UsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-errors';
export { loadCliHost, takeModuleOption, CLI_MODULE_VARIABLE } from './load-cli-host';
export { runConfigChecks, runRuntimeChecks, runServiceChecks } from './doctor/run-doctor';
export { flattenSettings } from './flatten-settings';
export { maskSecrets, maskUrlPassword } from './mask-secrets';
export {
  type DoctorConfigInput,
  type DoctorFinding,
  type DoctorStatus,
  failFromProblems,
  ok,
  problemsOf,
} from './doctor/doctor-check';
