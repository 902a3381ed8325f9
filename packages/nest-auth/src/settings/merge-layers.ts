import type { SettingSource } from './auth-config';
import type { Layer } from './config-layers';

const isPlainObject = (v: unknown): v is Layer =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Deep-merges layers, later ones winning, and records which layer set each leaf. `undefined`
 * leaves nothing; `null` is a value (it clears a setting such as `required_audience`).
 *
 * Every object it builds has a null prototype and only own keys are read, so even a layer
 * holding an own `__proto__` key (as JSON.parse and YAML make them) cannot reach
 * `Object.prototype`; the layers refuse such keys before they get here (forbidden-keys.ts).
 */
export function mergeLayers(layers: [SettingSource, Layer][]): {
  merged: Layer;
  sources: Record<string, SettingSource>;
} {
  const merged: Layer = Object.create(null) as Layer;
  const sources = Object.create(null) as Record<string, SettingSource>;
  const visit = (target: Layer, layer: Layer, source: SettingSource, prefix: string): void => {
    for (const key of Object.keys(layer)) {
      const value = layer[key];
      if (value === undefined) continue;
      const path = prefix + key;
      if (isPlainObject(value)) {
        const current = Object.hasOwn(target, key) ? target[key] : undefined;
        if (!isPlainObject(current)) target[key] = Object.create(null) as Layer;
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
