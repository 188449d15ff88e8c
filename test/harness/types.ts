/** What the harness takes and gives back: options, workflow and node runs, option lookups, webhook runs. */
import type {
	IConnections,
	INode,
	IDataObject,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWebhookResponseData,
	IWorkflowSettings,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
	ICredentialType,
} from 'n8n-workflow';

import type { TestCredential } from './credentials-helper';
import type { WebhookRequestInput } from './webhook-http';

export interface HarnessOptions {
	/** Our node classes, imported from source. Registered as 'taalk' and 'n8n-nodes-voice-campaigns.taalk'. */
	nodeTypes: Array<new () => INodeType | IVersionedNodeType>;
	/** Our credential classes. */
	credentialTypes: Array<new () => ICredentialType>;
	/** The stored credentials nodes can reference by id. */
	credentials?: TestCredential[];
	/** Base URL of the pretend n8n instance (webhook URLs etc.). Default http://localhost:5678/ */
	instanceBaseUrl?: string;
}

/** Credentials as a node references them: `{ taalkApi: { id: 'cred-1', name: 'Taalk account' } }`. */
export type CredentialRefs = INodeCredentials;

/** An execution error as n8n records it (NodeApiError / NodeOperationError carry the extra fields). */
export type HarnessError = Error & {
	description?: string | null;
	context?: IDataObject;
	httpCode?: string | null;
};

export interface WorkflowInput {
	nodes: INode[];
	connections: IConnections;
	/** Workflow static data before the run (`getWorkflowStaticData`), e.g. `{ 'node:My Trigger': {...} }`. */
	staticData?: IDataObject;
	/** Merged over `{ executionOrder: 'v1' }` (what new n8n workflows use). */
	settings?: IWorkflowSettings;
	/** Default 'manual' (the editor's "Execute workflow"); trigger nodes only fire themselves in manual mode. */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	run: IRun;
	/** Items a node emitted on one output in one run; throws if the node never ran. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** The execution's error, if it failed (the failing node's error). */
	error?: HarnessError;
	/** Workflow static data after the run. */
	staticData: IDataObject;
}

export interface RunNodeArgs {
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: CredentialRefs;
	/** The items fed into the node (default: one empty item). */
	items?: IDataObject[];
	/** Sets the node's "On Error" to "Continue" (onError: 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/** Node name (default: the type's default name, as when added in the editor). */
	name?: string;
}

export interface NodeRunResult {
	/** Items on the node's first output ([] when it failed). */
	items: INodeExecutionData[];
	/** Every output of the node. */
	outputs: INodeExecutionData[][];
	/** Set when the node threw (and continueOnFail was off). */
	error?: HarnessError;
	run: IRun;
}

export interface DynamicOptionsArgs {
	type: string;
	typeVersion?: number;
	method: string;
	credentials: CredentialRefs;
	/** The node's current parameters, as the editor sends them. */
	parameters?: INodeParameters;
	/** Parameter path the editor asks for (matters for `&sibling` lookups). Default 'parameters'. */
	path?: string;
}

export interface ListSearchArgs extends DynamicOptionsArgs {
	filter?: string;
	paginationToken?: string;
}

export interface RunWebhookArgs {
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: CredentialRefs;
	staticData?: IDataObject;
	request: WebhookRequestInput;
	/** Which of the node's `webhooks` descriptions (default 'default'). */
	webhookName?: WebhookType;
	name?: string;
	/** Default 'webhook' (production URL); 'manual' means the editor's test webhook. */
	mode?: WorkflowExecuteMode;
}

export interface RunWebhookResult {
	/** What `node.webhook()` returned. */
	webhookResponse: IWebhookResponseData;
	/** `webhookResponse.workflowData`: the items that would start the workflow. */
	items?: INodeExecutionData[][];
	/** What the node wrote to the response object itself, if it did. */
	responseStatus?: number;
	responseBody?: unknown;
	responseHeaders: Record<string, string>;
	/** Workflow static data after the call. */
	staticData: IDataObject;
}

export interface RunWebhookLifecycleArgs {
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: CredentialRefs;
	staticData?: IDataObject;
	method: 'checkExists' | 'create' | 'delete';
	webhookName?: WebhookType;
	name?: string;
	/** Default false: production webhook URL; true: the editor's test URL. */
	isTest?: boolean;
	activation?: WorkflowActivateMode;
}

export interface RunWebhookLifecycleResult {
	result: boolean | undefined;
	/** Workflow static data after the call (where nodes keep the remote webhook id). */
	staticData: IDataObject;
	/** The URL n8n would register with the provider. */
	webhookUrl: string | undefined;
}
