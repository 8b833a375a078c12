import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's chromium (scripts/ensure-chromium.sh installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('no Chromium: run scripts/ensure-chromium.sh (apt-get install chromium), or set CHROMIUM_PATH');
  return found;
}

/** Headless Chromium with a fresh profile and nothing that reaches out on its own (updates, sync, QUIC). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a file with every request but the file itself refused and recorded:
 * a self-contained page makes none, and `requests` says so.
 */
export async function openFile(browser: Browser, file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const errors: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === url) return void request.continue();
    requests.push(request.url());
    void request.abort();
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, errors };
}
