/**
 * Just enough of express's Request/Response for `WebhookContext` (getBodyData, getHeaderData, getQueryData,
 * getRequestObject, getResponseObject). n8n's webhook server hands nodes real express objects, with the JSON
 * body already parsed and the raw bytes on `req.rawBody` (used for signature checks).
 */
import type { IDataObject } from 'n8n-workflow';

export interface WebhookRequestInput {
	method: string;
	headers?: Record<string, string | string[] | undefined>;
	/** Parsed body as n8n would hand it over (object for JSON, string for text). */
	body?: unknown;
	/** Raw body bytes; defaults to the body (JSON-encoded when it is not a string). */
	rawBody?: Buffer | string;
	query?: IDataObject;
	/** Path parameters (for webhook paths like `:id`). */
	params?: IDataObject;
	/** Request path, e.g. '/webhook/abc'; informational only. */
	path?: string;
}

export interface FakeRequest {
	method: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	rawBody: Buffer;
	query: IDataObject;
	params: IDataObject;
	path: string;
	url: string;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
}

export function createRequest(input: WebhookRequestInput): FakeRequest {
	const headers: FakeRequest['headers'] = {};
	for (const [key, value] of Object.entries(input.headers ?? {})) headers[key.toLowerCase()] = value;

	const { body } = input;
	const rawBody = Buffer.from(
		input.rawBody ?? (typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body)),
	);
	if (headers['content-type'] === undefined && body !== undefined && typeof body !== 'string') {
		headers['content-type'] = 'application/json';
	}
	const path = input.path ?? '/';
	const get = (name: string) => headers[name.toLowerCase()];
	return {
		method: input.method.toUpperCase(),
		headers,
		body: body ?? {},
		rawBody,
		query: input.query ?? {},
		params: input.params ?? {},
		path,
		url: path,
		get,
		header: get,
	};
}

/** Records what a node writes through `getResponseObject()` (when it answers the request itself). */
export class FakeResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body: unknown = undefined;
	ended = false;
	headersSent = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	set(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json');
		return this.end(body);
	}

	sendStatus(code: number): this {
		return this.status(code).end();
	}

	send(body?: unknown): this {
		return this.end(body);
	}

	end(body?: unknown): this {
		if (body !== undefined) this.body = body;
		this.ended = true;
		this.headersSent = true;
		return this;
	}
}
