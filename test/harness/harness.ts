/**
 * Runs our nodes inside n8n-core, in-process: real `Workflow` + `WorkflowExecute`, real node execution
 * contexts, real HTTP. Nothing of n8n is mocked except what a database and a web server would provide
 * (credential storage, base URLs, the webhook request), which is supplied in memory.
 *
 *   const harness = new Harness({ nodeTypes: [Taalk], credentialTypes: [TaalkApi], credentials: [...] });
 *   const { items, error } = await harness.runNode({ type: 'taalk', parameters: {...}, credentials: {...} });
 */
import {
	HookContext,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
	WorkflowHasIssuesError,
} from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowIssues,
	IWorkflowSettings,
	WebhookType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Node, NodeHelpers, UnexpectedError, Workflow, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { CredentialTypesRegistry, HarnessCredentialsHelper } from './credentials-helper';
import type { TestCredential } from './credentials-helper';
import { ensureHarnessEnvironment } from './environment';
import { ITEMS_NODE_TYPE, MANUAL_TRIGGER_TYPE, NodeTypesRegistry } from './node-types';
import { testStoredCredential } from './credential-test';
import { FakeResponse, createRequest } from './webhook-http';
import type {
	CredentialRefs,
	DynamicOptionsArgs,
	HarnessError,
	HarnessOptions,
	ListSearchArgs,
	NodeRunResult,
	RunNodeArgs,
	RunWebhookArgs,
	RunWebhookLifecycleArgs,
	RunWebhookLifecycleResult,
	RunWebhookResult,
	WorkflowInput,
	WorkflowRunResult,
} from './types';

const WORKFLOW_ID = 'harnessWorkflow';
const TRIGGER_NAME = 'Manual Trigger';
const ITEMS_NAME = 'Items';

export class Harness {
	readonly nodeTypes: NodeTypesRegistry;

	readonly credentialTypes: CredentialTypesRegistry;

	readonly credentialsHelper: HarnessCredentialsHelper;

	private readonly instanceBaseUrl: string | undefined;

	private executionCounter = 0;

	constructor(opts: HarnessOptions) {
		ensureHarnessEnvironment();
		this.nodeTypes = new NodeTypesRegistry(opts.nodeTypes);
		this.credentialTypes = new CredentialTypesRegistry(opts.credentialTypes);
		this.credentialsHelper = new HarnessCredentialsHelper(this.credentialTypes, opts.credentials);
		this.instanceBaseUrl = opts.instanceBaseUrl;
	}

	/** The stored credential now, e.g. to check that preAuthentication saved a token. */
	storedCredential(id: string): TestCredential {
		return this.credentialsHelper.stored(id);
	}

	/**
	 * Runs a whole workflow with WorkflowExecute, starting from its trigger, and waits for the end.
	 * Like n8n, an execution that cannot even start (e.g. a parameter with issues: WorkflowHasIssuesError)
	 * still yields a failed run, with the error in `error` (its `context.issues` lists the problems).
	 */
	async runWorkflow(input: WorkflowInput): Promise<WorkflowRunResult> {
		const mode = input.mode ?? 'manual';
		const workflow = this.createWorkflow(input.nodes, input.connections, input.staticData, input.settings);
		const additionalData = this.createAdditionalData(mode, workflow);
		const workflowExecute = new WorkflowExecute(additionalData, mode);

		const startedAt = new Date();
		let run: IRun;
		try {
			run = await workflowExecute.run({ workflow });
		} catch (error) {
			run = this.failedRun(error as HarnessError, mode, startedAt);
			if (error instanceof WorkflowHasIssuesError) {
				const startNode = workflow.getStartNode();
				error.context.issues =
					workflowExecute.checkReadyForExecution(workflow, { startNode: startNode?.name }) ?? {};
				error.description ??= describeIssues(error.context.issues as IWorkflowIssues);
			}
			await additionalData.hooks?.runHook('workflowExecuteAfter', [run, workflow.staticData]);
		}

		const { runData } = run.data.resultData;
		return {
			run,
			output(nodeName, outputIndex = 0, runIndex = 0) {
				const taskData = runData[nodeName]?.[runIndex];
				if (taskData === undefined) {
					const ran = Object.keys(runData).join(', ') || 'none';
					throw new UnexpectedError(`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran})`);
				}
				return taskData.data?.main?.[outputIndex] ?? [];
			},
			error: run.data.resultData.error as HarnessError | undefined,
			staticData: deepCopy(workflow.staticData) as IDataObject,
		};
	}

	/** Runs "Manual Trigger -> Items(items) -> <the node>" and returns what the node produced. */
	async runNode(args: RunNodeArgs): Promise<NodeRunResult> {
		const node = this.createNode(args.type, args.parameters, args);
		if (node.name === TRIGGER_NAME || node.name === ITEMS_NAME) {
			throw new UnexpectedError(`The node under test cannot be named "${node.name}"`);
		}
		if (args.continueOnFail) node.onError = 'continueRegularOutput';

		const nodes: INode[] = [
			{
				id: 'trigger',
				name: TRIGGER_NAME,
				type: MANUAL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'items',
				name: ITEMS_NAME,
				type: ITEMS_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { items: JSON.stringify(args.items ?? [{}]) },
			},
			node,
		];
		const connections: IConnections = {
			[TRIGGER_NAME]: { main: [[{ node: ITEMS_NAME, type: 'main', index: 0 }]] },
			[ITEMS_NAME]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		};

		const { run } = await this.runWorkflow({ nodes, connections });
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
		const error = (taskData?.error ?? run.data.resultData.error) as HarnessError | undefined;
		return { items: outputs[0] ?? [], outputs, error, run };
	}

	/** Calls `methods.listSearch[method]` with a real LoadOptionsContext, like the editor's resource locator. */
	async listSearch(args: ListSearchArgs): Promise<INodeListSearchResult> {
		const { context, nodeType } = this.createLoadOptionsContext(args);
		const method = nodeType.methods?.listSearch?.[args.method];
		if (typeof method !== 'function') {
			throw new UnexpectedError(`Node type "${args.type}" has no listSearch method "${args.method}"`);
		}
		return await method.call(context, args.filter, args.paginationToken);
	}

	/** Calls `methods.loadOptions[method]` with a real LoadOptionsContext, like the editor's options dropdown. */
	async loadOptions(args: DynamicOptionsArgs): Promise<INodePropertyOptions[]> {
		const { context, nodeType } = this.createLoadOptionsContext(args);
		const method = nodeType.methods?.loadOptions?.[args.method];
		if (typeof method !== 'function') {
			throw new UnexpectedError(`Node type "${args.type}" has no loadOptions method "${args.method}"`);
		}
		return await method.call(context);
	}

	/**
	 * Tests a stored credential the way n8n 2.8's "Test" button does for a credential type with a `test`
	 * request: a temporary declarative node sends `test.request` through RoutingNode (so `preAuthentication`
	 * and `authenticate` apply), then the outcome is judged like n8n's CredentialsTester.
	 * Note: with n8n-workflow 2.8.0 a failed request yields NodeApiError's message (e.g. "Authorization failed -
	 * please check your credentials") and `responseCode` rules never match, exactly as in the real n8n 2.8.
	 */
	async testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
		return await testStoredCredential(id, {
			credentialsHelper: this.credentialsHelper,
			credentialTypes: this.credentialTypes,
			nodeTypes: this.nodeTypes,
			additionalData: this.createAdditionalData('internal'),
		});
	}

	/**
	 * Delivers one HTTP request to a webhook node's `webhook()` method through a real WebhookContext,
	 * as n8n's webhook server does (minus the workflow run the returned `workflowData` would start).
	 */
	async runWebhook(args: RunWebhookArgs): Promise<RunWebhookResult> {
		const mode = args.mode ?? 'webhook';
		const node = this.createNode(args.type, args.parameters, args);
		const workflow = this.createWorkflow([node], {}, args.staticData);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (typeof nodeType.webhook !== 'function') {
			throw new UnexpectedError(`Node type "${args.type}" has no webhook() method`);
		}

		const additionalData = this.createAdditionalData(mode, workflow);
		const request = createRequest(args.request);
		const response = new FakeResponse();
		// Typed as express objects by n8n; ours implement the subset nodes use.
		additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];

		const webhookData = this.createWebhookData(
			workflow,
			node,
			additionalData,
			args.webhookName,
			mode === 'manual',
		);
		webhookData.httpMethod = request.method as IWebhookData['httpMethod'];

		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const webhookResponse = (
			nodeType instanceof Node ? await nodeType.webhook(context) : await nodeType.webhook.call(context)
		) as IWebhookResponseData;

		return {
			webhookResponse,
			items: webhookResponse.workflowData,
			responseStatus: response.ended ? response.statusCode : undefined,
			responseBody: response.body,
			responseHeaders: response.headers,
			staticData: deepCopy(workflow.staticData) as IDataObject,
		};
	}

	/**
	 * Calls `webhookMethods[webhookName][method]` (checkExists / create / delete) through a real HookContext,
	 * as n8n does when a workflow with this trigger is activated or deactivated.
	 */
	async runWebhookLifecycle(args: RunWebhookLifecycleArgs): Promise<RunWebhookLifecycleResult> {
		const node = this.createNode(args.type, args.parameters, args);
		const workflow = this.createWorkflow([node], {}, args.staticData);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookName: WebhookType = args.webhookName ?? 'default';
		const fn = nodeType.webhookMethods?.[webhookName]?.[args.method];
		if (typeof fn !== 'function') {
			throw new UnexpectedError(
				`Node type "${args.type}" has no webhookMethods.${webhookName}.${args.method}`,
			);
		}

		const mode: WorkflowExecuteMode = args.isTest ? 'manual' : 'trigger';
		const additionalData = this.createAdditionalData(mode, workflow);
		const webhookData = this.createWebhookData(
			workflow,
			node,
			additionalData,
			webhookName,
			args.isTest === true,
		);
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			args.activation ?? (args.isTest ? 'manual' : 'activate'),
			webhookData,
		);
		const result = (await fn.call(context)) as boolean | undefined;
		return {
			result,
			staticData: deepCopy(workflow.staticData) as IDataObject,
			webhookUrl: context.getNodeWebhookUrl(webhookName),
		};
	}

	// ---- building blocks -------------------------------------------------------------------------------------

	/** The run n8n's WorkflowRunner records when WorkflowExecute throws before running any node. */
	private failedRun(error: HarnessError, mode: WorkflowExecuteMode, startedAt: Date): IRun {
		return {
			data: createRunExecutionData({
				resultData: { error: error as IRun['data']['resultData']['error'], runData: {} },
			}),
			finished: false,
			mode,
			startedAt,
			stoppedAt: new Date(),
			status: 'error',
			storedAt: 'db',
		};
	}

	private createNode(
		type: string,
		parameters: INodeParameters,
		extra: { typeVersion?: number; credentials?: CredentialRefs; name?: string },
	): INode {
		const typeVersion = extra.typeVersion ?? this.nodeTypes.latestVersion(type);
		const { description } = this.nodeTypes.getByNameAndVersion(type, typeVersion);
		const node: INode = {
			id: 'node-under-test',
			name: extra.name ?? description.defaults.name ?? description.displayName,
			type,
			typeVersion,
			position: [400, 0],
			parameters: deepCopy(parameters),
			webhookId: description.webhooks?.length ? 'harness-webhook-id' : undefined,
		};
		if (extra.credentials) node.credentials = deepCopy(extra.credentials);
		return node;
	}

	/** A Workflow over deep copies of the nodes (its constructor writes parameter defaults into them). */
	private createWorkflow(
		nodes: INode[],
		connections: IConnections,
		staticData?: IDataObject,
		settings?: IWorkflowSettings,
	): Workflow {
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'Harness workflow',
			nodes: deepCopy(nodes),
			connections: deepCopy(connections),
			active: false,
			nodeTypes: this.nodeTypes,
			staticData: deepCopy(staticData ?? {}),
			settings: { executionOrder: 'v1', ...settings },
		});
	}

	private createAdditionalData(
		mode: WorkflowExecuteMode,
		workflow?: Workflow,
	): IWorkflowExecuteAdditionalData {
		const now = new Date();
		const workflowData: IWorkflowBase = {
			id: workflow?.id ?? WORKFLOW_ID,
			name: workflow?.name ?? 'Harness workflow',
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: now,
			updatedAt: now,
			nodes: workflow ? Object.values(workflow.nodes) : [],
			connections: workflow?.connectionsBySourceNode ?? {},
			settings: workflow?.settings,
		};
		return buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			executionId: mode === 'internal' ? undefined : String(++this.executionCounter),
			mode,
			workflowData,
			instanceBaseUrl: this.instanceBaseUrl,
		});
	}

	private createLoadOptionsContext(args: DynamicOptionsArgs) {
		const node = this.createNode(args.type, args.parameters ?? {}, {
			typeVersion: args.typeVersion,
			credentials: args.credentials,
			name: 'Temp-Node',
		});
		const workflow = this.createWorkflow([node], {});
		const workflowNode = workflow.getNode(node.name) as INode;
		const additionalData = this.createAdditionalData('internal', workflow);
		// The editor sends the node's current parameters along; the Workflow has filled in their defaults.
		additionalData.currentNodeParameters = workflowNode.parameters;
		const context = new LoadOptionsContext(workflow, workflowNode, additionalData, args.path ?? 'parameters');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		return { context, nodeType };
	}

	/** IWebhookData for one of the node's webhook descriptions, built like n8n's WebhookService.getNodeWebhooks. */
	private createWebhookData(
		workflow: Workflow,
		node: INode,
		additionalData: IWorkflowExecuteAdditionalData,
		webhookName: WebhookType = 'default',
		isTest = false,
	): IWebhookData {
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks?.find((w) => w.name === webhookName);
		if (description === undefined) {
			throw new UnexpectedError(`Node type "${node.type}" has no "${webhookName}" webhook description`);
		}
		const workflowNode = workflow.getNode(node.name) as INode;
		const path = String(
			workflow.expression.getSimpleParameterValue(workflowNode, description.path, 'internal', {}) ?? '',
		);
		const isFullPath = workflow.expression.getSimpleParameterValue(
			workflowNode,
			description.isFullPath as boolean | undefined,
			'internal',
			{},
			undefined,
			false,
		) as boolean;
		const httpMethod = workflow.expression.getSimpleParameterValue(
			workflowNode,
			description.httpMethod as string,
			'internal',
			{},
			undefined,
			'GET',
		);
		return {
			httpMethod: String(httpMethod).split(',')[0].trim() as IWebhookData['httpMethod'],
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(
				workflow.id,
				workflowNode,
				path.replace(/^\/|\/$/g, ''),
				isFullPath,
			),
			webhookDescription: description as IWebhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: workflowNode.webhookId,
			isTest,
		};
	}
}

/** "Taalk: parameters.phone: Parameter "Phone" is required." — one line per problem. */
function describeIssues(issues: IWorkflowIssues): string {
	const lines: string[] = [];
	for (const [nodeName, nodeIssues] of Object.entries(issues)) {
		for (const [kind, detail] of Object.entries(nodeIssues)) {
			if (detail === undefined || detail === false) continue;
			if (detail === true) {
				lines.push(`${nodeName}: ${kind}`);
				continue;
			}
			for (const [key, messages] of Object.entries(detail)) {
				lines.push(`${nodeName}: ${kind}.${key}: ${([] as string[]).concat(messages).join(' ')}`);
			}
		}
	}
	return lines.join('\n');
}
