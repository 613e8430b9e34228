import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const script = resolve(import.meta.dirname, 'job-worker-process.ts');

/** Worker processes (test/support/job-worker-process.ts) a test starts, and kills at the end. */
export function workerProcesses() {
  const children: ChildProcess[] = [];
  return {
    async start(env: Record<string, string>): Promise<ChildProcess> {
      const child = spawn(process.execPath, [script], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      await new Promise<void>((ready, fail) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
        child.once('exit', (code) => fail(new Error(`worker process exited with ${code}`)));
      });
      return child;
    },
    async killAll(): Promise<void> {
      for (const child of children.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await once(child, 'exit');
        }
      }
    },
  };
}
