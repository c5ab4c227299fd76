// Every marker of every site adapter is accounted for, as refined-github checks its selectors
// against the pages they were seen on: the comment above it (or beside it) cites a source key of
// the sources table in docs/sites.md (or "seen live YYYY-MM", or "own" for our own generic rules),
// and at least one saved page in tests/fixtures/sites/<site>/ has an element the marker finds. A
// marker nobody can trace, or that no fixture exercises, is one nobody can tell is still alive.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import * as custom from '../../lib/sites/custom';
import { documentsWithFrames, MarkerProbe, type Marker } from '../../lib/sites/dom';
import * as jitsi from '../../lib/sites/jitsi';
import * as meet from '../../lib/sites/meet';
import * as teams from '../../lib/sites/teams';
import * as webex from '../../lib/sites/webex';
import * as whereby from '../../lib/sites/whereby';
import * as zoom from '../../lib/sites/zoom';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Per adapter file: its marker tables, and the frames its UI may sit in (read as the adapter does). */
const SITES = {
  meet: { tables: meet.MARKERS, frames: [] },
  teams: { tables: teams.MARKERS, frames: [] },
  zoom: { tables: zoom.MARKERS, frames: ['iframe#webclient'] },
  webex: { tables: webex.MARKERS, frames: ['#unified-webclient-iframe'] },
  jitsi: { tables: { ...jitsi.MARKERS, signature: jitsi.JITSI_SIGNATURE }, frames: [] },
  whereby: { tables: whereby.MARKERS, frames: [] },
  custom: { tables: { hangUp: custom.HANG_UP, mute: custom.MUTE }, frames: [] },
} satisfies Record<string, { tables: object; frames: string[] }>;

/** The keys of the "Sources" table of docs/sites.md (`| V1 | Vexa-ai/vexa | … |`). */
function sourceKeys(): Set<string> {
  const doc = readFileSync(`${ROOT}docs/sites.md`, 'utf8');
  const table = doc.slice(doc.indexOf('\n## Sources'));
  return new Set([...table.matchAll(/^\| ([A-Z][A-Z0-9]*) \|/gm)].map((match) => match[1]!));
}

function isMarker(value: unknown): value is Marker {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Marker).name === 'string' &&
    typeof (value as Marker).selector === 'string'
  );
}

/** Every marker in a (nested) table of markers. */
function markersIn(table: unknown): Marker[] {
  if (isMarker(table)) return [table];
  if (Array.isArray(table)) return table.flatMap(markersIn);
  if (typeof table === 'object' && table !== null) return Object.values(table).flatMap(markersIn);
  return [];
}

const MARKER_LINE = /(?:\{ |^\s*)name: '([^']+)'/;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*\*?|\*)/;
/** Lines that end a group or a statement: a citation above them is not this group's. */
const GROUP_END_LINE = /^\s*\](?:\s*satisfies [^,;]+)?\s*[,;]?\s*$|;\s*$/;

/**
 * Where each marker of an adapter file is cited: its own trailing comment, else the comment block
 * above it or above its group (walking up over the markers, spread over lines or not, and the
 * openers of the group, never past the end of another group or a statement).
 */
function citations(file: string): Map<string, string> {
  const lines = readFileSync(`${ROOT}lib/sites/${file}.ts`, 'utf8').split('\n');
  const cited = new Map<string, string>();
  lines.forEach((line, index) => {
    const name = MARKER_LINE.exec(line)?.[1];
    if (!name) return;
    const trailing = line.slice(line.lastIndexOf('}') + 1).match(/\/\/(.*)$/)?.[1] ?? '';
    const block: string[] = [];
    let above = index - 1;
    while (above >= 0 && !COMMENT_LINE.test(lines[above]!) && !GROUP_END_LINE.test(lines[above]!)) above -= 1;
    while (above >= 0 && COMMENT_LINE.test(lines[above]!)) block.unshift(lines[above--]!);
    cited.set(name, `${trailing} ${block.join(' ')}`.trim());
  });
  return cited;
}

const window = new Window();
afterAll(() => window.happyDOM.close());

function fixturePages(site: string): { file: string; documents: Document[] }[] {
  const folder = `${ROOT}tests/fixtures/sites/${site}`;
  return readdirSync(folder)
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const page = new window.DOMParser().parseFromString(
        readFileSync(`${folder}/${file}`, 'utf8'),
        'text/html',
      ) as unknown as Document;
      return { file, documents: documentsWithFrames(page, SITES[site as keyof typeof SITES].frames, () => {}) };
    });
}

const KEYS = sourceKeys();
/** A key-shaped token (V1, A12, L4): any such token in a citation must be in the sources table. */
const KEY_SHAPED = /\b[A-Z]{1,2}\d{1,2}\b/g;

describe('docs/sites.md sources table', () => {
  it('lists the source keys the adapters cite', () => {
    expect(KEYS.size).toBeGreaterThan(40);
    for (const key of ['V1', 'A1', 'S1', 'T1', 'L1', 'M1', 'J1', 'W1', 'MM', 'TC', 'MST']) expect(KEYS).toContain(key);
  });
});

describe.each(Object.entries(SITES))('%s markers', (site, { tables }) => {
  const markers = markersIn(tables);
  const cited = citations(site);

  it('has markers, each named once', () => {
    expect(markers.length).toBeGreaterThan(0);
    const names = markers.map((marker) => marker.name);
    // A name may repeat only for the same marker reused in two tables (Meet's tile).
    for (const name of names)
      expect(new Set(markers.filter((m) => m.name === name).map((m) => m.selector)).size).toBe(1);
  });

  it.each(markers.map((marker) => [marker.name, marker] as const))('%s cites a source of docs/sites.md', (name) => {
    const citation = cited.get(name);
    expect(citation, `${name}: no \`{ name: '${name}'\` line found in lib/sites/${site}.ts`).toBeDefined();
    const keys = [...citation!.matchAll(/\b[A-Z][A-Z0-9]{1,4}\b/g)]
      .map((match) => match[0])
      .filter((token) => KEYS.has(token));
    const unknown = [...citation!.matchAll(KEY_SHAPED)].map((match) => match[0]).filter((token) => !KEYS.has(token));
    expect(unknown, `${name} cites keys missing from docs/sites.md: ${unknown.join(', ')}`).toEqual([]);
    const ownOrLive = /\bseen live \d{4}-\d{2}\b|\bown\b/i.test(citation!);
    expect(keys.length > 0 || ownOrLive, `${name} cites no source ("${citation}")`).toBe(true);
  });

  const pages = fixturePages(site);
  it.each(markers.map((marker) => [marker.name, marker] as const))(
    '%s finds an element in a fixture',
    (name, marker) => {
      const exercised = pages
        .filter(({ documents }) => new MarkerProbe(documents).findAll(marker).length > 0)
        .map(({ file }) => file);
      expect(exercised, `${name} (${marker.selector}) finds nothing in tests/fixtures/sites/${site}/`).not.toEqual([]);
    },
  );
});
