/**
 * Chromium for the editor suite: Debian's `chromium` package driven by playwright-core (no browser download).
 *
 * `findChromium()` looks at CHROMIUM_PATH, then the usual Debian paths; when none is there and we are root on a
 * Debian-like machine (CI), `ensureChromium()` installs the package with apt-get first.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT, runOrThrow } from '../e2e/n8n';
import { OWNER } from './stack';

const MINUTE = 60_000;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

// n8n marks its elements with data-test-id (not Playwright's default data-testid).
selectors.setTestIdAttribute('data-test-id');

export function findChromium(): string | undefined {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
	return CANDIDATES.find((path) => existsSync(path));
}

/** The Chromium binary; installs Debian's package when it is missing and we may (root, apt-get present). */
export async function ensureChromium(): Promise<string> {
	const found = findChromium();
	if (found) return found;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error(
			'Chromium is not installed: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary)',
		);
	}
	process.stdout.write('Installing Chromium (apt-get install -y chromium)…\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runOrThrow('apt-get', ['update'], { env, timeoutMs: 10 * MINUTE });
	await runOrThrow('apt-get', ['install', '-y', 'chromium'], {
		env,
		timeoutMs: 15 * MINUTE,
	});
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found');
	return installed;
}

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
