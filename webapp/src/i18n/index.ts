// Locale choice and message lookup. Only two languages exist (SPEC: every user-facing string in
// English and Chinese), so any zh-* locale gets Simplified Chinese and everything else English.
import {en, zh, type MessageKey} from './messages';

export type Locale = 'en' | 'zh-CN';

export type {MessageKey};

const tables: Record<Locale, Record<MessageKey, string>> = {en, 'zh-CN': zh};

export function normalizeLocale(raw: string | undefined | null): Locale {
    const value = (raw ?? '').trim().toLowerCase().replace('_', '-');
    return value === 'zh' || value.startsWith('zh-') ? 'zh-CN' : 'en';
}

// The subset of Mattermost's redux state we read; everything is optional because a plugin
// must not crash on a store shape it did not expect.
export interface LocaleState {
    entities?: {
        users?: {
            currentUserId?: string;
            profiles?: Record<string, {locale?: string} | undefined>;
        };
    };
}

// The user's Mattermost display language wins; the browser's language is the fallback for a
// profile that has none loaded yet.
export function localeFromState(state: LocaleState | undefined, browserLanguage?: string): Locale {
    const users = state?.entities?.users;
    const id = users?.currentUserId;
    const profileLocale = id ? users?.profiles?.[id]?.locale : undefined;
    if (profileLocale) {
        return normalizeLocale(profileLocale);
    }
    const nav = browserLanguage ?? (typeof navigator === 'undefined' ? '' : navigator.language);
    return normalizeLocale(nav);
}

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
    // An unknown key (a card state newer than this bundle) comes back as itself.
    const template = tables[locale][key] ?? en[key] ?? key;
    if (!vars) {
        return template;
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translator = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translator {
    return (key, vars) => translate(locale, key, vars);
}

export const allMessageKeys = Object.keys(en) as MessageKey[];
export const messageTables = tables;
