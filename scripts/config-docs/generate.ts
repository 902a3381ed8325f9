import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as markdown from 'prettier/plugins/markdown';
import * as yaml from 'prettier/plugins/yaml';
import { format } from 'prettier/standalone';
import { CONFIG_DOC_SECTIONS } from './config-doc-layout';
import { renderEnvExample } from './render-env-example';
import { renderConfigReference } from './render-reference';

export const REPO_ROOT = join(__dirname, '..', '..');

// The standalone build with its plugins given: prettier's main entry loads them by dynamic
// import, which jest's module loader refuses.
const prettierOptions = {
  ...(JSON.parse(readFileSync(join(REPO_ROOT, '.prettierrc'), 'utf8')) as Record<string, unknown>),
  parser: 'markdown',
  plugins: [markdown, yaml],
};

const template = (name: string): string => readFileSync(join(__dirname, 'templates', name), 'utf8');

/** Every generated file, by its path from the repository root, with its content. */
export async function generateConfigDocs(): Promise<Record<string, string>> {
  const page = renderConfigReference(CONFIG_DOC_SECTIONS, {
    header: template('configuration.header.md'),
    footer: template('configuration.footer.md'),
  });
  const env = renderEnvExample(CONFIG_DOC_SECTIONS, {
    header: template('env.header'),
    footer: template('env.footer'),
  });
  return {
    // Formatted as `prettier --write` would, so formatting the docs never makes them stale.
    'docs/reference/configuration.md': await format(page, prettierOptions),
    '.env.example': env,
  };
}
