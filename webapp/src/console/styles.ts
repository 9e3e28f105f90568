// Inline styles for the System Console pages, on the host theme's CSS variables so they
// follow the admin's theme (light or dark) without a stylesheet.
import type {CSSProperties} from 'react';

export const fg = 'var(--center-channel-color, #3f4350)';
export const muted = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64)';
export const border = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)';
export const accent = 'var(--button-bg, #1c58d9)';
export const good = 'var(--online-indicator, #06d6a0)';
export const bad = 'var(--error-text, #d24b4e)';
export const warn = 'var(--away-indicator, #ffbc1f)';

export const ui: Record<string, CSSProperties> = {
    panel: {color: fg, fontSize: 14, lineHeight: 1.5, maxWidth: 860},
    intro: {color: muted, margin: '0 0 12px'},
    row: {display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', margin: '0 0 12px'},
    label: {display: 'flex', flexDirection: 'column', gap: 4, fontWeight: 600},
    select: {padding: '4px 8px', color: fg, background: 'transparent', border: `1px solid ${border}`, borderRadius: 4},
    button: {background: accent, color: 'var(--button-color, #fff)', border: 'none', borderRadius: 4, padding: '8px 16px', fontWeight: 600, cursor: 'pointer'},
    buttonQuiet: {background: 'transparent', color: fg, border: `1px solid ${border}`, borderRadius: 4, padding: '4px 10px', cursor: 'pointer'},
    progressTrack: {height: 8, background: border, borderRadius: 4, overflow: 'hidden', margin: '8px 0'},
    ok: {color: good, fontWeight: 600},
    error: {color: bad, fontWeight: 600},
    table: {borderCollapse: 'collapse', width: '100%', fontSize: 13, margin: '8px 0'},
    th: {textAlign: 'left', borderBottom: `1px solid ${border}`, padding: '4px 8px'},
    td: {borderBottom: `1px solid ${border}`, padding: '4px 8px', verticalAlign: 'top'},
    code: {fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all'},
    card: {border: `1px solid ${border}`, borderRadius: 4, padding: '8px 12px', flex: '1 1 240px'},
    heading: {fontSize: 15, fontWeight: 600, margin: '16px 0 8px'},
    chartGrid: {display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16},
};
