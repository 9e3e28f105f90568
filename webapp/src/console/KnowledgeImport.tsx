// System Console: import the shop's catalog or orders by uploading a JSON file, with the
// upload's progress, the refusal's problems by JSON path, and what is imported now.
import React, {useCallback, useEffect, useState} from 'react';

import {formatTime} from '../format';
import type {Locale} from '../i18n';

import type {ConsoleApi} from './api';
import {consoleT, hasKey, type ConsoleT} from './messages';
import {accent, ui} from './styles';
import type {ImportInfo, ImportKind, ImportResult, KnowledgeStatus} from './types';

interface Props {
    api: ConsoleApi;
    locale: Locale;
}

// The order counts are listed in, matching /concierge kb status.
const COUNT_ORDER = ['products', 'skus', 'faqs', 'policies', 'promotions', 'customers', 'orders'];

export function countsText(counts: Record<string, number>, t: ConsoleT, locale: Locale): string {
    const fmt = new Intl.NumberFormat(locale);
    const keys = [...COUNT_ORDER.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !COUNT_ORDER.includes(k)).sort()];
    return keys.map((k) => {
        const key = `count.${k}`;
        return `${fmt.format(counts[k])} ${hasKey(key) ? t(key) : k}`;
    }).join(locale === 'zh-CN' ? '，' : ', ');
}

type Phase =
    | {name: 'idle'}
    | {name: 'uploading'; fraction: number}
    | {name: 'checking'}
    | {name: 'done'; file: string; result: ImportResult}
    | {name: 'failed'; message: string};

export default function KnowledgeImport({api, locale}: Props) {
    const t = consoleT(locale);
    const [kind, setKind] = useState<ImportKind>('catalog');
    const [file, setFile] = useState<File | null>(null);
    const [phase, setPhase] = useState<Phase>({name: 'idle'});
    const [status, setStatus] = useState<KnowledgeStatus | null>(null);
    const [statusError, setStatusError] = useState<string | null>(null);

    // Reads what is imported now; called on mount and after a successful import.
    const loadStatus = useCallback((signal?: AbortSignal) => api.knowledgeStatus(signal).then((st) => {
        setStatus(st);
        setStatusError(null);
    }, (e: Error) => {
        if (!signal?.aborted) {
            setStatusError(e.message);
        }
    }), [api]);

    useEffect(() => {
        const ctl = new AbortController();
        loadStatus(ctl.signal);
        return () => ctl.abort();
    }, [loadStatus]);

    const busy = phase.name === 'uploading' || phase.name === 'checking';

    const start = async () => {
        if (!file || busy) {
            return;
        }
        setPhase({name: 'uploading', fraction: 0});
        try {
            const result = await api.upload(kind, file, (fraction) => {
                // Once every byte is sent the server is still decoding and validating.
                setPhase(fraction >= 1 ? {name: 'checking'} : {name: 'uploading', fraction});
            });
            setPhase({name: 'done', file: file.name, result});
            if (result.ok) {
                void loadStatus();
            }
        } catch (e) {
            setPhase({name: 'failed', message: (e as Error).message});
        }
    };

    return (
        <div style={ui.panel} data-testid='concierge-kb-import'>
            <p style={ui.intro}>{t('kb.intro')}</p>
            <div style={ui.row}>
                <label style={ui.label}>
                    {t('kb.kind')}
                    <select style={ui.select} value={kind} disabled={busy} onChange={(e) => setKind(e.target.value as ImportKind)}>
                        <option value='catalog'>{t('kb.kind.catalog')}</option>
                        <option value='orders'>{t('kb.kind.orders')}</option>
                    </select>
                </label>
                <label style={ui.label}>
                    {t('kb.file')}
                    <input type='file' accept='.json,application/json' disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)}/>
                </label>
                <button type='button' style={{...ui.button, opacity: !file || busy ? 0.5 : 1}} disabled={!file || busy} onClick={() => void start()}>
                    {t('kb.upload')}
                </button>
            </div>
            <Progress phase={phase} t={t} locale={locale}/>
            <Outcome phase={phase} t={t} locale={locale}/>
            <h4 style={ui.heading}>{t('kb.current')}</h4>
            {statusError && <p role='alert' style={ui.error}>{t('common.error', {message: statusError})}</p>}
            {!status && !statusError && <p>{t('common.loading')}</p>}
            {status && <CurrentData status={status} t={t} locale={locale}/>}
        </div>
    );
}

function Progress({phase, t, locale}: {phase: Phase; t: ConsoleT; locale: Locale}) {
    if (phase.name !== 'uploading' && phase.name !== 'checking') {
        return null;
    }
    const fraction = phase.name === 'uploading' ? phase.fraction : 1;
    const percent = new Intl.NumberFormat(locale, {style: 'percent', maximumFractionDigits: 0}).format(fraction);
    return (
        <div>
            <div
                role='progressbar'
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(fraction * 100)}
                style={ui.progressTrack}
            >
                <div style={{width: `${fraction * 100}%`, height: '100%', background: accent, transition: 'width 0.2s'}}/>
            </div>
            <p aria-live='polite'>{phase.name === 'uploading' ? t('kb.uploading', {percent}) : t('kb.checking')}</p>
        </div>
    );
}

function Outcome({phase, t, locale}: {phase: Phase; t: ConsoleT; locale: Locale}) {
    if (phase.name === 'failed') {
        return <p role='alert' style={ui.error}>{t('kb.failed', {error: phase.message})}</p>;
    }
    if (phase.name !== 'done') {
        return null;
    }
    const r = phase.result;
    if (r.ok) {
        return <p role='status' style={ui.ok}>{t('kb.done', {file: phase.file, counts: countsText(r.counts, t, locale)})}</p>;
    }
    return (
        <div role='alert'>
            <p style={ui.error}>{t('kb.invalid', {file: phase.file, error: r.error})}</p>
            {r.details.length > 0 && (
                <table style={ui.table} data-testid='concierge-kb-problems'>
                    <thead>
                        <tr><th style={ui.th}>{t('kb.path')}</th><th style={ui.th}>{t('kb.problem')}</th></tr>
                    </thead>
                    <tbody>
                        {r.details.map((d, i) => (
                            <tr key={`${d.path}-${i}`}>
                                <td style={{...ui.td, ...ui.code}}>{d.path || t('kb.document')}</td>
                                <td style={ui.td}>{d.message}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            )}
        </div>
    );
}

function CurrentData({status, t, locale}: {status: KnowledgeStatus; t: ConsoleT; locale: Locale}) {
    const one = (title: string, info: ImportInfo | null, testid: string) => (
        <div style={ui.card} data-testid={testid}>
            <strong>{title}</strong>
            {info ? (
                <>
                    <div>{countsText(info.counts, t, locale)}</div>
                    <div style={ui.intro}>{t('kb.lastImport', {time: formatTime(info.imported_at, locale)})}</div>
                </>
            ) : <div style={ui.intro}>{t('kb.never')}</div>}
        </div>
    );
    const ix = status.index;
    let index = t('kb.index.building');
    if (ix.last_error) {
        index = t('kb.index.error', {error: ix.last_error});
    } else if (ix.ready && !ix.building) {
        index = t('kb.index.ready', {docs: new Intl.NumberFormat(locale).format(ix.docs)});
    }
    return (
        <>
            <div style={ui.row}>
                {one(t('kb.kind.catalog'), status.catalog, 'concierge-kb-catalog')}
                {one(t('kb.kind.orders'), status.orders, 'concierge-kb-orders')}
            </div>
            <p data-testid='concierge-kb-index'>{index}</p>
        </>
    );
}
