/**
 * A test against a real n8n waits on n8n's processes (a schedule's next tick, a webhook's registration, a
 * workflow run), each step bounded by its own `waitFor` deadline of about a minute: jest's 5 s default would cut
 * those waits short on a busy machine. Hooks and tests that need more say so themselves.
 */
jest.setTimeout(3 * 60_000);
