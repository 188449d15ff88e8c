/**
 * The four providers as the fault matrix needs them: the per-provider test setups (reused as they are), the
 * secrets to scan for, and how each one's credential stops working in the middle of a run.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ScopedRequest } from '../sandbox/server';
import { TALKDESK_CLIENT_ID, TALKDESK_CLIENT_SECRET } from '../sandbox/talkdesk';
import type { TalkturoSandboxOptions } from '../sandbox/talkturo';
import { TAALK_KEY, taalkEnv } from '../taalk/setup';
import type { TaalkTestEnv } from '../taalk/setup';
import { talkdeskEnv } from '../talkdesk/setup';
import type { TalkdeskTestEnv } from '../talkdesk/setup';
import { TALKTURO_KEY, talkturoEnv } from '../talkturo/setup';
import type { TalkturoTestEnv } from '../talkturo/setup';
import { WHATTALK_KEY, whatTalkEnv } from '../whattalk/setup';
import type { WhatTalkTestEnv } from '../whattalk/setup';
import type { CredentialLoss, FaultEnv } from './engine';

export type TaalkFaults = TaalkTestEnv & FaultEnv;
export type TalkturoFaults = TalkturoTestEnv & FaultEnv;
export type WhatTalkFaults = WhatTalkTestEnv & FaultEnv;
export type TalkdeskFaults = TalkdeskTestEnv & FaultEnv;

export async function taalk(): Promise<TaalkFaults> {
	return { ...(await taalkEnv()), secrets: () => [TAALK_KEY] };
}

export async function talkturo(sandbox: TalkturoSandboxOptions = {}): Promise<TalkturoFaults> {
	return { ...(await talkturoEnv({ sandbox })), secrets: () => [TALKTURO_KEY] };
}

export async function whatTalk(): Promise<WhatTalkFaults> {
	return { ...(await whatTalkEnv()), secrets: () => [WHATTALK_KEY] };
}

/** Talkdesk's secrets: the client secret, the Basic header made from it, and every access token issued. */
export async function talkdesk(): Promise<TalkdeskFaults> {
	const env = await talkdeskEnv();
	const basic = Buffer.from(`${TALKDESK_CLIENT_ID}:${TALKDESK_CLIENT_SECRET}`).toString('base64');
	return { ...env, secrets: () => [TALKDESK_CLIENT_SECRET, basic, ...env.sandbox.issuedTokens()] };
}

/** The most faults one `*Next` call takes. */
const PER_CALL = 1000;

/** Queues `count` faults, in calls of at most PER_CALL. */
function queueMany(count: number, queue: (n: number) => void): void {
	for (let left = count; left > 0; left -= PER_CALL) queue(Math.min(PER_CALL, left));
}

/** Sends of a request that gets a 401: the first, and the transport's resend (with a new token, where one is renewed). */
const SENDS_AFTER_401 = 2;

/** Sends of a request an expirable token is refused for: the first; the resend waits for a token that never comes. */
const TOKEN_REFUSED_SENDS = 1;

/**
 * An API key that stops working in the middle: one 401 early on (the transport sends it once more, and it goes
 * through), then from the middle item on the service answers 401 to every request (each sent twice, until the
 * node stops sending).
 */
export function apiKeyLoss<E extends FaultEnv>(body: IDataObject, message: RegExp): CredentialLoss<E> {
	return {
		passOne: (env, at) => env.sandbox.failNext(1, { status: 401, body, where: at }),
		passOneAttempts: SENDS_AFTER_401,
		refusedSends: SENDS_AFTER_401,
		revoke: (env, from, remaining) =>
			queueMany(SENDS_AFTER_401 * remaining, (n) =>
				env.sandbox.failNext(n, { status: 401, body, where: from }),
			),
		message,
	};
}

/** Does `effect` once, at the first request `at` matches; never matches itself, so no fault is consumed. */
function once(at: (request: ScopedRequest) => boolean, effect: () => void) {
	let done = false;
	return (request: ScopedRequest) => {
		if (!done && at(request)) {
			done = true;
			effect();
		}
		return false;
	};
}

/** Talkdesk's access tokens expire (server-side) when the first request `at` matches arrives. */
function expireTokensAt(env: TalkdeskFaults, at: (request: ScopedRequest) => boolean): void {
	env.sandbox.failNext(1, { status: 401, where: once(at, () => env.sandbox.expireTokens()) });
}

/**
 * Talkdesk: the access token expires early on (401; the transport drops it, n8n fetches a new one and the request
 * goes through: two sends of it), then in the middle the client is revoked: the token expires and the token
 * endpoint refuses the client (the request is sent once; no more is sent after it).
 */
export const talkdeskLoss: CredentialLoss<TalkdeskFaults> = {
	passOne: expireTokensAt,
	passOneAttempts: SENDS_AFTER_401,
	refusedSends: TOKEN_REFUSED_SENDS,
	revoke(env, from, remaining) {
		let revoked = false;
		env.sandbox.failNext(1, {
			status: 401,
			where: once(from, () => {
				revoked = true;
				env.sandbox.expireTokens();
			}),
		});
		// At most one token request per API request.
		queueMany(remaining, (n) =>
			env.sandbox.failNext(n, {
				status: 401,
				method: 'POST',
				path: '/oauth/token',
				body: { error: 'invalid_client', error_description: 'Client authentication failed' },
				where: () => revoked,
			}),
		);
	},
	message: /Talkdesk token request failed \(401, invalid_client/,
};
