/**
 * The bad-input matrix: one table row per bad value. Each row names an operation ("form"), the fields of one
 * item to spoil, and the four parts its error message must carry: the item, the field, what was wrong and what
 * is accepted. Every row is run twice against the provider's loopback sandbox:
 *
 *   1. as it is: the node fails naming the item, and the sandbox saw no request at all (the good items before
 *      the bad one were not sent either);
 *   2. with Continue On Fail: the bad item becomes an error item paired with its input, and the good items are
 *      sent and succeed.
 *
 * The bad value sits on item 2 of 4 and reaches the node through expressions (`={{ $json.x }}`), as data from a
 * CRM would: values the editor itself checks when typed (resource-locator URL/ID regexes) are not re-checked by
 * n8n at run time, so the node must do it.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { NodeRunResult } from '../harness';
import type { SandboxServer } from '../sandbox/server';
import { expectRunHasNoSecrets } from '../support/secrets';

/** What every provider's test setup gives: a sandbox with a request log, and a way to run the node. */
export interface MatrixEnv {
	sandbox: SandboxServer;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<NodeRunResult>;
	close(): Promise<void>;
}

/** One operation with every checked field mapped from the input item, and a good item to start from. */
export interface Form<E extends MatrixEnv> {
	/** "Contact › Append" */
	name: string;
	params(env: E): INodeParameters;
	/** A good item; items of one run must not collide (the index makes phones, names, … unique). */
	item(env: E, index: number): IDataObject;
	/** Text the request for item `index` contains, to prove which items were sent. */
	marker?(index: number): string;
	/** Output items per good input item (Get Many gives several); default exactly one. */
	listOutput?: boolean;
}

export interface BadInputCase<E extends MatrixEnv> {
	form: Form<E>;
	/** Fields of the bad item replaced by bad values. */
	bad: IDataObject;
	/** The parameter's display name, as the message quotes it; several for an item with several bad fields. */
	field: string | string[];
	/** What was wrong, usually with the bad value quoted. */
	problem: RegExp;
	/** What is accepted instead. */
	accepted: RegExp;
	/**
	 * A node-wide option (read once, from item 0, as n8n's own nodes do): the run fails naming item 0 and
	 * nothing is sent; with Continue On Fail every item becomes that error item.
	 */
	runLevel?: boolean;
}

/** One row of the table. */
export function row<E extends MatrixEnv>(
	form: Form<E>,
	bad: IDataObject,
	field: string | string[],
	problem: RegExp,
	accepted: RegExp,
	extra: Pick<BadInputCase<E>, 'runLevel'> = {},
): BadInputCase<E> {
	return { form, bad, field, problem, accepted, ...extra };
}

/** Every run has four items; the bad value sits on the third (item 2), between good ones. */
const ITEM_COUNT = 4;
const BAD_ITEM = 2;

/** The parameter value that reads field `name` of the input item. */
export const fromItem = (name: string) => `={{ $json.${name} }}`;

/** A resource locator in `mode` whose value is read from the input item. */
export const locatorFromItem = (name: string, mode: 'id' | 'url' = 'id') => ({
	__rl: true,
	mode,
	value: fromItem(name),
});

/** A form for an operation whose only input is the campaign (Get, Start, Pause, …), given in `mode`. */
export function campaignOnly<E extends MatrixEnv>(
	name: string,
	resource: string,
	operation: string,
	mode: 'id' | 'url',
	campaign: (env: E) => string,
): Form<E> {
	return {
		name,
		params: () => ({ resource, operation, campaignId: locatorFromItem('campaign', mode) }),
		item: (env) => ({ campaign: campaign(env) }),
	};
}

export function title<E extends MatrixEnv>(c: BadInputCase<E>): string {
	const shown = Object.entries(c.bad)
		.map(([key, value]) => `${key}=${JSON.stringify(value)}`)
		.join(', ');
	const fields = [c.field].flat().join(' + ');
	return `${c.form.name} › ${fields} (${shown})${c.runLevel ? ' [node-wide]' : ''}`;
}

/** The four parts of a validation message. */
export function expectMessage<E extends MatrixEnv>(message: unknown, c: BadInputCase<E>, at: number): void {
	expect(typeof message).toBe('string');
	const text = message as string;
	expect(text).toMatch(new RegExp(`^Item ${at}, `));
	const fields = [c.field].flat();
	// An item with several bad fields reports all of them at once.
	if (fields.length > 1) expect(text).toMatch(new RegExp(`^Item ${at}, ${fields.length} fields are wrong: `));
	for (const field of fields) expect(text).toContain(`field "${field}"`);
	expect(text).toMatch(c.problem);
	expect(text).toMatch(c.accepted);
}

const errorOf = (item: INodeExecutionData) => item.json.error as string | undefined;

/** Runs one row both ways (see the file comment). */
export async function checkCase<E extends MatrixEnv>(
	env: E,
	c: BadInputCase<E>,
	secrets: (env: E) => string[],
): Promise<void> {
	const at = c.runLevel ? 0 : BAD_ITEM;
	const items = Array.from({ length: ITEM_COUNT }, (_, i) => c.form.item(env, i));
	items[at] = { ...items[at], ...c.bad };
	const params = c.form.params(env);
	const indexes = [...Array(ITEM_COUNT).keys()];

	// 1. Without Continue On Fail: a clear error, and not one request.
	env.sandbox.reset();
	const stopped = await env.run(params, items);
	expect(env.sandbox.count()).toBe(0);
	expect(stopped.items).toEqual([]);
	expectMessage(stopped.error?.message, c, at);
	expect(stopped.error?.context?.itemIndex).toBe(at);
	expectRunHasNoSecrets(stopped, secrets(env));

	// 2. With Continue On Fail: the bad item is an error item, the good ones are sent and succeed.
	env.sandbox.reset();
	const continued = await env.run(params, items, true);
	expectRunHasNoSecrets(continued, secrets(env));
	expect(continued.error).toBeUndefined();
	const pairedWith = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	const failed = continued.items.filter((item) => errorOf(item) !== undefined);
	for (const item of failed) expectMessage(errorOf(item), c, at);
	if (c.runLevel) {
		expect(failed.map(pairedWith)).toEqual(indexes);
		expect(env.sandbox.count()).toBe(0);
		return;
	}
	expect(failed.map(pairedWith)).toEqual([at]);
	const good = continued.items.filter((item) => errorOf(item) === undefined);
	const goodIndexes = indexes.filter((i) => i !== at);
	if (c.form.listOutput) expect([...new Set(good.map(pairedWith))]).toEqual(goodIndexes);
	else expect(good.map(pairedWith)).toEqual(goodIndexes);
	// Output keeps input order: the error item sits between the good ones.
	expect(continued.items.map(pairedWith)).toEqual(continued.items.map(pairedWith).sort((a, b) => a - b));
	expect(env.sandbox.count()).toBeGreaterThan(0);
	expect(env.sandbox.count((r) => (r.status ?? 0) >= 400)).toBe(0);
	if (c.form.marker) {
		const sent = JSON.stringify(env.sandbox.requests().map((r) => [r.url, r.body]));
		for (const i of goodIndexes) expect(sent).toContain(c.form.marker(i));
		expect(sent).not.toContain(c.form.marker(at));
	}
}

/**
 * Declares one test per row, each with a fresh provider sandbox. `secrets` lists what no output or error
 * may contain (asked after each run, so a token fetched during the run is included).
 */
export function describeMatrix<E extends MatrixEnv>(
	provider: string,
	start: () => Promise<E>,
	secrets: (env: E) => string[],
	cases: Array<BadInputCase<E>>,
): void {
	describe(`${provider} › bad input fails before any request`, () => {
		it.each(cases.map((c) => [title(c), c] as const))('%s', async (_title, c) => {
			const env = await start();
			try {
				await checkCase(env, c, secrets);
			} finally {
				await env.close();
			}
		});
	});
}
