/**
 * A lock between processes of this machine: a file created exclusively, holding the holder's pid. A lock whose
 * holder died is taken over, so a killed run never blocks the next one.
 */
const fs = require('node:fs');
const path = require('node:path');

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
};

/**
 * Takes `lock`. While another live process holds it, calls `onWait(holderPid)` once and checks `done()` every
 * `pollMs`: when what the holder was making is there, stops waiting without the lock (`{ done: true }`).
 * Otherwise returns `{ done: false, release }` once the lock is ours.
 */
async function takeLock(lock, { done = () => false, onWait = () => {}, pollMs = 1000 } = {}) {
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let waiting = false;
	for (;;) {
		try {
			fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
			return { done: false, release: () => fs.rmSync(lock, { force: true }) };
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let holder = 0;
		try {
			holder = Number(fs.readFileSync(lock, 'utf8').trim());
		} catch {
			continue; // released between our attempt and the read
		}
		if (!holder || !alive(holder)) {
			fs.rmSync(lock, { force: true });
			continue;
		}
		if (!waiting) onWait(holder);
		waiting = true;
		await new Promise((resolve) => setTimeout(resolve, pollMs));
		if (done()) return { done: true, release: () => {} };
	}
}

module.exports = { takeLock };
