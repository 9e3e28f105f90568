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

export function CompareCard({products, t}: {products: Product[]; t: Translator}) {
    return (
        <div style={s.card} data-testid='card-compare'>
            <p style={s.title}>{t('card.compare.title')}</p>
            {products.map((p) => (
                <div key={p.id} style={{marginBottom: 6}}>
                    <div style={{fontWeight: 600}}>{p.name}{p.brand ? <span style={s.muted}> · {p.brand}</span> : null}</div>
                    <Variants product={p} t={t}/>
                </div>
            ))}
        </div>
    );
}
