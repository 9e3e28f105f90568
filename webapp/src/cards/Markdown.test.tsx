import {render, screen} from '@testing-library/react';
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';

import {Markdown} from './Markdown';

type Utils = {formatText: ReturnType<typeof vi.fn>; messageHtmlToComponent: ReturnType<typeof vi.fn>};
const withUtils = (u: Utils | undefined) => {
    (window as unknown as {PostUtils?: Utils}).PostUtils = u;
};

afterEach(() => withUtils(undefined));

describe('Markdown', () => {
    it('renders through the host\'s own Markdown pipeline when the host has one', () => {
        const utils: Utils = {
            formatText: vi.fn(() => '<p><strong>bold</strong></p>'),
            messageHtmlToComponent: vi.fn(() => <strong data-testid='host-rendered'>bold</strong>),
        };
        withUtils(utils);
        render(<Markdown text='**bold** @alice'/>);
        expect(utils.formatText).toHaveBeenCalledWith('**bold** @alice', {atMentions: true, markdown: true});
        expect(utils.messageHtmlToComponent).toHaveBeenCalledWith('<p><strong>bold</strong></p>', false, {mentionHighlight: false});
        expect(screen.getByTestId('host-rendered').textContent).toBe('bold');
    });

    it('shows the text as text without the host, never as HTML', () => {
        render(<Markdown text={'<img src=x onerror=alert(1)> line one\nline two'}/>);
        const el = screen.getByTestId('markdown');
        expect(el.textContent).toBe('<img src=x onerror=alert(1)> line one\nline two');
        expect(el.querySelector('img')).toBeNull();
    });
});
