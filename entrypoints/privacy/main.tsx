// The privacy statement page: static, in the browser's language.
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { t } from '../../components/say';
import { PrivacyPage } from '../../components/privacy/privacy-page';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('privacy.title');
createRoot(document.getElementById('root')!).render(<PrivacyPage version={browser.runtime.getManifest().version} />);
