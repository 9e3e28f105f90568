// Card styles on the host theme's CSS variables, so cards follow light and dark themes.
import type {CSSProperties} from 'react';

const fg = 'var(--center-channel-color, #3f4350)';
const muted = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64)';
const border = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)';
const accent = 'var(--button-bg, #1c58d9)';

export const cardStyles: Record<string, CSSProperties> = {
    card: {border: `1px solid ${border}`, borderLeft: `4px solid ${accent}`, borderRadius: 4, padding: '8px 12px', margin: '6px 0', color: fg,
        background: 'var(--center-channel-bg, #fff)', maxWidth: 520},
    title: {fontWeight: 600, margin: '0 0 6px'},
    table: {borderCollapse: 'collapse', width: '100%', fontSize: 13},
    cell: {padding: '2px 8px 2px 0', verticalAlign: 'top'},
    num: {padding: '2px 0', textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums'},
    off: {padding: '2px 0', textAlign: 'right', whiteSpace: 'nowrap', color: 'var(--online-indicator, #06d6a0)'},
    total: {fontWeight: 700, borderTop: `1px solid ${border}`, paddingTop: 4},
    muted: {color: muted, fontSize: 12},
    strike: {textDecoration: 'line-through', color: muted, marginRight: 6},
    buttons: {display: 'flex', gap: 8, marginTop: 8, flexWrap: 'wrap'},
    primary: {border: 'none', background: accent, color: 'var(--button-color, #fff)', borderRadius: 4, padding: '4px 12px', cursor: 'pointer', fontWeight: 600},
    secondary: {border: `1px solid ${border}`, background: 'transparent', color: fg, borderRadius: 4, padding: '4px 12px', cursor: 'pointer'},
    state: {display: 'inline-block', borderRadius: 10, padding: '0 8px', fontSize: 12, border: `1px solid ${border}`},
    error: {color: 'var(--error-text, #d24b4e)', fontSize: 12, marginTop: 4},
    text: {whiteSpace: 'pre-wrap', margin: '0 0 4px'},
};

// Refund states as a colour on the card's edge: open, settled well, waiting, settled badly.
export function refundColor(state: string): string {
    switch (state) {
    case 'offered':
        return accent;
    case 'refunded':
    case 'pending':
        return 'var(--online-indicator, #06d6a0)';
    case 'awaiting_approval':
    case 'processing':
    case 'in_doubt':
        return 'var(--away-indicator, #ffbc1f)';
    default:
        return muted;
    }
}
