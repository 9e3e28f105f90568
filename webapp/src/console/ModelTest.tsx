// System Console: "test the model connection" — one tiny request to the saved model settings,
// answered with ok or the kind of failure and how long it took (never the key: the server
// does not send it).
import React, {useState} from 'react';

import type {Locale} from '../i18n';

import type {ConsoleApi} from './api';
import {consoleT, hasKey} from './messages';
import {ui} from './styles';
import type {ModelCheck} from './types';

interface Props {
    api: ConsoleApi;
    locale: Locale;
}

type State = {name: 'idle'} | {name: 'testing'} | {name: 'done'; check: ModelCheck} | {name: 'error'; message: string};

export default function ModelTest({api, locale}: Props) {
    const t = consoleT(locale);
    const [state, setState] = useState<State>({name: 'idle'});

    const run = async () => {
        setState({name: 'testing'});
        try {
            setState({name: 'done', check: await api.testModel()});
        } catch (e) {
            setState({name: 'error', message: (e as Error).message});
        }
    };

    let outcome: React.ReactNode = null;
    if (state.name === 'error') {
        outcome = <p role='alert' style={ui.error}>{t('common.error', {message: state.message})}</p>;
    } else if (state.name === 'done') {
        const c = state.check;
        const ms = new Intl.NumberFormat(locale).format(c.latency_ms);
        if (!c.configured) {
            outcome = <p role='status'>{t('model.offline')}</p>;
        } else if (c.ok) {
            outcome = <p role='status' style={ui.ok}>{t('model.ok', {model: c.model || '—', ms})}</p>;
        } else {
            const kind = c.kind ?? 'unavailable';
            const key = `model.kind.${kind}`;
            outcome = (
                <div role='alert' data-testid='concierge-model-failure'>
                    <p style={ui.error}>{t('model.fail', {kind, ms})}</p>
                    {hasKey(key) && <p>{t(key)}</p>}
                    {c.status ? <p>{t('model.httpStatus', {status: c.status})}</p> : null}
                    {c.message && <p style={ui.code}>{c.message}</p>}
                </div>
            );
        }
    }

    return (
        <div style={ui.panel} data-testid='concierge-model-test'>
            <p style={ui.intro}>{t('model.intro')}</p>
            <button type='button' style={{...ui.button, opacity: state.name === 'testing' ? 0.5 : 1}} disabled={state.name === 'testing'} onClick={() => void run()}>
                {state.name === 'testing' ? t('model.testing') : t('model.test')}
            </button>
            {outcome}
        </div>
    );
}
