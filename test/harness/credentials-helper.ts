/**
 * Credential types and an in-memory credentials store behind n8n-workflow's `ICredentialsHelper`.
 *
 * n8n-core never applies authentication itself: `httpRequestWithAuthentication` (and declarative routing) asks
 * `additionalData.credentialsHelper` to decrypt the credential, run `preAuthentication`, and `authenticate` the
 * request. This class does those steps the way n8n 2.8's CLI `CredentialsHelper` does (packages/cli/src/
 * credentials-helper.ts), minus the database, credential overwrites, external secrets and dynamic credentials.
 */
import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialTypes,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isExpression,
} from 'n8n-workflow';

/** A stored credential, as n8n keeps it in its database (but with `data` in clear). */
export interface TestCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** ICredentialTypes over our credential classes. */
export class CredentialTypesRegistry implements ICredentialTypes {
	private readonly byName = new Map<string, ICredentialType>();

	constructor(credentialClasses: Array<new () => ICredentialType>) {
		for (const CredentialClass of credentialClasses) {
			const type = new CredentialClass();
			if (this.byName.has(type.name)) {
				throw new UnexpectedError(`Credential type "${type.name}" is registered twice`);
			}
			this.byName.set(type.name, type);
		}
	}

	recognizes(name: string): boolean {
		return this.byName.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.byName.get(name);
		if (type === undefined) {
			const known = [...this.byName.keys()].join(', ') || 'none';
			throw new UnexpectedError(`Unknown credential type "${name}" (registered: ${known})`);
		}
		return type;
	}

	getSupportedNodes(name: string): string[] {
		return this.getByName(name).supportedNodes ?? [];
	}

	/** All ancestors via `extends`, nearest first, like n8n's CredentialTypes.getParentTypes. */
	getParentTypes(name: string): string[] {
		const direct = this.byName.get(name)?.extends ?? [];
		return direct.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

// A throwaway one-node workflow resolves credential expressions outside a node run (same trick as n8n's CLI).
const CREDENTIALS_MOCK_NODE: INode = {
	id: 'credentials-mock',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const MOCK_NODE_TYPES = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** The "database": credential id -> stored credential. Deep copies go in and out, like rows would. */
	private readonly store = new Map<string, TestCredential>();

	constructor(
		readonly credentialTypes: CredentialTypesRegistry,
		credentials: TestCredential[] = [],
	) {
		super();
		for (const credential of credentials) this.add(credential);
	}

	/** Adds or replaces a stored credential. */
	add(credential: TestCredential): void {
		this.credentialTypes.getByName(credential.type); // fail early on unknown types
		this.store.set(credential.id, deepCopy(credential));
	}

	/** The stored credential as it is now (e.g. to assert that a refreshed token was saved). */
	stored(id: string): TestCredential {
		const credential = this.store.get(id);
		if (credential === undefined) throw new UserError(`Credential with ID "${id}" does not exist`);
		return deepCopy(credential);
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	/** Applies the credential type's `authenticate`: a function is called, a generic definition is merged in. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			// properties: { headers: {...}, qs: {...}, body: {...}, auth: {...} }; keys and values may be expressions.
			for (const [target, entries] of Object.entries(authenticate.properties)) {
				const options = requestOptions as unknown as Record<string, Record<string, string>>;
				options[target] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolvedKey = this.resolveAuthValue(key, credentials, workflow, node);
					options[target][resolvedKey] = this.resolveAuthValue(value, credentials, workflow, node);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/**
	 * Runs the credential type's `preAuthentication` (e.g. exchange an API key for a session token) when its
	 * expirable hidden property is still empty, when the caller says the credentials expired (n8n-core retries
	 * once with `credentialsExpired = true` after a 401), or when the credential is being tested. The new values
	 * are saved back to the store, so the next execution reuses the token instead of fetching another one.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}

		// n8n's credential test runs on a temporary `n8n-nodes-base.noOp` node with a `temp` parameter.
		const isTestingCredentials = node.parameters?.temp === '' && node.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}

		const output = (await credentialType.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		// Without the expirable property in the output nothing is stored (n8n behaves the same).
		if (output?.[expirable.name] === undefined) return undefined;

		if (node.credentials === undefined) return undefined;

		// n8n 2.8 saves the credentials *as decrypted for this run* (defaults applied, expressions resolved)
		// merged with the output. (Later n8n versions only merge the output into the raw stored data.)
		const updated = Object.assign(credentials, output);
		await this.updateCredentials(node.credentials[credentialType.name], credentialType.name, updated);
		return updated;
	}

	/** Returns an n8n-core `Credentials` object (encrypted with the throwaway instance key), as the CLI does. */
	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const stored = this.find(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, stored.type);
		credentials.setData(deepCopy(stored.data));
		return credentials;
	}

	/**
	 * The credential data a node gets from `this.getCredentials(type)`: stored data plus the type's defaults,
	 * with expressions (e.g. `={{$credentials...}}` or `={{ $vars.x }}`) resolved.
	 */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = deepCopy(this.find(nodeCredentials, type).data);
		if (raw === true) return data;
		return this.applyDefaultsAndResolve(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Defaults + expression resolution, the part of n8n's `applyDefaultsAndOverwrites` that applies here. */
	applyDefaultsAndResolve(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// Not a declared property, so getNodeParameters drops it; n8n puts it back the same way.
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({
				nodes: [CREDENTIALS_MOCK_NODE],
				connections: {},
				active: false,
				nodeTypes: MOCK_NODE_TYPES,
			});
			data = workflow.expression.getComplexParameterValue(
				CREDENTIALS_MOCK_NODE,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		this.store.set(stored.id, { ...stored, data: deepCopy(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		const updated = { ...stored.data, oauthTokenData: deepCopy(data.oauthTokenData) };
		this.store.set(stored.id, { ...stored, data: updated });
	}

	/** Own properties merged over those of the types it `extends` (the child wins), like n8n. */
	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;

		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			if (this.credentialTypes.recognizes(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	/** Looks a credential up by id and type, with n8n's error messages. */
	private find(nodeCredentials: INodeCredentialsDetails, type: string): TestCredential {
		if (!nodeCredentials.id) {
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${type}" has no ID.`);
		}
		const stored = this.store.get(nodeCredentials.id);
		if (stored === undefined || stored.type !== type) {
			throw new UserError(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return stored;
	}

	private resolveAuthValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}
}
