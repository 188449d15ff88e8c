/**
 * The harness's credential test: what n8n's "Test" button does for a credential type with a `test` request.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import type { CredentialTypesRegistry, HarnessCredentialsHelper } from './credentials-helper';
import { NO_OP_NODE_TYPE, type NodeTypesRegistry } from './node-types';

/**
 * Tests a stored credential the way n8n 2.8's "Test" button does for a credential type with a `test`
 * request: a temporary declarative node sends `test.request` through RoutingNode (so `preAuthentication`
 * and `authenticate` apply), then the outcome is judged like n8n's CredentialsTester.
 * Note: with n8n-workflow 2.8.0 a failed request yields NodeApiError's message (e.g. "Authorization failed -
 * please check your credentials") and `responseCode` rules never match, exactly as in the real n8n 2.8.
 */
export async function testStoredCredential(
	id: string,
	harness: {
		credentialsHelper: HarnessCredentialsHelper;
		credentialTypes: CredentialTypesRegistry;
		nodeTypes: NodeTypesRegistry;
		/** The run context the test request is sent in (the harness's, mode `internal`). */
		additionalData: IWorkflowExecuteAdditionalData;
	},
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const stored = harness.credentialsHelper.stored(id);
	const credentialType = harness.credentialTypes.getByName(stored.type);
	const { test } = credentialType;
	if (test === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const { additionalData } = harness;
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: stored.id,
		name: stored.name,
		type: stored.type,
		data: harness.credentialsHelper.applyDefaultsAndResolve(
			additionalData,
			stored.data,
			stored.type,
			'internal',
		),
	};

	// A throwaway declarative node whose only property routes to the test request (as n8n's CredentialsTester).
	const testNodeType: INodeType = {
		description: {
			...(harness.nodeTypes.getByNameAndVersion(NO_OP_NODE_TYPE).description as INodeTypeDescription),
			name: NO_OP_NODE_TYPE,
			credentials: [{ name: stored.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const testNodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NO_OP_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [stored.type]: { id: stored.id, name: stored.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: testNodeTypes,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
			.cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash-style `get` for dotted paths (credential test rules address response fields this way). */
function getPath(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((current, key) => {
		if (current === null || typeof current !== 'object') return undefined;
		return (current as Record<string, unknown>)[key];
	}, value);
}
