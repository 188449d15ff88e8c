import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Compares two secrets in constant time (no early exit that leaks how much matched). */
export function secretsEqual(expected: string, given: unknown): boolean {
	if (typeof given !== 'string' || expected === '') return false;
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	// timingSafeEqual needs equal lengths; compare against itself to keep the timing flat.
	if (a.length !== b.length) {
		timingSafeEqual(a, a);
		return false;
	}
	return timingSafeEqual(a, b);
}

export interface SignatureOptions {
	algorithm?: 'sha256' | 'sha1' | 'sha512';
	/** A prefix the sender puts before the digest, e.g. `sha256=`. Accepted but not required. */
	prefix?: string;
}

/**
 * Checks an HMAC signature header against the raw request body. Accepts the digest in hex or base64,
 * with or without the prefix, and compares in constant time.
 */
export function signatureMatches(
	secret: string,
	payload: Buffer | string,
	signature: string | string[] | undefined,
	options: SignatureOptions = {},
): boolean {
	const header = Array.isArray(signature) ? signature[0] : signature;
	if (!secret || !header) return false;
	let given = header.trim();
	if (options.prefix && given.startsWith(options.prefix)) given = given.slice(options.prefix.length);
	const digest = createHmac(options.algorithm ?? 'sha256', secret)
		.update(payload)
		.digest();
	return (
		secretsEqual(digest.toString('hex'), given.toLowerCase()) ||
		secretsEqual(digest.toString('base64'), given)
	);
}

/** The exact bytes the sender signed: n8n keeps them as `rawBody`; falls back to re-serialising the body. */
export function rawBody(ctx: IWebhookFunctions): Buffer {
	const request = ctx.getRequestObject() as { rawBody?: Buffer | string; body?: unknown };
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	if (typeof request.rawBody === 'string') return Buffer.from(request.rawBody);
	return Buffer.from(JSON.stringify(request.body ?? {}));
}

/** Answers the sender with an error and starts no execution. */
export function rejectWebhook(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = ctx.getResponseObject();
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}

/** A random token for protecting a webhook URL (URL-safe). */
export function newWebhookToken(): string {
	return randomBytes(24).toString('base64url');
}

/** The event(s) in a webhook body as items: an array body gives one item per element. */
export function bodyToItems(body: unknown): IDataObject[] {
	if (Array.isArray(body))
		return body.map((entry) => (entry && typeof entry === 'object' ? entry : { value: entry }));
	if (body && typeof body === 'object') return [body as IDataObject];
	return [{ body: body as IDataObject[string] }];
}

/**
 * `webhookMethods.default` for a trigger whose URL the user pastes into the provider's dashboard (the
 * provider has no API to register webhooks): there is nothing to look up, create or remove remotely, so
 * each step succeeds without a request.
 */
export const pastedUrlWebhookMethods = {
	async checkExists(): Promise<boolean> {
		return true;
	},
	async create(): Promise<boolean> {
		return true;
	},
	async delete(): Promise<boolean> {
		return true;
	},
};

/** Answers 200 and starts no execution, e.g. for an event the trigger does not listen to. */
export function acknowledgeWebhook(
	ctx: IWebhookFunctions,
	body: IDataObject = { received: true, started: false },
): IWebhookResponseData {
	ctx.getResponseObject().status(200).json(body);
	return { noWebhookResponse: true };
}

/** The first non-empty string among `keys` of an event (providers name their fields differently). */
export function firstString(event: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = event[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/** Which events of a webhook body start the workflow: the keys that may name an event, and the names wanted. */
export interface EventFilter {
	keys: string[];
	/** Empty: every event. */
	wanted: string[];
	/** How a name found in an event is compared with `wanted` (e.g. upper-cased). */
	normalise: (name: string) => string;
}

/**
 * Starts the workflow with the events of the body that pass `filter`, one item each (`enrich` may add to an event,
 * e.g. a looked-up call); when none passes, answers 200 and starts nothing.
 */
export async function startForEvents(
	ctx: IWebhookFunctions,
	filter: EventFilter,
	enrich?: (event: IDataObject, name: string | undefined) => Promise<void>,
): Promise<IWebhookResponseData> {
	const items: IDataObject[] = [];
	for (const event of bodyToItems(ctx.getBodyData())) {
		const found = firstString(event, filter.keys);
		const name = found === undefined ? undefined : filter.normalise(found);
		if (filter.wanted.length && (!name || !filter.wanted.includes(name))) continue;
		if (enrich) await enrich(event, name);
		items.push(event);
	}
	if (items.length === 0) return acknowledgeWebhook(ctx);
	return { workflowData: [ctx.helpers.returnJsonArray(items)] };
}
