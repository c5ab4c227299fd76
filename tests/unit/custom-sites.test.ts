// The content scripts for sites the person added follow the list and the granted permissions.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { syncCustomSiteScripts } from '../../extension/background/custom-sites';

type Registered = {
  id: string;
  matches?: string[];
  js?: string[];
  world?: string;
  runAt?: string;
  allFrames?: boolean;
};
let registered: Registered[];
let granted: Set<string>;

beforeEach(() => {
  fakeBrowser.reset();
  registered = [];
  granted = new Set();
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async ({ ids }: { ids: string[] }) =>
    registered.filter((s) => ids.includes(s.id)),
  );
  scripting.unregisterContentScripts = vi.fn(async ({ ids }: { ids: string[] }) => {
    registered = registered.filter((s) => !ids.includes(s.id));
  });
  scripting.registerContentScripts = vi.fn(async (scripts: Registered[]) => {
    registered.push(...scripts);
  });
  (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = vi.fn(
    async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
  );
});

describe('syncCustomSiteScripts', () => {
  it('registers the RTC hook and the coach for granted sites only', async () => {
    granted.add('https://meet.example.org/*');
    await syncCustomSiteScripts(['https://meet.example.org', 'https://not-granted.example.com']);
    expect(registered).toHaveLength(2);
    const hook = registered.find((s) => s.world === 'MAIN')!;
    const coach = registered.find((s) => s.world !== 'MAIN')!;
    expect(hook).toMatchObject({
      js: ['content-scripts/rtc-hook.js'],
      runAt: 'document_start',
      allFrames: true,
      matches: ['https://meet.example.org/*'],
    });
    expect(coach).toMatchObject({ js: ['content-scripts/content.js'], matches: ['https://meet.example.org/*'] });
  });

  it('replaces the registration when the list changes, and removes it when empty', async () => {
    granted.add('https://a.example/*');
    granted.add('https://b.example/*');
    await syncCustomSiteScripts(['https://a.example']);
    await syncCustomSiteScripts(['https://a.example', 'https://b.example']);
    expect(registered).toHaveLength(2);
    expect(registered[0]?.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
    await syncCustomSiteScripts([]);
    expect(registered).toHaveLength(0);
  });
});
