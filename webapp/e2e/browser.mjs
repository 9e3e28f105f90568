// What the browser checks share: where the server serves the plugin's bundle, a headless
// Chromium (Debian's, never downloaded) with a fresh profile, a login, and the host page on
// the server's own origin with the bundle loaded and the plugin initialized.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {chromium} from 'playwright-core';

import {hostPageHTML, mountRegistrations} from './host-page.mjs';

export const PLUGIN_ID = 'concierge';
export const webappDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// createReport prints one line per check and, at finish, "N passed, N failed"; finish
// exits 1 on any failure (or with the code given).
export function createReport() {
    const results = [];
    return {
        check(name, ok, detail = '') {
            results.push(ok);
            console.log(`${ok ? 'ok' : 'not ok'} - ${name}${detail ? ` (${detail})` : ''}`);
            return ok;
        },
        finish(code) {
            const failed = results.filter((r) => !r).length;
            console.log(`${results.length - failed} passed, ${failed} failed`);
            process.exit(code ?? (failed ? 1 : 0));
        },
    };
}

// check(name, ok, detail) records one result; findBundle returns the bundle URL or undefined.
export async function findBundle(mmURL, check) {
    try {
        const res = await fetch(`${mmURL}/api/v4/plugins/webapp`, {headers: {'X-Requested-With': 'XMLHttpRequest'}});
        const manifests = res.ok ? await res.json() : [];
        const ours = Array.isArray(manifests) ? manifests.find((m) => m.id === PLUGIN_ID) : undefined;
        let bundlePath = ours?.webapp?.bundle_path;
        check('server lists the concierge webapp plugin', res.ok && Boolean(bundlePath), `HTTP ${res.status}, bundle_path ${bundlePath}`);
        if (!bundlePath) {
            return undefined;
        }
        // Same rewrite as Mattermost's loadPlugin: manifests say /static/<id>/, files live under /static/plugins/<id>/.
        if (bundlePath.includes('/static/') && !bundlePath.includes('/static/plugins/')) {
            bundlePath = bundlePath.replace('/static/', '/static/plugins/');
        }
        const bundleURL = `${mmURL}${bundlePath}`;
        const b = await fetch(bundleURL);
        check('bundle is served', b.ok && (await b.text()).includes(PLUGIN_ID), `GET ${bundlePath} → ${b.status}`);
        return bundleURL;
    } catch (err) {
        check('server lists the concierge webapp plugin', false, String(err));
        return undefined;
    }
}

// withBrowser runs fn(context) in a fresh headless Chromium and always cleans up.
export async function withBrowser(env, fn) {
    const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'concierge-chromium-'));
    let context;
    try {
        // A persistent context is how Playwright takes a --user-data-dir; a fresh empty one each run.
        context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: env.CHROMIUM || '/usr/bin/chromium',
            headless: true,
            // The host page is fulfilled by the test, not loaded from the server, so Chromium
            // counts it as public and would block its websocket to the server's local address.
            args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=LocalNetworkAccessChecks'],
            viewport: {width: 900, height: 800},
        });
        await fn(context);
    } finally {
        await context?.close().catch(() => {});
        await rm(userDataDir, {recursive: true, force: true});
    }
}

// login puts a session in the context's cookie jar (MM_TOKEN, or MM_USER + MM_PASSWORD);
// false when the login failed.
async function login(ctx, env, mmURL, check) {
    if (env.MM_TOKEN) {
        await ctx.addCookies([{name: 'MMAUTHTOKEN', value: env.MM_TOKEN, url: mmURL}]);
        return true;
    }
    if (env.MM_USER && env.MM_PASSWORD) {
        // The context's request API shares the cookie jar, so the session cookie reaches the page.
        const res = await ctx.request.post(`${mmURL}/api/v4/users/login`, {
            data: {login_id: env.MM_USER, password: env.MM_PASSWORD},
            headers: {'X-Requested-With': 'XMLHttpRequest'},
        });
        return check(`log in as ${env.MM_USER}`, res.ok(), `HTTP ${res.status()}`);
    }
    return true;
}

// openHostPage logs in (null when that failed) and serves the host page from the server's
// origin (intercepted, never sent), so the plugin's relative API calls and the session
// cookie behave as inside Mattermost. It returns the page, not yet opened (the caller goes
// to HOST_PAGE), and the page errors it will collect.
export const HOST_PAGE = '/__concierge_bundle_check/index.html';

export async function openHostPage(ctx, {env, mmURL, bundleURL, locale, check}) {
    if (!await login(ctx, env, mmURL, check)) {
        return null;
    }
    const page = ctx.pages()[0] ?? await ctx.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const hostBase = `${mmURL}/__concierge_bundle_check`;
    const umd = (pkg, file) => path.join(webappDir, 'node_modules', pkg, 'umd', file);
    const assets = {
        '/react.js': await readFile(umd('react', 'react.production.min.js')),
        '/react-dom.js': await readFile(umd('react-dom', 'react-dom.production.min.js')),
    };
    const html = hostPageHTML({bundleURL, reactURL: `${hostBase}/react.js`, reactDOMURL: `${hostBase}/react-dom.js`, locale});
    await page.route(`${hostBase}/**`, (route) => {
        const p = new URL(route.request().url()).pathname.slice('/__concierge_bundle_check'.length);
        if (assets[p]) {
            return route.fulfill({status: 200, contentType: 'text/javascript', body: assets[p]});
        }
        return route.fulfill({status: 200, contentType: 'text/html', body: html});
    });
    return {page, pageErrors};
}

export async function initPlugin(page) {
    const loaded = await page.evaluate(() => window.__bundleLoaded);
    const ids = await page.evaluate(() => window.__check.pluginIds);
    const mounted = await page.evaluate(mountRegistrations, PLUGIN_ID);
    return {loaded: loaded.ok, ids, mounted};
}

// checkInBrowser is a check against the real server's bundle: the bundle found, the host
// page opened in a fresh Chromium with the session of env's user, the plugin initialized;
// then fn({page}) does the checking, and no page error may have happened meanwhile.
export async function checkInBrowser({env, mmURL, locale, timeout, check}, fn) {
    const bundleURL = await findBundle(mmURL, check);
    if (!bundleURL) {
        return;
    }
    try {
        await withBrowser(env, async (ctx) => {
            const opened = await openHostPage(ctx, {env, mmURL, bundleURL, locale, check});
            if (!opened) {
                return;
            }
            const {page, pageErrors} = opened;
            await page.goto(`${mmURL}${HOST_PAGE}`, {timeout});
            const {loaded, mounted} = await initPlugin(page);
            if (check('bundle loads and initializes', loaded && mounted.initialized)) {
                await fn({page});
            }
            check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
        });
    } catch (err) {
        check('browser run completed', false, err?.stack || String(err));
    }
}

// The host's dark theme, as Mattermost sets it: CSS variables on the page.
export const DARK = {'--center-channel-bg': '#1f1f1f', '--center-channel-color': '#dddddd', '--center-channel-color-rgb': '221, 221, 221',
    '--button-bg': '#4a7bd1', '--button-color': '#ffffff', '--link-color': '#7aa7ff'};

// setTheme puts vars (DARK) on the elements matching selector, with the background and
// text colour the host paints from them; null takes them off again.
export async function setTheme(page, selector, vars) {
    await page.$$eval(selector, (els, [v, fallback]) => {
        for (const el of els) {
            Object.keys(fallback).forEach((k) => el.style.removeProperty(k));
            el.style.background = '';
            el.style.color = '';
            if (v) {
                Object.entries(v).forEach(([k, val]) => el.style.setProperty(k, val));
                el.style.background = v['--center-channel-bg'];
                el.style.color = v['--center-channel-color'];
            }
        }
    }, [vars, DARK]);
}
