import { docsEnabled } from './setup-swagger';

describe('docsEnabled', () => {
  it('serves the docs outside production by default', () => {
    for (const environment of ['development', 'test', 'staging'])
      expect(docsEnabled(environment, undefined)).toBe(true);
  });

  it('hides them in production unless DOCS_ENABLED=true', () => {
    expect(docsEnabled('production', undefined)).toBe(false);
    expect(docsEnabled('production', 'true')).toBe(true);
  });

  it('lets DOCS_ENABLED=false turn them off anywhere', () => {
    expect(docsEnabled('development', 'false')).toBe(false);
  });
});
