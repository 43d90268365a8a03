import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `nest build` puts each app's entry point (tsc keeps the source tree under dist/apps/<app>). */
export function appEntryPoint(app) {
  return join(PROJECT_ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
}
