/**
 * `IWorkflowExecuteAdditionalData`: everything an n8n execution gets from the instance running it.
 * Built like n8n's CLI `WorkflowExecuteAdditionalData.getBase()`, with fixed base URLs for a local instance.
 */
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';

/** Where the pretend n8n instance lives; only used to build URLs (webhook URLs, $execution.resumeUrl, ...). */
export const DEFAULT_INSTANCE_BASE_URL = 'http://localhost:5678/';

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	/** Set for workflow executions; n8n leaves it unset for editor requests (load options, credential tests). */
	executionId?: string;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	instanceBaseUrl?: string;
	/** What LoadOptionsContext.getCurrentNodeParameters() returns (the editor sends these). */
	currentNodeParameters?: INodeParameters;
}

export function buildAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const base = (options.instanceBaseUrl ?? DEFAULT_INSTANCE_BASE_URL).replace(/\/?$/, '/');
	const unsupported = (what: string) => () => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};

	return {
		credentialsHelper: options.credentialsHelper,
		// A real hooks object: WorkflowExecute and the manual trigger register and run handlers on it.
		hooks: new ExecutionLifecycleHooks(options.mode, options.executionId ?? '', options.workflowData),
		executionId: options.executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		executionTimeoutTimestamp: undefined,
		instanceBaseUrl: base,
		restApiUrl: `${base}rest`,
		formWaitingBaseUrl: `${base}form-waiting`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: unsupported('Executing sub-workflows'),
		startRunnerTask: unsupported('Running code in a task runner'),
	};
}
