import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TaalkApi } from '../../credentials/TaalkApi.credentials';
import { Taalk } from '../../nodes/Taalk/Taalk.node';
import { Harness } from '../harness';
import type { NodeRunResult } from '../harness';
import { startTaalkSandbox } from '../sandbox/taalk';
import type { TaalkSandbox } from '../sandbox/taalk';

export const TAALK_KEY = 'taalk-secret-key-for-tests-0123456789';

export interface TaalkTestEnv {
	sandbox: TaalkSandbox;
	harness: Harness;
	campaignId: string;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<NodeRunResult>;
	close(): Promise<void>;
}

/** A Taalk sandbox on loopback, a harness whose "Taalk account" credential points at it, and one campaign. */
export async function taalkEnv(credentialOverrides: IDataObject = {}): Promise<TaalkTestEnv> {
	const sandbox = await startTaalkSandbox({ apiKey: TAALK_KEY });
	const harness = new Harness({
		nodeTypes: [Taalk],
		credentialTypes: [TaalkApi],
		credentials: [
			{
				id: 'taalk',
				name: 'Taalk account',
				type: 'taalkApi',
				data: { apiKey: TAALK_KEY, baseUrl: sandbox.baseUrl, datasource: '', ...credentialOverrides },
			},
		],
	});
	const campaignId = sandbox.addCampaign({ name: 'Spring leads' })._id;
	return {
		sandbox,
		harness,
		campaignId,
		run: async (parameters, items, continueOnFail) =>
			await harness.runNode({
				type: 'taalk',
				parameters,
				credentials: { taalkApi: { id: 'taalk', name: 'Taalk account' } },
				items,
				continueOnFail,
			}),
		close: async () => await sandbox.close(),
	};
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Contacts as a CRM would send them. */
export function leads(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const i = start + n;
		return {
			first: `Lead${i}`,
			last: `Family${i}`,
			phone: `(704) 555-${String(1000 + i).padStart(4, '0')}`,
			city: `City${i}`,
		};
	});
}

/** The national form the node sends for `leads()` phones. */
export const nationalPhone = (i: number) => `704555${String(1000 + i).padStart(4, '0')}`;

export const appendParams = (campaignId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'contact',
	operation: 'append',
	campaignId: byId(campaignId),
	name: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	phone: '={{ $json.phone }}',
	customFields: { field: [{ name: 'City', value: '={{ $json.city }}' }] },
	...extra,
});
