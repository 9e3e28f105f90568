#!/usr/bin/env node
// What staff and admins look at, from a real server with the bundle it serves, in headless
// Chromium: the staff side panel (a customer's card, an FAQ proposal approved in the panel)
// and the System Console pages (knowledge import with a refused file, the model test, the
// analytics charts), in the light and the dark theme.
//
//   MM_URL=… MM_USER=admin MM_PASSWORD=… node e2e/console-check.mjs
//
// Environment (besides MM_URL, MM_USER, MM_PASSWORD, CHROMIUM, TIMEOUT_MS of bundle-check.mjs;
// the user must be a system admin, who is staff too):
//   OPEN_CUSTOMER   a customer waiting for staff: open their card in the panel; OPEN_TIER their tier;
//                   OPEN_CONVERSATION their conversation: taken over behind the panel's back (a
//                   plain API call), the panel must follow from the websocket event alone
//   FAQ_QUESTION    the question of an FAQ proposal waiting for review: approve it in the panel
//   PRODUCTS        the number of products imported, as the knowledge page must show it
//   BAD_FILE        a catalog file the server refuses; BAD_PATHS the JSON paths it must list (comma-separated)
//   LOCALE          en (default) or zh-CN
//   SCREENSHOT_DIR  write panel.png, panel-dark.png, console-knowledge.png, console-analytics.png and
//                   console-analytics-dark.png here
//
// Prints one line per check and "N passed, N failed"; exits 1 on any failure, 2 on bad usage.
import path from 'node:path';

import {checkInBrowser, createReport, DARK, setTheme} from './browser.mjs';
import {connectSocket, mountConsole} from './host-page.mjs';

const env = process.env;
const mmURL = (env.MM_URL || '').replace(/\/+$/, '');
const locale = env.LOCALE || 'en';
const timeout = Number(env.TIMEOUT_MS || 20000);
const zh = locale.toLowerCase().startsWith('zh');
if (!mmURL || !env.MM_USER) {
    console.error('set MM_URL, MM_USER and MM_PASSWORD (a system admin)');
    process.exit(2);
}
const text = {
    details: (who) => `${zh ? '详情' : 'Details'} ${who}`,
    approve: zh ? '通过' : 'Approve',
    takeOver: zh ? '接管' : 'Take over',
    handBack: zh ? '交还机器人' : 'Hand back',
    importButton: zh ? '导入' : 'Import',
    modelButton: zh ? '测试大模型连接' : 'Test the model connection',
    products: zh ? '商品' : 'products',
};

const {check, finish} = createReport();
await checkInBrowser({env, mmURL, locale, timeout, check}, run);
finish();

async function run({page}) {
    const shot = (selector, name) => env.SCREENSHOT_DIR && page.locator(selector).screenshot({path: path.join(env.SCREENSHOT_DIR, name)});
    const found = (selector) => page.waitForSelector(selector, {timeout}).then(() => true, () => false);

    await panel(page, shot, found);
    const keys = await page.evaluate(mountConsole);
    check('registers the three System Console pages', ['KnowledgeImport', 'ModelConnection', 'Analytics'].every((k) => keys.includes(k)), JSON.stringify(keys));
    await knowledge(page, shot, found);
    await model(page, found);
    await analytics(page, shot, found);
}

async function panel(page, shot, found) {
    if (!check('staff panel renders', await found('#rhs [role=tablist]'))) {
        return;
    }
    if (env.OPEN_CUSTOMER) {
        const details = page.getByRole('button', {name: text.details(env.OPEN_CUSTOMER)});
        const listed = await details.waitFor({timeout}).then(() => true, () => false);
        if (check(`${env.OPEN_CUSTOMER} is listed as waiting for staff`, listed)) {
            await details.click();
            const tier = await found('#rhs [data-testid=customer-panel] [data-testid=customer-tier]') ?
                await page.$eval('#rhs [data-testid=customer-tier]', (e) => e.textContent) : '';
            const sizes = await page.locator('#rhs [data-testid=customer-size]').count();
            const orders = await page.locator('#rhs [data-testid=customer-order]').count();
            check('the customer card shows the tier, the order and the size mentioned', tier === (env.OPEN_TIER || tier) && tier && orders > 0 && sizes > 0,
                `tier ${tier}, ${orders} orders, ${sizes} sizes`);
        }
    }
    const row = env.FAQ_QUESTION ? page.locator('#rhs [data-testid=faq-proposal]', {hasText: env.FAQ_QUESTION}) : null;
    if (row) {
        check('the FAQ proposal waits for review in the panel', await row.waitFor({timeout}).then(() => true, () => false));
    }
    await shot('#rhs', 'panel.png');
    await setTheme(page, '#rhs', DARK);
    const dark = await page.$eval('#rhs .concierge-rhs', (e) => getComputedStyle(e).color).catch(() => '');
    check('the panel follows the host theme (dark)', dark === 'rgb(221, 221, 221)', dark);
    await shot('#rhs', 'panel-dark.png');
    await setTheme(page, '#rhs', null);

    if (env.OPEN_CONVERSATION) {
        await live(page, found);
    }
    if (row && await row.count() === 1) {
        const answered = page.waitForResponse((r) => r.url().includes('/faq/proposals/') && r.request().method() === 'POST', {timeout});
        await row.getByRole('button', {name: text.approve, exact: true}).click();
        const res = await answered.catch(() => null);
        check('Approve in the panel goes to the plugin', res?.status() === 200, res ? `HTTP ${res.status()}` : 'no request');
        const gone = await row.waitFor({state: 'detached', timeout}).then(() => true, () => false);
        check('the approved proposal leaves the panel', gone);
    }
}

// The panel follows a change it did not make: the conversation open in it is taken over
// through the API directly, and only the server's websocket event can tell the panel.
async function live(page, found) {
    const connected = await page.evaluate(connectSocket, `${mmURL.replace(/^http/, 'ws')}/api/v4/websocket`);
    if (!check('the page listens on the Mattermost websocket', connected === true, String(connected))) {
        return;
    }
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const res = await page.request.post(`${mmURL}/plugins/concierge/api/v1/conversations/${encodeURIComponent(env.OPEN_CONVERSATION)}/state`, {
        data: {state: 'human'},
        headers: {'X-Requested-With': 'XMLHttpRequest', 'X-CSRF-Token': await csrfToken(page)},
    });
    check('taken over behind the panel\'s back', res.ok(), `HTTP ${res.status()}`);
    const details = page.getByRole('button', {name: text.details(env.OPEN_CUSTOMER)});
    const left = await details.waitFor({state: 'detached', timeout}).then(() => true, () => false);
    const events = await page.evaluate(() => window.__socketEvents);
    check('the conversation leaves the waiting list without a refresh', left, JSON.stringify(events));
    check('the open customer card follows: Hand back, no Take over', await found(`#rhs [data-testid=customer-panel] button:text-is("${text.handBack}")`) &&
        await page.locator(`#rhs [data-testid=customer-panel] button:text-is("${text.takeOver}")`).count() === 0);
    check('the panel read the list again on its own', requests.some((u) => u.includes('/api/v1/conversations?')));
}

async function csrfToken(page) {
    const cookies = await page.context().cookies(mmURL);
    return cookies.find((c) => c.name === 'MMCSRF')?.value ?? '';
}

async function knowledge(page, shot, found) {
    const root = '#console-KnowledgeImport';
    if (!check('knowledge page renders the current counts', await found(`${root} [data-testid=concierge-kb-catalog] >> text=/\\d/`))) {
        return;
    }
    if (env.PRODUCTS) {
        const want = `${new Intl.NumberFormat(locale).format(Number(env.PRODUCTS))} ${text.products}`;
        const got = await page.$eval(`${root} [data-testid=concierge-kb-catalog]`, (e) => e.textContent);
        check('the catalog count is the server\'s', got.includes(want), `${got} / ${want}`);
    }
    check('the search index is ready', await found(`${root} [data-testid=concierge-kb-index]`));
    if (!env.BAD_FILE) {
        return;
    }
    // Every progress bar the page shows is recorded, however briefly it is there.
    await page.evaluate((sel) => {
        window.__progressSeen = false;
        const el = document.querySelector(sel);
        const seen = () => {
            if (el.querySelector('[role=progressbar]')) {
                window.__progressSeen = true;
            }
        };
        new MutationObserver(seen).observe(el, {childList: true, subtree: true});
    }, root);
    await page.setInputFiles(`${root} input[type=file]`, env.BAD_FILE);
    await page.click(`${root} button:text-is("${text.importButton}")`);
    const table = await found(`${root} [data-testid=concierge-kb-problems]`);
    check('a progress bar follows the upload', await page.evaluate(() => window.__progressSeen));
    const paths = table ? await page.$$eval(`${root} [data-testid=concierge-kb-problems] tbody tr td:first-child`, (tds) => tds.map((td) => td.textContent)) : [];
    const want = (env.BAD_PATHS || '').split(',').filter(Boolean);
    check('the refused file\'s problems are listed by JSON path', table && want.every((p) => paths.includes(p)), JSON.stringify(paths));
    await shot(root, 'console-knowledge.png');
}

async function model(page, found) {
    const root = '#console-ModelConnection';
    await page.click(`${root} button:text-is("${text.modelButton}")`);
    check('the model test answers', await found(`${root} [role=status], ${root} [role=alert]`));
}

async function analytics(page, shot, found) {
    const root = '#console-Analytics';
    if (!check('analytics page shows the totals', await found(`${root} [data-testid=concierge-analytics-totals]`))) {
        return;
    }
    // Five charts: handoff rate, resolution, CSAT, top intents, busiest hours.
    const charts = await page.locator(`${root} svg[role=img]`).count();
    check('analytics draws its five charts', charts === 5, `${charts} charts`);
    const marks = await page.locator(`${root} [data-testid=chart-bar], ${root} [data-testid=chart-point]`).count();
    check('the charts carry the server\'s numbers', marks > 0, `${marks} marks`);
    await shot(root, 'console-analytics.png');
    await setTheme(page, '#console', DARK);
    const dark = await page.$eval(`${root} [data-testid=concierge-analytics]`, (e) => getComputedStyle(e).color).catch(() => '');
    check('the System Console pages follow the host theme (dark)', dark === 'rgb(221, 221, 221)', dark);
    await shot(root, 'console-analytics-dark.png');
}
