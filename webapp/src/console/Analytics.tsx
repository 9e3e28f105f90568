// System Console: the outcome numbers over time (GET /stats/series) as charts — handoff
// rate, resolution and satisfaction by day, top intents, busiest hours — in the browser's
// time zone.
import React, {useEffect, useState} from 'react';

import type {Locale} from '../i18n';

import type {ConsoleApi} from './api';
import {Bars, Legend, LineChart, StackedColumns, type Point} from './charts';
import {consoleT, hasKey} from './messages';
import {accent, good, muted, ui, warn} from './styles';
import type {Series} from './types';

interface Props {
    api: ConsoleApi;
    locale: Locale;

    // IANA zone the days and hours are counted in; the browser's by default.
    timeZone?: string;
}

export const WINDOWS = [7, 30, 90] as const;
const TOP_INTENTS = 8;

export function browserTimeZone(): string {
    try {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
        return 'UTC';
    }
}

export default function Analytics({api, locale, timeZone}: Props) {
    const t = consoleT(locale);
    const zone = timeZone ?? browserTimeZone();
    const [days, setDays] = useState<number>(30);
    const [series, setSeries] = useState<Series | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);

    useEffect(() => {
        const ctl = new AbortController();
        api.series(days, zone, ctl.signal).then((s) => {
            setSeries(s);
            setError(null);
        }, (e: Error) => {
            if (!ctl.signal.aborted) {
                setError(e.message);
            }
        });
        return () => ctl.abort();
    }, [api, days, zone, attempt]);

    const pct = (v: number) => new Intl.NumberFormat(locale, {style: 'percent', maximumFractionDigits: 0}).format(v);
    const num = (v: number) => new Intl.NumberFormat(locale, {maximumFractionDigits: 0}).format(v);
    const dec = (v: number) => new Intl.NumberFormat(locale, {maximumFractionDigits: 1}).format(v);

    const picker = (
        <label style={{...ui.row, gap: 8}}>
            {t('analytics.window')}
            <select
                style={ui.select}
                value={days}
                onChange={(e) => {
                    setError(null);
                    setDays(Number(e.target.value));
                }}
            >
                {WINDOWS.map((d) => <option key={d} value={d}>{t('analytics.days', {days: d})}</option>)}
            </select>
        </label>
    );

    if (error) {
        return (
            <div style={ui.panel}>
                {picker}
                <p role='alert' style={ui.error}>{t('common.error', {message: error})}</p>
                <button type='button' style={ui.buttonQuiet} onClick={() => {
                    setError(null);
                    setAttempt((n) => n + 1);
                }}>{t('common.retry')}</button>
            </div>
        );
    }
    if (!series) {
        return <div style={ui.panel}>{picker}<p>{t('common.loading')}</p></div>;
    }

    const labels = series.days.map((d) => d.date.slice(5)); // MM-DD
    const total = series.days.reduce((s, d) => s + d.conversations, 0);
    const handed = series.days.reduce((s, d) => s + d.handed_off, 0);
    const rated = series.days.reduce((s, d) => s + d.csat_count, 0);
    const csatSum = series.days.reduce((s, d) => s + (d.csat_avg ?? 0) * d.csat_count, 0);

    const handoff: Point[] = series.days.map((d, i) => ({label: labels[i], value: d.conversations > 0 ? d.handoff_rate : null}));
    const csat: Point[] = series.days.map((d, i) => ({label: labels[i], value: d.csat_avg}));
    const stacks = [
        {name: t('analytics.resolvedByBot'), color: good, values: series.days.map((d) => d.resolved_by_bot)},
        {name: t('analytics.resolvedByHuman'), color: accent, values: series.days.map((d) => d.resolved_by_human)},
        {name: t('analytics.notResolved'), color: muted, values: series.days.map((d) => Math.max(0, d.conversations - d.resolved_by_bot - d.resolved_by_human))},
    ];
    const intents = series.topics.slice(0, TOP_INTENTS).map((tc) => {
        const key = `intent.${tc.topic}`;
        return {label: hasKey(key) ? t(key) : tc.topic, value: tc.conversations};
    });
    const hourLabels = series.hours.map((_, h) => String(h));

    return (
        <div style={ui.panel} data-testid='concierge-analytics'>
            {picker}
            {total === 0 ? <p>{t('analytics.empty')}</p> : (
                <p data-testid='concierge-analytics-totals'>
                    {t('analytics.totals', {conversations: num(total), handoff: pct(handed / total), csat: rated ? dec(csatSum / rated) : t('common.none')})}
                </p>
            )}
            <div style={ui.chartGrid}>
                <section>
                    <h4 style={ui.heading}>{t('analytics.handoffRate')}</h4>
                    <LineChart title={t('analytics.handoffRate')} points={handoff} max={1} format={pct}/>
                </section>
                <section>
                    <h4 style={ui.heading}>{t('analytics.resolution')}</h4>
                    <StackedColumns title={t('analytics.resolution')} labels={labels} stacks={stacks} format={num}/>
                    <Legend stacks={stacks}/>
                </section>
                <section>
                    <h4 style={ui.heading}>{t('analytics.csat')}</h4>
                    {rated === 0 ? <p style={ui.intro}>{t('analytics.csatNone')}</p> : (
                        <LineChart title={t('analytics.csat')} points={csat} max={5} format={dec} color={warn}/>
                    )}
                </section>
                <section>
                    <h4 style={ui.heading}>{t('analytics.topIntents')}</h4>
                    {intents.length === 0 ? <p style={ui.intro}>{t('analytics.intentsNone')}</p> : (
                        <Bars title={t('analytics.topIntents')} rows={intents} format={num}/>
                    )}
                </section>
                <section>
                    <h4 style={ui.heading}>{t('analytics.busiestHours', {zone: series.time_zone})}</h4>
                    <StackedColumns
                        title={t('analytics.busiestHours', {zone: series.time_zone})}
                        labels={hourLabels}
                        stacks={[{name: t('analytics.conversations'), color: accent, values: series.hours}]}
                        format={num}
                    />
                </section>
            </div>
        </div>
    );
}
