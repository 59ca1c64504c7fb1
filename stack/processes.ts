import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** Sends SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Output goes to this file (appended); without it, to the parent's stdout/stderr with a prefix. */
  logFile?: string;
}

/** Starts a child process that is stopped with its parent's lifecycle in mind. */
export function startProcess(opts: StartOptions): ManagedProcess {
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'pipe';
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') fs.closeSync(out);
  if (out === 'pipe') {
    const prefix = `[${opts.name}] `;
    const forward = (chunk: Buffer, to: NodeJS.WriteStream) =>
      to.write(
        chunk
          .toString()
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => prefix + l + '\n')
          .join(''),
      );
    child.stdout?.on('data', (c: Buffer) => forward(c, process.stdout));
    child.stderr?.on('data', (c: Buffer) => forward(c, process.stderr));
  }
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => reject(new Error(`${opts.name}: could not start ${opts.command}: ${err.message}`)));
  });
  exited.catch(() => undefined);
  return {
    name: opts.name,
    pid: child.pid ?? -1,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    },
  };
}

/** Resolves once something accepts TCP connections on host:port; rejects after `timeoutMs`, or early if `proc` exits. */
export async function waitForPort(host: string, port: number, timeoutMs: number, proc?: ManagedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc?.exited.then(
    () => (exited = true),
    () => (exited = true),
  );
  for (;;) {
    if (exited) throw new Error(`${proc?.name ?? 'process'} exited before listening on ${host}:${port}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something already listens on host:port. */
export async function isListening(host: string, port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
