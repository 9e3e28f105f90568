import React from 'react';

import type {Locale, Translator} from '../i18n';
import {formatTime} from '../format';
import type {Conversation} from '../types';

import {styles} from './styles';

export interface LinkTarget {

    // Path inside the Mattermost app (for the in-app router).
    path: string;

    // Absolute URL for the anchor (middle-click, new tab, no host router).
    href: string;
}

// A thread conversation opens at its root post through Mattermost's permalink redirect; a
// whole-channel conversation (a DM or a one-customer channel) opens the channel, which needs a
// team name in the URL — without one there is no link to offer. A DM handed off opens its
// staff thread instead: staff cannot read the DM itself.
export function conversationLink(c: Conversation, siteURL: string, teamName?: string): LinkTarget | null {
    let path: string;
    if (c.root_id) {
        path = `/_redirect/pl/${encodeURIComponent(c.root_id)}`;
    } else if (c.staff_post_id) {
        path = `/_redirect/pl/${encodeURIComponent(c.staff_post_id)}`;
    } else if (c.kind === 'dm') {
        return null; // a DM with the bot that was never handed off: nothing staff can open
    } else if (c.channel_id && teamName) {
        path = `/${encodeURIComponent(teamName)}/channels/${encodeURIComponent(c.channel_id)}`;
    } else {
        return null;
    }
    return {path, href: `${siteURL}${path}`};
}

interface Props {
    conversations: Conversation[];
    locale: Locale;
    t: Translator;
    siteURL: string;
    teamName?: string;
    onNavigate?: (path: string) => boolean;

    // Shows the customer card and staff actions of a conversation.
    onSelect?: (c: Conversation) => void;
}

export default function ConversationList({conversations, locale, t, siteURL, teamName, onNavigate, onSelect}: Props) {
    if (conversations.length === 0) {
        return <p style={styles.meta}>{t('list.empty')}</p>;
    }
    return (
        <ul style={styles.list} aria-label={t('plugin.title')}>
            {conversations.map((c) => {
                const link = conversationLink(c, siteURL, teamName);
                const label = t(c.root_id ? 'list.openThread' : 'list.openChannel', {customer: c.customer});
                return (
                    <li key={c.id} style={styles.row} data-testid='conversation-row' data-state={c.state}>
                        <div>
                            <div style={styles.customer}>{c.customer}</div>
                            <div style={styles.meta}>
                                <span>{t(`state.${c.state}`)}</span>
                                {' · '}
                                <time dateTime={String(c.updated_at)} title={t('list.updated')}>{formatTime(c.updated_at, locale)}</time>
                            </div>
                        </div>
                        {onSelect && (
                            <button type='button' style={styles.button} onClick={() => onSelect(c)} aria-label={`${t('list.details')} ${c.customer}`}>
                                {t('list.details')}
                            </button>
                        )}
                        {link && (
                            <a
                                href={link.href}
                                style={styles.link}
                                aria-label={label}
                                title={label}
                                onClick={(e) => {
                                    // Plain left clicks stay inside the app; modified clicks open a tab as usual.
                                    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
                                        return;
                                    }
                                    if (onNavigate?.(link.path)) {
                                        e.preventDefault();
                                    }
                                }}
                            >
                                {t('list.open')}
                            </a>
                        )}
                    </li>
                );
            })}
        </ul>
    );
}
