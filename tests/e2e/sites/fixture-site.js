// Drives the interactive fixture meeting pages (tests/e2e/sites/<site>.html): one script for every
// site, with no site-specific code. Each page says which site it imitates (<html data-site="meet">)
// and holds three <template data-fixture-state="lobby|in-call|ended">; one at a time is copied into
// #fixture-stage, so a state's markers exist only while the page is in that state, as on the real site.
// With ?screens=kept the page is a single-page app that keeps every screen in the DOM and hides the
// inactive ones ([hidden]): a Meet-like app kept its end screen so during a whole call.
// The site's markers are then rewritten from declarative annotations in the templates:
//   data-fixture-muted / data-fixture-unmuted  attributes to set while my mic is muted / on
//   data-fixture-count                          attributes to set from the participant count {n}
//   data-fixture-remote-tile                    the tile of one remote participant, repeated n-1 times;
//     inside it, data-fixture-tile sets attributes from the person's {name} and number {i}, and
//     data-fixture-speaking / data-fixture-silent set attributes while that person speaks or not
//   data-fixture-action="join|toggle-mute|leave"  buttons that act (the site's own and #fixture-*)
// An annotation is a JSON object of attribute → value: "#text" sets the element's text, null removes
// the attribute, and {n}, {name}, {i} are filled in.
// The audio part, fixture-call.js (loaded after this script), is told of the moments it acts on:
// window.fixtureCall.onJoin(), .onLeave() and .onMute(muted). Tests drive the page through
// window.fixture = { join(), leave(), setMuted(b), setParticipants(n), setSpeakers(names), state,
// remoteNames } (remoteNames: the remote tiles' names, in order).
// No inline script or handler anywhere, so the pages load under a strict CSP.
(() => {
  const REMOTE_NAMES = ['Ana Lopez', 'Ben Okafor', 'Dana Ito', 'Emil Novak', 'Fatima Said', 'Goran Ilic', 'Hana Sato'];
  const stage = document.getElementById('fixture-stage');
  // ?markup=changed: the site shipped new markup. Every marker attribute and class of the states is
  // dropped (only the fixture's own data-fixture-* hooks stay), as if every selector had changed;
  // text stays. The adapter then cannot tell the call's phase: the coach must degrade, not break.
  const query = new URLSearchParams(window.location?.search ?? '');
  const markupChanged = query.get('markup') === 'changed';
  const keptScreens = query.get('screens') === 'kept';
  function changeMarkup() {
    if (!markupChanged) return;
    for (const element of stage.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) {
        if (!name.startsWith('data-fixture') && name !== 'id' && name !== 'hidden') element.removeAttribute(name);
      }
    }
  }
  const state = { phase: 'lobby', muted: false, participants: 3, speakers: [REMOTE_NAMES[0]] };
  /** The remote-tile prototype of the current state and where its copies go: null when it has none. */
  let remoteTiles = null;

  const remoteName = (index) => REMOTE_NAMES[index] ?? `Guest ${index + 1}`;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (placeholder, key) => values[key] ?? placeholder);
  }

  /** Applies the annotation `attribute` of `root` and its descendants. */
  function annotate(root, attribute, values = {}) {
    const selector = `[${attribute}]`;
    const elements = [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];
    for (const element of elements) {
      for (const [name, value] of Object.entries(JSON.parse(element.getAttribute(attribute)))) {
        if (name === '#text') element.textContent = fill(value, values);
        else if (value === null) element.removeAttribute(name);
        else element.setAttribute(name, fill(value, values));
      }
    }
  }

  function showMuted() {
    annotate(stage, state.muted ? 'data-fixture-muted' : 'data-fixture-unmuted');
    changeMarkup();
  }

  function showParticipants() {
    if (remoteTiles) {
      for (const tile of remoteTiles.copies) tile.remove();
      remoteTiles.copies = Array.from({ length: state.participants - 1 }, (_, index) => {
        const tile = remoteTiles.prototype.cloneNode(true);
        tile.dataset.fixtureName = remoteName(index);
        annotate(tile, 'data-fixture-tile', { name: remoteName(index), i: String(index + 1) });
        return tile;
      });
      remoteTiles.anchor.before(...remoteTiles.copies);
    }
    annotate(stage, 'data-fixture-count', { n: String(state.participants) });
    showSpeakers();
  }

  function showSpeakers() {
    for (const tile of remoteTiles?.copies ?? []) {
      const speaking = state.speakers.includes(tile.dataset.fixtureName);
      annotate(tile, speaking ? 'data-fixture-speaking' : 'data-fixture-silent');
    }
    changeMarkup();
  }

  /** Kept screens: every state's screen, built once, the inactive ones hidden. */
  let screens = null;

  function showPhase() {
    if (keptScreens && screens) {
      for (const [phase, screen] of Object.entries(screens)) screen.hidden = phase !== state.phase;
      document.documentElement.dataset.fixturePhase = state.phase;
      showMuted();
      showParticipants();
      return;
    }
    if (keptScreens) {
      screens = {};
      for (const template of document.querySelectorAll('template[data-fixture-state]')) {
        const screen = document.createElement('div');
        screen.dataset.fixtureScreen = template.dataset.fixtureState;
        screen.append(template.content.cloneNode(true));
        screens[template.dataset.fixtureState] = screen;
      }
      stage.replaceChildren(...Object.values(screens));
    } else {
      const template = document.querySelector(`template[data-fixture-state="${state.phase}"]`);
      stage.replaceChildren(template.content.cloneNode(true));
    }
    const prototype = stage.querySelector('[data-fixture-remote-tile]');
    remoteTiles = null;
    if (prototype) {
      const anchor = document.createComment('remote tiles');
      prototype.replaceWith(anchor);
      remoteTiles = { prototype, anchor, copies: [] };
    }
    if (keptScreens) return showPhase();
    document.documentElement.dataset.fixturePhase = state.phase;
    showMuted();
    showParticipants();
  }

  function join() {
    if (state.phase === 'in-call') return;
    state.phase = 'in-call';
    showPhase();
    window.fixtureCall?.onJoin?.();
  }

  function leave() {
    if (state.phase === 'ended') return;
    const wasInCall = state.phase === 'in-call';
    state.phase = 'ended';
    showPhase();
    if (wasInCall) window.fixtureCall?.onLeave?.();
  }

  function setMuted(muted) {
    if (state.muted === Boolean(muted)) return;
    state.muted = Boolean(muted);
    showMuted();
    window.fixtureCall?.onMute?.(state.muted);
  }

  function setParticipants(count) {
    state.participants = Math.max(1, Math.floor(count));
    showParticipants();
  }

  function setSpeakers(names) {
    state.speakers = [...names];
    showSpeakers();
  }

  const ACTIONS = { join, leave, 'toggle-mute': () => setMuted(!state.muted) };

  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('[data-fixture-action]');
    if (button) ACTIONS[button.dataset.fixtureAction]?.();
  });

  window.fixture = {
    site: document.documentElement.dataset.site,
    join,
    leave,
    setMuted,
    setParticipants,
    setSpeakers,
    get state() {
      return { ...state, speakers: [...state.speakers] };
    },
    get remoteNames() {
      return Array.from({ length: state.participants - 1 }, (_, index) => remoteName(index));
    },
  };

  showPhase();
})();
