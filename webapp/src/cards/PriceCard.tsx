import React from 'react';

import {formatMoney} from '../format';
import type {Translator} from '../i18n';

import {cardStyles as s} from './styles';
import type {Item, Price, Product} from './types';

export function itemLabel(it: Item): string {
    return it.variant ? `${it.name} (${it.variant})` : it.name;
}

// Every line at its list price, every step taken off, the total.
export function PriceCard({price, t}: {price: Price; t: Translator}) {
    const m = (n: number) => formatMoney(n, price.currency);
    return (
        <div style={s.card} data-testid='card-price'>
            <p style={s.title}>{t('card.price.title')}</p>
            <table style={s.table}>
                <tbody>
                    {price.lines.map((l, i) => (
                        <tr key={`l${i}`}>
                            <td style={s.cell}>{itemLabel(l)} × {l.qty}</td>
                            <td style={s.num}>{m(l.list)}</td>
                        </tr>
                    ))}
                    {price.steps.map((st, i) => (
                        <tr key={`s${i}`} data-testid='price-step'>
                            <td style={s.cell}>{st.title}</td>
                            <td style={s.off}>−{m(st.off)}</td>
                        </tr>
                    ))}
                    <tr>
                        <td style={{...s.cell, ...s.total}}>{t('card.price.total')}</td>
                        <td style={{...s.num, ...s.total}} data-testid='price-total'>{m(price.total)}</td>
                    </tr>
                </tbody>
            </table>
            {(price.notes ?? []).map((n, i) => <p key={i} style={s.muted}>{n}</p>)}
        </div>
    );
}

function Variants({product, t}: {product: Product; t: Translator}) {
    return (
        <table style={s.table}>
            <tbody>
                {product.variants.map((v, i) => (
                    <tr key={i}>
                        <td style={s.cell}>{v.name}</td>
                        <td style={s.num}>
                            {v.now && v.now !== v.price ? (
                                <>
                                    {formatMoney(v.now, product.currency)}{' '}
                                    <s style={s.muted}>{formatMoney(v.price, product.currency)}</s>
                                </>
                            ) : formatMoney(v.price, product.currency)}
                        </td>
                        <td style={{...s.num, ...s.muted}}>{v.stock > 0 ? t('card.product.inStock', {count: v.stock}) : t('card.product.soldOut')}</td>
                    </tr>
                ))}
            </tbody>
        </table>
    );
}

export function ProductCard({product, t}: {product: Product; t: Translator}) {
    return (
        <div style={s.card} data-testid='card-product'>
            <p style={s.title}>{product.name}{product.brand ? <span style={s.muted}> · {product.brand}</span> : null}</p>
            <Variants product={product} t={t}/>
        </div>
    );
}

// Products side by side, one summary line each (the price now, struck list price, how many
// options are in stock), every variant a click away: a comparison of two products with ten
// sizes each would otherwise be a page of rows.
export function CompareCard({products, t}: {products: Product[]; t: Translator}) {
    return (
        <div style={s.card} data-testid='card-compare'>
            <p style={s.title}>{t('card.compare.title')}</p>
            {products.map((p) => (
                <div key={p.id} style={{marginBottom: 6}} data-testid='compare-product'>
                    <div style={{fontWeight: 600}}>{p.name}{p.brand ? <span style={s.muted}> · {p.brand}</span> : null}</div>
                    <Summary product={p} t={t}/>
                    <details>
                        <summary style={{...s.muted, cursor: 'pointer'}}>{t('card.compare.variants', {count: p.variants.length})}</summary>
                        <Variants product={p} t={t}/>
                    </details>
                </div>
            ))}
        </div>
    );
}

// range is "¥1.00" or "¥1.00–¥2.00" over the values.
function range(values: number[], currency: string): string {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? formatMoney(lo, currency) : `${formatMoney(lo, currency)}–${formatMoney(hi, currency)}`;
}

function Summary({product: p, t}: {product: Product; t: Translator}) {
    if (p.variants.length === 0) {
        return null;
    }
    const list = range(p.variants.map((v) => v.price), p.currency);
    const now = range(p.variants.map((v) => v.now || v.price), p.currency);
    const inStock = p.variants.filter((v) => v.stock > 0).length;
    return (
        <div style={{fontSize: 13}} data-testid='compare-summary'>
            {now}
            {now !== list && <>{' '}<s style={s.muted}>{list}</s></>}
            <span style={s.muted}> · {t('card.compare.inStock', {inStock, total: p.variants.length})}</span>
        </div>
    );
}
