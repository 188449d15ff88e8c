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
 *
 * Files: types.ts (what handlers and tests see), match.ts (patterns, queries, bodies), faults.ts (the fault queue
 * and latency), this file (listening, the request log, processing). Each provider sandbox has the same layout in
 * its folder: state.ts (the data it holds and the operations on it), routes.ts (paths, auth, body checks,
 * documented errors) and index.ts (the `<Provider>Sandbox` class tests use, and `start<Provider>Sandbox`).
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { FaultInjector, formatRetryAfter, MALFORMED_JSON_BODY } from './faults';
import { compilePattern, matchPattern, normalizePath, parseBody, parseQuery, pathMatches } from './match';
import type { CompiledPattern, ParsedBody } from './match';
import {
	json,
	SandboxHttpError,
	type AuthChecker,
	type ErrorBodyBuilder,
	type Query,
	type RequestFilter,
	type RequestRecord,
	type RouteHandler,
	type SandboxRequest,
	type SandboxResponse,
	type SandboxServerOptions,
	type ScopedRequest,
} from './types';

export { MALFORMED_JSON_BODY, MAX_FAULTS_PER_CALL } from './faults';
export { compilePattern, parseQuery } from './match';
export * from './types';

interface Route {
	method: string;
	pattern: CompiledPattern;
	handler: RouteHandler;
}

export class SandboxServer extends FaultInjector {
	/** Name used in messages. */
	readonly name: string;
	private readonly requestedPort: number;
	private readonly auth?: AuthChecker;
	private readonly errorBody: ErrorBodyBuilder;
	private readonly maxLogEntries: number;
	private readonly maxBodyBytes: number;

	private readonly routes: Route[] = [];
	private readonly log: RequestRecord[] = [];

	private server?: http.Server;
	private rootUrl?: string;
	private closing = false;
	private seq = 0;
	private readonly sockets = new Set<Socket>();
	private readonly hanging = new Set<http.ServerResponse>();
	private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	constructor(options: SandboxServerOptions = {}) {
		super(options.latencyMs ?? 0);
		this.name = options.name ?? 'sandbox';
		this.requestedPort = options.port ?? 0;
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
		this.dropFaults();
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

interface RouteMatch {
	route?: Route;
	params?: Record<string, string>;
	/** True when some route has this path but another method (→ 405). */
	pathExists: boolean;
}

function statusText(status: number): string {
	return http.STATUS_CODES[status] ?? `HTTP ${status}`;
}
