// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsActions, type OptionsData } from '../../components/options/options-app';
import { text } from '../../lib/coaching/text';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import type { ImportReport } from '../../lib/record/transfer';

afterEach(cleanup);

/** Renders the page over a settings value that the fake `updateSettings` really changes. */
function setup(data: Partial<OptionsData> = {}, overrides: Partial<OptionsActions> = {}) {
  let current: Settings = data.settings ?? DEFAULT_SETTINGS;
  const actions: OptionsActions = {
    updateSettings: vi.fn(async () => {}),
    addCustomSite: vi.fn(async () => ({ ok: true as const })),
    removeCustomSite: vi.fn(async () => {}),
    startMicCheck: vi.fn(),
    stopMicCheck: vi.fn(),
    exportCalls: vi.fn(async () => {}),
    importCalls: vi.fn(async (): Promise<ImportReport> => ({ records: [], skipped: [], fileError: null })),
    deleteAllCalls: vi.fn(async () => {}),
    allowNotifications: vi.fn(async () => true),
    ...overrides,
  };
  function Harness() {
    const [settings, setSettings] = useState(current);
    const wired: OptionsActions = {
      ...actions,
      updateSettings: async (change) => {
        await actions.updateSettings(change);
        current = change(current);
        setSettings(current);
      },
    };
    return (
      <OptionsApp
        data={{ model: 'packaged', mic: { state: 'off' }, callCount: 12, ...data, settings }}
        actions={wired}
      />
    );
  }
  render(<Harness />);
  return { actions, settings: () => current };
}

const section = (name: RegExp | string) => screen.getByRole('region', { name });

describe('settings: sites', () => {
  it('switches a built-in site off', async () => {
    const { settings } = setup();
    fireEvent.click(within(section('Meeting sites')).getByLabelText('Zoom'));
    await waitFor(() => expect(settings().sites.zoom).toBe(false));
    expect(settings().sites.meet).toBe(true);
  });

  it('adds a site of my own through the permission request', async () => {
    const { actions } = setup();
    fireEvent.change(screen.getByLabelText('Add a meeting site'), {
      target: { value: 'https://video.example.org/room/1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(actions.addCustomSite).toHaveBeenCalledWith('https://video.example.org');
    expect(await screen.findByText(/Added https:\/\/video\.example\.org/)).toBeTruthy();
  });

  it('reports a refused permission, an address it cannot read, and a built-in site', async () => {
    const { actions } = setup(
      {},
      { addCustomSite: vi.fn(async () => ({ ok: false as const, message: 'Chrome did not allow it.' })) },
    );
    const input = screen.getByLabelText('Add a meeting site');
    const add = screen.getByRole('button', { name: 'Add site' });
    fireEvent.change(input, { target: { value: 'video.example.org' } });
    fireEvent.click(add);
    expect(await screen.findByText('Chrome did not allow it.')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'http://video.example.org' } });
    fireEvent.click(add);
    expect(screen.getByText(/Only secure/)).toBeTruthy();
    fireEvent.change(input, { target: { value: 'meet.google.com' } });
    fireEvent.click(add);
    expect(screen.getByText('Google Meet is built in: switch it on above.')).toBeTruthy();
    expect(actions.addCustomSite).toHaveBeenCalledOnce();
  });

  it('removes a site I added', () => {
    const { actions } = setup({ settings: { ...DEFAULT_SETTINGS, customSites: ['https://video.example.org'] } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://video.example.org' }));
    expect(actions.removeCustomSite).toHaveBeenCalledWith('https://video.example.org');
  });
});

describe('settings: nudges and targets', () => {
  it('saves a threshold only when it is valid', async () => {
    const { settings } = setup();
    const nudge = within(section('Nudges during calls')).getAllByRole('group')[0]!;
    const threshold = within(nudge).getByLabelText('After');
    fireEvent.change(threshold, { target: { value: '9' } });
    expect(screen.getByText('Between 30 and 600.')).toBeTruthy();
    expect(settings().nudges.monologue.threshold).toBe(75);
    fireEvent.change(threshold, { target: { value: '90' } });
    await waitFor(() => expect(settings().nudges.monologue.threshold).toBe(90));
    expect(within(nudge).getByText(/1 min 30 s, a firmer one at 2 min 24 s/)).toBeTruthy();
  });

  it('says how often the interruption nudge comes, one interruption or several', async () => {
    const { settings } = setup();
    const nudge = within(section('Nudges during calls')).getByRole('group', { name: 'Interrupting' });
    expect(within(nudge).getByText('Right after you cut someone off.')).toBeTruthy();
    fireEvent.change(within(nudge).getByLabelText('After'), { target: { value: '3' } });
    await waitFor(() => expect(settings().nudges.interruption.threshold).toBe(3));
    expect(within(nudge).getByText('After every 3 interruptions.')).toBeTruthy();
  });

  it('switches one nudge off, and all of them with quiet mode', async () => {
    const { settings } = setup();
    fireEvent.click(screen.getByLabelText('Interrupting'));
    await waitFor(() => expect(settings().nudges.interruption.enabled).toBe(false));
    fireEvent.click(screen.getByLabelText('Quiet mode'));
    await waitFor(() => expect(settings().quiet).toBe(true));
    for (const group of within(section('Nudges during calls')).getAllByRole('group')) {
      expect((group as HTMLFieldSetElement).disabled).toBe(true);
    }
  });

  it('stores the cooldown in seconds', async () => {
    const { settings } = setup();
    fireEvent.change(screen.getByLabelText('At least this long between two nudges'), { target: { value: '5' } });
    await waitFor(() => expect(settings().nudgeCooldownSec).toBe(300));
  });

  it('stores a target in percent as a share', async () => {
    const { settings } = setup();
    fireEvent.change(screen.getByLabelText('Target for a sales call'), { target: { value: '35' } });
    await waitFor(() => expect(settings().targetShare.sales).toBeCloseTo(0.35));
  });
});

describe('settings: overlay', () => {
  it('shows the overlay again on a hidden site and resets its position', async () => {
    const { settings } = setup({
      settings: {
        ...DEFAULT_SETTINGS,
        overlay: { ...DEFAULT_SETTINGS.overlay, hiddenOn: ['meet.google.com'], position: { x: 5, y: 6 } },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Show the overlay on meet.google.com again' }));
    await waitFor(() => expect(settings().overlay.hiddenOn).toEqual([]));
    fireEvent.click(screen.getByRole('button', { name: 'Reset position' }));
    await waitFor(() => expect(settings().overlay.position).toBeNull());
  });
});

describe('settings: after a call', () => {
  it('has the recap on by default, and asks Chrome for notifications in the click that allows it', async () => {
    const { actions, settings } = setup({ notificationsAllowed: false });
    const toggle = screen.getByLabelText('Recap notification when a call ends') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(
      within(screen.getByTestId('recap-permission')).getByRole('button', { name: 'Allow notifications' }),
    );
    expect(actions.allowNotifications).toHaveBeenCalledOnce();
    fireEvent.click(toggle);
    await waitFor(() => expect(settings().recapNotification).toBe(false));
    expect(screen.queryByTestId('recap-permission')).toBeNull();
    fireEvent.click(toggle);
    await waitFor(() => expect(settings().recapNotification).toBe(true));
    expect(actions.allowNotifications).toHaveBeenCalledTimes(2);
  });

  it('says nothing about the permission once Chrome allows notifications', () => {
    setup({ notificationsAllowed: true });
    expect(screen.queryByTestId('recap-permission')).toBeNull();
  });
});

describe('settings: audio', () => {
  it('says whether the speech model is packaged', () => {
    setup({ model: 'missing' });
    expect(screen.getByText(/no speech model/)).toBeTruthy();
    cleanup();
    setup({ model: 'packaged' });
    expect(screen.getByText('Installed')).toBeTruthy();
  });

  it('runs the mic check with a level meter and what the detector hears', () => {
    const { actions } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Check my microphone' }));
    expect(actions.startMicCheck).toHaveBeenCalledOnce();
    cleanup();
    setup({ mic: { state: 'on', level: 0.62, speaking: true } });
    expect(screen.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')).toBe('62');
    expect(screen.getByText('Hears: speech')).toBeTruthy();
    cleanup();
    setup({ mic: { state: 'failed', message: 'Chrome blocked the microphone.' } });
    expect(screen.getByRole('alert').textContent).toBe('Chrome blocked the microphone.');
  });
});

describe('settings: data', () => {
  it('exports as JSON and CSV', async () => {
    const { actions } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Export all (JSON)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export all (CSV)' }));
    expect(actions.exportCalls).toHaveBeenCalledWith('json');
    expect(actions.exportCalls).toHaveBeenCalledWith('csv');
  });

  it('imports a file and lists what it skipped', async () => {
    const report: ImportReport = {
      records: [],
      skipped: Array.from({ length: 7 }, (_, i) => ({ position: i + 2, reason: 'metrics missing' })),
      fileError: null,
    };
    const { actions } = setup({}, { importCalls: vi.fn(async () => report) });
    const file = new File(['[]'], 'calls.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Import calls (JSON)…'), { target: { files: [file] } });
    const shown = await screen.findByText(/Imported 0 calls\. Skipped 7/);
    expect(actions.importCalls).toHaveBeenCalledWith(file);
    const list = within(shown.closest('[data-testid="import-report"]') as HTMLElement);
    expect(list.getByText('Call 2: metrics missing')).toBeTruthy();
    expect(list.getByText('…and 2 more.')).toBeTruthy();
  });

  it('shows why a file could not be read', async () => {
    const fileError = text('options.data.fileNotJson');
    setup({}, { importCalls: vi.fn(async () => ({ records: [], skipped: [], fileError })) });
    fireEvent.change(screen.getByLabelText('Import calls (JSON)…'), { target: { files: [new File(['x'], 'x.json')] } });
    expect(await screen.findByText('The file is not JSON. Choose a file exported from Listening Coach.')).toBeTruthy();
  });

  it('lists the stored calls that are damaged, and removes them on request', async () => {
    const deleteDamagedCalls = vi.fn(async () => {});
    setup(
      {
        damaged: [
          { id: 'call-9', reason: 'metrics missing' },
          { id: 'call-12', reason: 'its record is missing' },
        ],
      },
      { deleteDamagedCalls },
    );
    const box = within(screen.getByTestId('damaged-calls'));
    expect(box.getByText(/2 stored calls are damaged/)).toBeTruthy();
    expect(box.getByText('call-9: metrics missing')).toBeTruthy();
    fireEvent.click(box.getByRole('button', { name: 'Remove the damaged calls' }));
    await waitFor(() => expect(deleteDamagedCalls).toHaveBeenCalledOnce());
  });

  it('deletes everything only after confirming', async () => {
    const { actions } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all calls…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep my calls' }));
    expect(actions.deleteAllCalls).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all calls…' }));
    expect(screen.getByText(/Delete all 12 calls\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    await screen.findByText('All calls deleted.');
    expect(actions.deleteAllCalls).toHaveBeenCalledOnce();
  });

  it('sets the retention period', async () => {
    const { settings } = setup();
    fireEvent.change(screen.getByLabelText('Keep calls for'), { target: { value: '90' } });
    await waitFor(() => expect(settings().retentionDays).toBe(90));
  });
});

describe('settings: privacy', () => {
  it('says plainly what is measured and where it stays', () => {
    setup();
    const privacy = section('Privacy');
    expect(privacy.textContent).toMatch(/never kept:.*audio, words or transcripts/s);
    expect(privacy.textContent).toMatch(/Nothing is sent to any server/);
    expect(within(privacy).getByRole('link', { name: 'The full privacy statement' }).getAttribute('href')).toBe(
      'privacy.html',
    );
  });
});

describe('mic check meter', () => {
  it('maps the level from −60 dBFS to −10 dBFS onto 0..1', async () => {
    const { meterLevel } = await import('../../extension/mic-check');
    const tone = (amplitude: number) => Float32Array.from({ length: 320 }, (_, i) => amplitude * Math.sin(i / 3));
    expect(meterLevel(new Float32Array(320))).toBe(0);
    expect(meterLevel(tone(1))).toBe(1);
    // RMS of a sine is amplitude ÷ √2: −35 dBFS sits half way.
    expect(meterLevel(tone(Math.SQRT2 * 10 ** (-35 / 20)))).toBeCloseTo(0.5, 1);
  });
});
