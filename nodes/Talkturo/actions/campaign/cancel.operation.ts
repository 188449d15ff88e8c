import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { talkturo } from '../../provider';
import { changeStatus } from './status';

export const description = operationParameters('campaign', 'cancel', talkturo.campaignOnly());

/** Stops a campaign for good. A cancelled campaign cannot be resumed. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'cancelled', 'Cancel');
}
