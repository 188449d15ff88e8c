/**
 * Provider-neutral loopback HTTP sandbox.
 *
 * Every provider sandbox (Taalk, Talkturo, WhatTalk, Talkdesk) is a `SandboxServer` plus a set of routes and an
 * auth checker. The base gives them, for free:
 *
 *  - a real HTTP server on 127.0.0.1 (port 0 = any free port) built on `node:http` only;
 *  - a tiny router: `METHOD /path/:param/...` patterns, JSON / form body parsing (malformed JSON → 400) and query
 *    parsing;
 *  - a request log (`requests()`, `count()`, `reset()`) recording everything a client sent and what it got back;
 *  - fault injection: a FIFO queue of one-shot faults (fail with a status and optional Retry-After, reset the
 *    connection, hang, answer 200 with broken JSON, apply the write then answer 5xx), each optionally scoped to a
 *    method + path and optionally a predicate on the request (e.g. its body), and persistent latency (global or
 *    per route);
 *  - `close()` that also kills keep-alive and hung sockets, so jest exits.
 *
 * Order in which a request is processed:
 *   read body → log → take the first queued fault matching it → wait latency →
 *   fault (reset / hang / fail / malformed: the route handler never runs) or
 *   auth check → route lookup (404 / 405) → body parse error (400) → handler →
 *   answer (for `applyThenFail` the handler's answer is replaced by the injected failure).
 *
 * Faults are applied before auth on purpose: they model a gateway / rate limiter in front of the provider.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// ───────────────────────────────────────── types ─────────────────────────────────────────

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

// ───────────────────────────────────────── helpers ─────────────────────────────────────────

/** Upper bound for `n` in every `*Next(n)` call and for the whole fault queue: keeps every loop bounded. */
export const MAX_FAULTS_PER_CALL = 1000;
const MAX_QUEUED_FAULTS = 10_000;

/** Body sent by `malformedNext`: a JSON document cut in the middle. */
export const MALFORMED_JSON_BODY = '{"payload":[{"_id":"5f1d2c3b4a59687766554433","name":"trunc';

interface CompiledPattern {
	source: string;
	regex: RegExp;
	keys: string[];
}

/** `/a/:id/b` → regex with one capture group per `:param`. Literal segments are matched exactly. */
export function compilePattern(pattern: string): CompiledPattern {
	const normalized = normalizePath(pattern);
	const keys: string[] = [];
	const body = normalized
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':') && segment.length > 1) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { source: normalized, regex: new RegExp(`^${body}$`), keys };
}

/** Matches a path against a compiled pattern; returns the decoded params or `undefined`. */
function matchPattern(compiled: CompiledPattern, path: string): Record<string, string> | undefined {
	const m = compiled.regex.exec(path);
	if (!m) return undefined;
	const params: Record<string, string> = {};
	compiled.keys.forEach((key, i) => {
		const value = m[i + 1];
		try {
			params[key] = decodeURIComponent(value);
		} catch {
			params[key] = value;
		}
	});
	return params;
}

function normalizePath(path: string): string {
	if (!path.startsWith('/')) path = `/${path}`;
	return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Query string → object; repeated keys become arrays. */
export function parseQuery(search: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of search) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	}
	return query;
}

/** Path matcher built from a scope / filter path. Patterns are compiled once and cached. */
const patternCache = new Map<string, CompiledPattern>();
function pathMatches(expected: string | RegExp | undefined, path: string): boolean {
	if (expected === undefined) return true;
	if (expected instanceof RegExp) return expected.test(path);
	let compiled = patternCache.get(expected);
	if (!compiled) {
		compiled = compilePattern(expected);
		patternCache.set(expected, compiled);
	}
	return compiled.regex.test(path);
}

function scopeMatches(scope: FaultScope, request: ScopedRequest): boolean {
	if (scope.method && scope.method.toUpperCase() !== request.method) return false;
	return pathMatches(scope.path, request.path) && (scope.where?.(request) ?? true);
}

function assertCount(n: number, what: string): void {
	if (!Number.isInteger(n) || n < 0 || n > MAX_FAULTS_PER_CALL) {
		throw new RangeError(`${what}: n must be an integer between 0 and ${MAX_FAULTS_PER_CALL}, got ${n}`);
	}
}

function formatRetryAfter(value: number | string | Date): string {
	if (value instanceof Date) return value.toUTCString();
	if (typeof value === 'number') return String(Math.max(0, Math.ceil(value)));
	return value;
}

// ───────────────────────────────────────── server ─────────────────────────────────────────

interface Route {
	method: string;
	pattern: CompiledPattern;
	handler: RouteHandler;
}

type QueuedFault =
	| { kind: 'fail'; scope: FaultScope; options: FailOptions }
	| { kind: 'reset'; scope: FaultScope }
	| { kind: 'hang'; scope: FaultScope }
	| { kind: 'malformed'; scope: FaultScope }
	| { kind: 'applyThenFail'; scope: FaultScope; status: number; body?: unknown };

interface LatencyRule {
	scope: FaultScope;
	ms: number;
}

export class SandboxServer {
	/** Name used in messages. */
	readonly name: string;
	/** Persistent latency for every request without a more specific `setLatency` rule, in ms. */
	latencyMs: number;

	private readonly initialLatencyMs: number;
	private readonly requestedPort: number;
	private readonly auth?: AuthChecker;
	private readonly errorBody: ErrorBodyBuilder;
	private readonly maxLogEntries: number;
	private readonly maxBodyBytes: number;

	private readonly routes: Route[] = [];
	private readonly log: RequestRecord[] = [];
	/** FIFO of one-shot faults; `n` identical faults queued by one call are one entry with `left: n`. */
	private faultQueue: Array<{ fault: QueuedFault; left: number }> = [];
	private latencyRules: LatencyRule[] = [];

	private server?: http.Server;
	private rootUrl?: string;
	private closing = false;
	private seq = 0;
	private readonly sockets = new Set<Socket>();
	private readonly hanging = new Set<http.ServerResponse>();
	private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	constructor(options: SandboxServerOptions = {}) {
		this.name = options.name ?? 'sandbox';
		this.requestedPort = options.port ?? 0;
		this.latencyMs = options.latencyMs ?? 0;
		this.initialLatencyMs = this.latencyMs;
		this.auth = options.auth;
		this.errorBody = options.errorBody ?? ((_status, message) => ({ message }));
		this.maxLogEntries = options.maxLogEntries ?? 10_000;
		this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
	}

	// ── routing ──

	/** Registers a route. Routes are tried in registration order. */
	route(method: string, pattern: string, handler: RouteHandler): this {
		this.routes.push({ method: method.toUpperCase(), pattern: compilePattern(pattern), handler });
		return this;
	}
	get(pattern: string, handler: RouteHandler): this {
		return this.route('GET', pattern, handler);
	}
	post(pattern: string, handler: RouteHandler): this {
		return this.route('POST', pattern, handler);
	}
	put(pattern: string, handler: RouteHandler): this {
		return this.route('PUT', pattern, handler);
	}
	patch(pattern: string, handler: RouteHandler): this {
		return this.route('PATCH', pattern, handler);
	}
	delete(pattern: string, handler: RouteHandler): this {
		return this.route('DELETE', pattern, handler);
	}

	// ── lifecycle ──

	/** Starts listening on 127.0.0.1. Resolves with the root URL (`http://127.0.0.1:<port>`, no trailing slash). */
	async start(): Promise<{ url: string }> {
		if (this.server) throw new Error(`${this.name} sandbox already started`);
		this.closing = false;
		const server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				// Last resort: never let a bug in the sandbox leave a request hanging.
				if (!res.headersSent && !res.destroyed) {
					this.write(
						res,
						500,
						{ 'content-type': 'application/json' },
						JSON.stringify({ message: String(error) }),
					);
				}
			});
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			const onError = (error: Error) => {
				this.server = undefined;
				reject(error);
			};
			server.once('error', onError);
			server.listen(this.requestedPort, '127.0.0.1', () => {
				server.off('error', onError);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		this.rootUrl = `http://127.0.0.1:${port}`;
		return { url: this.rootUrl };
	}

	/** Root URL; throws before `start()`. */
	get url(): string {
		if (!this.rootUrl) throw new Error(`${this.name} sandbox not started`);
		return this.rootUrl;
	}

	/** Port actually bound; throws before `start()`. */
	get port(): number {
		return Number(new URL(this.url).port);
	}

	/**
	 * Stops the server: pending latency waits end, hung and keep-alive sockets are destroyed, queued faults are
	 * dropped. Safe to call twice. Resolves when the listening socket is closed.
	 */
	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.closing = true;
		this.server = undefined;
		this.faultQueue = [];
		for (const delay of this.delays) {
			clearTimeout(delay.timer);
			delay.resolve();
		}
		this.delays.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const res of this.hanging) res.destroy();
		this.hanging.clear();
		server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	// ── request log ──

	/** Log entries matching the filter, oldest first. */
	requests(filter?: RequestFilter): RequestRecord[] {
		if (!filter) return [...this.log];
		if (typeof filter === 'function') return this.log.filter(filter);
		return this.log.filter(
			(r) =>
				(!filter.method || filter.method.toUpperCase() === r.method) &&
				pathMatches(filter.path, r.path) &&
				(filter.status === undefined || filter.status === r.status) &&
				(filter.outcome === undefined || filter.outcome === r.outcome) &&
				(filter.fault === undefined || filter.fault === r.fault),
		);
	}

	/** Number of log entries matching the filter. */
	count(filter?: RequestFilter): number {
		return this.requests(filter).length;
	}

	/** Clears the request log. Faults and latency are kept (see `clearFaults()`); provider state is untouched. */
	reset(): void {
		this.log.length = 0;
	}

	// ── fault injection ──

	/** The next `n` matching requests are answered with `status` (handler not run, nothing applied). */
	failNext(n: number, options: FailOptions): this {
		assertCount(n, 'failNext');
		if (!Number.isInteger(options.status) || options.status < 100 || options.status > 599) {
			throw new RangeError(`failNext: invalid status ${options.status}`);
		}
		return this.enqueue(n, () => ({ kind: 'fail', scope: pickScope(options), options }));
	}

	/** The next `n` matching requests get their socket destroyed without any answer (client sees ECONNRESET). */
	resetConnectionNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'resetConnectionNext');
		return this.enqueue(n, () => ({ kind: 'reset', scope: pickScope(scope) }));
	}

	/** The next `n` matching requests are never answered (until the client gives up or the sandbox closes). */
	hangNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'hangNext');
		return this.enqueue(n, () => ({ kind: 'hang', scope: pickScope(scope) }));
	}

	/** The next `n` matching requests get `200` with a truncated JSON body (handler not run, nothing applied). */
	malformedNext(n: number, scope: FaultScope = {}): this {
		assertCount(n, 'malformedNext');
		return this.enqueue(n, () => ({ kind: 'malformed', scope: pickScope(scope) }));
	}

	/**
	 * The next `n` matching requests ARE processed (auth, validation and the write happen as usual) but the answer
	 * is replaced by `status` (default 500). For testing that clients don't duplicate non-idempotent writes.
	 */
	applyThenFailNext(n: number, status = 500, options: ApplyThenFailOptions = {}): this {
		assertCount(n, 'applyThenFailNext');
		if (!Number.isInteger(status) || status < 100 || status > 599) {
			throw new RangeError(`applyThenFailNext: invalid status ${status}`);
		}
		return this.enqueue(n, () => ({
			kind: 'applyThenFail',
			scope: pickScope(options),
			status,
			body: options.body,
		}));
	}

	/**
	 * Persistent latency for requests in `scope` (global when no scope: same as setting `latencyMs`).
	 * The most recently set matching rule wins. `ms = 0` still counts as a rule (removes latency for that scope).
	 */
	setLatency(ms: number, scope?: FaultScope): this {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`setLatency: invalid ms ${ms}`);
		if (!scope || (scope.method === undefined && scope.path === undefined && scope.where === undefined))
			this.latencyMs = ms;
		else this.latencyRules.unshift({ scope: pickScope(scope), ms });
		return this;
	}

	/** Number of queued one-shot faults not yet consumed. */
	pendingFaults(): number {
		return this.faultQueue.reduce((sum, entry) => sum + entry.left, 0);
	}

	/** Drops queued faults and per-route latency, and restores the global latency given at construction. */
	clearFaults(): this {
		this.faultQueue = [];
		this.latencyRules = [];
		this.latencyMs = this.initialLatencyMs;
		return this;
	}

	private enqueue(n: number, make: () => QueuedFault): this {
		if (this.pendingFaults() + n > MAX_QUEUED_FAULTS) {
			throw new RangeError(`fault queue full (${MAX_QUEUED_FAULTS})`);
		}
		// One entry for the n faults: each request's scan then costs one scope check per call, not per fault.
		if (n > 0) this.faultQueue.push({ fault: make(), left: n });
		return this;
	}

	/** Removes and returns the first queued fault (FIFO) whose scope matches. */
	private takeFault(request: ScopedRequest): QueuedFault | undefined {
		const index = this.faultQueue.findIndex((entry) => scopeMatches(entry.fault.scope, request));
		if (index === -1) return undefined;
		const entry = this.faultQueue[index];
		if (--entry.left === 0) this.faultQueue.splice(index, 1);
		return entry.fault;
	}

	private latencyFor(request: ScopedRequest): number {
		const rule = this.latencyRules.find((r) => scopeMatches(r.scope, request));
		return rule ? rule.ms : this.latencyMs;
	}

	// ── request processing ──

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		if (this.closing) {
			req.socket.destroy();
			return;
		}
		const time = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const target = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = normalizePath(target.pathname);
		const query = parseQuery(target.searchParams);

		const raw = await this.readBody(req, res);
		if (this.closing || raw === undefined) {
			// Client went away, sandbox closing, or body too large (already answered 413).
			if (raw === undefined && !res.headersSent) req.socket.destroy();
			return;
		}
		const parsed = parseBody(req.headers['content-type'], raw);
		const matched = this.findRoute(method, path);

		const record: RequestRecord = {
			seq: ++this.seq,
			method,
			path,
			url: req.url ?? '/',
			query,
			headers: req.headers,
			body: parsed.body,
			rawBody: raw,
			route: matched.route?.pattern.source,
			params: matched.params ?? {},
			outcome: 'pending',
			time,
		};
		this.pushLog(record);
		res.on('close', () => {
			this.hanging.delete(res);
			if (record.outcome === 'pending') {
				record.outcome = 'aborted';
				record.durationMs = Date.now() - time;
			}
		});

		const scoped: ScopedRequest = { method, path, query, body: parsed.body };
		const fault = this.takeFault(scoped);
		record.fault = fault?.kind;

		const latency = this.latencyFor(scoped);
		if (latency > 0) {
			record.latencyMs = latency;
			await this.delay(latency);
		}
		if (this.closing || res.destroyed) return;

		const send = (response: SandboxResponse) => {
			record.status = response.status ?? 200;
			record.outcome = 'answered';
			record.durationMs = Date.now() - time;
			this.respond(res, response);
		};

		switch (fault?.kind) {
			case 'reset':
				record.outcome = 'reset';
				record.durationMs = Date.now() - time;
				req.socket.destroy();
				return;
			case 'hang':
				record.outcome = 'hung';
				this.hanging.add(res);
				return;
			case 'fail': {
				const { status, retryAfter, body, headers } = fault.options;
				const allHeaders: Record<string, string> = { ...headers };
				if (retryAfter !== undefined) allHeaders['retry-after'] = formatRetryAfter(retryAfter);
				send({ status, headers: allHeaders, body: body ?? this.errorBody(status, statusText(status)) });
				return;
			}
			case 'malformed':
				send({
					status: 200,
					headers: { 'content-type': 'application/json; charset=utf-8' },
					raw: MALFORMED_JSON_BODY,
				});
				return;
			case 'applyThenFail': {
				const applied = await this.dispatch(method, path, query, req.headers, parsed, raw, matched);
				record.appliedStatus = applied.status ?? 200;
				if (this.closing || res.destroyed) return;
				send({
					status: fault.status,
					body: fault.body ?? this.errorBody(fault.status, statusText(fault.status)),
				});
				return;
			}
			default:
				send(await this.dispatch(method, path, query, req.headers, parsed, raw, matched));
		}
	}

	/** Auth → route → body error → handler. Never throws. */
	private async dispatch(
		method: string,
		path: string,
		query: Query,
		headers: http.IncomingHttpHeaders,
		parsed: ParsedBody,
		rawBody: string,
		matched: RouteMatch,
	): Promise<SandboxResponse> {
		const request: SandboxRequest = { method, path, params: {}, query, headers, body: parsed.body, rawBody };
		try {
			const denied = this.auth?.(request);
			if (denied) return denied;
			if (!matched.route) {
				return matched.pathExists
					? json(405, this.errorBody(405, 'Method Not Allowed'))
					: json(404, this.errorBody(404, 'Not Found'));
			}
			if (parsed.error) return json(400, this.errorBody(400, `Malformed JSON body: ${parsed.error}`));
			return await matched.route.handler({ ...request, params: matched.params ?? {} });
		} catch (error) {
			if (error instanceof SandboxHttpError)
				return { status: error.status, body: error.body, headers: error.headers };
			return json(
				500,
				this.errorBody(
					500,
					`Sandbox handler error: ${error instanceof Error ? error.message : String(error)}`,
				),
			);
		}
	}

	private findRoute(method: string, path: string): RouteMatch {
		let pathExists = false;
		for (const route of this.routes) {
			const params = matchPattern(route.pattern, path);
			if (!params) continue;
			if (route.method === method || (method === 'HEAD' && route.method === 'GET'))
				return { route, params, pathExists: true };
			pathExists = true;
		}
		return { pathExists };
	}

	private respond(res: http.ServerResponse, response: SandboxResponse): void {
		const status = response.status ?? 200;
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = v;
		let payload: string | Buffer;
		if (response.raw !== undefined) {
			payload = response.raw;
		} else if (response.body === undefined || status === 204 || status === 304) {
			payload = '';
		} else {
			payload = JSON.stringify(response.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		this.write(res, status, headers, payload);
	}

	private write(
		res: http.ServerResponse,
		status: number,
		headers: Record<string, string>,
		payload: string | Buffer,
	): void {
		if (res.destroyed || res.headersSent) return;
		res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
		res.end(payload);
	}

	/** Reads the whole body as utf-8. `undefined` when the client aborted or the body was too large (413 sent). */
	private readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<string | undefined> {
		return new Promise((resolve) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let done = false;
			const finish = (value: string | undefined) => {
				if (done) return;
				done = true;
				resolve(value);
			};
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > this.maxBodyBytes) {
					this.write(
						res,
						413,
						{ 'content-type': 'application/json' },
						JSON.stringify(this.errorBody(413, 'Payload Too Large')),
					);
					req.removeAllListeners('data');
					req.resume();
					finish(undefined);
					return;
				}
				chunks.push(chunk);
			});
			req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
			req.on('error', () => finish(undefined));
			req.on('aborted', () => finish(undefined));
		});
	}

	/** A wait that `close()` can end early. */
	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.delays.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.delays.add(entry);
		});
	}

	private pushLog(record: RequestRecord): void {
		this.log.push(record);
		if (this.log.length > this.maxLogEntries) this.log.splice(0, this.log.length - this.maxLogEntries);
	}
}

// ───────────────────────────────────────── internals ─────────────────────────────────────────

interface RouteMatch {
	route?: Route;
	params?: Record<string, string>;
	/** True when some route has this path but another method (→ 405). */
	pathExists: boolean;
}

interface ParsedBody {
	body: unknown;
	error?: string;
}

/**
 * JSON when the content type is JSON or absent, form fields for urlencoded bodies, raw string otherwise.
 * An empty body is `undefined`.
 */
function parseBody(contentType: string | undefined, raw: string): ParsedBody {
	if (raw.length === 0) return { body: undefined };
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') return { body: parseQuery(new URLSearchParams(raw)) };
	if (type === '' || type === 'application/json' || type.endsWith('+json')) {
		try {
			return { body: JSON.parse(raw) };
		} catch (error) {
			return { body: undefined, error: error instanceof Error ? error.message : String(error) };
		}
	}
	return { body: raw };
}

function pickScope(scope: FaultScope): FaultScope {
	return { method: scope.method?.toUpperCase(), path: scope.path, where: scope.where };
}

function statusText(status: number): string {
	return http.STATUS_CODES[status] ?? `HTTP ${status}`;
}
