import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TalkdeskOAuth2Api } from '../../credentials/TalkdeskOAuth2Api.credentials';
import { Talkdesk } from '../../nodes/Talkdesk/Talkdesk.node';
import { Harness } from '../harness';
import type { NodeRunResult } from '../harness';
import { startTalkdeskSandbox, TALKDESK_CLIENT_ID, TALKDESK_CLIENT_SECRET } from '../sandbox/talkdesk';
import type { TalkdeskSandbox, TalkdeskSandboxOptions } from '../sandbox/talkdesk';

export const CREDENTIAL_ID = 'talkdesk';
export const CREDENTIALS = { talkdeskOAuth2Api: { id: CREDENTIAL_ID, name: 'Talkdesk account' } };

export interface TalkdeskTestEnv {
	sandbox: TalkdeskSandbox;
	harness: Harness;
	/** A READY campaign with `listId` attached, and an empty DNC list. */
	campaignId: string;
	listId: string;
	dncListId: string;
	run(parameters: INodeParameters, items?: IDataObject[], continueOnFail?: boolean): Promise<NodeRunResult>;
	/** The credential as stored now (token, expiry). */
	stored(): IDataObject;
	close(): Promise<void>;
}

/** A Talkdesk sandbox on loopback and a harness whose "Talkdesk account" credential (region Custom) points at it. */
export async function talkdeskEnv(
	options: TalkdeskSandboxOptions = {},
	credentialOverrides: IDataObject = {},
): Promise<TalkdeskTestEnv> {
	const sandbox = await startTalkdeskSandbox(options);
	const harness = new Harness({
		nodeTypes: [Talkdesk],
		credentialTypes: [TalkdeskOAuth2Api],
		credentials: [
			{
				id: CREDENTIAL_ID,
				name: 'Talkdesk account',
				type: 'talkdeskOAuth2Api',
				data: {
					region: 'custom',
					tokenUrl: sandbox.tokenUrl,
					apiBaseUrl: sandbox.url,
					clientId: TALKDESK_CLIENT_ID,
					clientSecret: TALKDESK_CLIENT_SECRET,
					...credentialOverrides,
				},
			},
		],
	});
	const list = sandbox.addRecordList({ name: 'Spring leads' });
	const dnc = sandbox.addDncList({ name: 'Opted out' });
	const campaign = sandbox.addCampaign({ name: 'Spring renewals', recordListIds: [list.id] });
	return {
		sandbox,
		harness,
		campaignId: campaign.id,
		listId: list.id,
		dncListId: dnc.id,
		run: async (parameters, items, continueOnFail) =>
			await harness.runNode({
				type: 'talkdesk',
				parameters,
				credentials: CREDENTIALS,
				items,
				continueOnFail,
			}),
		stored: () => harness.storedCredential(CREDENTIAL_ID).data as IDataObject,
		close: async () => await sandbox.close(),
	};
}

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Contacts as a CRM would send them; phones are valid US numbers (NANP 704-555-01xx is fictional but valid). */
export function contacts(count: number, start = 0): IDataObject[] {
	return Array.from({ length: count }, (_, n) => {
		const i = start + n;
		return {
			first: `Lead${i}`,
			last: `Family${i}`,
			phone: `(704) 705-${String(1000 + i).padStart(4, '0')}`,
			plan: i % 2 ? 'Gold' : 'Silver',
		};
	});
}

/** The E.164 form the node sends for `contacts()` phones. */
export const e164 = (i: number) => `+1704705${String(1000 + i).padStart(4, '0')}`;

export const appendParams = (listId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'record',
	operation: 'append',
	recordListId: byId(listId),
	phone: '={{ $json.phone }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	extraData: { field: [{ name: 'plan', value: '={{ $json.plan }}' }] },
	...extra,
});

export const campaignParams = (operation: string, campaignId: string, extra: INodeParameters = {}) => ({
	resource: 'campaign',
	operation,
	campaignId: byId(campaignId),
	...extra,
});
