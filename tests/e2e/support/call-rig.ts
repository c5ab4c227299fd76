// The end-to-end rig a test file shares: the call's audio (an espeak-ng scene, a shared one…), the
// fixture server serving the others' side of it, Chromium with the built extension and my side as
// its mic, and (when asked) a second DevTools connection watching every target. Set up once
// before the file's tests, torn down after them in reverse order, so each file says only what is
// particular to it.
import { afterAll, beforeAll } from 'vitest';
import { launchCoachBrowser, type CoachBrowser } from '../../../harness/browser';
import { startFixtureServer, type FixtureServer } from '../../../harness/https-server';
import { tempDir, type Scene } from '../../../harness/scenes';
import { CDP_ARGS, CdpWatcher } from './cdp';

/** A call's two sides as WAV files: my mic, and what the far end sends. */
export interface CallAudio {
  self: string;
  others: string;
  /** Each of the others on a WAV of their own, for a far end that sends a stream per person. */
  people?: readonly { wav: string }[];
}

export interface CallRigOptions<A extends CallAudio> {
  /** Names the rig's folder and the served file of the others' side (`<name>-others.wav`). */
  name: string;
  /** Makes the call's audio in the rig's folder: an espeak-ng scene, a shared one, the words'
   *  conversations, silence. */
  audio: (dir: string) => A;
  /** Watch every target over a second DevTools connection (requests, faults). */
  watch?: boolean;
  /** Further extensions loaded beside ours. */
  extraExtensions?: string[];
  /** Chromium as a person's desktop runs it: its audio threads without real-time priority. */
  withoutRealtimeAudio?: boolean;
  /** What the file needs on top, once the browser is up (settings, more served audio). */
  ready?: (rig: CallRig<A>) => Promise<void> | void;
}

export interface CallRig<A extends CallAudio = Scene> {
  dir: string;
  scene: A;
  server: FixtureServer;
  browser: CoachBrowser;
  /** Only with `watch`. */
  cdp: CdpWatcher;
  /** The others' side as the fixture server serves it (the `others` of openFixtureCall). */
  othersPath: string;
  /** Each of the others on their own, where the script says who speaks (Utterance.person): the
   *  `people` of openFixtureCall. */
  peoplePaths: string[];
}

/** Registers the rig's beforeAll and afterAll; its fields are there from the first test on (and in
 *  the file's own beforeAll hooks registered after it). */
export function useCallRig<A extends CallAudio>(options: CallRigOptions<A>): CallRig<A> {
  const rig = {} as CallRig<A>;
  beforeAll(async () => {
    rig.dir = tempDir(options.name);
    rig.scene = options.audio(rig.dir);
    rig.server = await startFixtureServer();
    rig.othersPath = rig.server.addAudio(`${options.name}-others.wav`, rig.scene.others);
    rig.peoplePaths = (rig.scene.people ?? []).map((person, i) =>
      rig.server.addAudio(`${options.name}-person${i + 1}.wav`, person.wav),
    );
    rig.browser = await launchCoachBrowser({
      serverPort: rig.server.port,
      micWav: rig.scene.self,
      ...(options.watch ? { extraArgs: CDP_ARGS } : {}),
      ...(options.extraExtensions ? { extraExtensions: options.extraExtensions } : {}),
      ...(options.withoutRealtimeAudio ? { withoutRealtimeAudio: true } : {}),
    });
    if (options.watch) rig.cdp = await CdpWatcher.connect(rig.browser.userDataDir);
    await options.ready?.(rig);
  });
  afterAll(async () => {
    rig.cdp?.close();
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}
