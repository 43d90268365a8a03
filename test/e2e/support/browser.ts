import { Browser, chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

/**
 * Debian's Chromium, headless, driven by playwright-core (which downloads no
 * browser); `npm test` installs it. The flags keep Chromium off a network
 * this machine does not have.
 */
export function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What specs read of a page's element inside `evaluateAll`: the project compiles without the DOM's types. */
export interface PageElement {
  getAttribute(name: string): string | null;
}
