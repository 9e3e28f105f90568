import React from 'react';

// Mattermost exposes its own Markdown pipeline to plugins as window.PostUtils: formatText
// escapes HTML and renders Markdown, messageHtmlToComponent turns the result into React
// (links, emoji, mentions as the host shows them). Without it (tests, the e2e host page)
// the text is shown as is, never as HTML.
interface PostUtils {
    formatText?: (text: string, options?: Record<string, unknown>) => string;
    messageHtmlToComponent?: (html: string, isRHS?: boolean, options?: Record<string, unknown>) => React.ReactNode;
}

function postUtils(): PostUtils | undefined {
    return typeof window === 'undefined' ? undefined : (window as unknown as {PostUtils?: PostUtils}).PostUtils;
}

export function Markdown({text, style}: {text: string; style?: React.CSSProperties}) {
    const utils = postUtils();
    if (utils?.formatText && utils.messageHtmlToComponent) {
        const html = utils.formatText(text, {atMentions: true, markdown: true});
        return <div style={style} data-testid='markdown'>{utils.messageHtmlToComponent(html, false, {mentionHighlight: false})}</div>;
    }
    return <div style={{whiteSpace: 'pre-wrap', ...style}} data-testid='markdown'>{text}</div>;
}
