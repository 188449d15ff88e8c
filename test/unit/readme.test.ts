/**
 * The README is the package's page on npm and the documentation the nodes link to: every codex anchor must be a
 * heading, and links must work there too (no links relative to the repository, which npm does not resolve).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const REPO = 'https://github.com/n8n-nodes-voice-campaigns/n8n-nodes-voice-campaigns';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

const anchors = new Set(
	README.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => slug(line.replace(/^#+ /, ''))),
);

function codexFiles(): string[] {
	const nodes = join(ROOT, 'nodes');
	return readdirSync(nodes, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) =>
			readdirSync(join(nodes, entry.name))
				.filter((file) => file.endsWith('.node.json'))
				.map((file) => join(nodes, entry.name, file)),
		);
}

describe('README.md', () => {
	it("has the sections of n8n's community-node README", () => {
		for (const section of [
			'installation',
			'operations',
			'credentials',
			'compatibility',
			'usage',
			'resources',
			'version-history',
		]) {
			expect(anchors).toContain(section);
		}
		expect(README).toMatch(/^# n8n-nodes-voice-campaigns\n\nThis is an n8n community node package\./);
		expect(README).toContain('https://docs.n8n.io/integrations/community-nodes/installation/');
	});

	it("has a heading for every anchor a node's documentation link points to", () => {
		const links = codexFiles().flatMap((file) => {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as {
				resources?: { primaryDocumentation?: Array<{ url: string }> };
			};
			return (codex.resources?.primaryDocumentation ?? []).map((doc) => doc.url);
		});
		const ours = links.filter((url) => url.startsWith(`${REPO}#`));
		expect(ours.map((url) => url.split('#')[1]).sort()).toEqual([
			'taalk',
			'taalk-trigger',
			'talkdesk-campaigns',
			'talkturo',
			'talkturo-trigger',
			'whattalk',
			'whattalk-trigger',
		]);
		for (const url of ours) expect(anchors).toContain(url.split('#')[1]);
	});

	it("shows each node's panel (docs/images) under its heading, from an absolute URL that npm's page can load", () => {
		const images = readdirSync(join(ROOT, 'docs', 'images')).filter((file) => file.endsWith('.png'));
		const raw = 'https://raw.githubusercontent.com/n8n-nodes-voice-campaigns/n8n-nodes-voice-campaigns/main';
		const shown = [...README.matchAll(/!\[[^\]]+\]\(([^)\s]+)\)/g)].map((match) => match[1]);
		expect(shown.sort()).toEqual(images.map((file) => `${raw}/docs/images/${file}`).sort());
		const sectionOf = (url: string) => {
			const before = README.slice(0, README.indexOf(url));
			return slug(before.slice(before.lastIndexOf('\n### ') + 5).split('\n')[0]);
		};
		expect(Object.fromEntries(shown.map((url) => [url.split('/').pop(), sectionOf(url)]))).toEqual({
			'taalk.png': 'taalk',
			'taalk-trigger.png': 'taalk-trigger',
			'talkturo.png': 'talkturo',
			'talkturo-trigger.png': 'talkturo-trigger',
			'whattalk.png': 'whattalk',
			'whattalk-trigger.png': 'whattalk-trigger',
			'talkdesk.png': 'talkdesk-campaigns',
		});
	});

	it('links only to absolute URLs or its own headings, so links work on the npm page', () => {
		const targets = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
		expect(targets.length).toBeGreaterThan(10);
		for (const target of targets) {
			if (target.startsWith('#')) expect(anchors).toContain(target.slice(1));
			else expect(target).toMatch(/^(https?:|mailto:)/);
		}
	});
});
