import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../common/transport';
import { eventsField, notice, webhookTriggerNode } from '../common/nodeDescription';
import type { TriggerEvent } from '../common/nodeDescription';
import {
	firstString,
	pastedUrlWebhookMethods,
	rawBody,
	rejectWebhook,
	signatureMatches,
	startForEvents,
} from '../common/webhook';
import { fetchContact } from '../Talkturo/actions/contact/api';

/**
 * Call events Talkturo's docs list (assistant webhooks and call events): value, name in the Events list, and how
 * n8n's nodes panel lists it (the trigger's actions).
 */
const EVENTS: TriggerEvent[] = [
	['call.answered', 'Call Answered', 'When a call is answered'],
	['call.completed', 'Call Completed', 'When a call is completed'],
	['call.ended', 'Call Ended, Data Ready', 'When a call ends and its data is ready'],
	['call.hangup', 'Call Hung Up', 'When a call is hung up'],
	['call.initiated', 'Call Placed', 'When a call is placed'],
	[
		'call.machine_detection.ended',
		'Answering-Machine Check Done',
		'When the answering-machine check is done',
	],
	['call.started', 'Call Started', 'When a call starts'],
	['call.transcribed', 'Call Transcribed', 'When a call is transcribed'],
];

const DEFAULT_EVENTS = ['call.ended'];

/** Where an event may name itself, and its contact: Talkturo publishes no payload schema. */
const EVENT_KEYS = ['event', 'type', 'eventType', 'event_type'];
const CONTACT_ID_KEYS = ['contact_id', 'contactId'];

/** Talkturo wants an answer within 5 s: the contact lookup gets one short attempt. */
const LOOKUP_POLICY = { ...DEFAULT_RETRY_POLICY, maxRetries: 0, timeoutMs: 3500 };

export class TalkturoTrigger implements INodeType {
	description: INodeTypeDescription = {
		...webhookTriggerNode(
			'Talkturo Trigger',
			{ name: 'talkturoApi', required: true, displayOptions: { show: { fetchContact: [true] } } },
			{ path: 'talkturo' },
		),
		displayName: 'Talkturo Trigger',
		name: 'talkturoTrigger',
		icon: { light: 'file:talkturo.svg', dark: 'file:talkturo.dark.svg' },
		subtitle: '={{ ($parameter["events"] || []).join(", ") || "every call event" }}',
		description:
			'Starts the workflow when Talkturo posts a call event, e.g. when a call has ended and its data was extracted',
		properties: [
			notice(
				"Talkturo has no API to register webhooks. In Talkturo, open Settings → Integrations, add a webhook to the assistant, paste this node's Production URL (the Test URL while you build the workflow), pick the same events, and copy the webhook's signing secret into Signing Secret below.",
			),
			eventsField(
				EVENTS,
				DEFAULT_EVENTS,
				"Only start the workflow for these events (read from the payload's event field). Leave empty to start for every event.",
			),
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					'Whether to reject (401) requests whose X-Talkturo-Signature is not the HMAC-SHA256 of the body with the signing secret. Turn off only for testing.',
			},
			{
				displayName: 'Signing Secret',
				name: 'signingSecret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description: "The webhook's signing secret from Talkturo's integration settings",
				displayOptions: { show: { verifySignature: [true] } },
			},
			{
				displayName: 'Fetch Contact After Call Ended',
				name: 'fetchContact',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the contact (with the fields the AI extracted during the call) under "contact" to call.ended events that name a contact ID. Needs the Talkturo credential.',
			},
		],
	};

	// The URL is pasted into Talkturo by the user: nothing to register, look up or remove remotely.
	webhookMethods = { default: pastedUrlWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getNodeParameter('verifySignature', true) !== false) {
			const secret = this.getNodeParameter('signingSecret', '') as string;
			const signature = this.getHeaderData()['x-talkturo-signature'];
			if (!signatureMatches(secret, rawBody(this), signature, { algorithm: 'sha256', prefix: 'sha256=' })) {
				return rejectWebhook(this, 401, 'Missing or invalid X-Talkturo-Signature');
			}
		}

		const wanted = (this.getNodeParameter('events', DEFAULT_EVENTS) as string[]).map((event) =>
			event.toLowerCase(),
		);
		const withContact = this.getNodeParameter('fetchContact', false) === true;
		const filter = { keys: EVENT_KEYS, wanted, normalise: (name: string) => name.toLowerCase() };
		return await startForEvents(this, filter, async (event, name) => {
			if (withContact && name === 'call.ended') await addContact(this, event);
		});
	}
}

/** The contact id in the event, at its top level or under data / call / contact. */
function contactIdOf(event: IDataObject): string | undefined {
	const places = [event, event.data, event.call].filter(
		(place): place is IDataObject => typeof place === 'object' && place !== null,
	);
	for (const place of places) {
		const id = firstString(place, CONTACT_ID_KEYS);
		if (id) return id;
	}
	const contact = event.contact as IDataObject | undefined;
	return typeof contact?.id === 'string' && contact.id ? contact.id : undefined;
}

/** Adds the stored contact to the event; a failed lookup is noted on the event, never lost. */
async function addContact(ctx: IWebhookFunctions, event: IDataObject): Promise<void> {
	const contactId = contactIdOf(event);
	if (!contactId) {
		event.contactError = 'The event names no contact ID (contact_id), so the contact was not fetched';
		return;
	}
	try {
		event.contact = await fetchContact(ctx, contactId, LOOKUP_POLICY);
	} catch (error) {
		event.contactError = (error as Error).message;
	}
}
