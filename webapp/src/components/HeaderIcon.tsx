import React from 'react';

// A speech bubble with a check mark: "customer conversations, handled". currentColor keeps it
// in the channel header's theme colour.
export default function HeaderIcon() {
    return (
        <svg width='16' height='16' viewBox='0 0 24 24' aria-hidden='true' focusable='false' data-testid='concierge-header-icon'>
            <path
                fill='currentColor'
                d='M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm0 2v11h2v2l2.5-2H20V5H4zm11.3 2.3 1.4 1.4-5.7 5.7-3.2-3.2 1.4-1.4 1.8 1.8 4.3-4.3z'
            />
        </svg>
    );
}
