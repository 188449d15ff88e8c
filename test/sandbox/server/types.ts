/** The sandbox server's public types: requests and responses as handlers see them, the request log, fault scopes. */
import type * as http from 'node:http';

/** Parsed query string. A key given several times becomes an array. */
export type Query = Record<string, string | string[]>;

/** What a route handler (and the auth checker) sees. */
export interface SandboxRequest {
	/** Upper-case HTTP method. */
	method: string;
	/** Path without query string, percent-decoding left to `params`. Trailing slash removed (except for `/`). */
	path: string;
	/** Route parameters (`:id` → `params.id`), percent-decoded. Empty for the auth checker. */
	params: Record<string, string>;
	query: Query;
	headers: http.IncomingHttpHeaders;
	/** Parsed body: JSON value, form fields object, raw string for other content types, `undefined` when empty. */
	body: unknown;
	/** Body exactly as received (utf-8). */
	rawBody: string;
}

/** What a handler returns. `body` is JSON-encoded; use `raw` for anything else (set a content-type header then). */
export interface SandboxResponse {
	/** Default 200. */
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	raw?: string | Buffer;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/**
 * Per-provider auth hook. Return `undefined` when the request is authorised, otherwise the response to send
 * (typically a 401 with the provider's error body). Runs before route lookup, for every request.
 */
export type AuthChecker = (req: SandboxRequest) => SandboxResponse | undefined;

/** Builds the provider's error envelope for errors produced by the base (404, 405, 400 bad JSON, 500, faults). */
export type ErrorBodyBuilder = (status: number, message: string) => unknown;

/** Throw this from a handler to answer with an error without building the response by hand. */
export class SandboxHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers?: Record<string, string>,
	) {
		super(`HTTP ${status}`);
		this.name = 'SandboxHttpError';
	}
}

/** Shorthand for a JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
	return { status, body, headers };
}

export type FaultKind = 'fail' | 'reset' | 'hang' | 'malformed' | 'applyThenFail';

/**
 * What happened to a request:
 * `pending` (still being processed), `answered` (a response was sent, see `status`), `reset` (socket destroyed by
 * an injected fault), `hung` (never answered, by an injected fault), `aborted` (the client went away first, or
 * the server closed before answering).
 */
export type RequestOutcome = 'pending' | 'answered' | 'reset' | 'hung' | 'aborted';

/** One entry of the request log. */
export interface RequestRecord {
	/** 1-based arrival number since start (not reset by `reset()`). */
	seq: number;
	method: string;
	path: string;
	/** Original request target, with query string. */
	url: string;
	query: Query;
	/** All request headers, as node parsed them (lower-case names), including `authorization`. */
	headers: http.IncomingHttpHeaders;
	body: unknown;
	rawBody: string;
	/** Pattern of the route that matched (e.g. `/api/campaign2s/:id/contacts`), if any. */
	route?: string;
	params: Record<string, string>;
	/** Status sent to the client; `undefined` when nothing was answered (reset, hang, abort). */
	status?: number;
	/** For `applyThenFail`: the status the handler produced (the write was applied), before being replaced. */
	appliedStatus?: number;
	outcome: RequestOutcome;
	/** Injected fault consumed by this request, if any. */
	fault?: FaultKind;
	/** Arrival time, ms since epoch. */
	time: number;
	/** Time from arrival to answer (or reset / abort). */
	durationMs?: number;
	/** The latency the sandbox added before answering (`latencyMs`, `setLatency`), when there was any. */
	latencyMs?: number;
}

/**
 * Selects log entries. A path given as a string is a route pattern (`/api/campaign2s/:id`) or an exact path;
 * a RegExp is tested against the path.
 */
export type RequestFilter =
	| {
			method?: string;
			path?: string | RegExp;
			status?: number;
			outcome?: RequestOutcome;
			fault?: FaultKind;
	  }
	| ((record: RequestRecord) => boolean);

/** What a fault scope's `where` sees of a request (its body parsed as for the handler). */
export interface ScopedRequest {
	method: string;
	path: string;
	query: Query;
	body: unknown;
}

/** Restricts a fault or latency to requests with this method and/or path (pattern, exact path or RegExp). */
export interface FaultScope {
	method?: string;
	path?: string | RegExp;
	/** A further condition, e.g. "the body carries this contact": faults can then target one input item. */
	where?: (request: ScopedRequest) => boolean;
}

export interface FailOptions extends FaultScope {
	/** Status to answer with, e.g. 429, 500, 502, 503. */
	status: number;
	/** `Retry-After` header: seconds (number), an HTTP-date (Date, or string sent as-is). Omitted when undefined. */
	retryAfter?: number | string | Date;
	/** Response body; default: the provider's error body with the status text. */
	body?: unknown;
	/** Extra response headers. */
	headers?: Record<string, string>;
}

export interface ApplyThenFailOptions extends FaultScope {
	/** Body of the failure answer; default: the provider's error body with the status text. */
	body?: unknown;
}

export interface SandboxServerOptions {
	/** Name used in messages (e.g. `taalk`). */
	name?: string;
	/** Port to listen on; 0 (default) picks a free one. Always bound to 127.0.0.1. */
	port?: number;
	/** Persistent latency added to every request, in ms. Default 0. */
	latencyMs?: number;
	/** Auth hook, see `AuthChecker`. No auth when omitted. */
	auth?: AuthChecker;
	/** Error envelope for errors produced by the base. Default `{ message }`. */
	errorBody?: ErrorBodyBuilder;
	/** Max log entries kept (oldest dropped first). Default 10 000. */
	maxLogEntries?: number;
	/** Max request body size in bytes; larger bodies get 413. Default 10 MiB. */
	maxBodyBytes?: number;
}
