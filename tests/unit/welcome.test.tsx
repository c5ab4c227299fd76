// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivacyPage } from '../../components/privacy/privacy-page';
import { WelcomeApp, type WelcomeActions, type WelcomeData } from '../../components/welcome/welcome-app';

afterEach(cleanup);

function setup(data: Partial<WelcomeData> = {}) {
  const actions: WelcomeActions = {
    startMicCheck: vi.fn(),
    stopMicCheck: vi.fn(),
    allowNotifications: vi.fn(async () => true),
  };
  render(
    <WelcomeApp
      data={{ mic: { state: 'off' }, notificationsAllowed: false, recapOn: true, ...data }}
      actions={actions}
    />,
  );
  return actions;
}

describe('welcome page', () => {
  it('explains each term once, in the words the popup and overlay use', () => {
    setup();
    const terms = within(screen.getByRole('region', { name: 'What it measures' }));
    for (const term of [
      'Talk share',
      'Fair share',
      'Your interruptions',
      'Interruptions of you',
      'Your backchannels',
      'Longest monologue',
      'Your response gap',
    ]) {
      expect(terms.getAllByText(term), term).toHaveLength(1);
    }
    expect(terms.getByText('Interruptions of you').nextElementSibling?.textContent).toMatch(/not your habit/);
  });

  it('says what it never does, how to pin it, where it works and how Zoom works', () => {
    setup();
    expect(screen.getByRole('region', { name: 'What it never does' }).textContent).toMatch(
      /audio, words or transcripts/,
    );
    expect(screen.getByRole('region', { name: 'Pin it to the toolbar' }).textContent).toMatch(
      /pin next to Listening Coach/,
    );
    const sites = within(screen.getByRole('region', { name: 'Where it works' }));
    for (const site of ['Google Meet', 'Microsoft Teams', 'Zoom', 'Webex', 'Whereby'])
      expect(sites.getByText(site)).toBeTruthy();
    expect(sites.getByRole('link', { name: /Add it in the settings/ }).getAttribute('href')).toBe('options.html#sites');
    expect(screen.getByRole('region', { name: 'Zoom in the browser' }).textContent).toMatch(
      /“Listen to this tab” \(or press Alt\+Shift\+L\)/,
    );
  });

  it('runs the settings page’s mic check, and asks for the recap permission in the click', () => {
    const actions = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Check my microphone' }));
    expect(actions.startMicCheck).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Allow the recap notification' }));
    expect(actions.allowNotifications).toHaveBeenCalledOnce();
    cleanup();
    setup({ mic: { state: 'on', level: 0.4, speaking: true }, notificationsAllowed: true });
    expect(screen.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('The recap is on. You can turn it off in the settings.')).toBeTruthy();
  });
});

describe('privacy statement page', () => {
  it('gives the promise, what is kept, and every permission with its reason', () => {
    render(<PrivacyPage version="0.1.0" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Listening Coach privacy statement');
    expect(screen.getByText(/version 0\.1\.0/)).toBeTruthy();
    const permissions = screen.getByRole('region', { name: 'The permissions it asks for, and why' }).textContent;
    for (const name of ['storage', 'tabCapture', 'scripting', 'notifications (optional)'])
      expect(permissions).toContain(name);
    expect(screen.getByRole('region', { name: 'What is sent' }).textContent).toMatch(
      /Nothing\. The extension makes no network requests/,
    );
  });
});
