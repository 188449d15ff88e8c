/**
 * The nodes as a person meets them in n8n's editor, in Chromium, against the n8n `npm run dev` starts (sandboxes,
 * "<Provider> sandbox" credentials, the example workflows): for each action node, the nodes panel finds it by name and
 * by the words users type, an action adds it, its panel opens with the sandbox credential, Resource and Operation list
 * what the README lists, the picker lists the sandbox's items by name, a valid setup has no issue badge, and
 * "Execute step" shows the sandbox's answer (in one node, WhatTalk, the Default Country option too: it lists the
 * countries, its search filters them, and the country picked reads a national number). For each trigger: listed under its app with readable events, added
 * from one, its panel opens with the credential; once the workflow is published, the sandbox reports a call's end at
 * the Production URL the panel shows (WhatTalk: the one its trigger registered) and the workflow's executions list
 * shows the run, succeeded.
 *
 * Each node's panel is saved as a PNG (light theme) into EDITOR_SCREENSHOTS_DIR (`npm run screenshots`: docs/images/),
 * else into .tmp/editor-screenshots/. A failing step saves a screenshot into .tmp/editor-failures/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { REPO_ROOT } from '../e2e/n8n';
import { Timings, waitForTrigger } from '../e2e/support';
import { launchChromium, loggedInContext, screenshotFailure } from './browser';
import { Editor, eventually } from './editor';
import { ACTION_NODES, CREDENTIALS, ICONS, N8N_CUSTOM_API_CALL, TRIGGER_NODES } from './nodes';
import { devWorkflows, EDITOR_RUNTIME, startStack, type Stack } from './stack';

const MINUTE = 60_000;
const SCREENSHOTS_DIR = resolve(
	REPO_ROOT,
	process.env.EDITOR_SCREENSHOTS_DIR ?? join('.tmp', 'editor-screenshots'),
);
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The rows of the README's operations table under `### <section>`: resource → operations. */
function readmeOperations(section: string): Record<string, string[]> {
	const start = README.indexOf(`\n### ${section}\n`);
	if (start < 0) throw new Error(`README.md has no section "### ${section}"`);
	const end = README.indexOf('\n### ', start + 5);
	const table = README.slice(start, end < 0 ? undefined : end)
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| Resource') && !line.startsWith('|---'));
	const operations: Record<string, string[]> = {};
	for (const row of table) {
		const [resource, cell] = row
			.split('|')
			.map((part) => part.trim())
			.slice(1, 3);
		// "Get / Get Many", "Attach / Detach Record List, Attach / Detach Do-Not-Call List", "Pause / Resume / Cancel"
		const names = cell.split(',').flatMap((group) => {
			const parts = group.trim().split(' / ');
			const last = parts[parts.length - 1];
			// "Attach / Detach Record List" shares "Record List"; "Get / Get Many" names two operations.
			const [verb, ...rest] = last.trim().split(' ');
			const shared =
				rest.length > 0 && parts.slice(0, -1).every((p) => !p.trim().includes(' ') && p.trim() !== verb);
			const object = rest.join(' ');
			return parts.map((part, index) =>
				shared && index < parts.length - 1 ? `${part} ${object}` : part.trim(),
			);
		});
		operations[resource] = [...(operations[resource] ?? []), ...names];
	}
	return operations;
}

/** Every picker (resource locator) of the example workflows, and the WhatTalk Trigger's assistant, with the name it stores. */
function EXAMPLE_PICKERS(): Array<{
	workflow: string;
	title: string;
	node: string;
	parameter: string;
	name: string;
}> {
	const assistants: Record<string, string> = { '101': 'Sandbox: Renewals caller (101)' };
	return devWorkflows(['taalk', 'talkturo', 'whattalk', 'talkdesk']).flatMap((workflow) =>
		(workflow.nodes as Array<{ name: string; parameters?: Record<string, unknown> }>).flatMap((node) =>
			Object.entries(node.parameters ?? {}).flatMap(([parameter, value]) => {
				const locator = value as { __rl?: boolean; cachedResultName?: string } | undefined;
				if (locator?.__rl) {
					return [
						{
							workflow: workflow.id,
							title: workflow.name,
							node: node.name,
							parameter,
							name: locator.cachedResultName ?? '',
						},
					];
				}
				if (parameter === 'assistantId') {
					const name = assistants[String(value)];
					return [{ workflow: workflow.id, title: workflow.name, node: node.name, parameter, name }];
				}
				return [];
			}),
		),
	);
}

const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

describe(`the nodes in the editor of ${EDITOR_RUNTIME.label} (Chromium)`, () => {
	const timings = new Timings();
	let stack: Stack | undefined;
	let browser: Browser | undefined;
	let context: BrowserContext | undefined;
	let page: Page | undefined;
	let editor: Editor;

	beforeAll(async () => {
		stack = await startStack({ timings });
		browser = await timings.timed('chromium', () => launchChromium());
		context = await loggedInContext(browser, stack.baseUrl, 'light');
		page = await context.newPage();
		editor = new Editor(page);
		mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	}, 25 * MINUTE);

	afterAll(async () => {
		await browser?.close().catch(() => undefined);
		await stack?.stop();
		timings.print('editor');
	}, 2 * MINUTE);

	/** A test step that saves a screenshot of the page when it fails. */
	const step = (name: string, body: () => Promise<void>, timeoutMs = 3 * MINUTE) =>
		it(
			name,
			async () => {
				if (!page) throw new Error('the editor did not start (see the first error)');
				try {
					await body();
				} catch (error) {
					const shot = await screenshotFailure(page, expect.getState().currentTestName ?? name);
					if (error instanceof Error) error.message = `${error.message}\n  screenshot: ${shot}`;
					throw error;
				}
			},
			timeoutMs,
		);

	describe('the example workflows, as `npm run dev` imports them', () => {
		// First, before the steps below save workflows of their own.
		step('the workflows list holds the four examples and nothing else', async () => {
			await page!.goto('home/workflows');
			const names = page!.getByTestId('workflow-card-name');
			await names.first().waitFor();
			await eventually(async () =>
				expect(sorted(await names.allInnerTexts())).toEqual(sorted(stack!.workflows.map((w) => w.name))),
			);
			expect(stack!.workflows).toHaveLength(4);
		});

		// One visit per workflow, opened from the list: each of its pickers shows the name it stores.
		const byWorkflow = [...new Set(EXAMPLE_PICKERS().map((p) => p.workflow))].map((workflow) => ({
			workflow,
			pickers: EXAMPLE_PICKERS().filter((p) => p.workflow === workflow),
		}));
		describe.each(byWorkflow)('$workflow', ({ pickers }) => {
			step(`shows by name: ${pickers.map((p) => `"${p.node}" → "${p.name}"`).join(', ')}`, async () => {
				await editor.openWorkflowFromList(pickers[0].title);
				for (const { node, parameter, name } of pickers) {
					await editor.canvasNode(node).dblclick();
					await editor.ndv.waitFor();
					const shown =
						parameter === 'assistantId'
							? () => editor.selectedOption(parameter)
							: () => editor.locator(parameter).getByTestId('rlc-input').inputValue();
					await eventually(async () => expect({ node, shows: await shown() }).toEqual({ node, shows: name }));
					await editor.closeNdv();
				}
				await editor.back(page!.getByTestId('workflow-card-name').first());
			});
		});
	});

	describe.each(ACTION_NODES)('$name', (spec) => {
		step(`the README's operations table is what the test expects`, async () => {
			const readme = readmeOperations(spec.readmeSection);
			expect(Object.keys(readme).sort()).toEqual(Object.keys(spec.resources).sort());
			for (const [resource, operations] of Object.entries(spec.resources)) {
				expect({ resource, operations: sorted(readme[resource]) }).toEqual({
					resource,
					operations: sorted(operations),
				});
			}
		});

		step(
			`the nodes panel finds it by its name and by ${spec.words.map((w) => `"${w}"`).join(', ')}`,
			async () => {
				await editor.newWorkflow();
				await editor.openNodesPanel();
				for (const text of [spec.name, ...spec.words]) {
					await editor.search(text);
					await eventually(async () => {
						const names = await editor.panelNames();
						if (!names.includes(spec.name)) {
							throw new Error(`searching "${text}" lists ${names.join(', ') || 'nothing'}, not ${spec.name}`);
						}
					});
				}
			},
		);

		step(`"${spec.action.name}" adds it; its panel opens with "${spec.credential}" selected`, async () => {
			// On the new workflow of the step before, whose nodes panel is still open (else a new one).
			if (!(await page!.getByTestId('node-creator-search-bar').isVisible())) await editor.newWorkflow();
			await editor.addNode(spec.name, spec.action.name, spec.action.category);
			await eventually(async () => expect(await editor.credentialName()).toBe(spec.credential));
			expect(await editor.selectedOption('resource')).toBe(spec.action.resource);
			expect(await editor.selectedOption('operation')).toBe(spec.action.operation);
		});

		step('Resource and Operation list what the README lists', async () => {
			const ours = (options: string[]) => sorted(options.filter((name) => name !== N8N_CUSTOM_API_CALL));
			expect(ours(await editor.optionsOf('resource'))).toEqual(sorted(Object.keys(spec.resources)));
			for (const [resource, operations] of Object.entries(spec.resources)) {
				await editor.selectOption('resource', resource);
				expect({ resource, operations: ours(await editor.optionsOf('operation')) }).toEqual({
					resource,
					operations: sorted(operations),
				});
			}
			await editor.selectOption('resource', spec.action.resource);
			await editor.selectOption('operation', spec.action.operation);
		});

		step(`the picker "From list" shows the sandbox's items by name, and a search filters them`, async () => {
			const { parameter, items, search, pick } = spec.picker;
			await editor.selectOption('resource', spec.action.resource);
			await editor.selectOption('operation', spec.action.operation);
			expect(sorted(await editor.locatorItems(parameter))).toEqual(sorted(items));
			expect(sorted(await editor.locatorItems(parameter, search.text))).toEqual(sorted(search.items));
			await editor.locatorPick(parameter, pick);
		});

		const url = spec.picker.url;
		if (url) {
			step(
				`"By URL" accepts a console URL and rejects another provider's; "By ID" checks the ID's shape`,
				async () => {
					const { parameter } = spec.picker;
					const issues = () => editor.locatorHasIssues(parameter);
					// Each refusal follows an accepted value, so the triangle it waits for is the refusal's own.
					const check = async (value: string, refused: boolean) => {
						await editor.locatorType(parameter, value);
						await eventually(async () =>
							expect({ value, refused: await issues() }).toEqual({ value, refused }),
						);
					};
					await editor.locatorMode(parameter, /url/i);
					await check(url.good, false);
					await check(url.bad, true);
					await check(url.good, false);
					await editor.locatorMode(parameter, /id$/i);
					await check(url.id, false);
					await check(url.badId, true);
					await check(url.id, false);
					await editor.locatorMode(parameter, /list/i);
					await editor.locatorPick(parameter, spec.picker.pick);
				},
			);
		}

		let nodeName = spec.action.name;
		step('a valid setup shows no issue badge; "Execute step" shows the sandbox\'s answer', async () => {
			for (const [name, value] of Object.entries(spec.fill)) await editor.fill(name, value);
			const output = await editor.executeStep();
			for (const text of spec.output) await output.getByText(text).first().waitFor();
			await editor.screenshotPanel(join(SCREENSHOTS_DIR, spec.screenshot));
			nodeName = await editor.ndv.getByTestId('inline-edit-preview').first().innerText();
			await editor.closeNdv();
			await editor.canvasNode(nodeName).waitFor();
			expect(await editor.canvasNode(nodeName).getByTestId('node-issues').count()).toBe(0);
		});

		const country = spec.country;
		if (country) {
			step(
				`Default Country lists the countries, its search "${country.search.text}" filters them; the one picked reads a national number`,
				async () => {
					await editor.canvasNode(nodeName).dblclick();
					await editor.ndv.waitFor();
					await editor.addCollectionOption('Add Option', 'Default Country');
					expect(await editor.selectedOption('defaultCountry')).toBe('United States (US)');
					const all = await editor.optionsOf('defaultCountry');
					expect(all.length).toBeGreaterThan(200);
					expect(country.listed.filter((name) => !all.includes(name))).toEqual([]);

					const found = await editor.searchOptions('defaultCountry', country.search.text);
					expect(found).toEqual(country.search.items);
					await editor.page.getByRole('option', { name: found[0], exact: true }).click();
					await eventually(async () => expect(await editor.selectedOption('defaultCountry')).toBe(found[0]));

					await editor.fill(country.phone.parameter, country.phone.value);
					const output = await editor.executeStep();
					await output.getByText(country.phone.output).first().waitFor();
					await editor.closeNdv();
				},
			);
		}
		const dropdowns = spec.dropdowns;
		if (dropdowns) {
			step(
				`"${dropdowns.action}": its dropdowns list the sandbox's ${dropdowns.lists.map((l) => l.parameter).join(', ')}`,
				async () => {
					await editor.newWorkflow();
					await editor.addNode(spec.name, dropdowns.action, 'Actions');
					for (const { parameter, includes, excludes = [] } of dropdowns.lists) {
						const names = await editor.optionsOf(parameter);
						const lists = (text: string) => names.some((name) => name.includes(text));
						expect({ parameter, missing: includes.filter((text) => !lists(text)) }).toEqual({
							parameter,
							missing: [],
						});
						expect({ parameter, unexpected: excludes.filter(lists) }).toEqual({ parameter, unexpected: [] });
					}
					await editor.closeNdv();
				},
			);
		}
	});

	describe.each(TRIGGER_NODES)('$name', (spec) => {
		step(`listed under ${spec.panelNode} with its events as a person says them`, async () => {
			await editor.newWorkflow();
			await editor.openNodesPanel();
			await editor.search(spec.panelNode);
			await editor.panelItem(spec.panelNode).click();
			await editor.expandCategory('Triggers');
			const names = await editor.panelNames();
			expect(names.filter((name) => spec.events.includes(name))).toEqual(spec.events);
		});

		const opens = spec.credential ? `with "${spec.credential}" selected` : 'without asking for a credential';
		step(`"${spec.addWith}" adds it; its panel opens ${opens}`, async () => {
			await editor.panelItem(spec.addWith).click();
			await editor.ndv.waitFor({ timeout: MINUTE });
			if (spec.credential) {
				await eventually(async () => expect(await editor.credentialName()).toBe(spec.credential));
			} else {
				expect(await editor.ndv.getByTestId('node-credentials-select').count()).toBe(0);
			}
		});

		let nodeName = spec.name;
		step('its dropdowns load from the sandbox; a valid setup shows no issue badge', async () => {
			for (const { parameter, options, pick } of spec.select ?? []) {
				expect(sorted(await editor.optionsOf(parameter))).toEqual(sorted(options));
				await editor.selectOption(parameter, pick);
			}
			for (const [name, value] of Object.entries(spec.fill ?? {})) await editor.fill(name, value);
			await editor.screenshotPanel(join(SCREENSHOTS_DIR, spec.screenshot));
			nodeName = await editor.ndv.getByTestId('inline-edit-preview').first().innerText();
			await editor.closeNdv();
			await editor.canvasNode(nodeName).waitFor();
			expect(await editor.canvasNode(nodeName).getByTestId('node-issues').count()).toBe(0);
		});

		step(
			`published, it runs when ${spec.panelNode} (the sandbox) reports a call's end at its Production URL; the executions list shows the run, succeeded`,
			async () => {
				// The URL a person copies from the panel into the provider (WhatTalk's trigger registers it itself).
				await editor.canvasNode(nodeName).dblclick();
				await editor.ndv.waitFor();
				const url = await editor.productionUrl();
				const editorUrl = stack!.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				expect(url).toMatch(new RegExp(`^${editorUrl}webhook/[\\w-]+/${spec.webhookPath}$`));
				await editor.closeNdv();

				await editor.publish();
				await editor.openExecutions();
				await page!.getByTestId('execution-list-empty').waitFor();
				expect(await editor.executionsListed()).toEqual([]);

				const secret = spec.secret ? spec.fill?.[spec.secret] : undefined;
				const callEnded = stack!.providers[spec.sandbox]!.callEnded!;
				// A provider delivers again after a failure; right after publishing n8n may not serve the URL yet (404)
				// or not have stored the token WhatTalk's trigger registered with (401).
				const delivery = await waitForTrigger(
					`the ${spec.sandbox} trigger to take a delivery`,
					() => callEnded({ url, secret }),
					(answer) => ![401, 404].includes(answer.status),
					{ timeoutMs: MINUTE, intervalMs: 1000 },
				);
				expect(delivery.status).toBe(200);
				expect(delivery.url.startsWith(url)).toBe(true);

				await eventually(async () => {
					const listed = await editor.executionsListed();
					expect(listed).toHaveLength(1);
					expect(listed[0]).toMatch(/\bSucceeded\b/);
				}, MINUTE);
			},
		);
	});
	describe('icons', () => {
		step("each provider has its own light and dark icon; the triggers share their app's", async () => {
			const read = (file: string) => readFileSync(join(REPO_ROOT, 'nodes', `${file}.svg`), 'utf8');
			const light = ICONS.map(({ files }) => read(files[0]));
			expect(new Set(light).size).toBe(ICONS.length);
			for (const { files } of ICONS) {
				expect(read(`${files[0]}.dark`)).not.toBe(read(files[0]));
				for (const file of files.slice(1)) {
					expect(read(file)).toBe(read(files[0]));
					expect(read(`${file}.dark`)).toBe(read(`${files[0]}.dark`));
				}
			}
		});

		describe.each(['light', 'dark'] as const)('in the %s theme', (theme) => {
			step("the nodes panel shows each provider's icon for that theme, loaded", async () => {
				// The dark theme as a person picks it (n8n keeps the choice in local storage), the system's dark
				// scheme too; the editor loads again in it, then goes back to light for the steps after.
				const pick = async (chosen: 'light' | 'dark') => {
					await page!.emulateMedia({ colorScheme: chosen });
					await page!.evaluate((value) => {
						const { localStorage } = globalThis as unknown as {
							localStorage: { setItem(key: string, value: string): void };
						};
						localStorage.setItem('N8N_THEME', value);
					}, chosen);
				};
				try {
					if (theme === 'dark') {
						await pick('dark');
						await page!.goto('workflow/new');
						await page!.getByTestId('canvas-add-button').waitFor();
					} else {
						await editor.newWorkflow();
					}
					await editor.openNodesPanel();
					for (const { panelNode, files } of ICONS) {
						await editor.search(panelNode);
						const item = page!
							.getByTestId('item-iterator-item')
							.filter({ has: editor.panelItem(panelNode) })
							.first();
						const icon = item.locator('img').first();
						await icon.waitFor();
						const file = `${files[0]}${theme === 'dark' ? '.dark' : ''}.svg`;
						expect(await icon.getAttribute('src')).toMatch(
							new RegExp(`/dist/nodes/${file.replace(/\./g, '\\.')}$`),
						);
						await eventually(async () =>
							expect(
								await icon.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
							).toBeGreaterThan(0),
						);
					}
					await editor.search('dialer');
					await page!.waitForTimeout(500);
					await page!.screenshot({
						path: join(REPO_ROOT, '.tmp', 'editor-screenshots', `icons-${theme}.png`),
					});
				} finally {
					if (theme === 'dark') await pick('light');
				}
			});
		});
	});
	// Last: these save the credentials (with a wrong secret, then the right one again).
	describe.each(CREDENTIALS)('credential "$name"', (spec) => {
		step(
			'its form shows its fields; the test passes, fails clearly with a wrong secret, passes once fixed',
			async () => {
				const modal = page!.getByTestId('editCredential-modal');
				const passed = modal.getByTestId('credentials-config-container-test-success');
				const refused = modal.getByText(/Couldn.t connect with these settings/);
				const secret = modal
					.getByTestId(`parameter-input-${spec.secret}`)
					.getByTestId('parameter-input-field');
				const save = async (value: string) => {
					await secret.fill(value);
					// "Saved" turns into a "Save" button once the form has taken the change.
					const button = modal.getByTestId('credential-save-button').filter({ hasText: /^Save$/ });
					await button.waitFor();
					await button.click();
					await modal.getByText(/^Saved$/).waitFor({ timeout: MINUTE });
				};
				// One page load for the four: the list stays behind the credential's dialog.
				const card = page!.getByText(spec.name, { exact: true }).first();
				if (!(await card.isVisible())) await page!.goto('home/credentials');
				await card.click();
				await passed.waitFor({ timeout: MINUTE });
				for (const field of spec.fields) await modal.getByTestId(`parameter-input-${field}`).waitFor();
				await save('wrong-secret-from-the-editor-suite');
				await refused.waitFor({ timeout: MINUTE });
				const right = stack!.credentials.find((c) => c.name === spec.name)!.data[spec.secret];
				await save(String(right));
				await passed.waitFor({ timeout: MINUTE });
				await page!.keyboard.press('Escape');
				await modal.waitFor({ state: 'hidden' });
			},
		);
	});
});
