// MediaPipe's YAMNet audio classifier in Node, for the `analyze` command, the eval and the tests.
// MediaPipe's web loader expects a worker (`self`, `importScripts`); these shims give it one
// (shared/docs/architecture.md: verified on Node 20 with @mediapipe/tasks-audio 1.0.1).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { speechScore, YAMNET_CLASSIFIER_OPTIONS } from '../lib/engine/yamnet';
import type { SpeechClassifier } from '../lib/engine/types';

const require = createRequire(import.meta.url);

export interface NodeClassifier {
  classify: SpeechClassifier;
  /** MediaPipe keeps Node alive until its graph is closed. */
  close(): void;
}

export async function loadYamnet(modelPath: string): Promise<NodeClassifier> {
  const g = globalThis as Record<string, unknown>;
  g.self ??= globalThis;
  g.importScripts ??= (...urls: string[]) => {
    for (const url of urls) {
      const file = url.startsWith('file://') ? new URL(url).pathname : url;
      // The loader declares `var ModuleFactory`; run it as a function and publish that global.
      const code = `(function (require, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n;globalThis.ModuleFactory = ModuleFactory;})`;
      vm.runInThisContext(code, { filename: file })(require, file, path.dirname(file));
    }
  };
  const pkg = path.dirname(require.resolve('@mediapipe/tasks-audio'));
  const { AudioClassifier } = require('@mediapipe/tasks-audio') as typeof import('@mediapipe/tasks-audio');
  const classifier = await quietly(() =>
    AudioClassifier.createFromOptions(
      {
        wasmLoaderPath: path.join(pkg, 'wasm/audio_wasm_internal.js'),
        wasmBinaryPath: path.join(pkg, 'wasm/audio_wasm_internal.wasm'),
      },
      { baseOptions: { modelAssetBuffer: new Uint8Array(fs.readFileSync(modelPath)) }, ...YAMNET_CLASSIFIER_OPTIONS },
    ),
  );
  return {
    classify(window, sampleRate) {
      const [first] = classifier.classify(window, sampleRate);
      return speechScore(first?.classifications[0]?.categories ?? []);
    },
    close() {
      quietlySync(() => classifier.close());
    },
  };
}

/** MediaPipe logs graph start/stop on stdout; the `analyze` contract keeps stdout for JSON only. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const restore = silenceStdout();
  try {
    return await run();
  } finally {
    restore();
  }
}

function quietlySync(run: () => void): void {
  const restore = silenceStdout();
  try {
    run();
  } finally {
    restore();
  }
}

function silenceStdout(): () => void {
  const log = console.log;
  const info = console.info;
  const write = process.stdout.write;
  console.log = console.info = () => {};
  process.stdout.write = ((_chunk: unknown, ...rest: unknown[]) => {
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  return () => {
    console.log = log;
    console.info = info;
    process.stdout.write = write;
  };
}
