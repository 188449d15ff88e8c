import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	NodeApiError,
} from 'n8n-workflow';

import { loadedOptionsField, notice, webhookTriggerNode } from '../common/nodeDescription';
import { newWebhookToken, rejectWebhook, secretsEqual } from '../common/webhook';
import { getAssistants } from '../WhatTalk/methods/loadOptions';
import { whatTalk } from '../WhatTalk/provider';

type TriggerEvent = 'callEnded' | 'inboundCall';

/** WhatTalk's endpoints per event: one URL per assistant and event. */
const ENDPOINTS: Record<TriggerEvent, { enable: string; disable: string }> = {
	callEnded: {
		enable: '/user/assistants/enable-webhook',
		disable: '/user/assistants/disable-webhook',
	},
	inboundCall: {
		enable: '/user/assistants/enable-inbound-webhook',
		disable: '/user/assistants/disable-inbound-webhook',
	},
};

/** What the trigger keeps in the workflow's static data about the URL it registered. */
interface Registration {
	assistantId?: number;
	event?: TriggerEvent;
	/** The node's webhook URL, without the token. */
	webhookUrl?: string;
	/** The secret the registered URL carries as `?token=`. */
	token?: string;
}

function currentSettings(ctx: IHookFunctions): { assistantId: number; event: TriggerEvent } {
	const assistantId = Number(ctx.getNodeParameter('assistantId'));
	if (!Number.isInteger(assistantId) || assistantId < 1) {
		throw new NodeOperationError(ctx.getNode(), 'Choose the assistant whose calls start this workflow', {
			description: 'Assistant is empty or not a WhatTalk assistant ID (a whole number)',
		});
	}
	return { assistantId, event: ctx.getNodeParameter('event') as TriggerEvent };
}

export class WhatTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		...webhookTriggerNode('WhatTalk Trigger', 'whatTalkApi', {
			responseMode:
				'={{$parameter["event"] === "inboundCall" ? $parameter["inboundResponse"] : "onReceived"}}',
			responseData: 'firstEntryJson',
			path: 'webhook',
		}),
		displayName: 'WhatTalk Trigger',
		name: 'whatTalkTrigger',
		icon: { light: 'file:whattalk.svg', dark: 'file:whattalk.dark.svg' },
		subtitle: '={{$parameter["event"] === "inboundCall" ? "Inbound Call" : "Call Ended"}}',
		description:
			"Starts the workflow when a WhatTalk assistant's call ends (post-call data: extracted variables, transcript, lead and campaign) or an inbound call comes in",
		properties: [
			notice(
				'WhatTalk sends each assistant\'s events to one URL. Activating this workflow registers its URL on the assistant (replacing any other); deactivating it unregisters it. "Listen for test event" takes the URL over too and removes it when the test ends: reactivate the workflow after testing.',
			),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'callEnded',
				options: [
					{
						name: 'Call Ended',
						value: 'callEnded',
						action: 'When a call ends',
						description:
							'Post-call data sync: status, duration, extracted variables, transcript, recording, and for campaign calls the lead and campaign',
					},
					{
						name: 'Inbound Call',
						value: 'inboundCall',
						action: 'When a call comes in',
						description: "A call comes in on the assistant's number, before it is connected",
					},
				],
			},
			loadedOptionsField(
				'Assistant',
				'assistantId',
				'getAssistants',
				'The assistant whose calls start this workflow',
				{ required: true },
			),
			{
				displayName: 'Respond',
				name: 'inboundResponse',
				type: 'options',
				default: 'onReceived',
				displayOptions: { show: { event: ['inboundCall'] } },
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'Answer WhatTalk at once; the call is not held up',
					},
					{
						name: 'With the Last Node Output',
						value: 'lastNode',
						description:
							"Answer with the first item of the workflow's last node, e.g. variables looked up for the caller",
					},
				],
				description: 'What WhatTalk gets back for the inbound call',
			},
		],
	};

	methods = { loadOptions: { getAssistants } };

	webhookMethods = {
		default: {
			/** Registered already when static data holds this assistant, event and URL (WhatTalk cannot be asked). */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const saved = this.getWorkflowStaticData('node') as Registration;
				const { assistantId, event } = currentSettings(this);
				return (
					typeof saved.token === 'string' &&
					saved.assistantId === assistantId &&
					saved.event === event &&
					saved.webhookUrl === this.getNodeWebhookUrl('default')
				);
			},

			/** Registers the node's URL, with a new secret token, on the assistant. */
			async create(this: IHookFunctions): Promise<boolean> {
				const { assistantId, event } = currentSettings(this);
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				const token = newWebhookToken();
				const separator = webhookUrl.includes('?') ? '&' : '?';
				// Registering the same URL again leaves the same state: safe to resend after a lost answer.
				await whatTalk.request(this, {
					method: 'POST',
					path: ENDPOINTS[event].enable,
					body: { assistant_id: assistantId, webhook_url: `${webhookUrl}${separator}token=${token}` },
					idempotent: true,
				});
				const saved = this.getWorkflowStaticData('node') as Registration;
				Object.assign(saved, { assistantId, event, webhookUrl, token });
				return true;
			},

			/** Unregisters what create() registered (the saved assistant and event, even if the parameters changed). */
			async delete(this: IHookFunctions): Promise<boolean> {
				const saved = this.getWorkflowStaticData('node') as Registration;
				if (saved.assistantId === undefined || saved.event === undefined) return true;
				try {
					await whatTalk.request(this, {
						method: 'POST',
						path: ENDPOINTS[saved.event].disable,
						body: { assistant_id: saved.assistantId },
						idempotent: true,
					});
				} catch (error) {
					// A deleted assistant has no webhook left to remove; anything else: keep the record, report failure.
					if ((error as NodeApiError).httpCode !== '404') return false;
				}
				delete saved.assistantId;
				delete saved.event;
				delete saved.webhookUrl;
				delete saved.token;
				return true;
			},
		},
	};

	/** Accepts only requests carrying the token registered with the URL; emits the payload as one item. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const saved = this.getWorkflowStaticData('node') as Registration;
		const { token } = this.getQueryData() as IDataObject;
		if (typeof saved.token !== 'string' || !secretsEqual(saved.token, token)) {
			return rejectWebhook(this, 401, 'Missing or wrong token');
		}
		const body = this.getBodyData();
		const payload: IDataObject = body && typeof body === 'object' && !Array.isArray(body) ? body : { body };
		return { workflowData: [this.helpers.returnJsonArray([payload])] };
	}
}
