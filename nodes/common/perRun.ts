import type { RequestContext } from './transport';

/**
 * Memoises an async read per execution context, i.e. per node run: for values every request needs and
 * that cannot change during the run, such as the API base URL from the credential (in n8n each credential
 * read is a database read and a decryption, and bulk operations send many requests). A failed read is not
 * kept: the next caller tries again and reports its own error.
 */
export function perRun<T>(load: (ctx: RequestContext) => Promise<T>): (ctx: RequestContext) => Promise<T> {
	const cache = new WeakMap<RequestContext, Promise<T>>();
	return async (ctx) => {
		let value = cache.get(ctx);
		if (value === undefined) {
			value = load(ctx);
			value.catch(() => cache.delete(ctx));
			cache.set(ctx, value);
		}
		return await value;
	};
}
