import React, {useEffect, useState} from 'react';

import {ApiError, type ConciergeClient} from '../api/client';
import type {Translator} from '../i18n';
import type {FAQDecision, FAQProposal} from '../types';

import {styles} from './styles';

interface Props {
    client: Pick<ConciergeClient, 'getProposals' | 'reviewProposal'>;
    t: Translator;
    siteURL: string;

    // Changes when the panel heard a proposal was posted or decided: the list is read again.
    generation: number;
    onNavigate?: (path: string) => boolean;
}

// The FAQ entries the bot proposed from staff answers, waiting for review: approved,
// edited then approved, or rejected here (the same decision as the buttons on the
// proposal's card in the staff channel, which the link opens).
export default function FAQProposals({client, t, siteURL, generation, onNavigate}: Props) {
    const [rows, setRows] = useState<FAQProposal[] | null>(null);

    // Bumped after a decision someone else made first, to show the list as it is now.
    const [reload, setReload] = useState(0);
    useEffect(() => {
        const abort = new AbortController();
        client.getProposals(abort.signal).then(setRows, () => {
            // The lists above report access and load errors; this section just stays away.
        });
        return () => abort.abort();
    }, [client, generation, reload]);
    if (rows === null) {
        return null;
    }
    const decided = (id: string) => setRows((cur) => (cur ?? []).filter((p) => p.id !== id));
    return (
        <section style={styles.section} data-testid='faq-proposals'>
            <h3 style={styles.heading}>{t('faq.title')} ({rows.length})</h3>
            {rows.length === 0 && <p style={styles.meta}>{t('faq.empty')}</p>}
            <ul style={styles.list}>
                {rows.map((p) => (
                    <Proposal
                        key={p.id}
                        proposal={p}
                        client={client}
                        t={t}
                        siteURL={siteURL}
                        onNavigate={onNavigate}
                        onDecided={() => decided(p.id)}
                        onStale={() => setReload((n) => n + 1)}
                    />
                ))}
            </ul>
        </section>
    );
}

interface RowProps {
    proposal: FAQProposal;
    client: Pick<ConciergeClient, 'reviewProposal'>;
    t: Translator;
    siteURL: string;
    onNavigate?: (path: string) => boolean;
    onDecided: () => void;
    onStale: () => void;
}

function Proposal({proposal: p, client, t, siteURL, onNavigate, onDecided, onStale}: RowProps) {
    const [editing, setEditing] = useState<{question: string; answer: string} | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState('');

    const decide = (decision: FAQDecision, edits?: {question: string; answer: string}) => {
        setBusy(true);
        setError('');
        client.reviewProposal(p.id, decision, edits).then(onDecided, (e: unknown) => {
            setBusy(false);
            if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
                // Decided meanwhile (on its card, or by a colleague): the list as it is now.
                setError(t('faq.stale'));
                onStale();
                return;
            }
            setError(t('faq.failed', {message: e instanceof Error ? e.message : String(e)}));
        });
    };

    const path = p.post_id ? `/_redirect/pl/${encodeURIComponent(p.post_id)}` : '';
    return (
        <li style={{...styles.row, display: 'block'}} data-testid='faq-proposal'>
            {editing ? (
                <div style={{display: 'grid', gap: 4}}>
                    <TextField label={t('faq.question')} rows={2} value={editing.question} onChange={(question) => setEditing({...editing, question})}/>
                    <TextField label={t('faq.answer')} rows={4} value={editing.answer} onChange={(answer) => setEditing({...editing, answer})}/>
                </div>
            ) : (
                <div>
                    <div style={styles.customer}>{p.question}</div>
                    <div style={{...styles.meta, whiteSpace: 'pre-wrap'}}>{p.answer}</div>
                </div>
            )}
            <div style={{display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 6, alignItems: 'baseline'}}>
                {editing ? (
                    <>
                        <button
                            type='button'
                            style={styles.button}
                            disabled={busy || !editing.question.trim() || !editing.answer.trim()}
                            onClick={() => decide('approve', {question: editing.question.trim(), answer: editing.answer.trim()})}
                        >
                            {t('faq.saveApprove')}
                        </button>
                        <button type='button' style={styles.button} disabled={busy} onClick={() => setEditing(null)}>{t('faq.cancelEdit')}</button>
                    </>
                ) : (
                    <>
                        <button type='button' style={styles.button} disabled={busy} onClick={() => decide('approve')}>{t('faq.approve')}</button>
                        <button type='button' style={styles.button} disabled={busy} onClick={() => setEditing({question: p.question, answer: p.answer})}>
                            {t('faq.edit')}
                        </button>
                        <button type='button' style={styles.button} disabled={busy} onClick={() => decide('reject')}>{t('faq.reject')}</button>
                    </>
                )}
                {path && (
                    <a
                        href={`${siteURL}${path}`}
                        style={{...styles.link, marginLeft: 'auto'}}
                        onClick={(e) => {
                            if (e.button === 0 && !e.metaKey && !e.ctrlKey && onNavigate?.(path)) {
                                e.preventDefault();
                            }
                        }}
                    >
                        {t('faq.open')}
                    </a>
                )}
            </div>
            {error && <p role='alert' style={{...styles.meta, color: 'var(--error-text, #d24b4e)'}}>{error}</p>}
        </li>
    );
}

function TextField({label, rows, value, onChange}: {label: string; rows: number; value: string; onChange: (v: string) => void}) {
    return (
        <label style={styles.meta}>
            {label}
            <textarea style={styles.textarea} value={value} rows={rows} onChange={(e) => onChange(e.target.value)}/>
        </label>
    );
}
