import React, {useEffect, useState} from 'react';

import type {ConciergeClient} from '../api/client';
import {formatMoney, formatTime} from '../format';
import type {Locale, Translator} from '../i18n';
import type {Conversation, CustomerCard} from '../types';

import {styles} from './styles';

type Move = 'human' | 'bot' | 'resolved';

// Which buttons a conversation in this state offers: take over what the bot or the queue
// has, hand back what staff have, resolve anything not resolved.
export function movesFor(state: Conversation['state']): Move[] {
    switch (state) {
    case 'bot':
        return ['human', 'resolved'];
    case 'waiting_human':
        return ['human', 'bot', 'resolved'];
    case 'human':
        return ['bot', 'resolved'];
    default:
        return [];
    }
}

// What a recommended size was worked out from, as the customer told it.
function sizeFrom(z: NonNullable<CustomerCard['sizes']>[number], t: Translator): string {
    const parts: string[] = [];
    if (z.wears) {
        parts.push(t('customer.sizeWears', {wears: z.wears}));
    }
    if (z.foot_mm) {
        parts.push(t('customer.sizeFoot', {mm: z.foot_mm}));
    }
    return parts.join(' · ');
}

const moveLabel = {human: 'action.takeover', bot: 'action.handback', resolved: 'action.resolve'} as const;

interface Props {
    conversation: Conversation;
    client: Pick<ConciergeClient, 'getCustomer' | 'moveConversation'>;
    t: Translator;
    locale: Locale;

    // generation changes when the panel heard of a change: the card is read again.
    generation: number;
    onMoved: () => void;
    onClose: () => void;
}

// The customer behind a conversation (tier, orders, past handoffs) and the staff actions.
export default function CustomerPanel({conversation: c, client, t, locale, generation, onMoved, onClose}: Props) {
    const [card, setCard] = useState<CustomerCard | null>(null);
    const [error, setError] = useState('');
    const [busy, setBusy] = useState(false);

    useEffect(() => {
        const abort = new AbortController();
        client.getCustomer(c.id, abort.signal).then(setCard, (e: unknown) => {
            if (!abort.signal.aborted) {
                setError(e instanceof Error ? e.message : String(e));
            }
        });
        return () => abort.abort();
    }, [client, c.id, generation]);

    const move = (to: Move) => {
        setBusy(true);
        setError('');
        client.moveConversation(c.id, to).then(
            () => {
                setBusy(false);
                onMoved();
            },
            (e: unknown) => {
                setBusy(false);
                setError(t('action.failed', {message: e instanceof Error ? e.message : String(e)}));
            },
        );
    };

    return (
        <section style={{...styles.notice, ...styles.section}} data-testid='customer-panel' aria-label={t('customer.title', {customer: c.customer})}>
            <div style={{display: 'flex', justifyContent: 'space-between'}}>
                <h3 style={styles.heading}>{t('customer.title', {customer: c.customer})}</h3>
                <button type='button' style={styles.button} onClick={onClose}>{t('customer.close')}</button>
            </div>
            {card && (
                <dl style={{display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: '0 0 8px', fontSize: 13}}>
                    <dt style={styles.meta}>{t('customer.tier')}</dt>
                    <dd style={{margin: 0}} data-testid='customer-tier'>{card.tier || t('stats.none')}</dd>
                    <dt style={styles.meta}>{t('customer.conversations')}</dt>
                    <dd style={{margin: 0}}>{card.conversations}</dd>
                    <dt style={styles.meta}>{t('customer.handoffs')}</dt>
                    <dd style={{margin: 0}} data-testid='customer-handoffs'>{card.handoffs}</dd>
                </dl>
            )}
            {card && (
                <>
                    <div style={styles.meta}>{t('customer.orders')}</div>
                    {card.orders.length === 0 && <p style={styles.meta}>{t('customer.noOrders')}</p>}
                    <ul style={{margin: '4px 0 8px', paddingLeft: 18, fontSize: 13}}>
                        {card.orders.map((o) => (
                            <li key={o.id} data-testid='customer-order'>
                                {o.id} · {o.status} · {formatMoney(o.total, o.currency)}
                                <div style={styles.meta}>{o.items.join(', ')}</div>
                            </li>
                        ))}
                    </ul>
                    {(card.sizes ?? []).length > 0 && (
                        <>
                            <div style={styles.meta}>{t('customer.sizes')}</div>
                            <ul style={{margin: '4px 0 8px', paddingLeft: 18, fontSize: 13}}>
                                {(card.sizes ?? []).map((z) => (
                                    <li key={z.product} data-testid='customer-size'>
                                        {z.product} → {z.recommended}
                                        <div style={styles.meta}>{sizeFrom(z, t)}</div>
                                    </li>
                                ))}
                            </ul>
                        </>
                    )}
                    <PastHandoffs card={card} t={t} locale={locale}/>
                </>
            )}
            <div style={{display: 'flex', gap: 8, flexWrap: 'wrap'}}>
                {movesFor(c.state).map((m) => (
                    <button key={m} type='button' style={styles.button} disabled={busy} onClick={() => move(m)}>{t(moveLabel[m])}</button>
                ))}
            </div>
            {error && <p role='alert' style={{...styles.meta, color: 'var(--error-text, #d24b4e)'}}>{error}</p>}
        </section>
    );
}

// The customer's earlier handoffs: when, why, and how they ended (state, rating), so
// staff know whether this is the third time about the same thing.
function PastHandoffs({card, t, locale}: {card: CustomerCard; t: Translator; locale: Locale}) {
    const rows = card.past_handoffs ?? [];
    if (rows.length === 0) {
        return null;
    }
    return (
        <>
            <div style={styles.meta}>{t('customer.pastHandoffs')}</div>
            <ul style={{margin: '4px 0 8px', paddingLeft: 18, fontSize: 13}}>
                {rows.map((h) => (
                    <li key={h.conversation_id} data-testid='customer-past-handoff'>
                        {formatTime(h.at, locale)} · {t(`state.${h.state}`)}
                        {h.csat ? ` · ${t('customer.rated', {score: h.csat})}` : ''}
                        {h.reason && <div style={styles.meta}>{h.reason}</div>}
                    </li>
                ))}
            </ul>
        </>
    );
}
