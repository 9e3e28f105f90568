import {describe, expect, it} from 'vitest';

import {conversationLink} from './ConversationList';
import type {Conversation} from '../types';

const base: Conversation = {id: 'c', customer: 'alice', channel_id: 'chan', root_id: '', state: 'bot', updated_at: 0};

describe('conversationLink', () => {
    it.each([
        ['thread → permalink', {root_id: 'r1'}, 'shop', '/_redirect/pl/r1'],
        ['thread without a team still has a permalink', {root_id: 'r1'}, undefined, '/_redirect/pl/r1'],
        ['whole channel → channel of the current team', {}, 'shop', '/shop/channels/chan'],
        ['whole channel, no team → no link', {}, undefined, null],
        ['no channel, no root → no link', {channel_id: ''}, 'shop', null],
        ['DM handed off → its staff thread, not the DM', {kind: 'dm', staff_post_id: 's1'}, 'shop', '/_redirect/pl/s1'],
        ['DM never handed off → no link (staff cannot read it)', {kind: 'dm'}, 'shop', null],
        ['shared thread handed off → still the customer thread', {root_id: 'r1', staff_post_id: 's1'}, 'shop', '/_redirect/pl/r1'],
    ])('%s', (_name, patch, team, wantPath) => {
        const got = conversationLink({...base, ...patch}, 'https://mm.example.com/sub', team);
        expect(got?.path ?? null).toBe(wantPath);
        if (wantPath) {
            expect(got?.href).toBe(`https://mm.example.com/sub${wantPath}`);
        }
    });
});
