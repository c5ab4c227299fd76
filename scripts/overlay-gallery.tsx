// A page of overlay states side by side, for scripts/screenshots.ts: the overlay is mounted by the
// content script on meeting pages, but its look in every state is checked here, on fake data.
import { createRoot } from 'react-dom/client';
import { Overlay, type OverlayData } from '../components/overlay/overlay';
import { formatDuration } from '../lib/coaching/format';
import { text } from '../lib/coaching/text';
import type { LiveState } from '../lib/engine/types';

const live: LiveState = {
  timeSec: 1260,
  selfSpeaking: true,
  othersSpeaking: false,
  muted: false,
  floor: 'self',
  floorTurnSec: 82,
  selfTurnSec: 82,
  selfSpeechSec: 410,
  othersSpeechSec: 690,
  talkShare: 0.373,
  interruptionsBySelf: 2,
  interruptionsOfSelf: 1,
  talkoversBySelf: 0,
  talkoversOfSelf: 1,
  backchannelsBySelf: 14,
  backchannelsByOthers: 9,
  longestMonologueSec: 82,
  othersLongestTurnSec: 140,
};

const base: OverlayData = {
  state: 'listening',
  live,
  participants: 4,
  targetShare: 0.25,
  thresholds: { monologueSec: 75, overShareFactor: 1.5 },
  nudge: null,
  people: {
    split: true,
    people: [
      {
        label: 'Person 1',
        speechSec: 420,
        shareOfOthers: 0.58,
        shareOfAll: 0.41,
        longestTurnSec: 140,
        interruptionsBySelf: 1,
        interruptionsOfSelf: 0,
      },
      {
        label: 'Person 2',
        speechSec: 300,
        shareOfOthers: 0.42,
        shareOfAll: 0.3,
        longestTurnSec: 65,
        interruptionsBySelf: 1,
        interruptionsOfSelf: 1,
      },
    ],
    notHeard: { count: 1 },
  },
  collapsed: false,
  position: null,
  message: null,
  host: 'meet.google.com',
};

const states: OverlayData[] = [
  {
    ...base,
    position: { x: 16, y: 16 },
    nudge: { kind: 'monologue', tone: 'gentle', text: text('nudge.monologue', formatDuration(82)), shownAtMs: 0 },
  },
  {
    ...base,
    position: { x: 280, y: 16 },
    live: { ...live, floor: 'others', floorTurnSec: 131, selfTurnSec: 0, talkShare: 0.22 },
    nudge: { kind: 'let-finish', tone: 'praise', text: text('nudge.letFinish', formatDuration(131)), shownAtMs: 0 },
  },
  { ...base, position: { x: 544, y: 16 }, state: 'mic-denied', live: null },
  { ...base, position: { x: 16, y: 300 }, collapsed: true },
  { ...base, position: { x: 280, y: 300 }, state: 'limited', participants: null, live: { ...live, floor: null } },
  {
    ...base,
    position: { x: 544, y: 300 },
    state: 'muted',
    live: { ...live, muted: true, floor: 'others', selfTurnSec: 0 },
  },
];

const noop = () => {};
createRoot(document.getElementById('root')!).render(
  <>
    {states.map((data, i) => (
      <Overlay
        key={i}
        data={data}
        actions={{ dismissNudge: noop, setCollapsed: noop, move: noop, hideOnThisSite: noop, setPaused: noop }}
      />
    ))}
  </>,
);
