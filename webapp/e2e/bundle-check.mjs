#!/usr/bin/env node
// Loads the Concierge webapp bundle the way Mattermost does and checks that it registers its
// components and that the right-hand sidebar renders in a real browser (headless Chromium).
//
//   node e2e/bundle-check.mjs            against a running server (MM_URL)
//   node e2e/bundle-check.mjs --mock     against a built-in fake server serving dist/main.js
//
// Environment:
//   MM_URL        Mattermost site URL, e.g. http://127.0.0.1:8065 (required without --mock)
//   MM_USER       login id (username or email) to log in with; with MM_PASSWORD
//   MM_PASSWORD   password for MM_USER
//   MM_TOKEN      a session or personal access token, sent as the MMAUTHTOKEN cookie (instead of a login)
//   EXPECT        what the RHS must show: staff (tabs and stats), denied (staff-only, 403),
//                 unauthenticated (401), or any of these (default: any). With --mock it also
//                 decides how the fake server answers.
//   LOCALE        the fake user's Mattermost locale: en (default) or zh-CN
//   CHROMIUM      browser executable (default /usr/bin/chromium); never downloaded
//   SCREENSHOT    write a PNG of the host page here
//   TIMEOUT_MS    how long to wait for each step (default 15000)
//   BUNDLE_FILE   bundle served by --mock (default dist/main.js; run `npm run build` first)
//
// Prints one line per check and ends with "N passed, N failed"; exits 1 on any failure.
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {PLUGIN_ID, createReport, findBundle, initPlugin, HOST_PAGE, openHostPage, webappDir, withBrowser} from './browser.mjs';
import {startMockServer} from './mock-server.mjs';
const env = process.env;
const argv = process.argv.slice(2);

if (argv.includes('--help') || argv.includes('-h')) {
    const src = await readFile(fileURLToPath(import.meta.url), 'utf8');
    process.stdout.write(src.split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
    process.exit(0);
}

const mock = argv.includes('--mock') || env.MOCK === '1';
const expectKind = env.EXPECT || 'any';
const locale = env.LOCALE || 'en';
const timeout = Number(env.TIMEOUT_MS || 15000);
const zh = locale.toLowerCase().startsWith('zh');
const text = {
    title: zh ? '智能客服' : 'Concierge',
    otherTitle: zh ? 'Concierge' : '智能客服',
    waitingTab: zh ? '等待人工' : 'Waiting for staff',
    statsHeading: zh ? '服务成效' : 'Outcomes',
};

if (!['any', 'staff', 'denied', 'unauthenticated'].includes(expectKind)) {
    console.error(`EXPECT must be any, staff, denied or unauthenticated, not ${expectKind}`);
    process.exit(2);
}

const {check, finish} = createReport();

let server;
let mmURL = (env.MM_URL || '').replace(/\/+$/, '');
if (mock) {
    const bundleFile = path.resolve(webappDir, env.BUNDLE_FILE || 'dist/main.js');
    if (!existsSync(bundleFile)) {
        console.error(`${bundleFile} is missing: run \`npm run build\` first`);
        process.exit(2);
    }
    const role = {denied: 'customer', unauthenticated: 'anonymous'}[expectKind] || 'staff';
    server = await startMockServer({bundleFile, pluginId: PLUGIN_ID, role});
    mmURL = server.url;
    console.log(`# mock server at ${mmURL} answering as ${role}`);
} else if (!mmURL) {
    console.error('set MM_URL (e.g. http://127.0.0.1:8065) or pass --mock; --help lists the variables');
    process.exit(2);
}

// 1. The server lists the plugin and where its bundle is (GET /api/v4/plugins/webapp needs no session).
const bundleURL = await findBundle(mmURL, check);
if (!bundleURL) {
    await server?.close();
    finish(1);
}

try {
    await withBrowser(env, run);
} catch (err) {
    check('browser run completed', false, err?.stack || String(err));
} finally {
    await server?.close();
}
finish();

async function run(ctx) {
    const opened = await openHostPage(ctx, {env, mmURL, bundleURL, locale, check});
    if (!opened) {
        return;
    }
    const {page, pageErrors} = opened;
    const apiRequests = [];
    page.on('request', (r) => {
        if (r.url().includes(`/plugins/${PLUGIN_ID}/api/v1/`)) {
            apiRequests.push({url: r.url(), headers: r.headers()});
        }
    });
    await page.goto(`${mmURL}${HOST_PAGE}`, {timeout});

    const {loaded, ids, mounted} = await initPlugin(page);
    check('bundle script loads in the browser', loaded);
    check('bundle calls registerPlugin("concierge")', ids.includes(PLUGIN_ID), `ids ${JSON.stringify(ids)}`);
    check('plugin has initialize()', mounted.initialized);
    const rhs = mounted.registrations.find((r) => r.kind === 'rhs');
    const btn = mounted.registrations.find((r) => r.kind === 'channelHeaderButton');
    check('registers a right-hand sidebar component', Boolean(rhs?.componentIsFunction));
    check('registers a channel header button with an action', Boolean(btn?.actionIsFunction));
    const types = mounted.registrations.filter((r) => r.kind === 'postType').map((r) => r.type);
    check('registers the card post types', ['price', 'product', 'compare', 'refund', 'handoff', 'csat'].every((k) => types.includes(`custom_concierge_${k}`)), JSON.stringify(types));
    check('listens to the conversation and FAQ proposal events', ['custom_concierge_conversation', 'custom_concierge_faq'].every((e) => mounted.registrations.some((r) => r.kind === 'websocket' && r.event === e)));

    await page.waitForFunction((t) => document.getElementById('title')?.textContent === t, text.title, {timeout})
        .then(() => check('RHS title is localized', true, text.title), async () => check('RHS title is localized', false, await textOf(page, '#title')));

    const panel = await page.waitForSelector('#rhs [role=tablist], #rhs [data-testid=access-denied]', {timeout}).catch(() => null);
    if (!check('RHS renders', Boolean(panel))) {
        return;
    }
    const denied = await page.$('#rhs [data-testid=access-denied]');
    const shown = denied ? ((await denied.getAttribute('data-status')) === '401' ? 'unauthenticated' : 'denied') : 'staff';
    check(`RHS shows the ${expectKind === 'any' ? 'expected' : expectKind} view`, expectKind === 'any' || expectKind === shown, `shown: ${shown}`);

    if (shown === 'staff') {
        const tabs = await page.$$eval('#rhs [role=tab]', (els) => els.map((e) => e.textContent));
        check('four state tabs', tabs.length === 4 && tabs.includes(text.waitingTab), JSON.stringify(tabs));
        const list = await page.waitForSelector('#rhs [role=tabpanel] ul, #rhs [role=tabpanel] p:not(:empty)', {timeout}).catch(() => null);
        const generic = await page.$('#rhs [role=tabpanel] [role=alert]');
        check('conversation list loads', Boolean(list) && !generic, generic ? await generic.textContent() : '');
        const statsOk = await page.waitForSelector(`#rhs h3:text("${text.statsHeading}")`, {timeout}).then(() => true, () => false);
        check('outcome numbers render', statsOk);
        if (mock) {
            const rows = await page.$$eval('#rhs [data-testid=conversation-row]', (els) => els.map((e) => e.getAttribute('data-state')));
            check('mock: waiting_human tab lists its two conversations', rows.length === 2 && rows.every((s) => s === 'waiting_human'), JSON.stringify(rows));
        }
    }

    check('plugin API calls carry X-Requested-With', apiRequests.length > 0 && apiRequests.every((r) => r.headers['x-requested-with'] === 'XMLHttpRequest'),
        `${apiRequests.length} calls`);
    if (server) {
        check('mock: server saw the header too', server.apiRequests.length > 0 && server.apiRequests.every((r) => r.headers['x-requested-with'] === 'XMLHttpRequest'));
    }

    await page.click('#header-button button');
    const dispatched = await page.evaluate(() => window.__check.dispatched);
    check('header button dispatches the RHS toggle', dispatched.some((a) => a?.type === 'TOGGLE_RHS'), JSON.stringify(dispatched));

    await page.evaluate((l) => window.__setLocale(l), zh ? 'en' : 'zh-CN');
    await page.waitForFunction((t) => document.getElementById('title')?.textContent === t, text.otherTitle, {timeout})
        .then(() => check('locale change re-renders', true), async () => check('locale change re-renders', false, await textOf(page, '#title')));

    if (env.SCREENSHOT) {
        await page.evaluate((l) => window.__setLocale(l), locale);
        await page.waitForFunction((t) => document.getElementById('title')?.textContent === t, text.title, {timeout});
        await page.screenshot({path: env.SCREENSHOT, fullPage: true});
        console.log(`# screenshot: ${env.SCREENSHOT}`);
    }
    check('no page errors', pageErrors.length === 0, pageErrors.join(' | '));
}

async function textOf(page, selector) {
    return (await page.$(selector).then((e) => e?.textContent())) ?? '';
}
