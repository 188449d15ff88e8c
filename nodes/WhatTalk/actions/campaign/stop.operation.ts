import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { changeStatus, statusDescription } from './status';

export const description = statusDescription('stop');

/** Pauses the campaign (status "stopped"); Start resumes it. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await changeStatus(this, 'stop');
}
