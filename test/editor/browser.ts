/**
 * Chromium for the editor suite: Debian's `chromium` package driven by playwright-core (no browser download),
 * found (or installed with apt-get, as root on CI) by scripts/chromium.js.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { ensureChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../e2e/n8n';
import { OWNER } from './stack';

const MINUTE = 60_000;

// n8n marks its elements with data-test-id (not Playwright's default data-testid).
selectors.setTestIdAttribute('data-test-id');

export async function launchChromium(): Promise<Browser> {
	return await chromium.launch({
		executablePath: await ensureChromium(),
		headless: true,
		// As root (CI) Chromium refuses to start with its sandbox; /dev/shm is small in containers.
		args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--font-render-hinting=none'],
		timeout: 2 * MINUTE,
	});
}

export type Theme = 'light' | 'dark';

/**
 * A browser context logged in as the owner, on the editor's address. n8n follows the system colour scheme unless
 * the user picked a theme, so `theme` is passed as the context's colour scheme.
 */
export async function loggedInContext(
	browser: Browser,
	baseUrl: string,
	theme: Theme = 'light',
): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL: baseUrl,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
		colorScheme: theme,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	context.setDefaultTimeout(30_000);
	context.setDefaultNavigationTimeout(60_000);
	// The editor reads its theme from local storage first; pin it so a screenshot does not depend on the system
	// (unless a theme was picked since: a step may pick another one and load the editor again).
	await context.addInitScript((value: string) => {
		const { localStorage } = globalThis as unknown as {
			localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
		};
		if (localStorage.getItem('N8N_THEME') === null) localStorage.setItem('N8N_THEME', value);
	}, theme);
	const response = await context.request.post('rest/login', {
		data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
	});
	if (!response.ok()) throw new Error(`login refused: ${response.status()} ${await response.text()}`);
	return context;
}

/** Where a failing step's screenshot goes (git-ignored). */
export const FAILURES_DIR = join(REPO_ROOT, '.tmp', 'editor-failures');

/** Saves a full-window screenshot of `page` for a failed step; returns its path (or why there is none). */
export async function screenshotFailure(page: Page | undefined, name: string): Promise<string> {
	if (!page || page.isClosed()) return '(no page to take a screenshot of)';
	mkdirSync(FAILURES_DIR, { recursive: true });
	const file = join(FAILURES_DIR, `${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`);
	try {
		await page.screenshot({ path: file, timeout: 15_000 });
		return file;
	} catch (error) {
		return `(screenshot failed: ${(error as Error).message})`;
	}
}
