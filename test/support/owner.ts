/**
 * Creating the owner account of a fresh n8n through its REST API (what the first-visit form does), shared by the
 * suites that drive n8n's editor API.
 */
import { randomBytes } from 'node:crypto';

const MINUTE = 60_000;

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/**
 * Posts the owner setup and returns n8n's answer (its `n8n-auth` cookie signs the owner in). n8n answers its
 * health check a moment before it mounts the owner route (404 then), and a busy machine can drop the first
 * connection or answer 5xx while the database settles: those are retried for a minute. Any other refusal throws.
 */
export async function setUpOwner(
	baseUrl: string,
	owner: Owner,
	headers: Record<string, string> = {},
): Promise<Response> {
	const url = `${baseUrl.replace(/\/$/, '')}/rest/owner/setup`;
	const deadline = Date.now() + MINUTE;
	for (;;) {
		let failure: string;
		let retry = true;
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(owner),
				signal: AbortSignal.timeout(MINUTE),
			});
			if (response.ok) return response;
			failure = `HTTP ${response.status} ${(await response.text()).slice(0, 300)}`;
			retry = response.status === 404 || response.status >= 500;
		} catch (error) {
			failure = (error as Error).message;
		}
		if (!retry) throw new Error(`n8n refused the owner setup: ${failure}`);
		if (Date.now() > deadline)
			throw new Error(`n8n did not take the owner setup within a minute: ${failure}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** A signed-in owner's session: the headers that authenticate a request to n8n's REST API as the owner. */
export interface OwnerSession {
	headers: { cookie: string; 'browser-id': string };
}

/**
 * Creates the owner account (`setUpOwner`) and keeps its session: n8n's `n8n-auth` cookie, which it accepts only
 * with the same `browser-id` header as at sign-in.
 */
export async function ownerSession(baseUrl: string, owner: Owner): Promise<OwnerSession> {
	const browserId = randomBytes(16).toString('hex');
	const response = await setUpOwner(baseUrl, owner, { 'browser-id': browserId });
	const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
	if (!auth) throw new Error('owner setup: no n8n-auth cookie');
	return { headers: { cookie: auth.split(';')[0], 'browser-id': browserId } };
}
