import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TalkturoApi } from '../../credentials/TalkturoApi.credentials';
import { Talkturo } from '../../nodes/Talkturo/Talkturo.node';
import { TalkturoTrigger } from '../../nodes/TalkturoTrigger/TalkturoTrigger.node';
import { Harness } from '../harness';
import type { NodeRunResult } from '../harness';
import { startTalkturoSandbox, TALKTURO_FIXTURES } from '../sandbox/talkturo';
import type { TalkturoSandbox, TalkturoSandboxOptions } from '../sandbox/talkturo';

export const TALKTURO_KEY = 'tk_test_secret-token-for-tests-0123456789';
export const TEAM = TALKTURO_FIXTURES.teamId;
export const F = TALKTURO_FIXTURES;
export const credentials = { talkturoApi: { id: 'talkturo', name: 'Talkturo account' } };

export interface TalkturoTestEnv {
	sandbox: TalkturoSandbox;
	harness: Harness;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<NodeRunResult>;
	close(): Promise<void>;
}

/** A Talkturo sandbox on loopback and a harness whose "Talkturo account" credential points at it. */
export async function talkturoEnv(
	options: {
		/** Credential fields over the defaults; a function gets the sandbox root URL. */
		credential?: IDataObject | ((url: string) => IDataObject);
		sandbox?: TalkturoSandboxOptions;
	} = {},
): Promise<TalkturoTestEnv> {
	const sandbox = await startTalkturoSandbox({ apiKey: TALKTURO_KEY, ...options.sandbox });
	const overrides =
		typeof options.credential === 'function' ? options.credential(sandbox.url) : options.credential;
	const harness = new Harness({
		nodeTypes: [Talkturo, TalkturoTrigger],
		credentialTypes: [TalkturoApi],
		credentials: [
			{
				id: 'talkturo',
				name: 'Talkturo account',
				type: 'talkturoApi',
				data: { baseUrl: sandbox.url, apiToken: TALKTURO_KEY, teamId: TEAM, ...overrides },
			},
		],
	});
	return {
		sandbox,
		harness,
		run: async (parameters, items, continueOnFail) =>
			await harness.runNode({ type: 'talkturo', parameters, credentials, items, continueOnFail }),
		close: async () => await sandbox.close(),
	};
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** People as a CRM would send them (US numbers in assorted styles). */
export function people(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const i = start + n;
		return {
			first: `Person${i}`,
			last: `Family${i}`,
			phone: `(202) 555-${String(1000 + i).padStart(4, '0')}`,
			email: `person${i}@example.com`,
		};
	});
}

/** The E.164 form of `people()` phones. */
export const e164Of = (i: number) => `+1202555${String(1000 + i).padStart(4, '0')}`;
