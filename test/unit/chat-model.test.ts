/**
 * The scripted chat model the AI Agent suite (test/agent/) points n8n's OpenAI Chat Model at: it answers chat
 * completions as OpenAI does, turn by turn from its script, and refuses (recording why) whatever would otherwise let
 * an agent loop or pass unnoticed.
 */
import { startScriptedChatModel, type ChatMessage, type ScriptedChatModel } from '../agent/chat-model';

const KEY = 'sk-unit-chat-model-key';
const PROMPT = 'Pause campaign 42';

describe('scripted chat model', () => {
	let model: ScriptedChatModel;

	beforeEach(async () => {
		model = await startScriptedChatModel({ apiKey: KEY, maxRequests: 5 });
		model.script({
			prompt: PROMPT,
			turns: [{ tool: 'Pause_campaign', arguments: { campaign_id: '42' } }, { answer: 'Paused.' }],
		});
	});
	afterEach(async () => await model.close());

	const complete = async (messages: ChatMessage[], extra: Record<string, unknown> = {}, key = KEY) => {
		const response = await fetch(`${model.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
			body: JSON.stringify({ model: 'gpt-test', messages, ...extra }),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	};
	const user: ChatMessage = { role: 'user', content: PROMPT };
	const called: ChatMessage = {
		role: 'assistant',
		content: null,
		tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'Pause_campaign', arguments: '{}' } }],
	};

	it('listens on 127.0.0.1 and refuses another API key as OpenAI does', async () => {
		expect(model.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		const refused = await complete([user], {}, 'sk-wrong');
		expect(refused.status).toBe(401);
		expect(refused.body.error.message).toMatch(/API key/);
	});

	it('answers turn by turn: a tool call with the scripted arguments, then the final answer', async () => {
		const first = await complete([{ role: 'system', content: 'You help.' }, user]);
		expect(first.status).toBe(200);
		expect(first.body.choices[0]).toMatchObject({
			finish_reason: 'tool_calls',
			message: { role: 'assistant', content: null },
		});
		const [call] = first.body.choices[0].message.tool_calls;
		expect(call).toMatchObject({ type: 'function', function: { name: 'Pause_campaign' } });
		expect(JSON.parse(call.function.arguments)).toEqual({ campaign_id: '42' });

		const tool: ChatMessage = { role: 'tool', tool_call_id: call.id, content: '[{"status":"paused"}]' };
		const second = await complete([user, called, tool]);
		expect(second.body.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'Paused.' },
		});
		expect(model.chatRequests(PROMPT)).toHaveLength(2);
		expect(model.problems).toEqual([]);
	});

	it('refuses, and records why: a turn past the script, an unknown prompt, a streaming request', async () => {
		const past = await complete([user, called, { ...called }]);
		const unknown = await complete([{ role: 'user', content: 'Something else' }]);
		const streaming = await complete([user], { stream: true });
		expect([past.status, unknown.status, streaming.status]).toEqual([500, 500, 500]);
		expect(model.problems).toEqual([
			`the script of "${PROMPT}" has no turn 3`,
			'no script for the prompt "Something else"',
			'a streaming request (the script answers whole completions only)',
		]);
	});

	it('answers at most maxRequests requests in all, so a looping agent stops', async () => {
		for (let n = 0; n < 5; n++) expect((await complete([user])).status).toBe(200);
		expect((await complete([user])).status).toBe(500);
		expect(model.problems).toEqual(['more than 5 requests']);
	});
});
