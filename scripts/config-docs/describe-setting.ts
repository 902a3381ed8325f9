import type { JsonSchemaNode } from '../../packages/nest-auth/src/settings/setting-catalog';

/** The type of a setting in words: `integer 1–1000`, `` `HS256`, `RS256` ``, `list of text`. */
export function typeOf(node: JsonSchemaNode): string {
  if (node.typeText) return node.typeText;
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (node.anyOf) {
    return node.anyOf
      .filter((option) => option.type !== 'null')
      .map(typeOf)
      .join(' or ');
  }
  const type = [node.type ?? []].flat().find((t) => t !== 'null');
  switch (type) {
    case 'integer':
      return node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER
        ? `integer ${node.minimum ?? 0}–${node.maximum}`
        : `integer ≥ ${node.minimum ?? 0}`;
    case 'boolean':
      return 'boolean';
    case 'string':
      if (node.format === 'uri') return 'URL';
      if (node.format === 'date-time') return 'ISO 8601 date-time';
      return 'text';
    case 'array':
      return `list of ${node.items ? typeOf(node.items) : 'values'}`;
    case 'object':
      return 'mapping';
    default:
      return 'any';
  }
}

/** The default in words: the schema's `defaultText`, else its value; `required` when it has none. */
export function defaultOf(node: JsonSchemaNode): string {
  if (node.defaultText) return node.defaultText;
  if (!('default' in node)) return 'required';
  if (node.default === null) return 'unset';
  return `\`${typeof node.default === 'string' ? node.default : JSON.stringify(node.default)}\``;
}

/** A value as an env var holds it: lists comma-separated, text with spaces quoted. */
export function envValueOf(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return /[\s"'#<>]/.test(text) ? JSON.stringify(text) : text;
}

/** The default as an env line's value, or undefined when it is unset, empty or computed. */
export function envDefaultOf(node: JsonSchemaNode): string | undefined {
  if (node.defaultText || !('default' in node)) return undefined;
  const value = node.default;
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
    return undefined;
  return envValueOf(value);
}
