import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { RequestContext } from './context';

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

/** One per-run reader per credential type. */
const credentialReaders = new Map<string, (ctx: RequestContext) => Promise<ICredentialDataDecryptedObject>>();

/**
 * The node's credential of `type`, read once per run and then shared by every request of the run and by the
 * provider's own settings readers (base URL, region). The transport hands this same object to n8n's request
 * helper, which applies it as usual (`authenticate`, and `preAuthentication` for expirable tokens: a token
 * refreshed during the run is written into this object, so later requests of the run use it).
 */
export async function credentialsOfRun<T extends object = ICredentialDataDecryptedObject>(
	ctx: RequestContext,
	type: string,
): Promise<T> {
	let read = credentialReaders.get(type);
	if (read === undefined) {
		read = perRun(async (runCtx) => await runCtx.getCredentials(type));
		credentialReaders.set(type, read);
	}
	return (await read(ctx)) as T;
}
