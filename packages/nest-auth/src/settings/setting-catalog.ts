import { z } from 'zod';
import { authSettingsSchema } from './auth-settings.schema';
import { envNameOf, yamlKeyOf } from './setting-names';

/** What the schema says of a setting beside zod's `description`. */
export interface SettingMeta {
  /** The default in words, where the value is computed or means something else when unset. */
  defaultText?: string;
  /** A value for `.env.example` where the default is unset or computed. */
  example?: string;
  /** The type in words, where the JSON Schema's would not read well. */
  typeText?: string;
  /** For a list of objects: the title of the table of their keys. */
  itemTitle?: string;
}

/** A JSON Schema node as `z.toJSONSchema` writes it, with the schema's metadata. */
export interface JsonSchemaNode extends SettingMeta {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  minimum?: number;
  maximum?: number;
  format?: string;
}

/** One setting: its path (camelCase, as in code), its names in YAML and env, and its schema. */
export interface SettingEntry {
  path: string[];
  /** Below `auth:` (`token.access_ttl_seconds`). */
  yamlKey: string;
  envName: string;
  node: JsonSchemaNode;
}

let inputSchema: JsonSchemaNode | undefined;

/** The schema as JSON Schema of what it accepts, so defaults are in the form YAML and env write. */
export function settingsJsonSchema(): JsonSchemaNode {
  // `any` for what JSON Schema cannot say (the transforms); the input side has none of note.
  inputSchema ??= z.toJSONSchema(authSettingsSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  return inputSchema;
}

/** A node is a section when it lists its keys (a record such as `roles` is a setting). */
const isSection = (node: JsonSchemaNode): boolean => node.properties !== undefined;

/** Every setting of `node` below `prefix`, in schema order. */
export function settingEntries(
  node: JsonSchemaNode = settingsJsonSchema(),
  prefix: string[] = [],
): SettingEntry[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = [...prefix, key];
    if (isSection(child)) return settingEntries(child, path);
    return [
      {
        path,
        yamlKey: yamlKeyOf(path).replace(/^auth\./, ''),
        envName: envNameOf(path),
        node: child,
      },
    ];
  });
}

/** The schema's defaults as one nested object: the lowest layer of the configuration. */
export function schemaDefaults(): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const { path, node } of settingEntries()) {
    if (!('default' in node)) continue;
    let target = defaults;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = structuredClone(node.default);
  }
  return defaults;
}
