import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { runBatched } from '../../../common/batching';
import { optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { readRetryPolicy, requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { checkIntRange } from '../../../common/validate';
import { talkturo } from '../../provider';
import { withoutEnvelope } from '../../transport';

export const description = operationParameters('campaign', 'run', [
	talkturo.campaignField(),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only preview which calls would start, without dialing. Use it to check a campaign before going live.',
	},
	optionsCollection([
		{
			displayName: 'Account Slug',
			name: 'accountSlug',
			type: 'string',
			default: '',
			placeholder: 'my-team',
			description: 'Your Talkturo account slug, if your deployment asks for it',
		},
		{
			displayName: 'Max Calls',
			name: 'maxCalls',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				'Start at most this many calls in this run (for gradual rollouts). Talkturo also stays within the campaign’s Max Concurrent Calls.',
		},
		...requestOptionFields,
	]),
]);

interface RunValue {
	campaignId: string;
	body: IDataObject;
}

/** "Contact cont_09x has no phone number" → { contactId: 'cont_09x', error: 'has no phone number' }. */
export function contactErrors(errors: unknown): IDataObject[] {
	if (!Array.isArray(errors)) return [];
	return errors.map((entry) => {
		const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
		const match = /^Contact\s+(\S+)\s+(.+)$/i.exec(text);
		return match ? { contactId: match[1].replace(/[.,:;]$/, ''), error: match[2] } : { error: text };
	});
}

/**
 * Starts (or previews) calls for the campaign's pending and queued contacts. Many input items naming
 * the same campaign with the same settings run it once; each of them gets the run's result. Starting
 * calls is not idempotent, so it is only resent when Talkturo said it did not process the request.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBatched<RunValue>(this, {
		chunkSize: Number.MAX_SAFE_INTEGER,
		prepare: (i) =>
			readAllFields((read) => {
				const campaignId = read(() => talkturo.readCampaignId(this, i));
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const body: IDataObject = { dryRun: this.getNodeParameter('dryRun', i, false) === true };
				if (options.maxCalls !== undefined && options.maxCalls !== '') {
					body.maxCalls = read(() => checkIntRange(options.maxCalls, 'Max Calls', 1));
				}
				if (String(options.accountSlug ?? '').trim()) body.accountSlug = String(options.accountSlug).trim();
				return { campaignId, body };
			}),
		subject: (value) => keyValues({ campaign: value.campaignId }),
		group: (value) => JSON.stringify([value.campaignId, value.body]),
		send: async (members) => {
			const { campaignId, body } = members[0].value;
			const first = members[0].itemIndex;
			const response = await talkturo.request<IDataObject>(
				this,
				{
					method: 'POST',
					path: `/crm/campaigns/${encodeURIComponent(campaignId)}/run`,
					body,
					idempotent: false,
					hints: {
						400: 'Talkturo could not run the campaign (see the message). A campaign needs contacts (Campaign → Add Contacts) and cannot run once completed or cancelled.',
						409: 'The campaign cannot run in its current status. Completed and cancelled campaigns cannot run again; resume a paused one with Resume.',
					},
				},
				readRetryPolicy(this, first),
				first,
			);
			const result = withoutEnvelope(response.body);
			return {
				all: {
					campaignId,
					...result,
					dryRun: result.dryRun ?? body.dryRun,
					started: result.started ?? 0,
					failed: result.failed ?? 0,
					errors: result.errors ?? [],
					contactErrors: contactErrors(result.errors),
				},
			};
		},
	});
}
