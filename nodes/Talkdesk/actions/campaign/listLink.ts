import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { optionsCollection } from '../../../common/descriptions';
import { readAllFields } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { requestOptionFields } from '../../../common/requestOptions';
import { keyValues } from '../../../common/runner';
import { talkdesk } from '../../provider';
import { DNC_LIST, listField, readListId, RECORD_LIST } from '../shared';

type Kind = 'recordList' | 'dncList';

const KINDS = {
	recordList: { list: RECORD_LIST, segment: 'record-lists' },
	dncList: { list: DNC_LIST, segment: 'do-not-call-lists' },
} as const;

/**
 * Attach / Detach Record List and Attach / Detach Do-Not-Call List: `POST` or `DELETE`
 * `/campaigns/{id}/<record-lists|do-not-call-lists>` with `[{"id": "<list id>"}]`. Attaching a list that is
 * already attached (or detaching one that is not) changes nothing, so the request may be resent.
 */
export function listLinkOperation(
	operation: string,
	kind: Kind,
	attach: boolean,
): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	const { list, segment } = KINDS[kind];
	return {
		description: operationParameters('campaign', operation, [
			talkdesk.campaignField(),
			listField(
				list,
				attach
					? `The ${list.noun} to attach to the campaign`
					: `The ${list.noun} to detach from the campaign`,
			),
			optionsCollection(requestOptionFields),
		]),
		async execute(this: IExecuteFunctions) {
			return await forEachPrepared(
				this,
				(i) =>
					readAllFields((read) => ({
						campaignId: read(() => talkdesk.readCampaignId(this, i)),
						listId: read(() => readListId(this, i, list)),
					})),
				async ({ campaignId, listId }, i, policy) => {
					const response = await talkdesk.request(
						this,
						{
							method: attach ? 'POST' : 'DELETE',
							path: `/campaigns/${campaignId}/${segment}`,
							body: [{ id: listId }],
							idempotent: true,
							scope: 'campaigns:write',
						},
						policy,
						i,
					);
					return {
						campaignId,
						[list.name]: listId,
						[attach ? 'attached' : 'detached']: true,
						response: response.body,
					};
				},
				({ campaignId, listId }) => keyValues({ campaign: campaignId, [list.noun]: listId }),
			);
		},
	};
}
