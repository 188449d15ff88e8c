/**
 * End to end: the action nodes as tools of n8n's AI Agent, in a real n8n (the latest pinned, 2.41.1 on its Node 24)
 * with our packed package installed as a community package (n8n 2.x makes a tool of every `usableAsTool` node it
 * loads; no setting needed). The workflow is examples/ai-agent-campaigns.json as shipped: Chat Trigger → AI Agent,
 * OpenAI Chat Model, one tool per provider whose fields the model fills (`$fromAI`) and Talkdesk's Get Many campaigns as a fifth
 * (no fields: it shows a tool's short list). The OpenAI credential's Base URL points at a scripted chat model on
 * 127.0.0.1 (./chat-model.ts), each provider's credential at its sandbox; the workflow is published and each chat
 * message is posted to the Chat Trigger's production URL, as the chat page does.
 *
 * Each test is one chat message: the script calls a tool (sometimes first with a bad argument, then corrected) and
 * answers; the test checks what the provider's sandbox received and what the model was sent (the tool schemas, the
 * tool results, the node's error sentence), and that no credential value reached the model.
 * The run ends with `agent tools: <N> passed, <M> failed` (./summary-reporter.js).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';

import { TOOL_LIMIT } from '../../nodes/common/descriptions';
import { Taalk } from '../../nodes/Taalk/Taalk.node';
import { Talkdesk } from '../../nodes/Talkdesk/Talkdesk.node';
import { Talkturo } from '../../nodes/Talkturo/Talkturo.node';
import { WhatTalk } from '../../nodes/WhatTalk/WhatTalk.node';
import { killTree, PACKAGE_NAME, REPO_ROOT, RUNTIME, type N8n } from '../e2e/n8n';
import {
	DEV_CREDENTIALS,
	expectExampleShape,
	loadWorkflow,
	n8nWithPackage,
	publishAndStart,
	sandboxCredentials,
	sandboxEndpoints,
	Timings,
	waitForWebhook,
} from '../e2e/support';
import { TAALK_DEV_CAMPAIGNS, TALKDESK_DEV, TALKTURO_DEV, WHATTALK_DEV } from '../sandbox/providers';
import { startTaalkSandbox, type TaalkSandbox } from '../sandbox/taalk';
import { startTalkdeskSandbox, type TalkdeskSandbox } from '../sandbox/talkdesk';
import { startTalkturoSandbox, type TalkturoSandbox } from '../sandbox/talkturo';
import { startWhatTalkSandbox, type WhatTalkSandbox } from '../sandbox/whattalk';
import { ownerSession } from '../support/owner';
import { expectNoSecrets } from '../support/secrets';
import {
	messageText,
	startScriptedChatModel,
	type ChatRequest,
	type ChatTool,
	type ScriptedChatModel,
	type Turn,
} from './chat-model';

const MINUTE = 60_000;
const EXAMPLE = loadWorkflow(join(REPO_ROOT, 'examples', 'ai-agent-campaigns.json'));
const OPENAI_CREDENTIAL = { id: 'vcOpenAiApi00001', name: 'OpenAI' };

/** The tools as n8n names them for the model (see `toolName`). */
const TOOL = {
	taalk: 'Add_contact_to_Taalk_campaign',
	talkturo: 'Pause_Talkturo_campaign',
	whattalk: 'Add_lead_to_WhatTalk_campaign',
	talkdesk: 'Pause_Talkdesk_campaign',
	talkdeskList: 'List_Talkdesk_campaigns',
} as const;

/** A Talkturo campaign ID the sandbox does not know. */
const UNKNOWN_TALKTURO_CAMPAIGN = 'camp_01jsandboxdev000000000999';
/** How many campaigns the Talkdesk sandbox holds: more than a tool's Get Many returns. */
const TALKDESK_CAMPAIGNS = 16;

type WorkflowNode = { name: string; type: string; webhookId?: string; parameters: Record<string, unknown> };

/** n8n's name for a tool: its node's name, each run of characters other than letters, digits, _ and - as `_`. */
const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
/** Our action nodes' descriptions, by node type name. */
const NODE_TYPES = Object.fromEntries(
	[Taalk, Talkturo, WhatTalk, Talkdesk].map((Node) => new Node().description).map((d) => [d.name, d]),
);
/** The Description a tool node of the example gets from our node for its resource and operation (its default). */
const toolSentence = (node: WorkflowNode): unknown => {
	const description = NODE_TYPES[node.type.replace(`${PACKAGE_NAME}.`, '').replace(/Tool$/, '')];
	const { resource, operation } = node.parameters;
	return description.properties.find(
		(property) =>
			property.name === 'toolDescription' &&
			property.displayOptions?.show?.resource?.[0] === resource &&
			property.displayOptions?.show?.operation?.[0] === operation,
	)?.default;
};
/** A `$fromAI('key', 'description', 'type')` in a node's parameters (as JSON text). */
const FROM_AI = /\$fromAI\('(\w+)', '((?:\\\\'|[^'])*)', '(\w+)'\)/g;

describe(`${PACKAGE_NAME}: the action nodes as tools of n8n's AI Agent (${RUNTIME.label})`, () => {
	const keys = {
		taalk: `agent-${randomBytes(8).toString('hex')}`,
		talkturo: `tk_test_agent-${randomBytes(8).toString('hex')}`,
		whattalk: `agent-${randomBytes(8).toString('hex')}`,
		talkdesk: `agent-${randomBytes(8).toString('hex')}`,
		openAi: `sk-agent-${randomBytes(12).toString('hex')}`,
	};
	const providerSecrets = [keys.taalk, keys.talkturo, keys.whattalk, keys.talkdesk];
	let model: ScriptedChatModel | undefined;
	let taalk: TaalkSandbox | undefined;
	let talkturo: TalkturoSandbox | undefined;
	let whattalk: WhatTalkSandbox | undefined;
	let talkdesk: TalkdeskSandbox | undefined;
	let n8n: N8n | undefined;
	let server: ChildProcess | undefined;
	let baseUrl = '';
	let chatUrl = '';
	/** Everything n8n answered to the chat messages, for the secrets check. */
	const replies: unknown[] = [];
	const timings = new Timings();

	beforeAll(async () => {
		model = await startScriptedChatModel({ apiKey: keys.openAi });

		taalk = await startTaalkSandbox({ port: 0, apiKey: keys.taalk });
		taalk.addCampaign({ _id: TAALK_DEV_CAMPAIGNS.main, name: 'Agent: auto insurance leads' });

		talkturo = await startTalkturoSandbox({ port: 0, apiKey: keys.talkturo });
		talkturo.addCampaign({ id: TALKTURO_DEV.campaign, name: 'Agent: trade show', status: 'running' });

		whattalk = await startWhatTalkSandbox({ port: 0, apiKey: keys.whattalk });
		whattalk.addAssistant({ id: WHATTALK_DEV.outboundAssistant, name: 'Agent caller', type: 'outbound' });
		whattalk.addCampaign({
			id: WHATTALK_DEV.campaign,
			name: 'Agent: renewals',
			assistant_id: WHATTALK_DEV.outboundAssistant,
		});

		talkdesk = await startTalkdeskSandbox({ port: 0, clientSecret: keys.talkdesk });
		const list = talkdesk.addRecordList({ id: TALKDESK_DEV.recordList, name: 'Agent: leads' });
		talkdesk.addCampaign({
			id: TALKDESK_DEV.campaign,
			name: 'Agent: renewals',
			status: 'RUNNING',
			recordListIds: [list.id],
		});
		// More campaigns than a tool's Get Many returns, all running.
		for (let n = 2; n <= TALKDESK_CAMPAIGNS; n++) {
			talkdesk.addCampaign({ name: `Agent: region ${n}`, status: 'RUNNING', recordListIds: [list.id] });
		}

		const credentials = sandboxCredentials(
			DEV_CREDENTIALS,
			sandboxEndpoints({ taalk, talkturo, whattalk, talkdesk }, keys),
		);
		credentials.push({
			...OPENAI_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: keys.openAi, url: model.baseUrl, header: false },
		});
		n8n = await n8nWithPackage(timings, {
			credentials,
			workflows: [EXAMPLE],
		});
		({ server, baseUrl } = await publishAndStart(n8n, timings, [EXAMPLE.id]));
		const trigger = (EXAMPLE.nodes as WorkflowNode[]).find((node) => node.type.endsWith('.chatTrigger'));
		chatUrl = `${baseUrl}webhook/${trigger!.webhookId}/chat`;
		await timings.timed('chat URL served', () => waitForWebhook(chatUrl, 2 * MINUTE));
	}, 20 * MINUTE);

	afterAll(async () => {
		if (server) killTree(server, 'SIGTERM');
		await Promise.all([model, taalk, talkturo, whattalk, talkdesk].map((sandbox) => sandbox?.close()));
		await n8n?.dispose();
		timings.print('agent tools');
	});

	/** Posts one chat message (as the chat page does) after scripting the model's turns for it; returns the reply. */
	const chat = async (prompt: string, turns: Turn[]): Promise<{ status: number; output: unknown }> => {
		if (!chatUrl) throw new Error('n8n did not start (see the first error)');
		model!.script({ prompt, turns });
		const response = await timings.timed(`chat: ${prompt.slice(0, 24)}…`, () =>
			fetch(chatUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ action: 'sendMessage', sessionId: randomUUID(), chatInput: prompt }),
				signal: AbortSignal.timeout(3 * MINUTE),
			}),
		);
		const text = await response.text();
		replies.push(text);
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// reported as it came
		}
		expect({ problems: model!.problems }).toEqual({ problems: [] });
		return { status: response.status, output: (body as { output?: unknown })?.output ?? body };
	};

	/** The tool results (role `tool`) the model was sent in the last request of the conversation `prompt`. */
	const toolResults = (prompt: string): string[] => {
		const requests = model!.chatRequests(prompt);
		const last = requests[requests.length - 1];
		return (last?.messages ?? []).filter((m) => m.role === 'tool').map(messageText);
	};

	/** A tool result that is an error: the node's own sentence, and nothing of a stack trace. */
	const expectPlainError = (result: string, sentence: RegExp) => {
		const parsed = JSON.parse(result) as unknown;
		const error = Array.isArray(parsed)
			? (parsed[0] as { error?: unknown })?.error
			: (parsed as { error?: unknown }).error;
		expect(typeof error).toBe('string');
		expect(error).toMatch(sentence);
		expect(result).not.toMatch(/\n\s+at |node_modules|\.js:\d+/);
	};

	it('the example as shipped: a clear name, a note, connected nodes, the dev credentials and an OpenAI one', () => {
		expectExampleShape(EXAMPLE, { ...DEV_CREDENTIALS, openAiApi: OPENAI_CREDENTIAL });
	});

	it("n8n's tool form of each node (what its editor shows): our Description per operation, not n8n's own", async () => {
		const owner = await ownerSession(baseUrl, {
			email: 'owner@example.com',
			firstName: 'Agent',
			lastName: 'Owner',
			password: `Agent-${randomBytes(6).toString('hex')}-1`,
		});
		const response = await fetch(`${baseUrl}types/nodes.json`, {
			headers: owner.headers,
			signal: AbortSignal.timeout(MINUTE),
		});
		expect(response.status).toBe(200);
		const served = (await response.json()) as INodeTypeDescription[];
		for (const description of Object.values(NODE_TYPES)) {
			const tool = served.find((type) => type.name === `${PACKAGE_NAME}.${description.name}Tool`);
			expect(tool?.outputs).toEqual(['ai_tool']);
			const names = tool!.properties.map((property) => property.name);
			expect(names).not.toContain('descriptionType');
			const operations = description.properties.filter((property) => property.name === 'operation');
			const count = operations.reduce((sum, property) => sum + (property.options ?? []).length, 0);
			expect({
				node: description.name,
				descriptions: names.filter((name) => name === 'toolDescription').length,
			}).toEqual({
				node: description.name,
				descriptions: count,
			});
		}
	});

	it("Taalk: a phone that is not a number comes back as the node's error naming the field; the corrected call appends the one contact", async () => {
		const prompt = `Add Ada Lovelace, 704 705 8601, to Taalk campaign ${TAALK_DEV_CAMPAIGNS.main}`;
		const args = { campaign_id: TAALK_DEV_CAMPAIGNS.main, first_name: 'Ada', last_name: 'Lovelace' };
		const reply = await chat(prompt, [
			{ tool: TOOL.taalk, arguments: { ...args, phone: '704 705' } },
			{ tool: TOOL.taalk, arguments: { ...args, phone: '704 705 8601' } },
			{ answer: 'Ada Lovelace is on the Taalk campaign.' },
		]);
		expect(reply).toEqual({ status: 200, output: 'Ada Lovelace is on the Taalk campaign.' });

		const [refused, appended] = toolResults(prompt);
		expectPlainError(refused, /^Item 0, field "Phone": "704 705" .+\./);
		expect(JSON.parse(appended)).toEqual([
			expect.objectContaining({ campaignId: TAALK_DEV_CAMPAIGNS.main, phone: '7047058601', sent: true }),
		]);
		// The bad phone never reached Taalk: one append, and the campaign holds exactly the corrected contact.
		const appends = taalk!.requests({ method: 'POST', path: '/api/campaign2s/:id/contacts' });
		expect(appends.map((r) => r.body)).toEqual([
			{ append: [{ name: 'Ada', last_name: 'Lovelace', phone: '7047058601' }] },
		]);
		expect(taalk!.contacts(TAALK_DEV_CAMPAIGNS.main).map(({ _id, ...fields }) => fields)).toEqual([
			{ name: 'Ada', last_name: 'Lovelace', phone: '7047058601' },
		]);
	});

	it("Talkturo: an unknown campaign comes back as Talkturo's error naming the campaign; the corrected call pauses the right one", async () => {
		const prompt = `Pause the Talkturo campaign ${TALKTURO_DEV.campaign}`;
		const reply = await chat(prompt, [
			{ tool: TOOL.talkturo, arguments: { campaign_id: UNKNOWN_TALKTURO_CAMPAIGN } },
			{ tool: TOOL.talkturo, arguments: { campaign_id: TALKTURO_DEV.campaign } },
			{ answer: 'The Talkturo campaign is paused.' },
		]);
		expect(reply).toEqual({ status: 200, output: 'The Talkturo campaign is paused.' });

		const [refused, paused] = toolResults(prompt);
		expectPlainError(refused, new RegExp(`^Talkturo: .*campaign "${UNKNOWN_TALKTURO_CAMPAIGN}"`));
		expect(JSON.parse(paused)).toEqual([
			expect.objectContaining({ id: TALKTURO_DEV.campaign, status: 'paused' }),
		]);
		const puts = talkturo!.requests({ method: 'PUT', path: '/api/crm/campaigns/:id' });
		expect(puts.map((r) => [r.params.id, r.body, r.status])).toEqual([
			[UNKNOWN_TALKTURO_CAMPAIGN, { status: 'paused' }, 404],
			[TALKTURO_DEV.campaign, { status: 'paused' }, 200],
		]);
		expect(talkturo!.campaign(TALKTURO_DEV.campaign).status).toBe('paused');
	});

	it('WhatTalk: the agent adds the lead with the call variable it filled in', async () => {
		const prompt = `Add +1 415 555 1001 (Grace) to WhatTalk campaign ${WHATTALK_DEV.campaign}`;
		const reply = await chat(prompt, [
			{
				tool: TOOL.whattalk,
				arguments: {
					campaign_id: String(WHATTALK_DEV.campaign),
					phone: '+1 415 555 1001',
					customer_name: 'Grace',
				},
			},
			{ answer: 'Grace is a lead of the WhatTalk campaign.' },
		]);
		expect(reply).toEqual({ status: 200, output: 'Grace is a lead of the WhatTalk campaign.' });
		expect(whattalk!.leadsOf(WHATTALK_DEV.campaign)).toEqual([
			expect.objectContaining({ phone_number: '+14155551001', variables: { customer_name: 'Grace' } }),
		]);
	});

	it(`Talkdesk: the agent lists campaigns (${TOOL_LIMIT} of ${TALKDESK_CAMPAIGNS}, as a tool's Get Many gives), then pauses the one it names and only that one`, async () => {
		const prompt = `Pause Talkdesk campaign ${TALKDESK_DEV.campaign}`;
		const reply = await chat(prompt, [
			{ tool: TOOL.talkdeskList, arguments: {} },
			{ tool: TOOL.talkdesk, arguments: { campaign_id: TALKDESK_DEV.campaign } },
			{ answer: 'The Talkdesk campaign is paused.' },
		]);
		expect(reply).toEqual({ status: 200, output: 'The Talkdesk campaign is paused.' });

		const [listed, paused] = toolResults(prompt);
		const campaigns = JSON.parse(listed) as Array<{ id: string; name: string }>;
		expect(talkdesk!.state.campaigns.size).toBe(TALKDESK_CAMPAIGNS);
		expect(campaigns).toHaveLength(TOOL_LIMIT);
		for (const campaign of campaigns)
			expect(talkdesk!.state.campaigns.get(campaign.id)?.name).toBe(campaign.name);
		expect(JSON.parse(paused)).toEqual([expect.objectContaining({ id: TALKDESK_DEV.campaign })]);

		const patches = talkdesk!.requests({ method: 'PATCH' });
		expect(patches.map((r) => [r.path, r.body])).toEqual([
			[`/campaigns/${TALKDESK_DEV.campaign}`, { op: 'REPLACE', path: 'status', value: 'paused' }],
		]);
		const statuses = [...talkdesk!.state.campaigns.values()].map((campaign) => campaign.status);
		expect(talkdesk!.state.campaigns.get(TALKDESK_DEV.campaign)?.status).toBe('PAUSED');
		expect(statuses.filter((status) => status === 'PAUSED')).toHaveLength(1);
	});

	it("the model is offered the five tools, each with its operation's description and the parameters of its $fromAI fields", () => {
		const requests = model!.chatRequests();
		expect(requests.length).toBeGreaterThan(0);
		const byName = (request: ChatRequest) =>
			Object.fromEntries((request.tools ?? []).map((tool: ChatTool) => [tool.function.name, tool.function]));
		const tools = byName(requests[0]);
		expect(Object.keys(tools).sort()).toEqual(Object.values(TOOL).sort());
		for (const request of requests)
			expect(Object.keys(byName(request)).sort()).toEqual(Object.keys(tools).sort());

		const parameters = (name: string) => {
			const schema = tools[name].parameters!;
			return {
				required: [...(schema.required ?? [])].sort(),
				properties: Object.fromEntries(
					Object.entries(schema.properties ?? {}).map(([key, value]) => [
						key,
						{ type: value.type, description: value.description },
					]),
				),
			};
		};
		// Each tool's parameters are exactly the `$fromAI(key, description, type)` of its node in the example.
		const toolNodes = (EXAMPLE.nodes as WorkflowNode[]).filter((node) => node.type.endsWith('Tool'));
		expect(toolNodes.map((node) => toolName(node.name)).sort()).toEqual(Object.values(TOOL).sort());
		for (const node of toolNodes) {
			const fromAi = [...JSON.stringify(node.parameters).matchAll(FROM_AI)].map(
				([, key, description, type]) => [
					key,
					{ type, description: JSON.parse(`"${description}"`).replace(/\\'/g, "'") },
				],
			);
			expect({ tool: toolName(node.name), ...parameters(toolName(node.name)) }).toEqual({
				tool: toolName(node.name),
				required: fromAi.map(([key]) => key).sort(),
				properties: Object.fromEntries(fromAi),
			});
		}
		expect(parameters(TOOL.taalk).required).toEqual(['campaign_id', 'first_name', 'last_name', 'phone']);
		expect(parameters(TOOL.talkdeskList)).toEqual({ required: [], properties: {} });

		// Each tool is described by its operation's sentence in the node (what it does, what it needs).
		for (const node of toolNodes) {
			const sentence = toolSentence(node);
			expect(sentence).toMatch(/Needs/);
			expect({ tool: toolName(node.name), description: tools[toolName(node.name)].description }).toEqual({
				tool: toolName(node.name),
				description: sentence,
			});
		}
	});

	it('n8n asked the model for whole chat completions only: no model list, no Responses API, no streaming', () => {
		const requests = model!.requests();
		expect(requests.length).toBeGreaterThan(0);
		expect(new Set(requests.map((r) => `${r.method} ${r.path} ${r.status}`))).toEqual(
			new Set(['POST /v1/chat/completions 200']),
		);
		expect(model!.chatRequests().filter((body) => body.stream)).toEqual([]);
	});

	it('no credential value reaches the model or the chat', () => {
		const requests = model!.requests();
		expect(requests.length).toBeGreaterThan(0);
		// The model's own key is sent to it (that is its credential), in the Authorization header only.
		for (const request of requests) expect(request.headers.authorization).toBe(`Bearer ${keys.openAi}`);
		expectNoSecrets(
			requests.map((r) => r.body),
			[...providerSecrets, keys.openAi],
			'messages sent to the model',
		);
		expectNoSecrets(replies, [...providerSecrets, keys.openAi], 'chat replies');
	});
});
