/**
 * The project's n8n test harness: runs our nodes in-process with n8n-core 2.8 (see harness.ts; its types in
 * types.ts, the credential test in credential-test.ts).
 *
 *   import { Harness } from '../harness';
 *
 *   const harness = new Harness({
 *     nodeTypes: [Taalk],
 *     credentialTypes: [TaalkApi],
 *     credentials: [{ id: 'c1', name: 'Taalk', type: 'taalkApi', data: { apiKey: 'k', baseUrl: server.url } }],
 *   });
 *   const { items, error } = await harness.runNode({
 *     type: 'taalk',
 *     parameters: { resource: 'contact', operation: 'append', ... },
 *     credentials: { taalkApi: { id: 'c1', name: 'Taalk' } },
 *     items: [{ phone: '+15551234567' }],
 *   });
 *
 * HTTP is real: point the credential's base URL at a server on 127.0.0.1. Set HARNESS_LOG_LEVEL=debug to see
 * n8n-core's own log lines. jest.setup.ts (the `unit` project's setupFilesAfterEnv) stops n8n-core's timers.
 */
export { Harness } from './harness';
export type * from './types';
export type { TestCredential } from './credentials-helper';
export { HarnessCredentialsHelper, CredentialTypesRegistry } from './credentials-helper';
export {
	NodeTypesRegistry,
	ITEMS_NODE_TYPE,
	MANUAL_TRIGGER_TYPE,
	NO_OP_NODE_TYPE,
	PACKAGE_NAME,
} from './node-types';
export type { WebhookRequestInput } from './webhook-http';
