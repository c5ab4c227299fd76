// Accuracy against ground truth with the shared scorer (shared/tools/score-scenes.mjs): used by
// `npm run eval` (prints the scorer's tables) and by the accuracy tests (read its JSON summary).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineOptions } from '../lib/engine/engine';
import type { AnalysisResult } from '../lib/engine/types';
import { analyzeRecording, PROJECT_ROOT, readMonoWavFile, type Recording } from './recording';

export const SHARED_DIR = process.env.LISTENING_COACH_SHARED ?? path.resolve(PROJECT_ROOT, '../shared');
export const SYNTHETIC_DIR = path.join(SHARED_DIR, 'evalsets/synthetic');
export const REAL_DIR = path.join(SHARED_DIR, 'evalsets/real');
export const REAL_CALLS_DIR = path.join(SHARED_DIR, 'evalsets/real-calls');
export const SCORER = path.join(SHARED_DIR, 'tools/score-scenes.mjs');

export interface EvalSet {
  name: string;
  truthDir: string;
  predDir: string;
}

/** Turns one recording (`id`: its scene, for messages) into the analysis JSON: the engine, or
 *  (in `npm run bench`) a peer VAD scored the same way. */
export type Analyzer = (rec: Recording, id: string) => Promise<AnalysisResult>;

export const engineAnalyzer =
  (modelPath: string | null, options: Partial<EngineOptions> = {}): Analyzer =>
  (rec) =>
    analyzeRecording(rec, modelPath, options);

/** Runs the engine over every two-channel scene of a folder (`<id>.self.wav`, `<id>.others.wav`,
 *  `<id>.truth.json`) into a fresh prediction folder. */
export function predictScenes(
  sceneDir: string,
  modelPath: string | null,
  options: Partial<EngineOptions> = {},
  predDir?: string,
): Promise<EvalSet> {
  return predictScenesWith(sceneDir, engineAnalyzer(modelPath, options), predDir);
}

/** `predictScenes` with any analyzer. */
export async function predictScenesWith(
  sceneDir: string,
  analyze: Analyzer,
  predDir = tempDir(path.basename(sceneDir)),
): Promise<EvalSet> {
  for (const truthFile of truthFiles(sceneDir)) {
    const id = path.basename(truthFile, '.truth.json');
    const self = readMonoWavFile(path.join(sceneDir, `${id}.self.wav`));
    const others = readMonoWavFile(path.join(sceneDir, `${id}.others.wav`));
    const rec: Recording = { sampleRate: self.sampleRate, self: self.samples, others: others.samples };
    const result = await analyze(rec, id);
    fs.writeFileSync(path.join(predDir, `${id}.json`), JSON.stringify(result));
  }
  return { name: path.basename(sceneDir), truthDir: sceneDir, predDir };
}

/**
 * The real clips with reference speaker turns (AMI excerpts, the pyannote sample), analysed as the
 * remote channel only: the reference is the union of the RTTM speakers. Their truth files are
 * written beside the predictions, in a temporary folder (the clips stay in ../shared).
 */
export function predictReal(
  modelPath: string | null,
  options: Partial<EngineOptions> = {},
  outDir?: string,
): Promise<EvalSet> {
  return predictRealWith(engineAnalyzer(modelPath, options), outDir);
}

/** `predictReal` with any analyzer. */
export async function predictRealWith(analyze: Analyzer, outDir = tempDir('real')): Promise<EvalSet> {
  const truthDir = path.join(outDir, 'truth');
  const predDir = path.join(outDir, 'pred');
  fs.mkdirSync(truthDir, { recursive: true });
  fs.mkdirSync(predDir, { recursive: true });
  for (const rttm of fs
    .readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.rttm'))
    .sort()) {
    const id = path.basename(rttm, '.rttm');
    const wavFile = path.join(REAL_DIR, `${id}.wav`);
    if (!fs.existsSync(wavFile)) continue;
    const wav = readMonoWavFile(wavFile);
    const duration = wav.samples.length / wav.sampleRate;
    const speech = parseRttm(fs.readFileSync(path.join(REAL_DIR, rttm), 'utf8'));
    fs.writeFileSync(
      path.join(truthDir, `${id}.truth.json`),
      JSON.stringify({ id, duration, speech, turns: [], events: [] }),
    );
    const result = await analyze({ sampleRate: wav.sampleRate, self: null, others: wav.samples }, id);
    fs.writeFileSync(path.join(predDir, `${id}.json`), JSON.stringify(result));
  }
  return { name: 'real (others only)', truthDir, predDir };
}

/** RTTM "SPEAKER file 1 start dur <NA> <NA> name …" lines → intervals per speaker. */
export function parseRttm(text: string): Record<string, [number, number][]> {
  const speech: Record<string, [number, number][]> = {};
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SPEAKER' || f.length < 8) continue;
    const start = Number(f[3]);
    const dur = Number(f[4]);
    (speech[`speaker_${f[7]}`] ??= []).push([start, start + dur]);
  }
  return speech;
}

export interface ScoreSummary {
  vadSelfF1: number;
  vadOthersF1: number;
  talkShareErrPpMean: number;
  talkShareErrPpMax: number;
  interruption: { f1: number | null };
  talkover: { f1: number | null };
  backchannel: { f1: number | null };
  backchannelAsInterruption: number;
  responseGapErrMedian: number | null;
  monologueErrMedian: number | null;
  missing: string[];
}

/** One scene's row of the scorer's JSON. */
export interface ScoreRow {
  id: string;
  duration: number;
  missing?: boolean;
  vadSelfF1: number;
  vadOthersF1: number;
  talkShareErrPp: number;
  events: Record<'interruption' | 'talkover' | 'backchannel' | 'intrusion', { tp: number; fp: number; fn: number }>;
  backchannelAsInterruption: number;
  responseGapErr: number | null;
  monologueErr: number | null;
}

export interface Scored {
  summary: ScoreSummary;
  rows: ScoreRow[];
}

export function scoreTable(set: EvalSet): string {
  return execFileSync(process.execPath, [SCORER, set.truthDir, set.predDir], { encoding: 'utf8' });
}

export function scoreSummary(set: EvalSet): Scored {
  return JSON.parse(
    execFileSync(process.execPath, [SCORER, set.truthDir, set.predDir, '--json'], { encoding: 'utf8' }),
  );
}

function truthFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `listening-coach-eval-${name}-`));
}
