// The end-to-end rig a test file shares: a scripted scene spoken by espeak-ng, the fixture server
// serving the others' side of it, Chromium with the built extension and the scene's own side as
// its mic, and (when asked) a second DevTools connection watching every target. Set up once
// before the file's tests, torn down after them in reverse order, so each file says only what is
// particular to it.
import { afterAll, beforeAll } from 'vitest';
import { launchCoachBrowser, type CoachBrowser } from '../../../harness/browser';
import { startFixtureServer, type FixtureServer } from '../../../harness/https-server';
import { espeakScene, tempDir, type Scene } from '../../../harness/scenes';
import { CDP_ARGS, CdpWatcher } from './cdp';

type Utterances = Parameters<typeof espeakScene>[0];

export interface CallRigOptions {
  /** Names the scene's folder and the served file of the others' side (`<name>-others.wav`). */
  name: string;
  script: Utterances;
  durationSec: number;
  /** Watch every target over a second DevTools connection (requests, faults). */
  watch?: boolean;
  /** Further extensions loaded beside ours. */
  extraExtensions?: string[];
  /** What the file needs on top, once the browser is up (settings, more served audio). */
  ready?: (rig: CallRig) => Promise<void> | void;
}

export interface CallRig {
  scene: Scene;
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

/** Registers the rig's beforeAll and afterAll; its fields are there from the first test on. */
export function useCallRig(options: CallRigOptions): CallRig {
  const rig = {} as CallRig;
  beforeAll(async () => {
    rig.scene = espeakScene(options.script, options.durationSec, tempDir(options.name));
    rig.server = await startFixtureServer();
    rig.othersPath = rig.server.addAudio(`${options.name}-others.wav`, rig.scene.others);
    rig.peoplePaths = rig.scene.people.map((person, i) =>
      rig.server.addAudio(`${options.name}-person${i + 1}.wav`, person.wav),
    );
    rig.browser = await launchCoachBrowser({
      serverPort: rig.server.port,
      micWav: rig.scene.self,
      ...(options.watch ? { extraArgs: CDP_ARGS } : {}),
      ...(options.extraExtensions ? { extraExtensions: options.extraExtensions } : {}),
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
