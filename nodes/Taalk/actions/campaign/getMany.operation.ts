import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../common/descriptions';
import { readLimit } from '../../../common/paging';
import { forEachItem } from '../../../common/runner';
import { listCampaigns } from '../../methods/campaigns';

const show = { resource: ['campaign'], operation: ['getMany'] };

export const description = updateDisplayOptions({ show }, returnAllOrLimit({ show }));

/** Lists the account's campaigns. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem(this, async (i) => await listCampaigns(this, readLimit(this, i), i));
}
