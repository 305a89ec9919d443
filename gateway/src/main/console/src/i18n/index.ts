import { signal } from '@preact/signals';
import { zhCN } from './zh-CN';
import { en } from './en';

/** zh-CN first (console.md), English on request; the choice is kept and sent as Accept-Language. */
export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zhCN;

const BUNDLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORED = 'civic.console.lang';

function initial(): Lang {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(STORED);
  return asked === 'en' ? 'en' : 'zh-CN';
}

export const lang = signal<Lang>(initial());

export function setLang(next: Lang) {
  lang.value = next;
  localStorage.setItem(STORED, next);
  document.documentElement.lang = next;
}
document.documentElement.lang = lang.value;

/** The text of a key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = BUNDLES[lang.value][key];
  return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '')) : text;
}

/** A key built from an API value (a state, an action): its text, or the value itself where none is written. */
export function tv(prefix: string, value: string | null | undefined): string {
  if (value == null) return t('common.none');
  const key = `${prefix}.${value}` as MessageKey;
  return key in zhCN ? t(key) : value;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  return new Date(iso).toLocaleString(lang.value, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  return new Date(iso).toLocaleDateString(lang.value, { year: 'numeric', month: '2-digit', day: '2-digit' });
}
