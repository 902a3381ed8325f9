import type { SettingEntry } from '../../packages/nest-auth/src/settings/setting-catalog';
import { settingEntries } from '../../packages/nest-auth/src/settings/setting-catalog';
import type { ConfigDocSection } from './config-doc-layout';
import { envDefaultOf } from './describe-setting';
import { groupSettings } from './render-reference';

const WIDTH = 100;

/** Markdown to comment text: links keep their words. */
const plain = (markdown: string): string => markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');

function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of plain(text).split(/\s+/).filter(Boolean)) {
    if (line.length + 1 + word.length > WIDTH && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  if (line !== '#') lines.push(line);
  return lines;
}

function variable({ envName, node }: SettingEntry): string[] {
  const lines = comment(node.description ?? '');
  if (node.defaultText) lines.push(...comment(`Default: ${node.defaultText}.`));
  const value = envDefaultOf(node);
  lines.push(value === undefined ? `# ${envName}=${node.example ?? ''}` : `${envName}=${value}`);
  return lines;
}

const banner = (title: string): string => `# --- ${title} `.padEnd(WIDTH - 8, '-');

/** `.env.example`: the header template, every module variable by section, the host's footer. */
export function renderEnvExample(
  sections: readonly ConfigDocSection[],
  templates: { header: string; footer: string },
  entries: SettingEntry[] = settingEntries(),
): string {
  const body = groupSettings(sections, entries).map(([section, settings]) =>
    [banner(section.title), ...settings.flatMap(variable)].join('\n'),
  );
  return [templates.header.trimEnd(), ...body, templates.footer.trim()].join('\n\n') + '\n';
}
