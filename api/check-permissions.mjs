#!/usr/bin/env node
// The permission walk: every operation of portal-api.yaml × every identity × every relation
// of the resource to the caller's account, against the table in permissions.yaml, on a real
// qm-portal with the demo supplier (QM_PORTAL_BIN, QM_TEST_BACKEND as check-responses.mjs).
//
// Identities: each role of Bayside Marine Group (viewer, buyer, approver, account admin), a
// buyer of its subsidiary Boatyard Services, a buyer of Cedar Ridge (another customer), no
// token, a tampered token, a revoked token and an expired one (from a second portal whose
// access tokens live one second). Resources: a saved list and an order of Bayside, of each
// subsidiary and of Cedar Ridge, a user, a ship-to location and the account code of each, and a
// product of each catalog. Then hostile input on every
// operation that takes a body or a path parameter: each answer must be a problem document
// below 500, and the portal must still answer its health check.
//
//   node check-permissions.mjs

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import YAML from 'yaml';

import { CheckFailure, DEMO_PASSWORD, FORM, form, openDemoPortal, request } from './portal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = YAML.parse(readFileSync(path.join(here, 'portal-api.yaml'), 'utf8'));
const table = YAML.parse(readFileSync(path.join(here, 'permissions.yaml'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// The demo's accounts: BMG is the parent of YARD and FLEET; CRF is another customer with its
// own catalog.
const ACTORS = [
    { name: 'BMG viewer', user: 'viewer@bayside.example', role: 'viewer', account: 'BMG', pricesToViewers: true },
    { name: 'BMG buyer', user: 'buyer@bayside.example', role: 'buyer', account: 'BMG' },
    { name: 'BMG approver', user: 'approver@bayside.example', role: 'approver', account: 'BMG' },
    { name: 'BMG admin', user: 'admin@bayside.example', role: 'account_admin', account: 'BMG' },
    { name: 'YARD buyer', user: 'buyer@yard.bayside.example', role: 'buyer', account: 'YARD' },
    { name: 'CRF viewer', user: 'viewer@cedarridge.example', role: 'viewer', account: 'CRF', pricesToViewers: false },
];
// Whose resources exist, and which buyer creates or reads them.
const OWNERS = { BMG: 'buyer@bayside.example', YARD: 'buyer@yard.bayside.example', FLEET: 'buyer@fleet.bayside.example', CRF: 'buyer@cedarridge.example' };
const PARENT = { YARD: 'BMG', FLEET: 'BMG' };
const CATALOG = { BMG: 'bayside', YARD: 'bayside', FLEET: 'bayside', CRF: 'cedar' };

function relation(actor, owner) {
    if (actor === owner) return 'own';
    if (PARENT[owner] === actor) return 'subsidiary';
    if (PARENT[actor] === owner) return 'parent';
    if (PARENT[actor] && PARENT[actor] === PARENT[owner]) return 'sibling';
    return 'other customer';
}

class Walk {
    constructor() {
        this.passed = 0;
        this.failures = [];
    }
    expect(label, ok, detail = '') {
        if (ok) {
            this.passed++;
        } else {
            this.failures.push(`${label}: ${detail}`);
            console.log(`FAIL  ${label}: ${detail}`);
        }
    }
}

const json = (body) => JSON.parse(body.toString('utf8'));
const isProblem = (r) => (r.headers['content-type'] || '').startsWith('application/problem+json');

async function signIn(url, user) {
    const r = await request(url, 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'password', username: user, password: DEMO_PASSWORD }),
    });
    if (r.status !== 200)
        throw new CheckFailure(`sign-in of ${user} answered ${r.status}: ${r.body}`);
    return json(r.body);
}

// The operations of the contract ("GET /api/v1/me", ...) and the table's entries must match.
function operations(walk) {
    const inSpec = [];
    for (const [template, item] of Object.entries(spec.paths))
        for (const method of METHODS)
            if (item[method]) inSpec.push(`${method.toUpperCase()} ${template}`);
    const inTable = Object.keys(table.operations);
    for (const op of inSpec)
        walk.expect(`permission table has ${op}`, inTable.includes(op), 'add it to api/permissions.yaml');
    for (const op of inTable)
        walk.expect(`contract has ${op}`, inSpec.includes(op), 'the table names an operation the contract does not have');
    return inSpec.filter((op) => inTable.includes(op));
}

// Resources of each account, made or found through the API as their owners.
async function prepare(url) {
    const resources = { list: {}, order: {}, user: {}, location: {}, product: {}, account: {} };
    const skus = {};
    for (const [account, user] of Object.entries(OWNERS)) {
        const tokens = await signIn(url, user);
        const auth = { Authorization: `Bearer ${tokens.access_token}` };
        const id = randomUUID();
        const put = await request(url, 'PUT', `/api/v1/lists/${id}`, {
            headers: { ...auth, 'Content-Type': 'application/json', 'If-None-Match': '*', 'Idempotency-Key': randomUUID() },
            body: JSON.stringify({ name: `Walk ${account}`, lines: [] }),
        });
        if (put.status !== 201)
            throw new CheckFailure(`creating a list for ${account} answered ${put.status}: ${put.body}`);
        resources.list[account] = id;
        const orders = await request(url, 'GET', '/api/v1/sync/orders?limit=1', { headers: auth });
        const first = orders.status === 200 ? json(orders.body).items?.find((c) => c.op === 'upsert') : null;
        if (!first)
            throw new CheckFailure(`no order of ${account} in its orders feed (${orders.status})`);
        resources.order[account] = first.key;
        const me = await request(url, 'GET', '/api/v1/me', { headers: auth });
        const userId = me.status === 200 ? json(me.body).user?.id : null;
        if (!userId)
            throw new CheckFailure(`no user id for ${user} in /me (${me.status})`);
        resources.user[account] = String(userId);
        resources.account[account] = json(me.body).account.code;
        const locations = await request(url, 'GET', '/api/v1/locations', { headers: auth });
        const location = locations.status === 200 ? json(locations.body).locations?.[0] : null;
        if (!location)
            throw new CheckFailure(`no ship-to location of ${account} (${locations.status})`);
        resources.location[account] = String(location.id);
        if (!skus[CATALOG[account]]) {
            skus[CATALOG[account]] = new Set();
            let after = 0;
            for (;;) {
                const page = await request(url, 'GET', `/api/v1/sync/products?after=${after}&limit=1000`, { headers: auth });
                if (page.status !== 200)
                    throw new CheckFailure(`products feed of ${account} answered ${page.status}`);
                const body = json(page.body);
                for (const item of body.items)
                    if (item.op === 'upsert') skus[CATALOG[account]].add(item.key);
                if (!body.has_more) break;
                after = body.next;
            }
        }
    }
    // A product in one catalog only, for each catalog.
    for (const [catalog, mine] of Object.entries(skus)) {
        const others = Object.entries(skus).filter(([c]) => c !== catalog).flatMap(([, set]) => [...set]);
        resources.product[catalog] = [...mine].find((sku) => !others.includes(sku));
        if (!resources.product[catalog])
            throw new CheckFailure(`every product of the ${catalog} catalog is in another catalog too`);
    }
    return resources;
}

// The request that exercises `op` with path parameters filled in from `params`.
function buildRequest(op, params) {
    const [method, template] = op.split(' ');
    const target = template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(params[name]));
    const headers = {};
    let body;
    if (method === 'PUT' || method === 'POST' || method === 'DELETE') {
        headers['Idempotency-Key'] = randomUUID();
    }
    if (op === 'PUT /api/v1/lists/{id}') {
        headers['If-Match'] = '"1"';
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify({ name: 'Walked', lines: [] });
    } else if (op === 'DELETE /api/v1/lists/{id}') {
        headers['If-Match'] = '"999"'; // never the current version: nothing is deleted
    } else if (method === 'POST') {
        headers['Content-Type'] = 'application/json';
        body = '{}';
    }
    const query = template.startsWith('/api/v1/sync/') ? '?limit=1' : '';
    return { method, target: target + query, headers, body };
}

function capabilityOf(entry, params) {
    if (typeof entry.needs === 'string')
        return entry.needs;
    const [param, map] = Object.entries(entry.needs)[0];
    return map[params[param]];
}

function capabilitiesOf(actor) {
    const caps = [...table.roles[actor.role]];
    if (actor.role === 'viewer' && actor.pricesToViewers)
        caps.push('prices:read');
    return caps;
}

// Every combination of path parameters the walk uses for `op`, each with the account or
// catalog it belongs to (null when the operation names no resource).
function parameterSets(op, entry, resources) {
    if (op.includes('{feed}'))
        return Object.keys(entry.needs.feed).map((feed) => ({ params: { feed }, owner: null }));
    if (entry.resource === 'list')
        return Object.entries(resources.list).map(([owner, id]) => ({ params: { id }, owner }));
    if (entry.resource === 'order')
        return Object.entries(resources.order).map(([owner, number]) => ({ params: { number }, owner }));
    if (entry.resource === 'user' || entry.resource === 'location')
        return Object.entries(resources[entry.resource]).map(([owner, id]) => ({ params: { id }, owner }));
    if (entry.resource === 'account')
        return Object.entries(resources.account).map(([owner, code]) => ({ params: { code }, owner }));
    if (entry.resource === 'product')
        return Object.entries(resources.product).map(([catalog, sku]) => ({ params: { sku }, catalog }));
    return [{ params: {}, owner: null }];
}

async function walkIdentities(walk, url, expiredUrl, ops, resources) {
    const tokens = {};
    for (const actor of ACTORS)
        tokens[actor.name] = await signIn(url, actor.user);
    // /me reports exactly the table's capabilities.
    for (const actor of ACTORS) {
        const me = await request(url, 'GET', '/api/v1/me', { headers: { Authorization: `Bearer ${tokens[actor.name].access_token}` } });
        const reported = me.status === 200 ? [...(json(me.body).permissions || [])].sort() : [];
        walk.expect(`/me capabilities of ${actor.name}`, JSON.stringify(reported) === JSON.stringify(capabilitiesOf(actor).sort()),
            `reported ${JSON.stringify(reported)}, table ${JSON.stringify(capabilitiesOf(actor).sort())}`);
    }
    const valid = tokens['BMG buyer'].access_token;
    const tampered = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');
    const revokedTokens = await signIn(url, 'buyer@bayside.example');
    const revoke = await request(url, 'POST', '/api/v1/auth/revoke', {
        headers: { 'Content-Type': FORM }, body: form({ token: revokedTokens.access_token }),
    });
    walk.expect('revoking an access token', revoke.status === 200, `status ${revoke.status}`);
    const expired = (await signIn(expiredUrl, 'buyer@bayside.example')).access_token;
    await new Promise((resolve) => setTimeout(resolve, 2100));

    let combinations = 0;
    for (const op of ops) {
        const entry = table.operations[op];
        if (entry.auth === 'none')
            continue;
        for (const set of parameterSets(op, entry, resources)) {
            const unauthenticated = [
                ['no token', url, null],
                ['a tampered token', url, tampered],
                ['a revoked token', url, revokedTokens.access_token],
                ['an expired token', expiredUrl, expired],
            ];
            for (const [label, base, token] of unauthenticated) {
                const req = buildRequest(op, set.params);
                if (token) req.headers.Authorization = `Bearer ${token}`;
                const r = await request(base, req.method, req.target, req);
                combinations++;
                walk.expect(`${op} ${JSON.stringify(set.params)} with ${label}`, r.status === 401 && isProblem(r),
                    `status ${r.status}, expected 401`);
            }
            for (const actor of ACTORS) {
                const req = buildRequest(op, set.params);
                req.headers.Authorization = `Bearer ${tokens[actor.name].access_token}`;
                const r = await request(url, req.method, req.target, req);
                combinations++;
                const capability = capabilityOf(entry, set.params);
                const allowedByRole = capability === 'any' || capabilitiesOf(actor).includes(capability);
                let expected;
                let why;
                if (!allowedByRole) {
                    expected = (s) => s === 403;
                    why = `403 (${actor.role} lacks ${capability})`;
                } else if (set.owner && set.owner !== actor.account &&
                           !(entry.reach === 'subtree' && relation(actor.account, set.owner) === 'subsidiary')) {
                    expected = (s) => s === 404;
                    why = `404 (the ${relation(actor.account, set.owner)}'s ${entry.resource})`;
                } else if (set.catalog && set.catalog !== CATALOG[actor.account]) {
                    expected = (s) => s === 404;
                    why = '404 (a product of another catalog)';
                } else {
                    expected = (s) => s < 500 && ![401, 403, 404].includes(s);
                    why = 'allowed (not 401, 403, 404 or 5xx)';
                }
                const label = `${op} ${JSON.stringify(set.params)}${set.owner ? ` of ${set.owner}` : ''} as ${actor.name}`;
                walk.expect(label, expected(r.status) && (r.status < 400 || isProblem(r)),
                    `status ${r.status}, expected ${why}${r.status >= 400 ? `: ${r.body.toString('utf8').slice(0, 160)}` : ''}`);
            }
        }
    }
    return combinations;
}

// Hostile input: each answer a problem document below 500; the portal keeps serving.
async function walkHostile(walk, url, ops, resources) {
    const tokens = await signIn(url, 'admin@bayside.example');
    const auth = `Bearer ${tokens.access_token}`;
    let nested = '';
    for (let i = 0; i < 5000; i++) nested += '{"a":';
    nested += '1' + '}'.repeat(5000);
    const bodies = [
        ['malformed JSON', '{"name": "x",'],
        ['deeply nested JSON', nested],
        ['an array instead of an object', '[1, 2, 3]'],
        ['wrong types', '{"name": 42, "lines": "all", "ship_to": [], "client_order_id": {}}'],
        ['SQL in every string', JSON.stringify({ name: "x'); DROP TABLE orders; --", lines: [{ sku: "' OR 1=1 --", quantity: '1' }], ship_to: "'; DELETE FROM users; --", client_order_id: "' OR ''='" })],
        ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ];
    const hostileParams = ['..%2F..%2F..%2Fetc%2Fpasswd', '%00', "x'%20OR%20'1'%3D'1", '%E2%80%AE', 'a'.repeat(3000)];
    let count = 0;
    for (const op of ops) {
        const [method, template] = op.split(' ');
        if (op === 'POST /api/v1/auth/token' || op === 'POST /api/v1/auth/revoke')
            continue; // form endpoints: covered by tst_portalerrors and the fuzzers
        const params = { id: resources.list.BMG, number: resources.order.BMG, sku: resources.product.bayside, code: resources.account.BMG, feed: 'products', slug: 'not-found' };
        if (['POST', 'PUT'].includes(method)) {
            for (const [label, body] of bodies) {
                const req = buildRequest(op, params);
                req.headers.Authorization = auth;
                req.headers['Content-Type'] = 'application/json';
                const r = await request(url, method, req.target, { headers: req.headers, body });
                count++;
                walk.expect(`${op} with ${label}`, r.status >= 400 && r.status < 500 && isProblem(r),
                    `status ${r.status}: ${r.body.toString('utf8').slice(0, 160)}`);
            }
        }
        for (const name of template.match(/\{([^}]+)\}/g) || []) {
            for (const value of hostileParams) {
                const target = template.replace(/\{([^}]+)\}/g, (m, p) => (m === name ? value : encodeURIComponent(params[p])));
                const req = buildRequest(op, params);
                req.headers.Authorization = auth;
                const r = await request(url, method, target, { headers: req.headers, body: req.body });
                count++;
                walk.expect(`${op} with ${name} = ${value.slice(0, 40)}`, r.status >= 400 && r.status < 500 && isProblem(r),
                    `status ${r.status}: ${r.body.toString('utf8').slice(0, 160)}`);
            }
        }
    }
    const health = await request(url, 'GET', '/api/v1/health');
    walk.expect('health after the hostile input', health.status === 200, `status ${health.status}`);
    return count;
}

async function main() {
    const backend = process.env.QM_TEST_BACKEND || 'sqlite';
    const walk = new Walk();
    const portals = [];
    try {
        const portal = await openDemoPortal(backend, ['--products', '200', '--login-attempts-per-address', '0']);
        portals.push(portal);
        const short = await openDemoPortal(backend, ['--products', '50', '--access-token-ttl', '1']);
        portals.push(short);
        console.log(`walking ${portal.url} (${backend}); expired tokens from ${short.url}`);
        const ops = operations(walk);
        const resources = await prepare(portal.url);
        const combinations = await walkIdentities(walk, portal.url, short.url, ops, resources);
        const hostile = await walkHostile(walk, portal.url, ops, resources);
        console.log(`\n${ops.length} operations; ${combinations} identity × resource requests; ${hostile} hostile requests`);
    } catch (e) {
        if (!(e instanceof CheckFailure))
            throw e;
        walk.failures.push(e.message);
        console.log(`FAIL  ${e.message}`);
    } finally {
        for (const portal of portals) {
            const code = await portal.stop();
            walk.expect('qm-portal exits cleanly on SIGTERM', code === 0, `exit code ${code}`);
        }
    }
    console.log(`${walk.failures.length ? 'FAILED' : 'passed'}: ${walk.passed} passed, ${walk.failures.length} failed`);
    return walk.failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
    console.error(`check-permissions: ${e instanceof CheckFailure ? e.message : e.stack}`);
    process.exit(1);
});
