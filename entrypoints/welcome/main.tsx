// Welcome page connector: opened by the background on install (extension/background/index.ts) and
// linked from the settings. The mic check is the settings page's own (extension/mic-check.ts).
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t } from '../../components/say';
import { WelcomeApp, type WelcomeActions, type WelcomeData } from '../../components/welcome/welcome-app';
import { micCheckActions } from '../../extension/mic-check';
import { askForNotifications, notificationsAllowed } from '../../extension/recap';
import { settingsItem } from '../../extension/settings';

const root = createRoot(document.getElementById('root')!);

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('welcome.pageTitle');
  let data: WelcomeData = {
    mic: { state: 'off' },
    notificationsAllowed: null,
    recapOn: (await settingsItem.getValue()).recapNotification,
  };
  const update = (patch: Partial<WelcomeData>) => {
    data = { ...data, ...patch };
    root.render(<WelcomeApp data={data} actions={actions} />);
  };
  const actions: WelcomeActions = {
    ...micCheckActions((mic) => update({ mic })),
    async allowNotifications() {
      const granted = await askForNotifications();
      update({ notificationsAllowed: granted });
      return granted;
    },
  };
  update({});
  settingsItem.watch((settings) => update({ recapOn: settings.recapNotification }));
  update({ notificationsAllowed: await notificationsAllowed() });
}

void main();
