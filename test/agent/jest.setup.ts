/**
 * The agent suite runs on the latest pinned n8n unless told otherwise ($N8N_VERSION): n8n's AI Agent takes community
 * nodes as tools on it. Its waits (n8n starting, an agent's turns) are bounded by their own deadlines.
 */
process.env.N8N_VERSION ||= 'latest';
jest.setTimeout(3 * 60_000);
