// Every test gets the shipped English messages behind chrome.i18n (WXT's fake browser has none).
import { fakeBrowser } from 'wxt/testing';
import { loadMessages, messageReader } from './i18n';

const getMessage = messageReader(loadMessages());
Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en' });
