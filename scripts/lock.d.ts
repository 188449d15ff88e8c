/** Types of scripts/lock.js (a lock file between processes, taken over when its holder died). */
export function takeLock(
	lock: string,
	options?: { done?: () => boolean; onWait?: (holderPid: number) => void; pollMs?: number },
): Promise<{ done: boolean; release: () => void }>;
