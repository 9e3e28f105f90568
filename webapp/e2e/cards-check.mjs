#!/usr/bin/env node
// Renders Concierge card posts of a real server with the bundle it serves, in headless
// Chromium, and presses Confirm on a refund card against the real plugin.
//
//   MM_URL=… MM_USER=<customer> MM_PASSWORD=… POSTS=<id,id,…> CONFIRM_POST=<id> node e2e/cards-check.mjs
//
// Environment (besides MM_URL, MM_USER, MM_PASSWORD, CHROMIUM, TIMEOUT_MS of bundle-check.mjs):
//   POSTS           post ids to render with the component registered for their type
//   CONFIRM_POST    a refund card among them: press its Confirm button
//   EXPECT_STATE    the refund state the card must reach after the press (default refunded)
//   RATE_POST       a rating card among them: press its RATE star button (default 4)
//   LOCALE          the reader's locale, en (default) or zh-CN
//   SCREENSHOT_DIR  write cards-light.png, cards-dark.png (before the press) and cards-confirmed.png (after) here
//
// Prints one line per check and "N passed, N failed"; exits 1 on any failure, 2 on bad usage.
import path from 'node:path';

import {checkInBrowser, createReport, DARK, setTheme} from './browser.mjs';
import {connectSocket, renderPost} from './host-page.mjs';

const env = process.env;
const mmURL = (env.MM_URL || '').replace(/\/+$/, '');
const postIds = (env.POSTS || '').split(',').map((s) => s.trim()).filter(Boolean);
const confirmId = env.CONFIRM_POST || '';
const expectState = env.EXPECT_STATE || 'refunded';
const rateId = env.RATE_POST || '';
const rate = Number(env.RATE || 4);
const locale = env.LOCALE || 'en';
const timeout = Number(env.TIMEOUT_MS || 20000);
const zh = locale.toLowerCase().startsWith('zh');
if (!mmURL || postIds.length === 0) {
    console.error('set MM_URL and POSTS (and MM_USER, MM_PASSWORD)');
    process.exit(2);
}

const {check, finish} = createReport();

await checkInBrowser({env, mmURL, locale, timeout, check}, run);
finish();

async function run({page}) {

    // The post as any client reads it: GET /api/v4/posts/<id> with the session.
    const getPost = (id) => page.evaluate(async (u) => {
        const r = await fetch(u, {credentials: 'include', headers: {'X-Requested-With': 'XMLHttpRequest'}});
        return r.ok ? r.json() : null;
    }, `${mmURL}/api/v4/posts/${id}`);

    for (const id of postIds) {
        const post = await getPost(id);
        const view = post?.props?.concierge_view;
        if (!check(`post ${id} is a card post`, Boolean(post && post.type?.startsWith('custom_concierge_') && view), post ? `type ${post.type}` : 'not readable')) {
            continue;
        }
        const rendered = await page.evaluate(renderPost, post);
        check(`a component is registered for ${post.type}`, rendered);
        const sel = `#post-${id} [data-testid=concierge-post]`;
        const shown = await page.waitForSelector(sel, {timeout}).then(() => true, () => false);
        const txt = shown ? await page.$eval(`#post-${id}`, (e) => e.textContent) : '';
        for (const c of view.cards) {
            const el = await page.$(`#post-${id} [data-testid=card-${c.kind}]`);
            check(`${post.type}: the ${c.kind} card renders`, Boolean(el));
            // Items by product name, never by SKU id.
            const items = [...(c.price?.lines ?? []), ...(c.refund?.lines ?? []), ...(c.compare?.products ?? []), ...(c.product ? [c.product] : [])];
            for (const it of items) {
                check(`${c.kind} card names "${it.name}"`, txt.includes(it.name), txt.slice(0, 200));
            }
            if (c.price) {
                check('price card shows each step', c.price.steps.every((s) => txt.includes(s.title)), JSON.stringify(c.price.steps.map((s) => s.title)));
            }
        }
    }

    const shot = (name) => env.SCREENSHOT_DIR && page.locator('#posts').screenshot({path: path.join(env.SCREENSHOT_DIR, name)});
    await shot('cards-light.png');
    await setTheme(page, '#posts', DARK);
    const darkColor = await page.$eval('#posts [data-testid^=card-]', (e) => getComputedStyle(e).color).catch(() => '');
    check('cards follow the host theme (dark)', darkColor === 'rgb(221, 221, 221)', darkColor);
    await shot('cards-dark.png');
    await setTheme(page, '#posts', null);

    // A press is followed as the host follows it: the plugin edits the post, the server
    // says so on the websocket (post_edited) and the post is rendered again.
    const connected = await page.evaluate(connectSocket, `${mmURL.replace(/^http/, 'ws')}/api/v4/websocket`);
    check('the page listens on the Mattermost websocket', connected === true, String(connected));
    if (confirmId) {
        const button = page.locator(`#post-${confirmId} [data-testid=card-refund] button`, {hasText: zh ? '确认' : 'Confirm'});
        if (await press(page, confirmId, 'confirm', button, `[data-testid=card-refund][data-state=${expectState}]`, `reads ${expectState}`)) {
            const left = await page.locator(`#post-${confirmId} [data-testid=card-refund] button`).count();
            check('no button is left on the settled card', left === 0, `${left} buttons`);
            await shot('cards-confirmed.png');
        }
    }
    if (rateId) {
        const button = page.getByRole('button', {name: zh ? `评 ${rate} 分（满分 5）` : `Rate ${rate} of 5`});
        if (await press(page, rateId, `csat${rate}`, button, `[data-testid=card-csat][data-score="${rate}"]`, `thanks for ${rate} stars`)) {
            check('no star is left to press', await page.locator(`#post-${rateId} button`).count() === 0);
        }
    }
}

// press clicks button on post id (the post action actionId through Mattermost) and waits
// for the post, re-rendered from the server's edit, to show settled.
async function press(page, id, actionId, button, settled, what) {
    if (!check(`post ${id} offers ${actionId}`, await button.count() === 1)) {
        return false;
    }
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v4/posts/${id}/actions/${actionId}`), {timeout});
    await button.click();
    const res = await answered.catch(() => null);
    check(`${actionId} goes through Mattermost's post action`, res?.status() === 200, res ? `HTTP ${res.status()}` : 'no request');
    const done = await page.waitForSelector(`#post-${id} ${settled}`, {timeout}).then(() => true, () => false);
    return check(`the card ${what} after the press, from the server's edit`, done, await page.$eval(`#post-${id}`, (e) => e.textContent).catch(() => ''));
}
