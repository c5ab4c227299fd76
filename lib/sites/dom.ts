// DOM reading shared by the site adapters: text normalisation, markers, and a probe that finds
// the first marker that hits and logs which one did. Pure: it touches only the nodes it is given
// (never the global `document`/`window`), so Node tests run it on parsed fixture pages.

/** One way of recognising something on a meeting page. Tables of these sit at the top of each adapter. */
export interface Marker {
  /** Logged in `SiteReading.matched` when the marker hits, e.g. 'in-call:call_end-icon'. */
  name: string;
  /** CSS selector. An invalid one (or one the engine does not support) matches nothing. */
  selector: string;
  /**
   * The element's normalised text, or its `attribute` when set, must match. When the pattern has
   * a capture group, group 1 is the value the marker reads (a count, a name).
   */
  pattern?: RegExp;
  attribute?: string;
  /** Skip elements whose text or aria-label matches (Meet's effects tile looks like a participant tile). */
  exclude?: RegExp;
}

export interface MarkerHit<M extends Marker = Marker> {
  marker: M;
  element: Element;
  /** Capture group 1 of the pattern when it has one, else the text or attribute that was tested. */
  value: string;
}

/**
 * Live copy uses typographic apostrophes ("You’ll join", "You’ve been removed": V1, V4, V9) where
 * other sources match a straight one, and non-breaking spaces; normalise before any text match.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u00A0\u202F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const UNREAD_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * Screens a single-page app keeps in its DOM while they are not shown: `hidden` subtrees, closed
 * dialogs and dialogs marked aria-hidden (a Meet-like app kept its end screen so during the whole
 * call, with "Return to home screen" in it). Icons are often aria-hidden themselves and are seen:
 * only dialogs count. Templates are never rendered.
 */
const INACTIVE_SCREEN =
  '[hidden], template, dialog:not([open]), [role="dialog"][aria-hidden="true"], [role="alertdialog"][aria-hidden="true"], [aria-modal="true"][aria-hidden="true"]';

/**
 * Where a page shows words other people wrote or said: chat logs, live captions (ARIA live
 * regions; Teams' caption renderer, V6/T2 in ../shared/docs/sites.md), fields being typed in.
 * "You left the meeting" there is someone's message, not the end screen.
 */
const TRANSCRIPT =
  '[role="log"], [role="feed"], [aria-live]:not([aria-live="off"]), [data-tid="closed-caption-renderer-wrapper"], [contenteditable="true"], textarea, input';

/** Whether a person can see the element: not in an inactive screen and, where the engine can
 *  tell, laid out (no `display: none` on it or above it). */
export function isRendered(element: Element): boolean {
  if (element.closest(INACTIVE_SCREEN)) return false;
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element) : true;
}

/**
 * The text a person could read in `element`: script and style bodies (which may hold i18n
 * strings such as "You left the meeting") and inactive screens inside it are skipped (the element
 * itself is checked by the caller). Layout is not asked for each descendant: that would cost a
 * meeting page a style pass per element read. Text nodes are joined with spaces so adjacent
 * labels do not run together.
 */
export function readableText(element: Element): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const child = node as Element;
    if (UNREAD_ELEMENTS.has(child.tagName.toUpperCase()) || child.matches(INACTIVE_SCREEN)) return;
    child.childNodes.forEach(visit);
  };
  element.childNodes.forEach(visit);
  return normalizeText(parts.join(' '));
}

function querySafely(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * Reads markers in one or more roots (a document and the same-origin frames that hold the meeting
 * UI) and records, in order and without repeats, the names of the markers that hit.
 */
export class MarkerProbe {
  private readonly texts = new Map<Element, string>();

  constructor(
    private readonly roots: readonly ParentNode[],
    readonly matched: string[] = [],
  ) {}

  /** A probe limited to one element (a participant tile) that logs into the same list. */
  within(element: Element): MarkerProbe {
    return new MarkerProbe([element], this.matched);
  }

  /** Adds a line to the debug log (a frame that could not be read, an error). */
  note(name: string): void {
    if (!this.matched.includes(name)) this.matched.push(name);
  }

  /** Every element the marker finds across the roots, in root then document order. */
  findAll<M extends Marker>(marker: M): MarkerHit<M>[] {
    const hits: MarkerHit<M>[] = [];
    for (const root of this.roots) {
      for (const element of querySafely(root, marker.selector)) {
        const hit = this.test(marker, element);
        if (hit) hits.push(hit);
      }
    }
    return hits;
  }

  /** The first marker, in table order (preferred first), that finds an element; its name is logged. */
  first<M extends Marker>(markers: readonly M[]): MarkerHit<M> | null {
    for (const marker of markers) {
      const [hit] = this.findAll(marker);
      if (hit) {
        this.note(marker.name);
        return hit;
      }
    }
    return null;
  }

  /** Whether the page shows live content: any `<audio>` (remote audio plays from hidden elements)
   *  or a rendered `<video>` (not the tiles of a screen kept hidden). Never proof of a call. */
  hasMediaElements(): boolean {
    return this.roots.some(
      (root) => querySafely(root, 'audio').length > 0 || querySafely(root, 'video').some(isRendered),
    );
  }

  private text(element: Element): string {
    let text = this.texts.get(element);
    if (text === undefined) {
      text = readableText(element);
      this.texts.set(element, text);
    }
    return text;
  }

  private test<M extends Marker>(marker: M, element: Element): MarkerHit<M> | null {
    if (marker.exclude) {
      const label = normalizeText(element.getAttribute('aria-label') ?? '');
      if (marker.exclude.test(label) || marker.exclude.test(this.text(element))) return null;
    }
    const subject =
      marker.attribute === undefined ? this.text(element) : normalizeText(element.getAttribute(marker.attribute) ?? '');
    const match = marker.pattern ? marker.pattern.exec(subject) : null;
    if (marker.pattern && !match) return null;
    // Copy is read where the page shows it, never from what people wrote or said (a chat line
    // quoting the end screen must not end the call); and only what a person sees counts. Checked
    // last: layout is the costly question, asked only of elements that match.
    if (marker.pattern && marker.attribute === undefined && element.closest(TRANSCRIPT)) return null;
    if (!isRendered(element)) return null;
    return { marker, element, value: match?.[1] ?? subject };
  }
}

/**
 * The given document plus the documents of the frames that hold the meeting UI (Zoom's
 * `iframe#webclient`, same-origin: T3). A cross-origin frame has no readable `contentDocument`
 * (null, or a SecurityError in some engines): it is skipped and noted, never an error.
 */
export function documentsWithFrames(
  root: Document,
  frameSelectors: readonly string[],
  note: (line: string) => void,
): Document[] {
  const documents: Document[] = [root];
  for (const selector of frameSelectors) {
    for (const frame of querySafely(root, selector)) {
      let frameDocument: Document | null = null;
      try {
        frameDocument = (frame as HTMLIFrameElement).contentDocument;
      } catch {
        frameDocument = null;
      }
      if (frameDocument?.documentElement) {
        documents.push(frameDocument);
        note(`frame:${selector}`);
      } else {
        note(`frame-unreadable:${selector}`);
      }
    }
  }
  return documents;
}
