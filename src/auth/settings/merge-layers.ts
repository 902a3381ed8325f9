import type { SettingSource } from './auth-config';
import type { Layer } from './config-layers';

const isPlainObject = (v: unknown): v is Layer =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Deep-merges layers, later ones winning, and records which layer set each leaf. `undefined`
 * leaves nothing; `null` is a value (it clears a setting such as `required_audience`).
 */
export function mergeLayers(layers: [SettingSource, Layer][]): {
  merged: Layer;
  sources: Record<string, SettingSource>;
} {
  const merged: Layer = {};
  const sources: Record<string, SettingSource> = {};
  const visit = (target: Layer, layer: Layer, source: SettingSource, prefix: string): void => {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const path = prefix + key;
      if (isPlainObject(value)) {
        if (!isPlainObject(target[key])) target[key] = {};
        visit(target[key] as Layer, value, source, `${path}.`);
      } else {
        target[key] = value;
        sources[path] = source;
      }
    }
  };
  for (const [source, layer] of layers) visit(merged, layer, source, '');
  return { merged, sources };
}
