/**
 * The action nodes as tools of n8n's AI Agent: what the model is told each operation does, and the short Get Many.
 * n8n resolves a tool node's parameters against the node's tool form (its type name ends in `Tool`, which `@tool`
 * display options test), and the normal form against the node's own description: both are checked here with
 * n8n-workflow's own `getNodeParameters` and `getToolDescriptionForNode`. The real AI Agent run: test/agent/.
 */
import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { TOOL_LIMIT } from '../../nodes/common/descriptions';
import { Taalk } from '../../nodes/Taalk/Taalk.node';
import { Talkdesk } from '../../nodes/Talkdesk/Talkdesk.node';
import { Talkturo } from '../../nodes/Talkturo/Talkturo.node';
import { WhatTalk } from '../../nodes/WhatTalk/WhatTalk.node';

const PROVIDERS: Record<string, string> = {
	taalk: 'Taalk',
	talkturo: 'Talkturo',
	whatTalk: 'WhatTalk',
	talkdesk: 'Talkdesk',
};

const nodes = [Taalk, Talkturo, WhatTalk, Talkdesk].map((Node) => new Node().description);

/** The node's description as n8n makes its tool form (the name is what `@tool` looks at). */
const toolForm = (description: INodeTypeDescription): INodeTypeDescription => ({
	...description,
	name: `${description.name}Tool`,
});

/** Every resource/operation pair of a node. */
function operations(description: INodeTypeDescription): Array<{ resource: string; operation: string }> {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: String(property.displayOptions!.show!.resource![0]),
				operation: String(option.value),
			})),
		);
}

/** The parameters n8n runs a node with: the given values and every default of what is shown. */
function resolved(description: INodeTypeDescription, values: INodeParameters): INodeParameters {
	const node = { name: 'node', type: description.name, typeVersion: 1, parameters: values } as INode;
	return NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description)!;
}

describe.each(nodes.map((description) => [description.name, description] as const))(
	'%s',
	(name, description) => {
		const provider = PROVIDERS[name];

		it('is usable as a tool, with a Description parameter of its own (so n8n adds none that only names the action)', () => {
			expect(description.usableAsTool).toBe(true);
			expect(description.properties.some((property) => property.name === 'toolDescription')).toBe(true);
		});

		it.each(operations(description))(
			'$resource/$operation: the model is told what it does and what it needs',
			({ resource, operation }) => {
				const values = { resource, operation };
				const parameters = resolved(toolForm(description), values);
				const text = String(parameters.toolDescription);
				expect(text).toContain(provider);
				expect(text).toMatch(/\. Needs [^.]+(\.|\)\.|; [^.]+\.)$/);
				const node = { name: 'tool', type: `${name}Tool`, typeVersion: 1, parameters } as INode;
				expect(
					NodeHelpers.getToolDescriptionForNode(node, { description: toolForm(description) } as INodeType),
				).toBe(text);
				// The node's normal form has no such parameter: its runs are unchanged.
				expect(resolved(description, values)).not.toHaveProperty('toolDescription');
			},
		);

		it('each operation has its own sentence', () => {
			const texts = operations(description).map(
				(values) => resolved(toolForm(description), values).toolDescription,
			);
			expect(new Set(texts).size).toBe(texts.length);
		});

		it(`Get Many: Limit ${TOOL_LIMIT} as a tool, 50 in a workflow; a Limit the user set is kept in both`, () => {
			const lists = operations(description).filter(({ operation }) => /^get(Many|Contacts)$/.test(operation));
			expect(lists.length).toBeGreaterThan(0);
			for (const values of lists) {
				expect({ ...values, limit: resolved(toolForm(description), values).limit }).toEqual({
					...values,
					limit: TOOL_LIMIT,
				});
				expect({ ...values, limit: resolved(description, values).limit }).toEqual({ ...values, limit: 50 });
				expect(resolved(toolForm(description), { ...values, limit: 3 }).limit).toBe(3);
				expect(resolved(description, { ...values, returnAll: true })).not.toHaveProperty('limit');
			}
		});
	},
);
