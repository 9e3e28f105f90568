import React, {useEffect, useState} from 'react';

import type {ConciergeClient} from '../api/client';
import type {Translator} from '../i18n';
import type {FAQProposal} from '../types';

import {styles} from './styles';

interface Props {
    client: Pick<ConciergeClient, 'getProposals'>;
    t: Translator;
    siteURL: string;
    generation: number;
    onNavigate?: (path: string) => boolean;
}

// The FAQ entries the bot proposed from staff answers, waiting for review; the review
// (approve, edit, reject) happens on the proposal's card, which the link opens.
export default function FAQProposals({client, t, siteURL, generation, onNavigate}: Props) {
    const [rows, setRows] = useState<FAQProposal[] | null>(null);
    useEffect(() => {
        const abort = new AbortController();
        client.getProposals(abort.signal).then(setRows, () => {
            // The lists above report access and load errors; this section just stays away.
        });
        return () => abort.abort();
    }, [client, generation]);
    if (rows === null) {
        return null;
    }
    return (
        <section style={styles.section} data-testid='faq-proposals'>
            <h3 style={styles.heading}>{t('faq.title')} ({rows.length})</h3>
            {rows.length === 0 && <p style={styles.meta}>{t('faq.empty')}</p>}
            <ul style={styles.list}>
                {rows.map((p) => {
                    const path = p.post_id ? `/_redirect/pl/${encodeURIComponent(p.post_id)}` : '';
                    return (
                        <li key={p.id} style={styles.row} data-testid='faq-proposal'>
                            <div>
                                <div style={styles.customer}>{p.question}</div>
                                <div style={styles.meta}>{p.answer}</div>
                            </div>
                            {path && (
                                <a
                                    href={`${siteURL}${path}`}
                                    style={styles.link}
                                    onClick={(e) => {
                                        if (e.button === 0 && !e.metaKey && !e.ctrlKey && onNavigate?.(path)) {
                                            e.preventDefault();
                                        }
                                    }}
                                >
                                    {t('faq.open')}
                                </a>
                            )}
                        </li>
                    );
                })}
            </ul>
        </section>
    );
}
