/**
 * What a person does in n8n's editor, as small steps over a Playwright page: open a workflow, search the nodes panel,
 * add a node from one of its actions, read and pick dropdown options, pick from a resource locator, run a step,
 * copy a trigger's Production URL, publish the workflow, read its executions list.
 * Selectors are n8n's `data-test-id`s, roles and visible text only.
 */
import type { Locator, Page } from 'playwright-core';

const SECOND = 1000;

/** Retries `assertion` until it passes or `timeoutMs` runs out (then throws its last error). */
export async function eventually<T>(assertion: () => Promise<T>, timeoutMs = 30 * SECOND): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await assertion();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}
}

export class Editor {
	constructor(readonly page: Page) {}

	// ───────────── canvas and workflows ─────────────

	/**
	 * Starts a new workflow as a person does, from the sidebar's "+" menu, leaving the open one unsaved: the editor
	 * stays loaded (a page load of n8n 2.41's editor takes ~5 s). Before the editor is loaded, opens its page.
	 */
	async newWorkflow(): Promise<void> {
		const add = this.page.getByTestId('universal-add').getByRole('button', { name: 'Add new item' });
		const empty = this.page.getByTestId('canvas-add-button');
		if (!(await add.isVisible())) {
			await this.page.goto('workflow/new');
			await empty.waitFor();
			return;
		}
		if (await this.ndv.isVisible()) await this.closeNdv();
		// "New workflow" in n8n 2.41, "Workflow" in 2.8; the menu opens on hover (on a click in some versions).
		const item = this.page
			.getByTestId('navigation-menu-item')
			.filter({ hasText: /^\s*(New )?workflow\s*$/i })
			.first();
		await add.hover();
		await item.waitFor({ timeout: 2 * SECOND }).catch(() => add.click());
		await item.click();
		await this.arrive(empty);
		await eventually(async () => {
			const nodes = await this.page.getByTestId('canvas-node').count();
			if (nodes > 0) throw new Error(`the new workflow shows ${nodes} nodes`);
		});
	}

	/** Opens a workflow from the workflows list by its name (loading the list's page when it is not shown). */
	async openWorkflowFromList(name: string): Promise<void> {
		const card = this.page.getByTestId('workflow-card-name').getByText(name, { exact: true });
		if (!(await card.isVisible())) await this.page.goto('home/workflows');
		await card.click();
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	/** Goes back to the page before (e.g. the workflows list), leaving the workflow unsaved; waits for `target`. */
	async back(target: Locator): Promise<void> {
		await this.page.goBack();
		await this.arrive(target);
	}

	/** Waits for `target`; when n8n first asks whether to save the workflow being left, leaves it without saving. */
	private async arrive(target: Locator): Promise<void> {
		const leave = this.page.getByRole('button', { name: 'Leave without saving' });
		await target
			.or(leave)
			.first()
			.waitFor({ timeout: 60 * SECOND });
		if (await leave.isVisible()) {
			await leave.click();
			await target.waitFor({ timeout: 60 * SECOND });
		}
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** Publishes the open workflow ("Publish", then "Publish" in its dialog) and closes n8n's "published" notice. */
	async publish(): Promise<void> {
		const button = this.page.getByTestId('workflow-open-publish-modal-button');
		await button.click();
		await this.page.getByTestId('workflow-publish-button').click();
		const notice = this.page.getByTestId('activation-modal');
		await notice.getByRole('button', { name: 'Got it' }).click({ timeout: 60 * SECOND });
		await notice.waitFor({ state: 'hidden' });
		await eventually(async () => {
			const shown = (await button.innerText()).trim();
			if (shown !== 'Published') throw new Error(`the publish button shows "${shown}", not "Published"`);
		});
	}

	/** Opens the workflow's Executions tab (its list refreshes itself while "Auto refresh" is on, the default). */
	async openExecutions(): Promise<void> {
		await this.page.getByTestId('radio-button-executions').click();
		await this.page.getByTestId('executions-sidebar').waitFor();
	}

	/** What the Executions tab lists, newest first, one text per execution ("Dec 3, 13:37:55 Succeeded in 119ms"). */
	async executionsListed(): Promise<string[]> {
		const list = this.page.getByTestId('current-executions-list');
		await list.waitFor();
		const texts = await list.getByTestId(/^execution-details-/).allInnerTexts();
		return texts.map((text) => text.replace(/\s+/g, ' ').trim());
	}

	// ───────────── nodes panel ─────────────

	async openNodesPanel(): Promise<void> {
		const first = this.page.getByTestId('canvas-add-button');
		if (await first.isVisible()) await first.click();
		else await this.page.getByTestId('node-creator-plus-button').click();
		await this.page.getByTestId('node-creator-search-bar').waitFor();
	}

	async search(text: string): Promise<void> {
		await this.page.getByTestId('node-creator-search-bar').fill(text);
	}

	/** A node (or action) in the nodes panel, by its exact name. */
	panelItem(name: string): Locator {
		return this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true });
	}

	/** The names the nodes panel lists right now. */
	async panelNames(): Promise<string[]> {
		return (await this.page.getByTestId('node-creator-item-name').allInnerTexts()).map((s) => s.trim());
	}

	/** Opens a category of a node's actions ("Actions", "Triggers", "Contact Actions", …) when it is collapsed. */
	async expandCategory(prefix: string): Promise<void> {
		const category = this.page.getByTestId('node-creator-category-item').filter({ hasText: prefix }).first();
		await category.waitFor();
		const items = await this.page.getByTestId('node-creator-item-name').count();
		await category.click();
		// A click toggles: if nothing new appeared, it was open and is now closed, so open it again.
		await this.page.waitForTimeout(300);
		if ((await this.page.getByTestId('node-creator-item-name').count()) < items) await category.click();
	}

	/** Searches the panel for a node by name, opens it and adds it with one of its actions; the panel opens. */
	async addNode(node: string, action: string, category: string): Promise<void> {
		if (!(await this.page.getByTestId('node-creator-search-bar').isVisible())) await this.openNodesPanel();
		await this.search(node);
		await this.panelItem(node).click();
		await this.expandCategory(category);
		await this.panelItem(action).click();
		await this.ndv.waitFor({ timeout: 60 * SECOND });
	}

	// ───────────── the node's panel (NDV) ─────────────

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	async closeNdv(): Promise<void> {
		await this.ndv.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	async credentialName(): Promise<string> {
		return await this.ndv.getByTestId('node-credentials-select').locator('input').inputValue();
	}

	parameter(name: string): Locator {
		return this.ndv.getByTestId(`parameter-input-${name}`);
	}

	/** The selected option of an options parameter, as shown. */
	async selectedOption(name: string): Promise<string> {
		return await this.parameter(name).locator('input').first().inputValue();
	}

	/**
	 * Opens an options parameter's dropdown and waits for its first option. The panel can re-render just after it
	 * opens (n8n 2.4x) and close a dropdown opened that early, so a closed one is clicked open again.
	 */
	async openOptions(name: string, timeoutMs = 30 * SECOND): Promise<void> {
		const combobox = this.parameter(name).getByRole('combobox').first();
		const first = this.page.getByRole('option').first();
		let reopened = false;
		await eventually(async () => {
			if (!reopened && (await this.loadedBeforeCredential(name))) {
				reopened = true;
				await this.reopenNdv();
			}
			const expanded = await combobox.getAttribute('aria-expanded', { timeout: 5 * SECOND });
			if (expanded !== 'true') await this.parameter(name).click();
			await first.waitFor({ timeout: 5 * SECOND });
		}, timeoutMs);
	}

	/**
	 * Whether a dynamic dropdown shows "Error fetching options" although the node has its credential by now: n8n can
	 * ask for a new node's options before it has given the node its credential (its log says "Node does not have any
	 * credentials set") and does not ask again once it has. A person then reopens the node, which loads them again.
	 */
	private async loadedBeforeCredential(name: string): Promise<boolean> {
		// In that state the parameter is a disabled text field whose value is the error.
		const input = this.parameter(name).locator('input').first();
		const shown = await input.inputValue({ timeout: 5 * SECOND });
		if (!shown.startsWith('Error fetching options')) return false;
		return (
			(await this.ndv.getByTestId('node-credentials-select').count()) > 0 &&
			(await this.credentialName()) !== ''
		);
	}

	/** Closes the node's panel and opens it again from the canvas. */
	async reopenNdv(): Promise<void> {
		const node = (await this.ndv.getByTestId('inline-edit-preview').first().innerText()).trim();
		if (await this.page.getByRole('option').first().isVisible()) await this.page.keyboard.press('Escape');
		await this.closeNdv();
		await this.canvasNode(node).dblclick();
		await this.ndv.waitFor();
	}

	/** Opens an options parameter's dropdown and returns what it lists, once it has stopped loading. */
	async optionsOf(name: string, timeoutMs = 30 * SECOND): Promise<string[]> {
		await this.openOptions(name, timeoutMs);
		const listed = await this.listedOptions();
		await this.page.keyboard.press('Escape');
		await this.page.getByRole('option').first().waitFor({ state: 'hidden' });
		return listed;
	}

	/** Opens an options parameter's dropdown, types `text` into its search and returns what it then lists (left open). */
	async searchOptions(name: string, text: string): Promise<string[]> {
		await this.openOptions(name);
		await this.parameter(name).getByRole('combobox').first().pressSequentially(text, { delay: 50 });
		return await this.listedOptions();
	}

	/** The names an open dropdown lists, once the list has stopped changing (dynamic options arrive in one answer). */
	private async listedOptions(): Promise<string[]> {
		const options = this.page.getByRole('option');
		let previous: string[] = [];
		let current = await options.allInnerTexts();
		while (current.join('\n') !== previous.join('\n')) {
			await this.page.waitForTimeout(300);
			previous = current;
			current = await options.allInnerTexts();
		}
		// An option shows its name and, below it, its description.
		return current.map((option) => option.trim().split('\n')[0].trim());
	}

	/** Picks an option of an options parameter (nothing to do when it is already selected). */
	async selectOption(name: string, option: string): Promise<void> {
		if ((await this.selectedOption(name)) === option) return;
		await this.openOptions(name);
		// An option shows its name and, below it, its description.
		await this.page
			.getByRole('option')
			.filter({ has: this.page.getByText(option, { exact: true }) })
			.click();
		await eventually(async () => {
			const shown = await this.selectedOption(name);
			if (shown !== option) throw new Error(`${name} shows "${shown}", not "${option}"`);
		});
	}

	/** Adds an option of a collection ("Add Option", "Add Field") by its name; its input then shows. */
	async addCollectionOption(button: string, option: string): Promise<void> {
		await this.ndv
			.getByTestId('collection-parameter-add')
			.filter({ has: this.page.getByPlaceholder(button, { exact: true }) })
			.click();
		await this.page.getByRole('option', { name: option, exact: true }).click();
	}

	async fill(name: string, value: string): Promise<void> {
		const input = this.parameter(name).getByTestId('parameter-input-field');
		await input.fill(value);
		await input.press('Tab');
	}

	// ───────────── resource locator ─────────────

	locator(name: string): Locator {
		return this.ndv.getByTestId(`resource-locator-${name}`);
	}

	async locatorMode(name: string, mode: RegExp): Promise<void> {
		await this.locator(name).getByTestId('rlc-mode-selector').click();
		await this.page.getByRole('option', { name: mode }).click();
	}

	/** Types into the locator's input (By URL / By ID modes) and leaves it. */
	async locatorType(name: string, value: string): Promise<void> {
		const input = this.locator(name).getByTestId('rlc-input');
		await input.fill(value);
		await input.press('Tab');
	}

	/** Whether n8n marks a resource locator with its red triangle (a value its mode's validation refuses). */
	async locatorHasIssues(name: string): Promise<boolean> {
		return (await this.locator(name).getByTestId('parameter-issues').count()) > 0;
	}

	/** Opens the "From list" dropdown, types `search` into its search box and returns the items it then shows. */
	async locatorItems(name: string, search = ''): Promise<string[]> {
		const dropdownItems = this.page.getByTestId('rlc-item');
		const searchBox = this.page.getByTestId('rlc-search');
		if (!(await searchBox.isVisible())) await this.locator(name).getByTestId('rlc-input').click();
		await searchBox.fill(search);
		await dropdownItems.first().waitFor();
		return await eventually(async () => {
			const texts = (await dropdownItems.allInnerTexts()).map((text) => text.trim());
			if (search && texts.some((text) => !text.toLowerCase().includes(search.toLowerCase()))) {
				throw new Error(`the list still shows items without "${search}": ${texts.join(', ')}`);
			}
			return texts;
		});
	}

	async locatorPick(name: string, item: string): Promise<void> {
		await this.locatorItems(name);
		await this.page.getByTestId('rlc-item').getByText(item, { exact: true }).click();
		await eventually(async () => {
			const shown = await this.locator(name).getByTestId('rlc-input').inputValue();
			if (shown !== item) throw new Error(`the picker shows "${shown}", not "${item}"`);
		});
	}

	/** The Production URL a webhook trigger's panel shows under "Webhook URLs" (opened when collapsed). */
	async productionUrl(): Promise<string> {
		const production = this.ndv.getByRole('radio', { name: 'Production URL' });
		if (!(await production.isVisible())) await this.ndv.getByText('Webhook URLs', { exact: true }).click();
		await production.click();
		return (await this.ndv.getByText(/^https?:\/\/\S+\/webhook\/\S+$/).innerText()).trim();
	}

	/** A PNG of the node's panel alone (n8n's toasts hidden, no field focused), for the README. */
	async screenshotPanel(path: string): Promise<void> {
		await this.page.evaluate(() => {
			const { document } = globalThis as unknown as {
				document: { activeElement?: { blur?(): void } | null };
			};
			document.activeElement?.blur?.();
		});
		await this.ndv.screenshot({
			path,
			animations: 'disabled',
			caret: 'hide',
			style: '.el-notification { visibility: hidden !important; }',
		});
	}

	// ───────────── running ─────────────

	/**
	 * Clicks "Execute step" and waits for the output panel to show items; throws with n8n's message when the run
	 * could not start (a toast) or the node failed (the output panel's error).
	 */
	async executeStep(timeoutMs = 90 * SECOND): Promise<Locator> {
		await this.ndv.getByTestId('node-execute-button').click();
		const output = this.ndv.getByTestId('output-panel');
		const items = output.getByText(/^\d+ items?$/).first();
		const failed = output.getByTestId('node-error-message').first();
		const refused = this.page.getByText(/^Problem (executing|running) workflow$/).first();
		await items.or(failed).or(refused).waitFor({ timeout: timeoutMs });
		if (await refused.isVisible()) {
			const toast = this.page
				.getByRole('alert')
				.filter({ hasText: /^Problem/ })
				.first();
			throw new Error(`n8n did not run the step: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
		}
		if (await failed.isVisible()) {
			throw new Error(`the step failed: ${(await output.innerText()).replace(/\s+/g, ' ').slice(0, 500)}`);
		}
		return output;
	}
}
