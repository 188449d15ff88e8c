import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatTalkApi } from '../../credentials/WhatTalkApi.credentials';
import { WhatTalk } from '../../nodes/WhatTalk/WhatTalk.node';
import { WhatTalkTrigger } from '../../nodes/WhatTalkTrigger/WhatTalkTrigger.node';
import { Harness } from '../harness';
import type { NodeRunResult } from '../harness';
import { startWhatTalkSandbox } from '../sandbox/whattalk';
import type { WhatTalkSandbox, WhatTalkSandboxOptions } from '../sandbox/whattalk';

export const WHATTALK_KEY = 'wt-secret-key-for-tests-0123456789abcdef';

export const credentials = { whatTalkApi: { id: 'whattalk', name: 'WhatTalk account' } };

export interface WhatTalkTestEnv {
	sandbox: WhatTalkSandbox;
	harness: Harness;
	/** An outbound assistant, an inbound one, and a draft campaign of the outbound one. */
	outboundId: number;
	inboundId: number;
	campaignId: number;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<NodeRunResult>;
	close(): Promise<void>;
}

/** A WhatTalk sandbox on loopback, a harness whose "WhatTalk account" credential points at it, and seed data. */
export async function whatTalkEnv(
	sandboxOptions: WhatTalkSandboxOptions = {},
	credentialOverrides: IDataObject | ((sandbox: WhatTalkSandbox) => IDataObject) = {},
): Promise<WhatTalkTestEnv> {
	const sandbox = await startWhatTalkSandbox({ apiKey: WHATTALK_KEY, ...sandboxOptions });
	const overrides =
		typeof credentialOverrides === 'function' ? credentialOverrides(sandbox) : credentialOverrides;
	const harness = new Harness({
		nodeTypes: [WhatTalk, WhatTalkTrigger],
		credentialTypes: [WhatTalkApi],
		credentials: [
			{
				id: 'whattalk',
				name: 'WhatTalk account',
				type: 'whatTalkApi',
				data: { apiKey: WHATTALK_KEY, baseUrl: sandbox.baseUrl, ...overrides },
			},
		],
	});
	const outbound = sandbox.addAssistant({ name: 'Renewals caller', type: 'outbound' });
	const inbound = sandbox.addAssistant({ name: 'Front desk', type: 'inbound', phone_number: '+14155550199' });
	sandbox.addPhoneNumber({ phone_number: '+14155550123' });
	sandbox.addPhoneNumber({ phone_number: '+905321112233', country_code: 'TR', is_available: false });
	const campaign = sandbox.addCampaign({ name: 'Spring renewals', assistant_id: outbound.id });
	return {
		sandbox,
		harness,
		outboundId: outbound.id,
		inboundId: inbound.id,
		campaignId: campaign.id,
		run: async (parameters, items, continueOnFail) =>
			await harness.runNode({ type: 'whatTalk', parameters, credentials, items, continueOnFail }),
		close: async () => await sandbox.close(),
	};
}

export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

/** Leads as a CRM would send them: national US numbers, a name and a plan. */
export function leads(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const i = start + n;
		return { name: `Lead ${i}`, phone: `(415) 555-${String(1000 + i).padStart(4, '0')}`, plan: `P${i % 3}` };
	});
}

/** The E.164 form the node sends for `leads()` phones. */
export const e164 = (i: number) => `+1415555${String(1000 + i).padStart(4, '0')}`;

export const addParams = (campaignId: number, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'lead',
	operation: 'add',
	campaignId: byId(campaignId),
	phone: '={{ $json.phone }}',
	variables: {
		field: [
			{ name: 'customer_name', value: '={{ $json.name }}' },
			{ name: 'plan', value: '={{ $json.plan }}' },
		],
	},
	...extra,
});
