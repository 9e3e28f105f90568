import React from 'react';

import {formatMoney} from '../format';
import type {MessageKey, Translator} from '../i18n';

import {itemLabel} from './PriceCard';
import {cardStyles as s, refundColor} from './styles';
import type {Refund} from './types';

export type Press = (actionId: string) => void;

// The state in the reader's language when it is one we know, else the server's words.
function stateText(r: Refund, t: Translator): string {
    const key = `refund.state.${r.stage || r.state}` as MessageKey;
    const known = t(key);
    if (known === key) {
        return r.status;
    }
    return r.state === 'refunded' ? `${known} ${formatMoney(r.amount, r.currency)}` : known;
}

function kindText(r: Refund, t: Translator): string {
    const key = `refund.kind.${r.kind}` as MessageKey;
    const known = t(key);
    return known === key ? r.title : known;
}

// A refund, deposit or price-protection card: amount, lines by name, state, and Confirm /
// Cancel while the customer can still act. busy disables the buttons while a press is
// on its way; the server's update of the post then brings the new state.
export function RefundCard({refund: r, t, onPress, busy}: {refund: Refund; t: Translator; onPress: Press; busy: boolean}) {
    const m = (n: number) => formatMoney(n, r.currency);
    const actions = r.actions ?? [];
    return (
        <div style={{...s.card, borderLeftColor: refundColor(r.state)}} data-testid='card-refund' data-state={r.state}>
            <p style={s.title}>{kindText(r, t)} <span style={s.muted}>· {t('card.refund.order', {id: r.order_id})}</span></p>
            <table style={s.table}>
                <tbody>
                    {(r.lines ?? []).map((l, i) => (
                        <tr key={i}>
                            <td style={s.cell}>{itemLabel(l)} × {l.qty}</td>
                            <td style={s.num}>{m(l.amount)}</td>
                        </tr>
                    ))}
                    <tr>
                        <td style={{...s.cell, ...s.total}}>{t('card.refund.amount')}</td>
                        <td style={{...s.num, ...s.total}} data-testid='refund-amount'>{m(r.amount)}</td>
                    </tr>
                </tbody>
            </table>
            {r.reason && <p style={s.muted}>{t('card.label', {label: t('card.refund.reason')})}{r.reason}</p>}
            <p style={{margin: '6px 0 0'}}>
                {t('card.label', {label: t('card.refund.status')})}<span style={s.state} data-testid='refund-status'>{stateText(r, t)}</span>
            </p>
            {r.needs_approval && r.state === 'offered' && <p style={s.muted}>{t('card.refund.needsApproval')}</p>}
            {actions.length > 0 && (
                <div style={s.buttons}>
                    {actions.includes('confirm') && (
                        <button type='button' style={s.primary} disabled={busy} onClick={() => onPress('confirm')}>{t('card.refund.confirm')}</button>
                    )}
                    {actions.includes('cancel') && (
                        <button type='button' style={s.secondary} disabled={busy} onClick={() => onPress('cancel')}>{t('card.refund.cancel')}</button>
                    )}
                </div>
            )}
        </div>
    );
}
