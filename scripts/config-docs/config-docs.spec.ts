import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingEntry } from '../../packages/nest-auth/src/settings/setting-catalog';
import { settingEntries } from '../../packages/nest-auth/src/settings/setting-catalog';
import { CONFIG_DOC_SECTIONS } from './config-doc-layout';
import { generateConfigDocs, REPO_ROOT } from './generate';
import { groupSettings, renderConfigReference } from './render-reference';
import { renderEnvExample } from './render-env-example';

describe('generated configuration docs', () => {
  it('match the committed docs/reference/configuration.md and .env.example', async () => {
    const files = await generateConfigDocs();
    expect(Object.keys(files).sort()).toEqual(['.env.example', 'docs/reference/configuration.md']);
    for (const [path, content] of Object.entries(files)) {
      const committed = readFileSync(join(REPO_ROOT, path), 'utf8');
      const state =
        committed === content ? 'up to date' : `${path} is stale: run npm run docs:config`;
      expect(state).toBe('up to date');
    }
  });

  it('document every setting of the schema once, with its env name, default and description', () => {
    const entries = settingEntries();
    const page = renderConfigReference(CONFIG_DOC_SECTIONS, { header: '', footer: '' });
    const env = renderEnvExample(CONFIG_DOC_SECTIONS, { header: '', footer: '' });
    expect(entries.length).toBeGreaterThan(60);
    for (const { yamlKey, envName, node } of entries) {
      expect({ yamlKey, described: Boolean(node.description) }).toEqual({
        yamlKey,
        described: true,
      });
      expect(page.split(`| \`${yamlKey}\` | \`${envName}\` |`)).toHaveLength(2);
      expect(env).toMatch(new RegExp(`^(# )?${envName}=`, 'm'));
    }
  });

  it('renders the default, the type and the env line from the schema', () => {
    const page = renderConfigReference(CONFIG_DOC_SECTIONS, { header: '', footer: '' });
    const env = renderEnvExample(CONFIG_DOC_SECTIONS, { header: '', footer: '' });
    expect(page).toContain(
      '| `token.access_ttl_seconds` | `LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS` | integer ≥ 1 | `1800` |',
    );
    expect(page).toContain(
      '| `mfa.challenge_ttl_seconds` | `LEX_AUTH__MFA__CHALLENGE_TTL_SECONDS` | integer 30–3600 | `300` |',
    );
    // Pipes inside a cell are escaped, or the table would gain columns.
    expect(page).toContain('`N/second\\|minute\\|hour\\|day`');
    // The provider keys get their own table, since one JSON variable holds them all.
    expect(page).toContain('### OIDC providers');
    expect(page).toContain('| `client_auth` |');
    expect(env).toMatch(/^LEX_AUTH__MAIL__FROM="Lexigram Auth <no-reply@localhost>"$/m);
    expect(env).toMatch(/^# REDIS_URL=redis:\/\/127\.0\.0\.1:6379$/m);
    // A computed default is described, not written as this machine's value.
    expect(env).toMatch(/^# LEX_AUTH__PASSWORD__MAX_CONCURRENT_HASHES=1$/m);
  });

  it('refuses a setting that no section of the layout takes', () => {
    const stray: SettingEntry = {
      path: ['brandNew'],
      yamlKey: 'brand_new',
      envName: 'LEX_AUTH__BRAND_NEW',
      node: { type: 'string', description: 'New.' },
    };
    expect(() => groupSettings(CONFIG_DOC_SECTIONS, [...settingEntries(), stray])).toThrow(
      'No section of config-doc-layout.ts takes brandNew; add it to one.',
    );
  });
});
