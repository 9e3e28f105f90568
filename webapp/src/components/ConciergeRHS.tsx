import React, {useCallback, useEffect, useMemo, useState} from 'react';

import {ApiError, type ConciergeClient} from '../api/client';
import {toDate} from '../format';
import {translator, type Locale} from '../i18n';
import type {Listener} from '../events';
import {CONVERSATION_STATES, type Conversation, type ConversationState, type FAQEvent, type Stats} from '../types';

import ConversationList from './ConversationList';
import CustomerPanel from './CustomerPanel';
import FAQProposals from './FAQProposals';
import StatsPanel from './StatsPanel';
import {styles} from './styles';

export interface ConciergeRHSProps {
    client: Pick<ConciergeClient, 'getConversations' | 'getStats' | 'getCustomer' | 'moveConversation' | 'getProposals' | 'reviewProposal'>;
    locale: Locale;
    siteURL: string;
    teamName?: string;
    initialState?: ConversationState;
    onNavigate?: (path: string) => boolean;

    // The plugin's websocket events (a conversation changed): the panel reloads on each.
    subscribe?: (l: Listener) => () => void;

    // The FAQ proposal events (one posted or decided, here or on its card): the review
    // list reloads on each.
    subscribeFAQ?: (l: Listener<FAQEvent>) => () => void;
}

type Load<T> =
    | {kind: 'loading'}
    | {kind: 'ready'; data: T}
    | {kind: 'error'; error: unknown};

// 401 and 403 replace the whole panel: neither list nor stats can be shown, and a generic
// "could not load" would send staff hunting for a bug that is really a permission.
function accessProblem(...loads: Array<Load<unknown>>): 401 | 403 | null {
    for (const l of loads) {
        if (l.kind === 'error' && l.error instanceof ApiError && (l.error.status === 401 || l.error.status === 403)) {
            return l.error.status;
        }
    }
    return null;
}

function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export default function ConciergeRHS({client, locale, siteURL, teamName, initialState = 'waiting_human', onNavigate, subscribe, subscribeFAQ}: ConciergeRHSProps) {
    const t = useMemo(() => translator(locale), [locale]);
    const [tab, setTab] = useState<ConversationState>(initialState);
    // Bumped by the refresh button to re-run both fetches.
    const [generation, setGeneration] = useState(0);
    const refresh = useCallback(() => setGeneration((g) => g + 1), []);
    const [selected, setSelected] = useState<Conversation | null>(null);

    // Live: every conversation change the server announces reloads what is shown, and the
    // conversation whose card is open follows its new state.
    useEffect(() => subscribe?.((e) => {
        setSelected((cur) => (cur && cur.id === e.conversation_id ? {...cur, state: e.state} : cur));
        refresh();
    }), [subscribe, refresh]);
    const [faqGeneration, setFAQGeneration] = useState(0);
    useEffect(() => subscribeFAQ?.(() => setFAQGeneration((g) => g + 1)), [subscribeFAQ]);

    // Results are stored with the request they answer, so a tab switch shows "loading" at once
    // (the key no longer matches) and a late answer for an old tab is never displayed.
    const requestKey = `${tab}:${generation}`;
    const [listResult, setListResult] = useState<{key: string; load: Load<ListPage>} | null>(null);
    const conversations: Load<ListPage> = listResult?.key === requestKey ? listResult.load : {kind: 'loading'};
    const [stats, setStats] = useState<Load<Stats>>({kind: 'loading'});

    // "Load more": the page after the last one shown, appended; its state is kept per request
    // key as well, so a tab switch forgets a page still on its way.
    const [more, setMore] = useState<{key: string; busy: boolean; error?: unknown} | null>(null);
    const moreNow = more?.key === requestKey ? more : null;

    useEffect(() => {
        const abort = new AbortController();
        client.getConversations(tab, {}, abort.signal).then(
            (res) => setListResult({key: requestKey, load: {kind: 'ready', data: {rows: appendPage([], ofState(res.conversations, tab)), next: res.next_cursor}}}),
            (error: unknown) => {
                if (!abort.signal.aborted) {
                    setListResult({key: requestKey, load: {kind: 'error', error}});
                }
            },
        );
        return () => abort.abort();
    }, [client, tab, requestKey]);

    const next = conversations.kind === 'ready' ? conversations.data.next : undefined;
    const loadMore = useCallback(() => {
        if (!next) {
            return;
        }
        const key = requestKey;
        setMore({key, busy: true});
        client.getConversations(tab, {cursor: next}).then(
            (res) => {
                setListResult((prev) => {
                    if (prev?.key !== key || prev.load.kind !== 'ready') {
                        return prev;
                    }
                    return {key, load: {kind: 'ready', data: {rows: appendPage(prev.load.data.rows, ofState(res.conversations, tab)), next: res.next_cursor}}};
                });
                setMore(null);
            },
            (error: unknown) => setMore({key, busy: false, error}),
        );
    }, [client, tab, requestKey, next]);

    useEffect(() => {
        const abort = new AbortController();
        client.getStats(abort.signal).then(
            (data) => setStats({kind: 'ready', data}),
            (error: unknown) => {
                if (!abort.signal.aborted) {
                    setStats({kind: 'error', error});
                }
            },
        );
        return () => abort.abort();
    }, [client, generation]);

    const denied = accessProblem(conversations, stats);
    if (denied !== null) {
        return (
            <div style={styles.root} className='concierge-rhs'>
                <p role='alert' style={styles.notice} data-testid='access-denied' data-status={denied}>
                    {t(denied === 403 ? 'error.staffOnly' : 'error.unauthenticated')}
                </p>
            </div>
        );
    }

    // Until the first answer says whether this user may see the console, show neither tabs
    // nor lists: a customer would otherwise glimpse the staff layout before the 403 arrives.
    if (stats.kind === 'loading' && listResult === null) {
        return (
            <div style={styles.root} className='concierge-rhs'>
                <p style={styles.meta} data-testid='rhs-loading' aria-busy='true'>{t('status.loading')}</p>
            </div>
        );
    }

    return (
        <div style={styles.root} className='concierge-rhs'>
            <div style={styles.toolbar}>
                {subscribe && <span style={{...styles.meta, marginRight: 'auto'}} data-testid='live'>● {t('panel.live')}</span>}
                <button type='button' style={styles.button} onClick={refresh}>{t('status.refresh')}</button>
            </div>
            {selected && (
                <CustomerPanel
                    conversation={selected}
                    client={client}
                    t={t}
                    locale={locale}
                    generation={generation}
                    onMoved={refresh}
                    onClose={() => setSelected(null)}
                />
            )}
            {stats.kind === 'ready' && <StatsPanel stats={stats.data} locale={locale} t={t}/>}
            {stats.kind === 'error' && <ErrorNotice t={t} error={stats.error} onRetry={refresh}/>}
            <div role='tablist' aria-label={t('tabs.label')} style={styles.tabs}>
                {CONVERSATION_STATES.map((s) => (
                    <button
                        key={s}
                        type='button'
                        role='tab'
                        id={`concierge-tab-${s}`}
                        aria-selected={s === tab}
                        aria-controls='concierge-tabpanel'
                        style={s === tab ? styles.tabActive : styles.tab}
                        onClick={() => setTab(s)}
                    >
                        {t(`state.${s}`)}
                    </button>
                ))}
            </div>
            <div role='tabpanel' id='concierge-tabpanel' aria-labelledby={`concierge-tab-${tab}`}>
                {conversations.kind === 'loading' && <p style={styles.meta}>{t('status.loading')}</p>}
                {conversations.kind === 'error' && <ErrorNotice t={t} error={conversations.error} onRetry={refresh}/>}
                {conversations.kind === 'ready' && (
                    <ConversationList
                        conversations={conversations.data.rows}
                        locale={locale}
                        t={t}
                        siteURL={siteURL}
                        teamName={teamName}
                        onNavigate={onNavigate}
                        onSelect={setSelected}
                    />
                )}
                {conversations.kind === 'ready' && next && !moreNow?.error && (
                    <div style={{...styles.toolbar, ...styles.section}}>
                        <button type='button' style={styles.button} onClick={loadMore} disabled={moreNow?.busy === true}>
                            {moreNow?.busy ? t('status.loading') : t('list.more')}
                        </button>
                    </div>
                )}
                {moreNow?.error !== undefined && <ErrorNotice t={t} error={moreNow.error} onRetry={loadMore}/>}
            </div>
            <FAQProposals client={client} t={t} siteURL={siteURL} generation={generation + faqGeneration} onNavigate={onNavigate}/>
        </div>
    );
}

// One tab's rows so far and the cursor of the page after them.
interface ListPage {
    rows: Conversation[];
    next?: string;
}

// The server filters by state; filtering again keeps a tab honest even if a server ignores
// the query parameter.
function ofState(rows: Conversation[], state: ConversationState): Conversation[] {
    return rows.filter((c) => c.state === state);
}

// A later page's rows after the ones shown, newest first; a conversation already shown is
// not listed twice.
function appendPage(shown: Conversation[], page: Conversation[]): Conversation[] {
    const seen = new Set(shown.map((c) => c.id));
    const rows = [...shown, ...page.filter((c) => !seen.has(c.id))];
    rows.sort((a, b) => sortKey(b.updated_at) - sortKey(a.updated_at));
    return rows;
}

// Newest first; an unparseable time sorts last.
function sortKey(v: number | string): number {
    return toDate(v)?.getTime() ?? 0;
}

function ErrorNotice({t, error, onRetry}: {t: ReturnType<typeof translator>; error: unknown; onRetry: () => void}) {
    return (
        <div role='alert' style={{...styles.notice, ...styles.section}}>
            {t('error.generic', {message: errorText(error)})}
            {' '}
            <button type='button' style={styles.button} onClick={onRetry}>{t('error.retry')}</button>
        </div>
    );
}
