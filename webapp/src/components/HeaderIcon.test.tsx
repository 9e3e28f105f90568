import {render, screen} from '@testing-library/react';
import React from 'react';
import {describe, expect, it} from 'vitest';

import HeaderIcon from './HeaderIcon';

describe('HeaderIcon', () => {
    it('draws in the header\'s colour and is hidden from screen readers (the button has the label)', () => {
        render(<HeaderIcon/>);
        const svg = screen.getByTestId('concierge-header-icon');
        expect(svg.getAttribute('aria-hidden')).toBe('true');
        expect(svg.querySelector('path')?.getAttribute('fill')).toBe('currentColor');
    });
});
