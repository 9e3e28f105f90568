// Inline styles built on Mattermost's theme CSS variables, so the console follows the user's
// theme (dark or light) without shipping a stylesheet.
import type {CSSProperties} from 'react';

const fg = 'var(--center-channel-color, #3f4350)';
const fgMuted = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64)';
const border = 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)';
const accent = 'var(--button-bg, #1c58d9)';

export const styles: Record<string, CSSProperties> = {
    root: {padding: '12px 16px', color: fg, fontSize: 14, overflowY: 'auto', height: '100%', boxSizing: 'border-box'},
    section: {marginBottom: 16},
    heading: {fontSize: 14, fontWeight: 600, margin: '0 0 8px'},
    statsGrid: {display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(110px, 1fr))', gap: 8, margin: 0},
    statCell: {border: `1px solid ${border}`, borderRadius: 4, padding: '6px 8px'},
    statLabel: {fontSize: 12, color: fgMuted},
    statValue: {fontSize: 18, fontWeight: 600, margin: 0},
    tabs: {display: 'flex', flexWrap: 'wrap', gap: 4, marginBottom: 8},
    tab: {border: `1px solid ${border}`, background: 'transparent', color: fg, borderRadius: 4, padding: '4px 8px', cursor: 'pointer', fontSize: 13},
    tabActive: {border: `1px solid ${accent}`, background: accent, color: 'var(--button-color, #fff)', borderRadius: 4, padding: '4px 8px', cursor: 'pointer', fontSize: 13},
    list: {listStyle: 'none', margin: 0, padding: 0},
    row: {borderBottom: `1px solid ${border}`, padding: '8px 0', display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline'},
    customer: {fontWeight: 600},
    meta: {fontSize: 12, color: fgMuted},
    link: {color: 'var(--link-color, #2d5bd4)', whiteSpace: 'nowrap'},
    notice: {padding: '12px', border: `1px solid ${border}`, borderRadius: 4, lineHeight: 1.5},
    toolbar: {display: 'flex', justifyContent: 'flex-end', marginBottom: 8},
    textarea: {display: 'block', width: '100%', boxSizing: 'border-box', marginTop: 2, color: fg, background: 'transparent',
        border: `1px solid ${border}`, borderRadius: 4, padding: 4, fontSize: 13, fontFamily: 'inherit'},
    button: {border: `1px solid ${border}`, background: 'transparent', color: fg, borderRadius: 4, padding: '2px 8px', cursor: 'pointer', fontSize: 12},
};
