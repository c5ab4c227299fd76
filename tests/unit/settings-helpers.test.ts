import { describe, expect, it } from 'vitest';
import { say } from '../../components/say';
import { DEFAULT_SETTINGS, parseSiteOrigin, retentionCutoffMs } from '../../lib/settings';

describe('parseSiteOrigin', () => {
  it.each([
    ['meet.example.org', 'https://meet.example.org'],
    ['https://meet.example.org/room/42?x=1', 'https://meet.example.org'],
    ['  HTTPS://Video.Example.COM:8443/  ', 'https://video.example.com:8443'],
  ])('reads %s as %s', (input, origin) => {
    expect(parseSiteOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', /Type the address/],
    ['http://meet.example.org', /https/],
    ['localhost', /full host name/],
    ['https://exa mple.org', /does not look like/],
    ['ftp://files.example.org', /https/],
  ])('rejects %j', (input, message) => {
    const result = parseSiteOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(say(result.message)).toMatch(message);
  });
});

describe('retentionCutoffMs', () => {
  it('keeps forever by default', () => {
    expect(retentionCutoffMs(DEFAULT_SETTINGS, 1_000_000)).toBeNull();
  });

  it('counts days back from now', () => {
    expect(retentionCutoffMs({ retentionDays: 2 }, 5 * 86_400_000)).toBe(3 * 86_400_000);
  });
});
