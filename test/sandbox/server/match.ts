/** Paths, queries and bodies: route patterns (`/a/:id`), the path tests of fault scopes and log filters, body parsing. */
import type { FaultScope, Query, ScopedRequest } from './types';

export interface CompiledPattern {
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
export function matchPattern(compiled: CompiledPattern, path: string): Record<string, string> | undefined {
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

export function normalizePath(path: string): string {
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
export function pathMatches(expected: string | RegExp | undefined, path: string): boolean {
	if (expected === undefined) return true;
	if (expected instanceof RegExp) return expected.test(path);
	let compiled = patternCache.get(expected);
	if (!compiled) {
		compiled = compilePattern(expected);
		patternCache.set(expected, compiled);
	}
	return compiled.regex.test(path);
}

export function scopeMatches(scope: FaultScope, request: ScopedRequest): boolean {
	if (scope.method && scope.method.toUpperCase() !== request.method) return false;
	return pathMatches(scope.path, request.path) && (scope.where?.(request) ?? true);
}

export interface ParsedBody {
	body: unknown;
	error?: string;
}

/**
 * JSON when the content type is JSON or absent, form fields for urlencoded bodies, raw string otherwise.
 * An empty body is `undefined`.
 */
export function parseBody(contentType: string | undefined, raw: string): ParsedBody {
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
