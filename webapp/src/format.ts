// Display formatting for the console: numbers and dates follow the user's locale via Intl.
import type {Locale} from './i18n';

// Accepts epoch milliseconds, epoch seconds (values too small to be ms after 2001) or a date string.
export function toDate(value: number | string | null | undefined): Date | null {
    if (value === null || value === undefined || value === '') {
        return null;
    }
    let d: Date;
    if (typeof value === 'number') {
        d = new Date(value < 1e12 ? value * 1000 : value);
    } else if (/^\d+$/.test(value)) {
        return toDate(Number(value));
    } else {
        d = new Date(value);
    }
    return Number.isNaN(d.getTime()) ? null : d;
}

export function formatTime(value: number | string | null | undefined, locale: Locale, timeZone?: string): string {
    const d = toDate(value);
    if (!d) {
        return '';
    }
    return new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone,
    }).format(d);
}

// handoff_rate is a fraction 0..1; it is shown as a percentage with at most one decimal.
export function formatPercent(fraction: number | null | undefined, locale: Locale): string | null {
    if (typeof fraction !== 'number' || !Number.isFinite(fraction)) {
        return null;
    }
    return new Intl.NumberFormat(locale, {style: 'percent', maximumFractionDigits: 1}).format(fraction);
}

export function formatNumber(value: number | null | undefined, locale: Locale, maxDecimals = 0): string | null {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        return null;
    }
    return new Intl.NumberFormat(locale, {maximumFractionDigits: maxDecimals}).format(value);
}

// Money as the server writes it (server/i18n.Money): minor units, two decimals, ¥ for
// yuan and $ for dollars, else the currency code.
export function formatMoney(cents: number, currency: string): string {
    const sign = cents < 0 ? '-' : '';
    const abs = Math.abs(Math.round(cents));
    let sym = `${currency} `;
    if (currency === '' || currency === 'CNY' || currency === 'RMB') {
        sym = '¥';
    } else if (currency === 'USD') {
        sym = '$';
    } else if (currency === 'EUR') {
        sym = '€';
    }
    return `${sign}${sym}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
