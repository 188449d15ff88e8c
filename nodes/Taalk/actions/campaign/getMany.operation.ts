import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { readLimit } from '../../../common/paging';
import { forEachPrepared } from '../../../common/prepared';
import { listCampaigns } from '../../methods/campaigns';

const show = { resource: ['campaign'], operation: ['getMany'] };

export const description = updateDisplayOptions({ show }, returnAllOrLimit({ show }));

/** Lists the account's campaigns. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => readLimit(this, i),
		async (limit, i) => await listCampaigns(this, limit, i),
	);
}
