// A private network namespace for a test run: real meeting software (Janus) never gathers ICE
// candidates on loopback, so the run gets its own network with a veth pair on made-up addresses
// (../shared/docs/architecture.md, "Verified 2026-12-01"). Nothing in it is reachable from
// outside, and it vanishes with the process that holds it. Programs join it through `nsenter`.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The made-up addresses ICE uses inside the namespace. */
export const NETNS_ADDRESSES = ['10.213.0.1', '10.213.0.2'] as const;

export interface NetNamespace {
  /** Starts a program inside the namespace. */
  spawn(command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** An executable file that runs `program` inside the namespace (for launchers that take a path). */
  wrapper(program: string, dir: string): string;
  close(): void;
}

/** Why a private namespace cannot be made here, or null when it can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'a private network namespace needs root (unshare --net)';
  for (const tool of ['/usr/bin/unshare', '/usr/bin/nsenter', '/usr/sbin/ip']) {
    if (!existsSync(tool)) return `${tool} not found`;
  }
  return null;
}

const SETUP = [
  'ip link set lo up',
  'ip link add lc0 type veth peer name lc1',
  `ip addr add ${NETNS_ADDRESSES[0]}/24 dev lc0`,
  `ip addr add ${NETNS_ADDRESSES[1]}/24 dev lc1`,
  'ip link set lc0 up',
  'ip link set lc1 up',
  'echo ready',
  // Held open until the test closes it (or dies: stdin then closes and the namespace goes).
  'exec cat > /dev/null',
].join(' && ');

export async function createNetNamespace(): Promise<NetNamespace> {
  const holder = spawn('/usr/bin/unshare', ['--net', '--', '/bin/sh', '-c', SETUP], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    holder.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) =>
      reject(new Error(`the network namespace could not be set up (${code}): ${err.trim()}`)),
    );
  });
  const netns = `/proc/${holder.pid}/ns/net`;
  const children = new Set<ChildProcess>();
  return {
    spawn(command, args, options = {}) {
      const child = spawn('/usr/bin/nsenter', [`--net=${netns}`, '--', command, ...args], options);
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },
    wrapper(program, dir) {
      const path = join(dir, `netns-${program.split('/').pop()}`);
      writeFileSync(path, `#!/bin/sh\nexec /usr/bin/nsenter --net=${netns} -- ${program} "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    },
    close() {
      for (const child of children) child.kill('SIGKILL');
      holder.stdin!.end();
      holder.kill('SIGKILL');
    },
  };
}

/** Runs a command inside the namespace and returns its output (for checks). */
export function runInNetns(ns: NetNamespace, command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = ns.spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}`))));
  });
}
