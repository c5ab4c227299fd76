// @vitest-environment happy-dom
// The settings page over (fake) browser storage, wired as entrypoints/options/main.tsx wires it:
// a switch takes its new value within the click and keeps it while the change is stored; quick
// changes are all stored; a change that cannot be stored is not shown either. Rendered with
// createRoot as the page is, outside act(), so React puts a controlled input back exactly as it
// does in the browser.
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsActions } from '../../components/options/options-app';
import { editSettings, settingsItem, type SettingsEditor } from '../../extension/settings';
import type { Settings } from '../../lib/settings';

let root: Root | null = null;
let editor: SettingsEditor | null = null;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  editor?.stop();
  root?.unmount();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** The page as its connector renders it; `shown` is every settings value it was given. */
async function openSettingsPage() {
  const shown: Settings[] = [];
  const container = document.body.appendChild(document.createElement('div'));
  const page = createRoot(container);
  root = page;
  const others: Omit<OptionsActions, 'updateSettings'> = {
    addCustomSite: vi.fn(async () => ({ ok: true as const })),
    removeCustomSite: vi.fn(async () => {}),
    startMicCheck: vi.fn(),
    stopMicCheck: vi.fn(),
    exportCalls: vi.fn(async () => {}),
    importCalls: vi.fn(async () => ({ records: [], skipped: [], fileError: null })),
    deleteAllCalls: vi.fn(async () => {}),
    allowNotifications: vi.fn(async () => true),
  };
  const render = (settings: Settings) =>
    page.render(
      <OptionsApp
        data={{ settings, model: 'packaged', mic: { state: 'off' }, callCount: 0 }}
        actions={{ ...others, updateSettings: editor!.update }}
      />,
    );
  editor = editSettings(await settingsItem.getValue(), (settings) => {
    shown.push(settings);
    render(settings);
  });
  render(await settingsItem.getValue());
  await waitFor(() => screen.getByLabelText('Keep names with each call'));
  return { shown, editor };
}

const checkbox = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('settings page switches', () => {
  it('a switch shows its new value in the click and keeps it while it is stored', async () => {
    const { shown } = await openSettingsPage();
    const keepNames = checkbox('Keep names with each call');
    expect(keepNames.checked).toBe(false);
    fireEvent.click(keepNames);
    // Put back by React at the end of the click unless the page re-rendered with the change in it.
    expect(keepNames.checked).toBe(true);
    await waitFor(async () => expect((await settingsItem.getValue()).people.keepNames).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the storage change event, too
    expect(keepNames.checked).toBe(true);
    expect(shown.length).toBeGreaterThan(1); // the click, then the stored change
    expect(shown.every((settings) => settings.people.keepNames)).toBe(true);
  });

  it('every switch of the page does the same', async () => {
    await openSettingsPage();
    const labels = ['Keep names with each call', 'Quiet mode', 'Zoom', 'Start collapsed', 'Show the overlay'];
    for (const label of labels) {
      const before = checkbox(label).checked;
      fireEvent.click(checkbox(label));
      expect(checkbox(label).checked, label).toBe(!before);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stored = await settingsItem.getValue();
    expect([stored.people.keepNames, stored.quiet, stored.sites.zoom, stored.overlay.collapsed]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(stored.overlay.visible).toBe(false);
  });

  it('stores two quick changes both, each on the other', async () => {
    const { shown, editor } = await openSettingsPage();
    const names = editor.update((s) => ({ ...s, people: { keepNames: true } }));
    const quiet = editor.update((s) => ({ ...s, quiet: true }));
    await Promise.all([names, quiet]);
    const stored = await settingsItem.getValue();
    expect([stored.people.keepNames, stored.quiet]).toEqual([true, true]);
    expect(shown.every((settings) => settings.people.keepNames)).toBe(true);
  });

  it('a change that could not be stored goes back to what is stored', async () => {
    const { shown, editor } = await openSettingsPage();
    vi.spyOn(settingsItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(editor.update((s) => ({ ...s, quiet: true }))).rejects.toThrow(/quota/);
    await waitFor(() => expect(shown.at(-1)?.quiet).toBe(false));
    expect(shown.map((settings) => settings.quiet)).toEqual([true, false]);
    expect(checkbox('Quiet mode').checked).toBe(false);
    expect((await settingsItem.getValue()).quiet).toBe(false);
  });
});
