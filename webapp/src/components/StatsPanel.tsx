import React from 'react';

import type {Locale, Translator} from '../i18n';
import {formatNumber, formatPercent} from '../format';
import type {Stats} from '../types';

import {styles} from './styles';

interface Props {
    stats: Stats;
    locale: Locale;
    t: Translator;
}

function minutes(seconds: number | null | undefined): number | null {
    return typeof seconds === 'number' ? seconds / 60 : null;
}

// The outcome numbers of SPEC §6 GET /stats. A missing value (no CSAT ratings yet) shows a dash
// rather than a misleading 0.
export default function StatsPanel({stats, locale, t}: Props) {
    const none = t('stats.none');
    const cells: Array<{key: string; label: string; value: string}> = [
        {key: 'conversations', label: t('stats.conversations'), value: formatNumber(stats.conversations, locale) ?? none},
        {key: 'resolved_by_bot', label: t('stats.resolved_by_bot'), value: formatNumber(stats.resolved_by_bot, locale) ?? none},
        {key: 'handed_off', label: t('stats.handed_off'), value: formatNumber(stats.handed_off, locale) ?? none},
        {key: 'handoff_rate', label: t('stats.handoff_rate'), value: formatPercent(stats.handoff_rate, locale) ?? none},
        {key: 'csat_avg', label: t('stats.csat_avg'), value: formatNumber(stats.csat_avg, locale, 2) ?? none},
        {key: 'csat_count', label: t('stats.csat_count'), value: formatNumber(stats.csat_count, locale) ?? none},
        {key: 'time_to_human', label: t('stats.time_to_human'), value: formatNumber(minutes(stats.time_to_human_seconds), locale, 1) ?? none},
        {key: 'tool_errors', label: t('stats.tool_errors'), value: formatNumber(stats.tool_errors, locale) ?? none},
        {key: 'model_fallbacks', label: t('stats.model_fallbacks'), value: formatNumber(stats.model_fallbacks, locale) ?? none},
    ];
    return (
        <section style={styles.section} aria-labelledby='concierge-stats-heading'>
            <h3 id='concierge-stats-heading' style={styles.heading}>{t('stats.title')}</h3>
            <dl style={styles.statsGrid}>
                {cells.map((c) => (
                    <div key={c.key} style={styles.statCell} data-testid={`stat-${c.key}`}>
                        <dt style={styles.statLabel}>{c.label}</dt>
                        <dd style={styles.statValue}>{c.value}</dd>
                    </div>
                ))}
            </dl>
        </section>
    );
}
