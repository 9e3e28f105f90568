import {describe, expect, it} from 'vitest';

import {allMessageKeys, localeFromState, messageTables, normalizeLocale, translate} from '.';

const hasCJK = /[\u4e00-\u9fff]/;

describe('message tables', () => {
    it('have a non-empty string for every key in both languages', () => {
        for (const locale of ['en', 'zh-CN'] as const) {
            expect(Object.keys(messageTables[locale]).sort()).toEqual([...allMessageKeys].sort());
            for (const key of allMessageKeys) {
                expect(messageTables[locale][key].trim(), `${locale} ${key}`).not.toBe('');
            }
        }
    });

    it('are really translated: Chinese text where English has words', () => {
        for (const key of allMessageKeys) {
            const english = messageTables.en[key];
            if (/[A-Za-z]{2,}/.test(english.replace(/\{\w+\}/g, ''))) {
                expect(messageTables['zh-CN'][key], key).toMatch(hasCJK);
            }
        }
    });

    it('keep the same placeholders in both languages', () => {
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        for (const key of allMessageKeys) {
            expect(placeholders(messageTables['zh-CN'][key]), key).toEqual(placeholders(messageTables.en[key]));
        }
    });
});

describe('translate', () => {
    it('fills placeholders and leaves unknown ones visible', () => {
        expect(translate('en', 'list.openThread', {customer: 'alice'})).toBe('Open the thread with alice');
        expect(translate('zh-CN', 'list.openThread', {customer: '小王'})).toBe('打开与 小王 的会话串');
        expect(translate('en', 'error.generic')).toBe('Could not load data: {message}');
    });
});

describe('normalizeLocale', () => {
    it.each([
        ['zh-CN', 'zh-CN'],
        ['zh_CN', 'zh-CN'],
        ['zh-TW', 'zh-CN'],
        ['ZH', 'zh-CN'],
        ['en', 'en'],
        ['en-US', 'en'],
        ['de', 'en'],
        ['zhx', 'en'],
        ['', 'en'],
        [undefined, 'en'],
    ])('%s → %s', (raw, want) => {
        expect(normalizeLocale(raw)).toBe(want);
    });
});

describe('localeFromState', () => {
    const state = (locale?: string) => ({
        entities: {users: {currentUserId: 'u1', profiles: {u1: {locale}, u2: {locale: 'en'}}}},
    });

    it('uses the current user profile locale over the browser language', () => {
        expect(localeFromState(state('zh-CN'), 'en-US')).toBe('zh-CN');
        expect(localeFromState(state('en'), 'zh-CN')).toBe('en');
    });

    it('falls back to the browser language when the profile has none', () => {
        expect(localeFromState(state(undefined), 'zh-CN')).toBe('zh-CN');
        expect(localeFromState(state(''), 'en-GB')).toBe('en');
        expect(localeFromState({}, 'zh')).toBe('zh-CN');
        expect(localeFromState(undefined, 'fr')).toBe('en');
    });
});
