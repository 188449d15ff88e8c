import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { talkturo } from '../../provider';
import { changeStatus } from './status';

const show = { resource: ['campaign'], operation: ['pause'] };

export const description = updateDisplayOptions({ show }, talkturo.campaignOnly(show));

/** Pauses a running campaign: no new calls start until it is resumed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'paused', 'Pause');
}
