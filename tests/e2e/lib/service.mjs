// A helper process the browser tests start themselves (redis-server, turnserver): spawned with its
// output kept for error messages, awaited until it answers, killed and cleaned up by stop().
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

// Starts `command args`, polls `answers()` until it resolves true (10 s at most), and returns
// { logs, stop }; `dir` (a scratch directory of the caller's) is removed by stop().
export async function startService(command, args, { dir, answers }) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10000;
  while (!(await answers())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${command} did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    logs: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
