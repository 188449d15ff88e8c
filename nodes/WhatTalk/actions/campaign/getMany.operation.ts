import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { readLimit } from '../../../common/paging';
import { forEachPrepared } from '../../../common/prepared';
import { listCampaigns } from '../../methods/lookups';

const show = { resource: ['campaign'], operation: ['getMany'] };

export const description = updateDisplayOptions({ show }, returnAllOrLimit({ show }));

/** Lists the account's campaigns (WhatTalk returns them all at once; Limit cuts the list). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readLimit(this, i),
		async (limit, i) => {
			const campaigns = await listCampaigns(this, undefined, i);
			return limit === undefined ? campaigns : campaigns.slice(0, limit);
		},
	);
}
