import {describe, expect, it} from 'vitest';

import {formatNumber, formatPercent, formatTime, toDate} from './format';

describe('formatPercent', () => {
    it.each([
        [0.25, '25%'],
        [0.2537, '25.4%'],
        [0, '0%'],
        [1, '100%'],
    ])('%s → %s', (fraction, want) => {
        expect(formatPercent(fraction, 'en')).toBe(want);
        expect(formatPercent(fraction, 'zh-CN')).toBe(want);
    });

    it('returns null for a missing or non-finite value', () => {
        expect(formatPercent(undefined, 'en')).toBeNull();
        expect(formatPercent(Number.NaN, 'en')).toBeNull();
    });
});

describe('formatNumber', () => {
    it('groups thousands and keeps the requested decimals', () => {
        expect(formatNumber(12345, 'en')).toBe('12,345');
        expect(formatNumber(4.456, 'en', 2)).toBe('4.46');
        expect(formatNumber(null, 'en', 2)).toBeNull();
    });
});

describe('toDate', () => {
    const instant = Date.UTC(2026, 10, 11, 8, 30);
    it.each([
        ['epoch ms', instant],
        ['epoch seconds', instant / 1000],
        ['numeric string', String(instant)],
        ['RFC 3339 with offset', '2026-11-11T16:30:00+08:00'],
    ])('reads %s', (_name, value) => {
        expect(toDate(value)?.getTime()).toBe(instant);
    });

    it('returns null for empty or garbage input', () => {
        expect(toDate('')).toBeNull();
        expect(toDate('yesterday-ish')).toBeNull();
        expect(toDate(null)).toBeNull();
    });
});

describe('formatTime', () => {
    it('formats in the locale and time zone asked for', () => {
        const v = '2026-11-11T16:30:00+08:00';
        expect(formatTime(v, 'en', 'UTC')).toBe('11/11/2026, 08:30');
        expect(formatTime(v, 'zh-CN', 'Asia/Shanghai')).toBe('2026/11/11 16:30');
        expect(formatTime('nope', 'en', 'UTC')).toBe('');
    });
});
