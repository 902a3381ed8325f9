// Writes docs/reference/configuration.md and .env.example from the settings schema:
// `npm run docs:config`. config-docs/config-docs.spec.ts fails when the committed files differ.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateConfigDocs, REPO_ROOT } from './config-docs/generate';

void generateConfigDocs().then((files) => {
  for (const [path, content] of Object.entries(files)) {
    writeFileSync(join(REPO_ROOT, path), content);
    console.log(`wrote ${path}`);
  }
});
