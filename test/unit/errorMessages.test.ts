/**
 * n8n's NodeApiError and NodeOperationError replace a whole message that merely contains one of Node's system error
 * codes (EPERM, ENOENT, EEXIST, …, any case, anywhere) with a sentence of their own. The errors the nodes build
 * quote contacts, IDs and the provider's words, so they must come out as written. (The bad-input matrices check the
 * same for each provider's validation errors, through a workflow run.)
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';

import { keepMessage } from '../../nodes/common/errors';
import { toItemError } from '../../nodes/common/runner';
import { testNode } from '../support/node';

const node: INode = testNode('Talkturo');
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

describe('error messages that hold letters n8n takes for a system error code', () => {
	it('keeps an API error named after its item and a generated campaign ID', () => {
		const apiError = new NodeApiError(node, { message: 'Campaign not found' } as JsonObject, {
			message: 'Talkturo: Campaign not found',
			httpCode: '404',
		});
		const named = toItemError(ctx, apiError, 3, 'campaign "cmp_x7EpErMq2"');
		expect(named.message).toBe('Talkturo: Campaign not found (item 3, campaign "cmp_x7EpErMq2")');
		expect(named).toBeInstanceOf(NodeApiError);
		expect((named as NodeApiError).httpCode).toBe('404');
	});

	it('keeps a provider message that holds such letters', () => {
		const message = 'Talkdesk did not add the record: PHONE_INVALID (see Renoent street)';
		const error = keepMessage(new NodeOperationError(node, message, { itemIndex: 1 }), message);
		expect(error.message).toBe(message);
		expect(error.messages).not.toContain(message);
		// Without it, n8n's sentence: the test would not tell anything if n8n stopped doing that.
		expect(new NodeOperationError(node, message).message).toBe('The file or directory does not exist');
	});
});
