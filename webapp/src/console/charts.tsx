// Small charts in plain SVG: a line, stacked columns and horizontal bars are all the
// analytics page needs, and a chart library would be most of the bundle. Every mark carries
// a <title> with its value, so the numbers are readable on hover and by screen readers.
import React from 'react';

import {accent, border, muted} from './styles';

const W = 480;
const H = 180;
const PAD = {left: 36, right: 8, top: 8, bottom: 24};
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

export interface Point {
    label: string;
    value: number | null; // null = no value that day: a gap, never a 0
}

// Ticks at 0, half and the top of the scale, labelled with format.
function Axis({top, format}: {top: number; format: (v: number) => string}) {
    return (
        <g fontSize={10} fill={muted}>
            {[0, 0.5, 1].map((f) => {
                const y = PAD.top + plotH * (1 - f);
                return (
                    <g key={f}>
                        <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke={border}/>
                        <text x={PAD.left - 4} y={y + 3} textAnchor='end'>{format(top * f)}</text>
                    </g>
                );
            })}
        </g>
    );
}

// First, middle and last labels along the bottom: enough to read dates without clutter.
function XLabels({labels}: {labels: string[]}) {
    const n = labels.length;
    const picks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])].filter((i) => i >= 0);
    return (
        <g fontSize={10} fill={muted}>
            {picks.map((i) => (
                <text key={i} x={PAD.left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1))} y={H - 6} textAnchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>
                    {labels[i]}
                </text>
            ))}
        </g>
    );
}

export function LineChart({title, points, max, format, color = accent}: {
    title: string;
    points: Point[];
    max: number;
    format: (v: number) => string;
    color?: string;
}) {
    const n = points.length;
    const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1));
    const y = (v: number) => PAD.top + plotH * (1 - v / max);

    // One path segment per run of days that have a value.
    const segments: string[] = [];
    let current = '';
    points.forEach((p, i) => {
        if (p.value === null) {
            if (current) {
                segments.push(current);
            }
            current = '';
            return;
        }
        current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
    });
    if (current) {
        segments.push(current);
    }
    return (
        <svg viewBox={`0 0 ${W} ${H}`} width='100%' role='img' aria-label={title}>
            <title>{title}</title>
            <Axis top={max} format={format}/>
            {segments.map((d) => <path key={d} d={d} fill='none' stroke={color} strokeWidth={2}/>)}
            {points.map((p, i) => (p.value === null ? null : (
                <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3} fill={color} data-testid='chart-point'>
                    <title>{`${p.label}: ${format(p.value)}`}</title>
                </circle>
            )))}
            <XLabels labels={points.map((p) => p.label)}/>
        </svg>
    );
}

export interface Stack {
    name: string;
    color: string;
    values: number[];
}

// Columns, one per label, with the stacks piled bottom up.
export function StackedColumns({title, labels, stacks, format}: {
    title: string;
    labels: string[];
    stacks: Stack[];
    format: (v: number) => string;
}) {
    const totals = labels.map((_, i) => stacks.reduce((s, st) => s + (st.values[i] ?? 0), 0));
    const top = Math.max(1, ...totals);
    const slot = plotW / Math.max(1, labels.length);
    const barW = Math.max(2, slot * 0.7);
    return (
        <svg viewBox={`0 0 ${W} ${H}`} width='100%' role='img' aria-label={title}>
            <title>{title}</title>
            <Axis top={top} format={format}/>
            {labels.map((label, i) => {
                let base = 0;
                return (
                    <g key={label}>
                        {stacks.map((st) => {
                            const v = st.values[i] ?? 0;
                            const h = (plotH * v) / top;
                            base += h;
                            return v === 0 ? null : (
                                <rect key={st.name} x={PAD.left + slot * i + (slot - barW) / 2} y={PAD.top + plotH - base} width={barW} height={h} fill={st.color} data-testid='chart-bar'>
                                    <title>{`${label} · ${st.name}: ${format(v)}`}</title>
                                </rect>
                            );
                        })}
                    </g>
                );
            })}
            <XLabels labels={labels}/>
        </svg>
    );
}

export function Legend({stacks}: {stacks: Array<{name: string; color: string}>}) {
    return (
        <div style={{display: 'flex', gap: 12, fontSize: 12, color: muted, flexWrap: 'wrap'}}>
            {stacks.map((s) => (
                <span key={s.name}>
                    <span style={{display: 'inline-block', width: 10, height: 10, background: s.color, marginRight: 4, borderRadius: 2}}/>
                    {s.name}
                </span>
            ))}
        </div>
    );
}

// Horizontal bars, longest first as given: for ranked lists (top intents).
export function Bars({title, rows, format}: {title: string; rows: Array<{label: string; value: number}>; format: (v: number) => string}) {
    const rowH = 22;
    const labelW = 150;
    const height = rows.length * rowH + 4;
    const top = Math.max(1, ...rows.map((r) => r.value));
    const barMax = W - labelW - 48;
    return (
        <svg viewBox={`0 0 ${W} ${height}`} width='100%' role='img' aria-label={title}>
            <title>{title}</title>
            {rows.map((r, i) => (
                <g key={r.label} fontSize={12}>
                    <text x={labelW - 6} y={i * rowH + 15} textAnchor='end' fill='currentColor'>{r.label}</text>
                    <rect x={labelW} y={i * rowH + 4} width={Math.max(1, (barMax * r.value) / top)} height={rowH - 8} fill={accent} data-testid='chart-bar'>
                        <title>{`${r.label}: ${format(r.value)}`}</title>
                    </rect>
                    <text x={labelW + (barMax * r.value) / top + 4} y={i * rowH + 15} fill={muted}>{format(r.value)}</text>
                </g>
            ))}
        </svg>
    );
}
