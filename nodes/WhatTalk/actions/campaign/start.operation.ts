import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changeStatus, statusDescription } from './status';

export const description = statusDescription('start');

/** Starts calling the campaign's leads (status "in-progress"). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'start');
}
