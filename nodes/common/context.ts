import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Every n8n context that may send an authenticated request: one node run (execution context). What is kept "per
 * run" (the credential, the rate-limit gate, a refused credential) is kept per such context.
 */
export type RequestContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;
