import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	countedOutcome,
	parallelBatchesOption,
	readParallelBatches,
	runBatched,
} from '../../../common/batching';
import { batchSizeOption, optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { requestOptionFields, runWideOptions, runWideRetryPolicy } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import type { RetryPolicy } from '../../../common/transport';
import { talkturo } from '../../provider';
import { withoutEnvelope } from '../../transport';
import type { TalkturoRequest } from '../../transport';
import { checkId, contactIdField } from '../shared';

/** Campaign, Contact ID (default: the item's `id`, as Contact → Create outputs it), Batch Size and Parallel Batches. */
export function membershipProperties(what: string, mode: 'add' | 'remove'): INodeProperties[] {
	return [
		talkturo.campaignField(),
		contactIdField({
			default: '={{ $json.id }}',
			description: `The Talkturo contact to ${what}; by default the "id" of the input item (as Contact → Create and Get Many output it)`,
		}),
		optionsCollection([
			batchSizeOption({ provider: 'Talkturo', noun: 'contact IDs', max: 1000, default: 100 }),
			parallelBatchesOption({ noun: 'contacts', reordersList: mode === 'add' }),
			...requestOptionFields,
		]),
	];
}

interface Member {
	campaignId: string;
	contactId: string;
}

/** Ids listed under any of `keys` (as strings, or objects with an id). */
function idsUnder(body: IDataObject, keys: string[]): Set<string> | undefined {
	for (const key of keys) {
		const list = body[key];
		if (!Array.isArray(list)) continue;
		return new Set(
			list.map((entry) =>
				typeof entry === 'object' && entry !== null
					? String(
							(entry as IDataObject).id ??
								(entry as IDataObject).contact_id ??
								(entry as IDataObject).contactId,
						)
					: String(entry),
			),
		);
	}
	return undefined;
}

const count = (value: unknown) =>
	typeof value === 'number' ? value : Array.isArray(value) ? value.length : 0;

/**
 * Each contact's fate in an add of `size` contacts: per-contact lists when Talkturo gives them, else
 * from the counts when they settle it (none or all skipped), else "sent" (accepted, detail unknown).
 */
export function addOutcome(body: IDataObject, contactId: string, size: number): string {
	const skipped = idsUnder(body, ['skippedContactIds', 'skipped']);
	const invalid = idsUnder(body, ['invalidContactIds', 'invalid']);
	if (invalid?.has(contactId)) return 'invalid';
	if (skipped?.has(contactId)) return 'skipped';
	if (skipped || invalid) return 'added';
	const notAdded = count(body.skipped) + count(body.invalid);
	if (notAdded === 0) return 'added';
	return notAdded >= size ? 'skipped' : 'sent';
}

/**
 * Adds ids to a campaign (POST `/crm/campaigns/{id}/contacts` `{contactIds}`) or removes them (DELETE, same
 * path and body): the answer without its envelope, and whether it answers a resend after a lost answer (the
 * first request may then have done part of the work: see `ApiResponse.afterUnclearAnswer`).
 */
export async function changeCampaignContacts(
	ctx: IExecuteFunctions,
	mode: 'add' | 'remove',
	campaignId: string,
	contactIds: string[],
	policy: RetryPolicy,
	itemIndex: number,
): Promise<{ body: IDataObject; afterUnclearAnswer: boolean }> {
	const path = `/crm/campaigns/${encodeURIComponent(campaignId)}/contacts`;
	const request: TalkturoRequest =
		mode === 'add'
			? {
					method: 'POST',
					path,
					body: { contactIds },
					// Talkturo does not document what adding a contact twice does: not resent after an unclear failure.
					idempotent: false,
					hints: {
						400: 'Talkturo rejected the contact IDs (see the message). The contacts must already exist in this team: create them with Contact → Create.',
						404: 'Talkturo could not find the campaign or one of the contacts. Check the IDs.',
					},
				}
			: {
					method: 'DELETE',
					path,
					body: { contactIds },
					idempotent: true,
					optional: {
						operation: 'Campaign → Remove Contacts',
						endpoint: 'DELETE /crm/campaigns/{id}/contacts',
					},
				};
	const response = await talkturo.request<IDataObject>(ctx, request, policy, itemIndex);
	return {
		body: withoutEnvelope(response.body ?? {}),
		afterUnclearAnswer: response.afterUnclearAnswer === true,
	};
}

/**
 * Adds contacts to, or removes them from, campaigns in bulk: items are checked first, grouped per
 * campaign, sent "Batch Size" ids a request; an id given twice in one run is sent once.
 */
export async function changeMembership(
	ctx: IExecuteFunctions,
	mode: 'add' | 'remove',
): Promise<INodeExecutionData[]> {
	const options = runWideOptions(ctx);
	const policy = runWideRetryPolicy(ctx);
	return await runBatched<Member>(ctx, {
		chunkSize: (options.chunkSize as number | undefined) ?? 100,
		concurrency: readParallelBatches(options),
		prepare: (i) =>
			readAllFields((read) => ({
				campaignId: read(() => talkturo.readCampaignId(ctx, i)),
				contactId: read(() => checkId(ctx.getNodeParameter('contactId', i, ''), 'Contact ID')),
			})),
		subject: (value) => keyValues({ contact: value.contactId, campaign: value.campaignId }),
		group: (value) => value.campaignId,
		key: (value) => value.contactId,
		duplicate: (first, value) => ({
			...value,
			result: 'duplicate',
			duplicateOfItem: first,
			message: `Same contact as item ${first} in this run; sent once`,
		}),
		send: async (members, chunkNumber) => {
			const campaignId = members[0].value.campaignId;
			const contactIds = members.map((m) => m.value.contactId);
			const { body, afterUnclearAnswer } = await changeCampaignContacts(
				ctx,
				mode,
				campaignId,
				contactIds,
				policy,
				members[0].itemIndex,
			);
			const batch: IDataObject = { number: chunkNumber + 1, size: members.length, ...body };
			const allCounted = count(body.removed) === members.length;
			// After a lost answer, the ids the resend did not count were taken out by the first request: after a
			// 2xx to a DELETE none of the ids is in the campaign any more.
			const removedEarlier = mode === 'remove' && !allCounted && afterUnclearAnswer;
			// Talkturo answers a removal with a count only: what it tells about each contact.
			const removal = removedEarlier
				? { outcome: 'removed' }
				: countedOutcome({
						requested: members.length,
						counted: count(body.removed),
						atMostOneEach: true,
						done: 'removed',
						none: 'notRemoved',
						what: 'Talkturo removed',
					});
			const notRemoved =
				'Not in the campaign, or already called: Talkturo only removes pending or skipped contacts';
			return {
				each: members.map(({ value }) => ({
					campaignId,
					contactId: value.contactId,
					result: mode === 'add' ? addOutcome(body, value.contactId, members.length) : removal.outcome,
					...(mode === 'remove' && removal.message && { message: removal.message }),
					...(mode === 'remove' && removal.outcome === 'notRemoved' && { message: notRemoved }),
					...(removedEarlier && { appliedEarlier: true }),
					batch: { ...batch },
				})),
			};
		},
	});
}
