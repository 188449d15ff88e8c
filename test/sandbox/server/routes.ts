/**
 * What a provider's routes (`test/sandbox/<provider>/routes.ts`) start from: the server they register on, the
 * store they work on, and the small value checks every provider's request checks use.
 */
import type { SandboxServer } from './index';

export abstract class ProviderRoutes<Store extends { state: unknown }> {
	constructor(
		protected readonly server: SandboxServer,
		protected readonly store: Store,
	) {}

	/** The store's data. */
	protected get state(): Store['state'] {
		return this.store.state;
	}

	/** Registers the provider's paths on the server. */
	abstract register(): void;
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first value of a query parameter given once or several times. */
export function firstValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Whether `zone` is a time zone name the runtime knows (IANA names, and what Intl also accepts). */
export function knownTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
