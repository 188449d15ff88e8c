import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { eventsField, notice, webhookTriggerNode } from '../common/nodeDescription';
import type { TriggerEvent } from '../common/nodeDescription';
import {
	firstString,
	pastedUrlWebhookMethods,
	rejectWebhook,
	secretsEqual,
	startForEvents,
} from '../common/webhook';
import { taalk } from '../Taalk/provider';

/**
 * Call-flow events a Taalk console rule can post (Taalk's docs): value, name in the Events list, and how n8n's
 * nodes panel lists it (the trigger's actions).
 */
const EVENTS: TriggerEvent[] = [
	['START', 'Call Started', 'When a call starts'],
	['REFUSED', 'Call Refused', 'When a call is refused'],
	['FINISH', 'Call Finished', 'When a call finishes'],
	['AFTER_FINISH', 'Post-Call Processing Done', 'When post-call processing is done'],
	['MESSAGE', 'Message', 'When the call flow posts a message'],
	['TRANSFER', 'Call Transferred', 'When a call is transferred'],
	['TRANSFER_RING', 'Transfer Ringing', 'When a transfer rings'],
	['TRANSFER_FAILED', 'Transfer Failed', 'When a transfer fails'],
	['SURVEY_END', 'Survey Ended', 'When a survey ends'],
	['REPLY_EMAIL', 'Email Reply', 'When someone replies by email'],
	['LINK_CLICKED', 'Link Clicked', 'When someone clicks a link'],
];

/** Where a posted event may name itself and its call: Taalk publishes no payload schema. */
const EVENT_KEYS = ['event', 'type', 'eventType', 'trigger'];
const CALL_ID_KEYS = ['callId', 'call_id', 'sessionId'];

export class TaalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		...webhookTriggerNode('Taalk Trigger', 'taalkApi', { path: 'taalk' }),
		displayName: 'Taalk Trigger',
		name: 'taalkTrigger',
		icon: { light: 'file:taalk.svg', dark: 'file:taalk.dark.svg' },
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "every event" }}',
		description:
			'Starts the workflow when a Taalk call-flow rule posts an event, e.g. when a call has finished',
		properties: [
			notice(
				"Taalk has no API to register webhooks. In the Taalk console, open the campaign's call-flow rules, add a webhook action for the events you want and paste this node's Production URL there (with ?token=<Secret Token> appended if you set one).",
			),
			eventsField(
				EVENTS,
				[],
				"Only start the workflow for these events, read from the payload's event field. Leave empty to start for every event.",
			),
			{
				displayName: 'Secret Token',
				name: 'secretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Recommended. When set, Taalk must send it as the ?token= query parameter or the X-Taalk-Token header; other requests are rejected with 401.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Call Details',
						name: 'fetchCall',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the call (status, transcript, summary) under "call" when the payload names a call ID (callId, call_id or sessionId)',
					},
				],
			},
		],
	};

	// The URL is pasted into the Taalk console by the user: there is nothing to register or remove.
	webhookMethods = { default: pastedUrlWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = this.getNodeParameter('secretToken', '') as string;
		if (token) {
			const given = this.getQueryData() as IDataObject;
			const header = this.getHeaderData()['x-taalk-token'];
			if (!secretsEqual(token, given.token) && !secretsEqual(token, header)) {
				return rejectWebhook(this, 401, 'Missing or wrong token');
			}
		}

		const wanted = this.getNodeParameter('events', []) as string[];
		const fetchCall = (this.getNodeParameter('options', {}) as IDataObject).fetchCall === true;
		const filter = { keys: EVENT_KEYS, wanted, normalise: (name: string) => name.toUpperCase() };
		return await startForEvents(this, filter, async (event) => {
			const callId = fetchCall ? callIdOf(event) : undefined;
			if (callId) await addCall(this, event, callId);
		});
	}
}

/**
 * Adds the call's details to the event. A failed lookup (e.g. Taalk's 425 while the call is still being processed)
 * is noted on the event as `callError`, naming the call: the event itself is never lost.
 */
async function addCall(ctx: IWebhookFunctions, event: IDataObject, callId: string): Promise<void> {
	try {
		const response = await taalk.request<IDataObject>(ctx, {
			method: 'GET',
			path: `/calls/${encodeURIComponent(callId)}`,
			idempotent: true,
		});
		event.call = (response.body.payload as IDataObject | undefined) ?? response.body;
	} catch (error) {
		const { message, description } = error as { message: string; description?: string | null };
		event.callError = `Call ${callId}: ${message}${description ? `. ${description}` : ''}`;
	}
}

function callIdOf(event: IDataObject): string | undefined {
	const call = event.call as IDataObject | undefined;
	return firstString(event, CALL_ID_KEYS) ?? (call ? firstString(call, ['_id']) : undefined);
}
