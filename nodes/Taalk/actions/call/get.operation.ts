import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationParameters } from '../../../common/nodeDescription';
import { InputError, quote } from '../../../common/errors';
import { forEachPrepared } from '../../../common/prepared';
import { keyValues } from '../../../common/runner';
import { taalk } from '../../provider';

export const description = operationParameters('call', 'get', [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '67910a3c99aeedfec27f8611',
		description: 'The ID Taalk returned when the call was placed',
	},
]);

/** Gets a call's status, answering-machine result, transcript and summary. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachPrepared(
		this,
		(i) => {
			const callId = String(this.getNodeParameter('callId', i, '') ?? '').trim();
			if (!/^[0-9a-fA-F]{24}$/.test(callId)) {
				throw new InputError(
					'Call ID',
					callId ? `${quote(callId)} is not a Taalk call ID` : 'is empty',
					'A Taalk call ID is 24 hexadecimal characters, e.g. 67910a3c99aeedfec27f8611',
				);
			}
			return callId;
		},
		async (callId, i) => {
			const response = await taalk.request<IDataObject>(
				this,
				{ method: 'GET', path: `/calls/${callId}`, idempotent: true },
				undefined,
				i,
			);
			return (response.body.payload as IDataObject | undefined) ?? response.body;
		},
		(callId) => keyValues({ call: callId }),
	);
}
