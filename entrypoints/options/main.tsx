// Settings page connector: the stored settings and calls, the model and mic-check status, and
// the real actions for the view (components/options/options-app.tsx).
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsActions, type OptionsData } from '../../components/options/options-app';
import type { ModelStatus } from '../../components/options/audio-section';
import {
  countCalls,
  deleteAllCalls,
  deleteCalls,
  deleteCallsStartedBefore,
  findDamagedCalls,
  isStorageFull,
  listCalls,
  onDamagedCalls,
  putCalls,
} from '../../extension/db';
import { meetingKindsItem } from '../../extension/meeting-kinds';
import { micCheckActions } from '../../extension/mic-check';
import { askForNotifications, notificationsAllowed } from '../../extension/recap';
import { editSettings, settingsItem } from '../../extension/settings';
import {
  exportCallsCsv,
  exportCallsJson,
  importFileProblem,
  parseCallsImport,
  type ImportReport,
} from '../../lib/record/transfer';
import { text } from '../../lib/coaching/text';
import { retentionCutoffMs, type Settings } from '../../lib/settings';
import { t } from '../../components/say';

const root = createRoot(document.getElementById('root')!);

/** Written by the build (wxt.config.ts): whether it packaged the speech model. */
const MODEL_STATUS_PATH = '/model-status.json';

async function modelStatus(): Promise<ModelStatus> {
  try {
    // getURL's path type lists only files in public/; this one is made by the build.
    const url = (browser.runtime.getURL as (path: string) => string)(MODEL_STATUS_PATH);
    const status = (await (await fetch(url)).json()) as { yamnet?: unknown };
    return status.yamnet === true ? 'packaged' : 'missing';
  } catch {
    return 'missing';
  }
}

function download(text: string, type: string, extension: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `listening-coach-calls-${new Date().toISOString().slice(0, 10)}.${extension}`;
  link.click();
  // The download has its own copy once started; release ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function applyRetention(settings: Settings) {
  const cutoff = retentionCutoffMs(settings, Date.now());
  return cutoff === null ? 0 : deleteCallsStartedBefore(cutoff);
}

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('options.pageTitle');
  let data: OptionsData = {
    settings: await settingsItem.getValue(),
    model: 'checking',
    mic: { state: 'off' },
    callCount: null,
    damaged: [],
    notificationsAllowed: null,
  };

  const render = () => root.render(<OptionsApp data={data} actions={actions} />);
  const update = (patch: Partial<OptionsData>) => {
    data = { ...data, ...patch };
    render();
  };
  const recount = async () => update({ callCount: await countCalls(), damaged: await findDamagedCalls() });
  // A record found damaged when read (an export, for instance) joins the list at once.
  onDamagedCalls((damaged) => update({ damaged }));

  // Shown within the click that changed them, stored after (extension/settings.ts).
  const { update: updateSettings } = editSettings(data.settings, (settings) => update({ settings }));

  const actions: OptionsActions = {
    updateSettings,
    async addCustomSite(origin) {
      // First statement: Chrome shows the permission prompt only inside the click that asked.
      const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
      if (!granted) return { ok: false, message: t('options.sites.refused') };
      await updateSettings((s) => ({ ...s, customSites: [...new Set([...s.customSites, origin])] }));
      return { ok: true };
    },
    async removeCustomSite(origin) {
      await updateSettings((s) => ({ ...s, customSites: s.customSites.filter((o) => o !== origin) }));
      await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
    },
    ...micCheckActions((mic) => update({ mic })),
    async allowNotifications() {
      const granted = await askForNotifications();
      update({ notificationsAllowed: granted });
      return granted;
    },
    async exportCalls(format) {
      const calls = await listCalls();
      if (format === 'json') download(exportCallsJson(calls, Date.now()), 'application/json', 'json');
      else download(exportCallsCsv(calls), 'text/csv', 'csv');
    },
    async importCalls(file): Promise<ImportReport> {
      const problem = importFileProblem(file);
      if (problem) return { records: [], skipped: [], fileError: problem };
      let report: ImportReport;
      try {
        report = parseCallsImport(await file.text());
        await putCalls(report.records);
      } catch (error) {
        console.warn('[listening-coach] import failed', error);
        const fileError = text(isStorageFull(error) ? 'options.data.importDiskFull' : 'options.data.importFailed');
        report = { records: [], skipped: [], fileError };
      }
      void recount();
      return report;
    },
    async deleteDamagedCalls() {
      await deleteCalls((data.damaged ?? []).map((d) => d.id));
      await recount();
    },
    async deleteAllCalls() {
      await deleteAllCalls();
      // The meeting titles remembered with their kinds are the calls' data too.
      await meetingKindsItem.setValue({});
      await recount();
    },
  };

  render();
  const recheckNotifications = () =>
    void notificationsAllowed().then((allowed) => update({ notificationsAllowed: allowed }));
  recheckNotifications();
  browser.permissions.onRemoved.addListener(recheckNotifications);
  settingsItem.watch((settings) => {
    void applyRetention(settings).then((removed) => {
      if (removed > 0) void recount();
    });
  });
  void modelStatus().then((model) => update({ model }));
  await applyRetention(data.settings);
  void recount();
}

void main();
