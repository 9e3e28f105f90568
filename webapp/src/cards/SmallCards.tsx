import React from 'react';

import type {Translator} from '../i18n';

import {Markdown} from './Markdown';
import type {Press} from './RefundCard';
import {cardStyles as s} from './styles';
import type {CSAT, Handoff} from './types';

// The rating card: five buttons until the customer rated, then the thanks.
export function CSATCard({csat, t, onPress, busy}: {csat: CSAT; t: Translator; onPress: Press; busy: boolean}) {
    if (csat.score > 0) {
        return <div style={s.card} data-testid='card-csat' data-score={csat.score}>{t('card.csat.thanks', {score: csat.score})}</div>;
    }
    return (
        <div style={s.card} data-testid='card-csat' data-score={0}>
            <p style={s.title}>{t('card.csat.ask')}</p>
            <div style={s.buttons} role='group' aria-label={t('card.csat.ask')}>
                {[1, 2, 3, 4, 5].map((n) => (
                    <button
                        key={n}
                        type='button'
                        style={s.secondary}
                        disabled={busy}
                        aria-label={t('card.csat.star', {score: n})}
                        onClick={() => onPress(`csat${n}`)}
                    >
                        {'★'.repeat(n)}
                    </button>
                ))}
            </div>
        </div>
    );
}

// The handoff summary staff read: the summary's fields (Markdown the server made safe,
// rendered by the host's own Markdown pipeline, never as raw HTML).
export function HandoffCard({handoff: h, t}: {handoff: Handoff; t: Translator}) {
    return (
        <div style={{...s.card, borderLeftColor: 'var(--away-indicator, #ffbc1f)'}} data-testid='card-handoff'>
            <p style={s.title}>{t('card.handoff.title', {customer: h.customer})}</p>
            <dl style={{margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', fontSize: 13}}>
                {h.fields.map((f, i) => (
                    <React.Fragment key={i}>
                        <dt style={s.muted}>{f.title}</dt>
                        <dd style={{margin: 0}}><Markdown text={f.value}/></dd>
                    </React.Fragment>
                ))}
            </dl>
            {h.footer && <p style={{...s.muted, marginTop: 6}}>{h.footer}</p>}
        </div>
    );
}
