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
//   LOCALE          the reader's locale, en (default) or zh-CN
//   SCREENSHOT_DIR  write cards-light.png, cards-dark.png (before the press) and cards-confirmed.png (after) here
//
// Prints one line per check and "N passed, N failed"; exits 1 on any failure, 2 on bad usage.
import path from 'node:path';

import {checkInBrowser, createReport, DARK, setTheme} from './browser.mjs';
import {renderPost} from './host-page.mjs';

const env = process.env;
const mmURL = (env.MM_URL || '').replace(/\/+$/, '');
const postIds = (env.POSTS || '').split(',').map((s) => s.trim()).filter(Boolean);
const confirmId = env.CONFIRM_POST || '';
const expectState = env.EXPECT_STATE || 'refunded';
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
            const items = [...(c.price?.lines ?? []), ...(c.refund?.lines ?? [])];
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

    if (confirmId) {
        const confirmLabel = zh ? '确认' : 'Confirm';
        const button = page.locator(`#post-${confirmId} [data-testid=card-refund] button`, {hasText: confirmLabel});
        if (check('refund card offers Confirm', await button.count() === 1)) {
            const answered = page.waitForResponse((r) => r.url().includes(`/api/v4/posts/${confirmId}/actions/confirm`), {timeout});
            await button.click();
            const res = await answered.catch(() => null);
            check('Confirm goes through Mattermost\'s post action', res?.status() === 200, res ? `HTTP ${res.status()}` : 'no request');

            // The host re-renders a post when the server edits it (websocket post_edited);
            // here the post is read again until the plugin's update is there.
            const deadline = Date.now() + timeout;
            let post;
            for (;;) {
                post = await getPost(confirmId);
                const card = post?.props?.concierge_view?.cards?.find((c) => c.refund);
                if (card?.refund?.state === expectState || Date.now() > deadline) {
                    break;
                }
                await new Promise((r) => setTimeout(r, 250));
            }
            await page.evaluate(renderPost, post);
            const state = await page.waitForSelector(`#post-${confirmId} [data-testid=card-refund][data-state=${expectState}]`, {timeout})
                .then(() => expectState, async () => page.$eval(`#post-${confirmId} [data-testid=card-refund]`, (e) => e.dataset.state).catch(() => ''));
            check(`the card reads ${expectState} after Confirm`, state === expectState, `state ${state}`);
            const left = await page.locator(`#post-${confirmId} [data-testid=card-refund] button`).count();
            check('no button is left on the settled card', left === 0, `${left} buttons`);
            await shot('cards-confirmed.png');
        }
    }
}
