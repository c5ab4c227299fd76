// What "Understand words, on this device" costs in Chromium: the same fixture Meet call (remote
// voices over WebRTC, a fake mic) with words off and on, CPU of every thread of the browser read
// from /proc from the moment the call is joined (so loading the recogniser counts), and what the
// call's record says was read.
//
//   npx tsx bench/words.ts [--minutes 10] [--runs 1]
//
// The scene is the shared d01_pair_clean (as `npm run bench:live` uses; my speech is 36 % of it,
// looping), or, without ../shared, the scripted conversations of scripts/words/conversations.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { median as medianOf } from '../lib/median';
import type { CallRecord } from '../lib/record/types';
import { launchCoachBrowser } from '../harness/browser';
import { ensureExtensionBuilt, EXTENSION_DIR } from '../harness/build';
import { waitForCall, waitForOverlayState } from '../harness/coach';
import { join, leave, openFixtureCall } from '../harness/fixture-call';
import { startFixtureServer, type FixtureServer } from '../harness/https-server';
import { sharedScene, sharedScenesMissing, tempDir } from '../harness/scenes';
import { conversationCall, setWords } from '../harness/words';
import { CONVERSATIONS } from '../scripts/words/conversations';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, runs: { type: 'string', default: '1' } },
});
const minutes = Number(args.minutes);
const runs = Number(args.runs);
const log = (line: string) => console.log(line);

const CLOCK_TICKS_PER_SEC = 100; // Linux USER_HZ

/** CPU seconds so far of every thread of the browser using `userDataDir`, by "process · thread". */
function browserCpu(userDataDir: string): Map<string, number> {
  const procs = readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid, ppid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
      } catch {
        return []; // ended while we looked
      }
    });
  const root = procs.find(
    (p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='),
  );
  if (!root) throw new Error('browser process not found');
  const out = new Map<string, number>();
  const visit = (p: (typeof procs)[number]) => {
    const kind = p.cmdline.includes('--extension-process')
      ? 'extension renderer'
      : p.cmdline.includes('--type=renderer')
        ? 'page renderer'
        : p.cmdline.includes('--type=')
          ? 'helpers'
          : 'browser';
    try {
      for (const tid of readdirSync(`/proc/${p.pid}/task`)) {
        const comm = readFileSync(`/proc/${p.pid}/task/${tid}/comm`, 'utf8').trim();
        const stat = readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const sec = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SEC;
        const thread =
          tid === p.pid ? 'main' : comm.startsWith('DedicatedWorker') ? 'worker' : comm.replace(/\d+$/, '');
        const key = `${kind} · ${thread} · ${p.pid}/${tid}`;
        out.set(key, sec);
      }
    } catch {
      // ended while we looked
    }
    for (const child of procs.filter((c) => c.ppid === Number(p.pid))) visit(child);
  };
  visit(root);
  return out;
}

interface Run {
  /** % of one core per "process · thread" (threads of a kind summed). */
  cpu: Map<string, number>;
  total: number;
  /** The busiest single thread of the extension renderer (the recogniser's worker, when on). */
  busiestExtensionThread: number;
  record: CallRecord;
}

async function measure(server: FixtureServer, scene: { self: string; others: string }, words: boolean): Promise<Run> {
  const browser = await launchCoachBrowser({
    serverPort: server.port,
    micWav: scene.self,
    extensionDir: EXTENSION_DIR,
  });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    await setWords(browser, { enabled: words, keepMyQuestions: false });
    const page = await openFixtureCall(browser, 'meet', {
      others: server.addAudio('bench-words-others.wav', scene.others),
    });
    const before = browserCpu(browser.userDataDir);
    const started = Date.now();
    await join(page);
    await waitForOverlayState(page, 'listening');
    await page.waitForTimeout(minutes * 60_000 - (Date.now() - started));
    const after = browserCpu(browser.userDataDir);
    const wallSec = (Date.now() - started) / 1000;
    await leave(page);
    const record = await waitForCall(browser, (c) => c.status === 'ended', 30_000);
    const cpu = new Map<string, number>();
    let busiestExtensionThread = 0;
    for (const [key, sec] of after) {
      const share = ((sec - (before.get(key) ?? 0)) / wallSec) * 100;
      const row = key.split(' · ').slice(0, 2).join(' · ');
      cpu.set(row, (cpu.get(row) ?? 0) + share);
      if (key.startsWith('extension renderer · worker'))
        busiestExtensionThread = Math.max(busiestExtensionThread, share);
    }
    const total = [...cpu.values()].reduce((a, b) => a + b, 0);
    return { cpu, total, busiestExtensionThread, record };
  } finally {
    await browser.close();
  }
}

/** Over the runs; NaN for none (--runs 0), printed as such. */
const median = (xs: number[]) => medianOf(xs) ?? NaN;

async function main(): Promise<void> {
  ensureExtensionBuilt(log);
  const dir = tempDir('bench-words');
  const shared = sharedScenesMissing() === null;
  const scene = shared ? sharedScene('d01_pair_clean', 184, dir) : conversationCall(CONVERSATIONS, dir);
  log(
    `# Words: CPU in Chromium (${runs} run(s) of ${minutes} min each way; ${shared ? 'd01_pair_clean, looping' : 'the scripted conversations'})\n`,
  );
  const server = await startFixtureServer();
  const off: Run[] = [];
  const on: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      off.push(await measure(server, scene, false));
      on.push(await measure(server, scene, true));
    }
  } finally {
    await server.close();
  }
  const rows = [...new Set([...off, ...on].flatMap((r) => [...r.cpu.keys()]))].sort();
  log('| process · thread | words off | words on | difference |\n| --- | --- | --- | --- |');
  for (const row of rows) {
    const a = median(off.map((r) => r.cpu.get(row) ?? 0));
    const b = median(on.map((r) => r.cpu.get(row) ?? 0));
    if (a < 0.05 && b < 0.05) continue;
    log(`| ${row} | ${a.toFixed(2)} % | ${b.toFixed(2)} % | ${(b - a).toFixed(2)} % |`);
  }
  const totalOff = median(off.map((r) => r.total));
  const totalOn = median(on.map((r) => r.total));
  log(
    `| **whole browser** | ${totalOff.toFixed(2)} % | ${totalOn.toFixed(2)} % | **${(totalOn - totalOff).toFixed(2)} %** |`,
  );
  const words = on.at(-1)!.record.words;
  log(
    `\nThe recogniser's worker alone (the extension renderer's busiest worker thread, words on): ${median(on.map((r) => r.busiestExtensionThread)).toFixed(2)} % of one core.`,
  );
  log(
    `Words off: ${off.every((r) => !r.record.words) ? 'no words in the record, ' : ''}extension-renderer worker threads: ${median(off.map((r) => r.busiestExtensionThread)).toFixed(2)} % (the speech model's).`,
  );
  if (words) {
    log(
      `Read in the last run: ${words.turns} turns, ${words.speechSec.toFixed(0)} s of my speech (${((words.speechSec / on.at(-1)!.record.durationSec) * 100).toFixed(0)} % of the call), ${words.words} words, ${words.questions} questions, ${words.missedTurns} turns missed.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(`bench-words: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
