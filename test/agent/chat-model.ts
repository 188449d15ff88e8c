/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1, for running n8n's AI Agent without a real model.
 *
 * n8n's OpenAI Chat Model (with "Use Responses API" off, as the example sets it) sends every model turn to
 * `POST <base URL>/chat/completions`, non-streaming while the Chat Trigger answers when the last node finishes. The
 * stand-in answers each turn from a script: the conversation is picked by the user's message, the turn by how many
 * assistant messages the request already holds (n8n sends the whole conversation every time: the tool calls made so
 * far and the tool results). A turn calls one tool with given arguments, or gives the final answer.
 *
 * Everything n8n sent is kept (`requests()`, from `SandboxServer`): the tool schemas, the tool results. Bounded: a
 * conversation that runs past its script, an unknown prompt, a streaming request or more than `maxRequests` requests
 * in all get an error answer (recorded in `problems`), which ends the agent's run instead of looping.
 */
import { json, SandboxServer, type SandboxRequest, type SandboxResponse } from '../sandbox/server';

/** One message of a chat completions request. */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

/** A tool as the agent offers it to the model. */
export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: JsonSchema };
}

export interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema & { description?: string }>;
	required?: string[];
	[key: string]: unknown;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** A model turn: call one tool (by its name as n8n offers it) with arguments, or answer the user. */
export type Turn = { tool: string; arguments: Record<string, unknown> } | { answer: string };

/** What the model does for one user message, turn by turn. */
export interface Conversation {
	/** The user's message (the Chat Trigger's `chatInput`) this script answers. */
	prompt: string;
	turns: Turn[];
}

export interface ChatModelOptions {
	/** The API key n8n's OpenAI credential must send (`Authorization: Bearer …`). */
	apiKey: string;
	/** Answered (with a 500) no more than this many requests in all. Default 40. */
	maxRequests?: number;
}

/** The text of a message's content, whether a string or a list of parts. */
export function messageText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	return (message.content ?? []).map((part) => part.text ?? '').join('');
}

export class ScriptedChatModel extends SandboxServer {
	/** Why a request got an error answer instead of a turn (none in a run that went as scripted). */
	readonly problems: string[] = [];

	private readonly conversations = new Map<string, Conversation>();
	private readonly maxRequests: number;
	private answered = 0;
	private calls = 0;

	constructor(options: ChatModelOptions) {
		super({
			name: 'chat model',
			auth: (req) =>
				req.headers.authorization === `Bearer ${options.apiKey}`
					? undefined
					: json(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }),
			errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error' } }),
		});
		this.maxRequests = options.maxRequests ?? 40;
		this.post('/v1/chat/completions', (req) => this.complete(req));
	}

	/** The OpenAI credential's Base URL for this stand-in. */
	get baseUrl(): string {
		return `${this.url}/v1`;
	}

	/** Adds the script for one user message. */
	script(conversation: Conversation): this {
		this.conversations.set(conversation.prompt, conversation);
		return this;
	}

	/** The chat completions requests n8n sent, in order, for the conversation started by `prompt` (all without). */
	chatRequests(prompt?: string): ChatRequest[] {
		return this.requests({ method: 'POST', path: '/v1/chat/completions' })
			.map((record) => record.body as ChatRequest)
			.filter((body) => prompt === undefined || userPrompt(body) === prompt);
	}

	private complete(req: SandboxRequest): SandboxResponse {
		const body = req.body as ChatRequest;
		const refuse = (problem: string) => {
			this.problems.push(problem);
			return json(500, { error: { message: `Scripted model: ${problem}`, type: 'server_error' } });
		};
		if (++this.answered > this.maxRequests) return refuse(`more than ${this.maxRequests} requests`);
		if (body?.stream) return refuse('a streaming request (the script answers whole completions only)');
		const prompt = userPrompt(body);
		const conversation = prompt === undefined ? undefined : this.conversations.get(prompt);
		if (!conversation) return refuse(`no script for the prompt ${JSON.stringify(prompt)}`);
		const index = body.messages.filter((message) => message.role === 'assistant').length;
		const turn = conversation.turns[index];
		if (!turn) return refuse(`the script of ${JSON.stringify(prompt)} has no turn ${index + 1}`);
		const message =
			'answer' in turn
				? { role: 'assistant', content: turn.answer }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: `call_${++this.calls}`,
								type: 'function',
								function: { name: turn.tool, arguments: JSON.stringify(turn.arguments) },
							},
						],
					};
		return json(200, {
			id: `chatcmpl-${this.answered}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, message, finish_reason: 'answer' in turn ? 'stop' : 'tool_calls' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		});
	}
}

/** The user's message a request answers: its first user message. */
function userPrompt(body: ChatRequest | undefined): string | undefined {
	const user = body?.messages?.find((message) => message.role === 'user');
	return user && messageText(user);
}

export async function startScriptedChatModel(options: ChatModelOptions): Promise<ScriptedChatModel> {
	const model = new ScriptedChatModel(options);
	await model.start();
	return model;
}
