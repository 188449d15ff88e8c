/**
 * The seven nodes as the editor suite meets them: what to search, which action adds them, what their dropdowns must
 * list (the README's operation tables), which sandbox items their pickers show, and what a run outputs.
 * Sandbox names are the dev seeds of test/sandbox/providers.ts.
 */

import type { SandboxProviderName } from '../sandbox/providers';

/** n8n adds this operation to every node whose credential the HTTP Request node can use. */
export const N8N_CUSTOM_API_CALL = 'Custom API Call';

export interface PickerSpec {
	/** The resource locator parameter. */
	parameter: string;
	/** What "From list" shows, by name. */
	items: string[];
	/** A search and what is left after it. */
	search: { text: string; items: string[] };
	/** The item to pick. */
	pick: string;
	/** A console URL the "By URL" mode accepts, another provider's it rejects; an ID "By ID" accepts, and a bad one. */
	url?: { good: string; id: string; bad: string; badId: string };
}

export interface ActionNodeSpec {
	/** The node's name in the nodes panel and the README. */
	name: string;
	/** README heading (for the operations table). */
	readmeSection: string;
	/** Words a person types in the nodes panel that must find it. */
	words: string[];
	credential: string;
	/** Resource → operations, as the README's table lists them. */
	resources: Record<string, string[]>;
	/** The action the node is added with (nodes panel), its resource and operation. */
	action: { category: string; name: string; resource: string; operation: string };
	picker: PickerSpec;
	/** Required fields to fill for a valid setup (parameter name → value). */
	fill: Record<string, string>;
	/** Texts the output panel shows after "Execute step". */
	output: string[];
	/** The README picture. */
	screenshot: string;
	/**
	 * The Default Country option (of Options): countries it must list among the 200-odd, a search and what is left,
	 * and, with the country found picked, a national number `fill`'s phone parameter gets and what the output shows.
	 */
	country?: {
		listed: string[];
		search: { text: string; items: string[] };
		phone: { parameter: string; value: string; output: string };
	};
	/** Other dynamic dropdowns, on the node added with another action: names they must (not) list. */
	dropdowns?: {
		action: string;
		lists: Array<{ parameter: string; includes: string[]; excludes?: string[] }>;
	};
}

export interface TriggerNodeSpec {
	name: string;
	/** The app node it is listed under in the nodes panel (n8n merges "X Trigger" into "X"). */
	panelNode: string;
	readmeSection: string;
	/** The credential its panel opens with (none when it asks for one only with some options). */
	credential?: string;
	/** How the nodes panel lists its events, in order. */
	events: string[];
	/** The event it is added with. */
	addWith: string;
	/** Required fields to fill for a valid setup (parameter name → value). */
	fill?: Record<string, string>;
	/** Dynamic dropdowns: what they list (loaded from the sandbox) and the option to pick. */
	select?: Array<{ parameter: string; options: string[]; pick: string }>;
	screenshot: string;
	/** The sandbox that calls its webhook once the workflow is published (`callEnded`). */
	sandbox: SandboxProviderName;
	/** The last part of its Production URL (`<editor>/webhook/<webhook id>/<path>`). */
	webhookPath: string;
	/** The parameter (one of `fill`) whose value the provider must send too: a token or a signing secret. */
	secret?: string;
}

export const ACTION_NODES: ActionNodeSpec[] = [
	{
		name: 'Taalk',
		readmeSection: 'Taalk',
		words: ['dialer', 'campaign contacts'],
		credential: 'Taalk sandbox',
		resources: {
			Call: ['Get', 'Place Call'],
			Campaign: ['Get', 'Get Many', 'Set Dialing Rate'],
			Contact: ['Append', 'Remove', 'Shuffle', 'Update'],
		},
		action: {
			category: 'Actions',
			name: 'Append contacts to a campaign',
			resource: 'Contact',
			operation: 'Append',
		},
		picker: {
			parameter: 'campaignId',
			items: ['Sandbox: Auto insurance leads', 'Sandbox: Renewal reminders'],
			search: { text: 'renewal', items: ['Sandbox: Renewal reminders'] },
			pick: 'Sandbox: Auto insurance leads',
			url: {
				good: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5',
				id: '6791043299aeedfec27f85d5',
				bad: 'https://app.whattalk.ai/campaigns/1050',
				badId: '6791043299aeedfec27f85',
			},
		},
		fill: { name: 'Ada', lastName: 'Lovelace', phone: '(704) 705-8601' },
		output: ['7047058601', 'inserted'],
		screenshot: 'taalk.png',
	},
	{
		name: 'Talkturo',
		readmeSection: 'Talkturo',
		words: ['campaign', 'voice agent'],
		credential: 'Talkturo sandbox',
		resources: {
			Campaign: [
				'Add Contacts',
				'Cancel',
				'Create',
				'Delete',
				'Get',
				'Get Contacts',
				'Get Many',
				'Pause',
				'Remove Contacts',
				'Resume',
				'Run',
				'Update',
			],
			Contact: ['Create', 'Delete', 'Get', 'Get Many', 'Update', 'Upsert and Enrol'],
		},
		action: {
			category: 'Actions',
			name: 'Get the contacts of a campaign',
			resource: 'Campaign',
			operation: 'Get Contacts',
		},
		picker: {
			parameter: 'campaignId',
			items: ['Sandbox: Q1 trade show follow-up (draft)'],
			search: { text: 'trade', items: ['Sandbox: Q1 trade show follow-up (draft)'] },
			pick: 'Sandbox: Q1 trade show follow-up (draft)',
		},
		fill: {},
		output: ['2 items', 'cont_01jsandboxdev00000000001'],
		screenshot: 'talkturo.png',
		dropdowns: {
			action: 'Create a campaign',
			lists: [
				{ parameter: 'assistantId', includes: ['Lead Qualifier', 'Appointment Setter'] },
				{ parameter: 'companyId', includes: ['Acme Corp'] },
				{ parameter: 'fromNumberIds', includes: ['+12025550101', '+12025550102'] },
			],
		},
	},
	{
		name: 'WhatTalk',
		readmeSection: 'WhatTalk',
		words: ['call', 'autocalls'],
		credential: 'WhatTalk sandbox',
		resources: {
			Campaign: ['Create', 'Get Many', 'Start', 'Stop'],
			Lead: ['Add', 'Delete', 'Get Many', 'Update'],
		},
		action: { category: 'Actions', name: 'Add leads to a campaign', resource: 'Lead', operation: 'Add' },
		picker: {
			parameter: 'campaignId',
			items: ['Sandbox: Istanbul renewals (draft)'],
			search: { text: 'istanbul', items: ['Sandbox: Istanbul renewals (draft)'] },
			pick: 'Sandbox: Istanbul renewals (draft)',
			url: {
				good: 'https://app.whattalk.ai/campaigns/1050',
				id: '1050',
				bad: 'https://lets.taalk.ai/console/campaign2s/6791043299aeedfec27f85d5',
				badId: 'camp-1050',
			},
		},
		fill: { phone: '+90 555 123 45 99' },
		output: ['+905551234599'],
		screenshot: 'whattalk.png',
		country: {
			listed: ['Germany (DE)', 'Japan (JP)', 'United Kingdom (GB)', 'United States (US)'],
			search: { text: 'king', items: ['United Kingdom (GB)'] },
			phone: { parameter: 'phone', value: '020 7946 0018', output: '+442079460018' },
		},
		dropdowns: {
			action: 'Create a campaign',
			lists: [
				// Outbound assistants only: an inbound one cannot run a campaign.
				{
					parameter: 'assistantId',
					includes: ['Sandbox: Renewals caller'],
					excludes: ['Sandbox: Front desk'],
				},
				{ parameter: 'timezone', includes: ['Europe/Istanbul', 'America/New_York'] },
			],
		},
	},
	{
		name: 'Talkdesk Campaigns',
		readmeSection: 'Talkdesk Campaigns',
		words: ['dialer', 'campaign'],
		credential: 'Talkdesk sandbox',
		resources: {
			Campaign: [
				'Attach Do-Not-Call List',
				'Attach Record List',
				'Create',
				'Delete',
				'Detach Do-Not-Call List',
				'Detach Record List',
				'Get',
				'Get Many',
				'Pause',
				'Start',
				'Update',
			],
			'Do-Not-Call Entry': ['Add', 'Check', 'Get Many', 'Remove'],
			Record: ['Append', 'Get Many', 'Remove', 'Update'],
			'Record List': ['Create', 'Get', 'Get Many'],
		},
		action: {
			category: 'Actions',
			name: 'Append records to a record list',
			resource: 'Record',
			operation: 'Append',
		},
		picker: {
			parameter: 'recordListId',
			items: ['Sandbox: Spring leads'],
			search: { text: 'spring', items: ['Sandbox: Spring leads'] },
			pick: 'Sandbox: Spring leads',
		},
		fill: { phone: '+1 704 705 1201', firstName: 'Grace', lastName: 'Hopper' },
		output: ['+17047051201'],
		screenshot: 'talkdesk.png',
	},
];

export const TRIGGER_NODES: TriggerNodeSpec[] = [
	{
		name: 'Taalk Trigger',
		panelNode: 'Taalk',
		readmeSection: 'Taalk Trigger',
		credential: 'Taalk sandbox',
		events: [
			'When a call starts',
			'When a call is refused',
			'When a call finishes',
			'When post-call processing is done',
			'When the call flow posts a message',
			'When a call is transferred',
			'When a transfer rings',
			'When a transfer fails',
			'When a survey ends',
			'When someone replies by email',
			'When someone clicks a link',
		],
		addWith: 'When a call finishes',
		fill: { secretToken: 'editor-suite-token' },
		screenshot: 'taalk-trigger.png',
		sandbox: 'taalk',
		webhookPath: 'taalk',
		secret: 'secretToken',
	},
	{
		name: 'Talkturo Trigger',
		panelNode: 'Talkturo',
		readmeSection: 'Talkturo Trigger',
		// Its credential is asked for only when it fetches the contact (Fetch Contact).
		events: [
			'When a call is answered',
			'When a call is completed',
			'When a call ends and its data is ready',
			'When a call is hung up',
			'When a call is placed',
			'When the answering-machine check is done',
			'When a call starts',
			'When a call is transcribed',
		],
		addWith: 'When a call ends and its data is ready',
		fill: { signingSecret: 'whsec_editor_suite' },
		screenshot: 'talkturo-trigger.png',
		sandbox: 'talkturo',
		webhookPath: 'talkturo',
		secret: 'signingSecret',
	},
	{
		name: 'WhatTalk Trigger',
		panelNode: 'WhatTalk',
		readmeSection: 'WhatTalk Trigger',
		credential: 'WhatTalk sandbox',
		events: ['When a call ends', 'When a call comes in'],
		addWith: 'When a call ends',
		select: [
			{
				parameter: 'assistantId',
				options: ['Sandbox: Front desk (102)', 'Sandbox: Renewals caller (101)'],
				pick: 'Sandbox: Renewals caller (101)',
			},
		],
		screenshot: 'whattalk-trigger.png',
		sandbox: 'whattalk',
		webhookPath: 'webhook',
	},
];

/** The icon files of each provider's nodes (light, then dark), from nodes/. */
export const ICONS: Array<{ provider: string; panelNode: string; files: string[] }> = [
	{ provider: 'Taalk', panelNode: 'Taalk', files: ['Taalk/taalk', 'TaalkTrigger/taalk'] },
	{ provider: 'Talkturo', panelNode: 'Talkturo', files: ['Talkturo/talkturo', 'TalkturoTrigger/talkturo'] },
	{ provider: 'WhatTalk', panelNode: 'WhatTalk', files: ['WhatTalk/whattalk', 'WhatTalkTrigger/whattalk'] },
	{ provider: 'Talkdesk', panelNode: 'Talkdesk Campaigns', files: ['Talkdesk/talkdesk'] },
];

/** The dev credentials: the fields their form shows (parameter names), and the secret a wrong value is tried for. */
export const CREDENTIALS: Array<{ name: string; fields: string[]; secret: string }> = [
	{ name: 'Taalk sandbox', fields: ['apiKey', 'baseUrl', 'datasource'], secret: 'apiKey' },
	{ name: 'Talkturo sandbox', fields: ['baseUrl', 'apiToken', 'teamId'], secret: 'apiToken' },
	{ name: 'WhatTalk sandbox', fields: ['apiKey', 'baseUrl'], secret: 'apiKey' },
	{
		name: 'Talkdesk sandbox',
		fields: ['region', 'tokenUrl', 'apiBaseUrl', 'clientId', 'clientSecret', 'scope'],
		secret: 'clientSecret',
	},
];
