import type { SettingEntry } from '../../packages/nest-auth/src/settings/setting-catalog';
import { settingEntries } from '../../packages/nest-auth/src/settings/setting-catalog';
import { yamlKeyOf } from '../../packages/nest-auth/src/settings/setting-names';
import type { ConfigDocSection } from './config-doc-layout';
import { defaultOf, typeOf } from './describe-setting';

/** Each section with the settings it takes, in schema order. */
export function groupSettings(
  sections: readonly ConfigDocSection[],
  entries: SettingEntry[],
): [ConfigDocSection, SettingEntry[]][] {
  const taken = (section: ConfigDocSection, entry: SettingEntry) =>
    section.paths.some((path) => entry.path.join('.') === path || entry.path[0] === path);
  const unplaced = entries.filter((entry) => !sections.some((s) => taken(s, entry)));
  if (unplaced.length > 0) {
    const names = unplaced.map((e) => e.path.join('.')).join(', ');
    throw new Error(`No section of config-doc-layout.ts takes ${names}; add it to one.`);
  }
  return sections.map((section) => [section, entries.filter((entry) => taken(section, entry))]);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const code = (text: string): string => `\`${text}\``;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function settingsTable(entries: SettingEntry[]): string {
  return table(
    ['YAML (`auth.…`)', 'env', 'type', 'default', 'description'],
    entries.map(({ yamlKey, envName, node }) => [
      code(yamlKey),
      code(envName),
      typeOf(node),
      defaultOf(node),
      node.description ?? '',
    ]),
  );
}

/** A list of objects (`oidc.providers`): the keys of each item, in their own table. */
function itemTable(entry: SettingEntry): string | undefined {
  const items = entry.node.items;
  if (!items?.properties) return undefined;
  const keys = settingEntries(items);
  const title = entry.node.itemTitle ?? `Items of ${entry.yamlKey}`;
  const rows = keys.map(({ path, node }) => [
    code(yamlKeyOf(path).replace(/^auth\./, '')),
    typeOf(node),
    defaultOf(node),
    node.description ?? '',
  ]);
  const intro = `Each item of ${code(entry.yamlKey)} (env ${code(entry.envName)}: a JSON array of them, keys in snake_case).`;
  return [`### ${title}`, intro, table(['key', 'type', 'default', 'description'], rows)].join(
    '\n\n',
  );
}

/** The page: the header template, a table per section, the footer template. */
export function renderConfigReference(
  sections: readonly ConfigDocSection[],
  templates: { header: string; footer: string },
  entries: SettingEntry[] = settingEntries(),
): string {
  const body = groupSettings(sections, entries).map(([section, settings]) =>
    [
      `## ${section.title}`,
      ...(section.intro ? [section.intro] : []),
      settingsTable(settings),
      ...settings.map(itemTable).filter((t): t is string => t !== undefined),
    ].join('\n\n'),
  );
  return [templates.header.trimEnd(), ...body, templates.footer.trim()].join('\n\n') + '\n';
}
