#!/usr/bin/env node
// Checks real qm-portal responses against the contract in portal-api.yaml.
//
// Starts qm-portal (QM_PORTAL_BIN) with a fresh demo database — SQLite in a temporary
// folder, or a new database on the PostgreSQL server whose URL is in the file named by
// QM_TEST_PG_URL_FILE when QM_TEST_BACKEND=postgres — then exercises every operation:
// health, the token endpoint (password and refresh grants), /me for the demo users,
// saved lists (create, replace, replay, conflicts, delete), every feed paged to the end,
// a 410, price quotes, orders, account administration, and the error answers. Each response
// must have a status the contract declares for that operation, the declared Content-Type,
// and a body that validates against the declared schema (JSON Schema 2020-12, as
// OpenAPI 3.1 uses).
//
//   node check-responses.mjs [--url URL] [--products N]
//     --url URL      check a portal that is already running (with demo data) instead
//     --products N   demo catalogue size of the portal this script starts (default 300)

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

import { CheckFailure, DEMO_PASSWORD, DEMO_USERS, FORM, form, openDemoPortal, request } from './portal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const specFile = path.join(here, 'portal-api.yaml');
const SPEC_ID = 'https://quartermaster.invalid/portal-api.yaml';

// Which schema each feed's upserts carry.
const FEED_DATA_SCHEMA = { products: 'Product', prices: 'ProductPrices', stock: 'ProductStock', part_numbers: 'PartNumber', lists: 'RequisitionList', orders: 'Order' };
// The member of each feed's data that equals the item's key.
const FEED_KEY_FIELD = { PartNumber: 'part_number', RequisitionList: 'id', Order: 'number' };

// ---------------------------------------------------------------------------
// The contract: operations, declared responses and their schemas.

function escapePointer(segment) {
    return encodeURIComponent(String(segment).replace(/~/g, '~0').replace(/\//g, '~1'));
}

function mediaType(contentType) {
    return (contentType || '').split(';')[0].trim().toLowerCase();
}

function isJsonMediaType(type) {
    return type === 'application/json' || type.endsWith('+json');
}

class Contract {
    constructor(file) {
        this.doc = YAML.parse(readFileSync(file, 'utf8'));
        this.ajv = new Ajv2020({
            allErrors: true,
            strict: true,
            // OpenAPI schemas are not written for Ajv's extra type strictness (an `if`
            // with `properties` but no `type`, say); unknown keywords stay errors.
            strictTypes: false,
            strictTuples: false,
            strictRequired: false,
        });
        addFormats(this.ajv);
        // Keywords OpenAPI 3.1 adds to JSON Schema, and the members of the OpenAPI
        // document itself: the whole document is added as one schema resource so that
        // every `#/components/...` reference resolves inside it.
        for (const keyword of ['discriminator', 'xml', 'externalDocs', 'example', 'openapi', 'info',
            'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'])
            this.ajv.addKeyword(keyword);
        this.ajv.addSchema(this.doc, SPEC_ID);
        this.validators = new Map();
        this.operations = [];
        for (const [template, item] of Object.entries(this.doc.paths || {})) {
            const pattern = new RegExp(
                '^' + template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
            this.operations.push({ template, item, pattern, literal: !template.includes('{') });
        }
        // Literal paths win over templated ones, as OpenAPI requires.
        this.operations.sort((a, b) => Number(b.literal) - Number(a.literal));
    }

    resolve(object) {
        let pointer = null;
        while (object && typeof object.$ref === 'string') {
            const ref = object.$ref;
            if (!ref.startsWith('#/'))
                throw new CheckFailure(`external $ref ${ref} is not supported`);
            pointer = ref.slice(1);
            object = ref.slice(2).split('/').reduce(
                (node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
            if (object === undefined)
                throw new CheckFailure(`$ref ${ref} points nowhere`);
        }
        return { object, pointer };
    }

    pathItem(urlPath) {
        return this.operations.find((o) => o.pattern.test(urlPath)) || null;
    }

    // The JSON Schema validator for a schema at `pointer` in the document (compiled once).
    validator(pointer) {
        if (!this.validators.has(pointer))
            this.validators.set(pointer, this.ajv.compile({ $ref: SPEC_ID + '#' + pointer }));
        return this.validators.get(pointer);
    }

    validate(pointer, value) {
        const validate = this.validator(pointer);
        if (validate(value))
            return [];
        return validate.errors.map((e) => `${e.instancePath || '(body)'} ${e.message}` +
            (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''));
    }

    schemaPointer(name) {
        if (!this.doc.components?.schemas?.[name])
            throw new CheckFailure(`the contract has no schema ${name}`);
        return `/components/schemas/${escapePointer(name)}`;
    }
}


// ---------------------------------------------------------------------------
// The checker: one call per request; collects failures instead of stopping at the first.

class Checker {
    constructor(contract, baseUrl) {
        this.contract = contract;
        this.baseUrl = baseUrl;
        this.passed = 0;
        this.failures = [];
    }

    // Sends a request and checks its response against the contract. `expect` is the
    // status the scenario must produce; `slug` the problem type it must carry.
    // Returns the parsed body (or the raw text for non-JSON bodies), or undefined when
    // the check failed.
    async call(label, method, target, { headers, body, expect, slug, dataSchema } = {}) {
        const urlPath = new URL(target, this.baseUrl).pathname;
        const route = `${method} ${target.length > 90 ? target.slice(0, 87) + '...' : target}`;
        let response;
        try {
            response = await request(this.baseUrl, method, target, { headers, body });
        } catch (e) {
            this.fail(route, '-', label, `request failed: ${e.message}`);
            return undefined;
        }
        try {
            const parsed = this.checkResponse(method, urlPath, response, dataSchema);
            if (expect !== undefined && response.status !== expect)
                throw new CheckFailure(`expected status ${expect}` +
                    (parsed && parsed.type ? ` (got problem ${parsed.type}: ${parsed.detail || parsed.title})` : ''));
            if (slug !== undefined && (!parsed || parsed.type !== `/problems/${slug}`))
                throw new CheckFailure(`expected problem type /problems/${slug}, got ${parsed && parsed.type}`);
            if (dataSchema && response.status === 200)
                this.checkFeedData(parsed, dataSchema);
            this.passed++;
            console.log(`ok    ${route} -> ${response.status}  ${label}`);
            return parsed;
        } catch (e) {
            if (!(e instanceof CheckFailure))
                throw e;
            this.fail(route, response.status, label, e.message);
            return undefined;
        }
    }

    fail(route, status, label, message) {
        this.failures.push(`${route} -> ${status} (${label}): ${message}`);
        console.log(`FAIL  ${route} -> ${status}  ${label}\n      ${message.replace(/\n/g, '\n      ')}`);
    }

    // The contract side of one response: declared status, Content-Type, headers, body schema.
    checkResponse(method, urlPath, response, dataSchema) {
        const c = this.contract;
        const type = mediaType(response.headers['content-type']);
        const text = response.body.toString('utf8');
        const pathItem = c.pathItem(urlPath);
        const operation = pathItem?.item[method.toLowerCase()];
        if (!operation) {
            // No operation: the answer must be the generic problem for an unknown route
            // (404) or a known path with another method (405, with Allow).
            const expected = pathItem ? 405 : 404;
            if (response.status !== expected)
                throw new CheckFailure(`${pathItem ? `${pathItem.template} has no ${method} operation` : 'no path of the contract matches'}; expected a ${expected} problem`);
            if (expected === 405 && !response.headers.allow)
                throw new CheckFailure('405 without an Allow header');
            return this.checkBody('application/problem+json', c.schemaPointer('Problem'), type, text, response.status);
        }

        const opName = operation.operationId || `${method} ${pathItem.template}`;
        const responses = operation.responses || {};
        const key = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find((k) => k in responses);
        if (!key)
            throw new CheckFailure(`status ${response.status} is not declared for ${opName} (declared: ${Object.keys(responses).join(', ')})`);
        const declared = c.resolve(responses[key]);
        const declaredPointer = declared.pointer ||
            `/paths/${escapePointer(pathItem.template)}/${method.toLowerCase()}/responses/${escapePointer(key)}`;

        for (const [name, header] of Object.entries(declared.object.headers || {})) {
            const value = response.headers[name.toLowerCase()];
            const resolvedHeader = c.resolve(header);
            if (value === undefined) {
                if (resolvedHeader.object.required)
                    throw new CheckFailure(`${opName} ${key}: required header ${name} is missing`);
                continue;
            }
            if (resolvedHeader.object.schema) {
                const headerPointer = resolvedHeader.pointer || `${declaredPointer}/headers/${escapePointer(name)}`;
                const errors = c.validate(`${headerPointer}/schema`, value);
                if (errors.length)
                    throw new CheckFailure(`${opName} ${key}: header ${name}: ${value}: ${errors.join('; ')}`);
            }
        }

        const content = declared.object.content;
        if (!content) {
            if (response.body.length > 0)
                throw new CheckFailure(`${opName} ${key} declares no body, got ${response.body.length} bytes of ${type || 'no type'}`);
            return undefined;
        }
        if (!(type in content))
            throw new CheckFailure(`${opName} ${key}: Content-Type ${type || '(none)'} is not declared (declared: ${Object.keys(content).join(', ')})`);
        const schemaPointer = `${declaredPointer}/content/${escapePointer(type)}/schema`;
        return this.checkBody(type, schemaPointer, type, text, response.status, `${opName} ${key}`, dataSchema);
    }

    checkBody(expectedType, schemaPointer, type, text, status, what = 'problem', dataSchema = null) {
        if (type !== expectedType)
            throw new CheckFailure(`${what}: Content-Type ${type || '(none)'}, expected ${expectedType}`);
        let value = text;
        if (isJsonMediaType(type)) {
            try {
                value = JSON.parse(text);
            } catch (e) {
                throw new CheckFailure(`${what}: body is not JSON (${e.message}): ${text.slice(0, 200)}`);
            }
        }
        const errors = this.contract.validate(schemaPointer, value);
        if (errors.length && dataSchema && Array.isArray(value?.items))
            this.checkFeedData(value, dataSchema); // names the item, rather than every oneOf branch
        if (errors.length)
            throw new CheckFailure(`${what}: body does not match ${schemaPointer.replace(/%7B/g, '{').replace(/%7D/g, '}')}:\n${errors.slice(0, 10).join('\n')}`);
        if (type === 'application/problem+json' && value.status !== status)
            throw new CheckFailure(`${what}: problem status ${value.status} differs from the HTTP status ${status}`);
        return value;
    }

    // The contract lets an upsert carry any of the three payloads; a feed carries one kind.
    checkFeedData(page, schemaName) {
        const pointer = this.contract.schemaPointer(schemaName);
        for (const item of page.items) {
            if (item.op !== 'upsert')
                continue;
            const errors = this.contract.validate(pointer, item.data);
            if (errors.length)
                throw new CheckFailure(`item ${item.key} (seq ${item.seq}) is not a ${schemaName}: ${errors.slice(0, 5).join('; ')}`);
            const keyField = FEED_KEY_FIELD[schemaName] || 'sku';
            if (item.data[keyField] !== item.key)
                throw new CheckFailure(`item key ${item.key} differs from its data's ${keyField} ${item.data[keyField]}`);
        }
    }

    // A plain assertion about what the responses said, counted like a response check.
    expect(label, condition, message) {
        if (condition) {
            this.passed++;
            console.log(`ok    ${label}`);
        } else {
            this.failures.push(`${label}: ${message}`);
            console.log(`FAIL  ${label}\n      ${message}`);
        }
    }
}

// ---------------------------------------------------------------------------
// The feed digest as the contract describes it: the sum modulo 2^64 of every live
// entry's 64-bit FNV-1a over UTF-8(key) + "\n" + canonical JSON (compact, keys sorted).

function canonicalJson(value) {
    if (Array.isArray(value))
        return '[' + value.map(canonicalJson).join(',') + ']';
    if (value && typeof value === 'object')
        return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
    return JSON.stringify(value);
}

const MASK64 = (1n << 64n) - 1n;
function fnv1a64(bytes) {
    let h = 14695981039346656037n;
    for (const b of bytes)
        h = ((h ^ BigInt(b)) * 1099511628211n) & MASK64;
    return h;
}

function feedDigest(liveEntries) {
    let sum = 0n;
    for (const [key, data] of liveEntries)
        sum = (sum + fnv1a64(Buffer.from(`${key}\n${canonicalJson(data)}`, 'utf8'))) & MASK64;
    return sum.toString(16).padStart(16, '0');
}

// ---------------------------------------------------------------------------
// The scenario.

async function signIn(check, username) {
    return check.call(`password grant for ${username}`, 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'password', username, password: DEMO_PASSWORD, client_id: 'quartermaster' }),
        expect: 200,
    });
}

const bearer = (tokens) => ({ Authorization: `Bearer ${tokens?.access_token}` });

async function pullFeed(check, tokens, feed, limit) {
    const live = new Map();
    let after = 0;
    let pages = 0;
    for (;;) {
        const page = await check.call(`${feed} page ${pages + 1}`, 'GET', `/api/v1/sync/${feed}?after=${after}&limit=${limit}&full=true`, {
            headers: bearer(tokens), expect: 200, dataSchema: FEED_DATA_SCHEMA[feed],
        });
        if (!page)
            return null;
        pages++;
        let previous = after;
        for (const item of page.items) {
            if (item.seq <= previous) {
                check.expect(`${feed} sequence`, false, `seq ${item.seq} does not increase after ${previous}`);
                return null;
            }
            previous = item.seq;
            if (item.op === 'upsert')
                live.set(item.key, item.data);
            else
                live.delete(item.key);
        }
        if (page.items.length > limit || (page.items.length > 0 && page.next !== previous)) {
            check.expect(`${feed} page ${pages}`, false, `${page.items.length} items for limit ${limit}, next ${page.next}, last seq ${previous}`);
            return null;
        }
        if (!page.has_more) {
            check.expect(`${feed}: last page's count equals the live entries pulled (${live.size})`,
                page.count === live.size, `count ${page.count}, pulled ${live.size} live entries in ${pages} pages`);
            const digest = feedDigest(live);
            check.expect(`${feed}: last page's hash equals the digest of the entries pulled`,
                page.hash === digest, `hash ${page.hash}, recomputed ${digest}`);
            return { live, next: page.next, pages };
        }
        if (pages > 10000) {
            check.expect(`${feed} paging`, false, 'more than 10000 pages: has_more never turned false');
            return null;
        }
        after = page.next;
    }
}

// Price quotes: every pack of some products, line rules and every kind of bad line, then
// the malformed requests.
async function checkQuotes(check, session, cedarViewer, products) {
    const QUOTE = '/api/v1/pricing/quote';
    const json = { ...bearer(session), 'Content-Type': 'application/json' };
    const lines = [];
    for (const product of [...(products || new Map()).values()].slice(0, 60)) {
        lines.push({ sku: product.sku, quantity: 1 });
        for (const pack of product.packs)
            lines.push({ sku: product.sku, uom: pack.uom.toLowerCase(), quantity: 7 });
        if (product.max_order_qty)
            lines.push({ sku: product.sku, quantity: product.max_order_qty + 1 });
    }
    lines.push({ sku: 'NO-SUCH-SKU', quantity: 1 }, { sku: lines[0]?.sku || 'X', uom: 'NO-SUCH-UNIT', quantity: 1 },
        { sku: lines[0]?.sku || 'X', quantity: 0 }, { sku: lines[0]?.sku || 'X', quantity: 9007199254740991 });
    const quote = await check.call(`quote of ${lines.length} lines`, 'POST', QUOTE, {
        headers: json, body: JSON.stringify({ lines }), expect: 200,
    });
    if (quote) {
        check.expect('quote answers every line in order', quote.lines.length === lines.length &&
            quote.lines.every((l, i) => l.sku === lines[i].sku && l.requested_quantity === lines[i].quantity),
            `${quote.lines.length} lines for ${lines.length}`);
        const priced = quote.lines.filter((l) => !l.problem);
        const units = (text) => { const [whole, fraction = ''] = text.split('.'); return BigInt(whole + fraction.padEnd(4, '0')); };
        const sum = priced.reduce((total, l) => total + units(l.line_total), 0n);
        check.expect('quote subtotal is the sum of its priced lines', units(quote.subtotal) === sum,
            `subtotal ${quote.subtotal}, lines sum to ${sum} ten-thousandths`);
        check.expect('quote has priced lines and problem lines', priced.length > 0 && priced.length < quote.lines.length,
            `${priced.length} of ${quote.lines.length} priced`);
    }
    await check.call('quote for a later date', 'POST', QUOTE, {
        headers: json, body: JSON.stringify({ date: '2030-01-31', lines: lines.slice(0, 5) }), expect: 200,
    });
    await check.call('empty quote', 'POST', QUOTE, { headers: json, body: '{"lines":[]}', expect: 200 });
    const bad = [
        ['quote: malformed JSON', '{"lines":[', 'malformed-json'],
        ['quote: body not an object', '[]', 'bad-request'],
        ['quote: no lines', '{}', 'bad-request'],
        ['quote: fractional quantity', '{"lines":[{"sku":"A","quantity":1.5}]}', 'bad-request'],
        ['quote: sku not a string', '{"lines":[{"sku":1,"quantity":1}]}', 'bad-request'],
        ['quote: impossible date', '{"date":"2026-02-30","lines":[]}', 'bad-request'],
        ['quote: too many lines', JSON.stringify({ lines: Array.from({ length: 10001 }, () => ({ sku: 'A', quantity: 1 })) }), 'bad-request'],
    ];
    for (const [label, body, slug] of bad)
        await check.call(label, 'POST', QUOTE, { headers: json, body, expect: 400, slug });
    await check.call('quote: form-encoded body', 'POST', QUOTE, {
        headers: { ...bearer(session), 'Content-Type': FORM }, body: 'lines=1', expect: 415, slug: 'unsupported-media-type',
    });
    await check.call('quote without a token', 'POST', QUOTE, {
        headers: { 'Content-Type': 'application/json' }, body: '{"lines":[]}', expect: 401, slug: 'unauthorized',
    });
    if (cedarViewer) {
        await check.call('quote for a Cedar Ridge viewer', 'POST', QUOTE, {
            headers: { ...bearer(cedarViewer), 'Content-Type': 'application/json' }, body: '{"lines":[]}',
            expect: 403, slug: 'forbidden',
        });
    }
    await check.call('quote with GET', 'GET', QUOTE, { headers: bearer(session), expect: 405, slug: 'method-not-allowed' });
}

// Saved lists: every answer of GET/PUT/DELETE /api/v1/lists/{id}, before the feeds are
// pulled, so that the lists feed carries upserts and a tombstone of this run.
async function checkLists(check, session, viewer) {
    const id = randomUUID();
    const target = `/api/v1/lists/${id}`;
    const json = { ...bearer(session), 'Content-Type': 'application/json' };
    const body = JSON.stringify({ name: 'Weekly site consumables', lines: [
        { sku: 'HIS-100000', quantity: '12', unit: 'EA', note: 'for bay 3' }, { sku: 'NO-LONGER-SOLD', quantity: '2.50' }] });
    const key = randomUUID();
    const created = await check.call('create a list', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': key, 'If-None-Match': '*' }, body, expect: 201,
    });
    await check.call('replay the create', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': key, 'If-None-Match': '*' }, body, expect: 201,
    });
    await check.call('get the list', 'GET', target, { headers: bearer(session), expect: 200 });
    const replaced = await check.call('replace the list', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-Match': '"1"' },
        body: JSON.stringify({ name: 'Weekly site consumables', lines: [] }), expect: 200,
    });
    if (created && replaced)
        check.expect('a replace bumps the version', replaced.version === created.version + 1, `${created.version} -> ${replaced.version}`);
    const stale = await check.call('replace with a stale version', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-Match': '"1"' }, body, expect: 412, slug: 'version-conflict',
    });
    if (stale)
        check.expect('a version conflict carries the current list', stale.current?.version === 2, JSON.stringify(stale.current));
    await check.call('create over an existing list', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-None-Match': '*' }, body, expect: 412, slug: 'version-conflict',
    });
    await check.call('replace without a precondition', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID() }, body, expect: 428, slug: 'precondition-required',
    });
    await check.call('replace without an idempotency key', 'PUT', target, {
        headers: { ...json, 'If-Match': '"2"' }, body, expect: 400, slug: 'idempotency-key-missing',
    });
    const invalid = await check.call('invalid list', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-Match': '"2"' },
        body: JSON.stringify({ name: '', lines: [{ sku: 'A', quantity: '0' }] }), expect: 422, slug: 'invalid-list',
    });
    if (invalid)
        check.expect('invalid list errors point at the members', JSON.stringify(invalid.errors?.map((e) => e.pointer)) === '["/name","/lines/0/quantity"]',
            JSON.stringify(invalid.errors));
    await check.call('idempotency key reused for another body', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': key, 'If-None-Match': '*' }, body: '{"name":"Other","lines":[]}',
        expect: 422, slug: 'idempotency-key-reused',
    });
    await check.call('list id not a UUID', 'GET', '/api/v1/lists/weekly', { headers: bearer(session), expect: 400, slug: 'invalid-list-id' });
    if (viewer) {
        await check.call('a viewer changes a list', 'PUT', target, {
            headers: { ...bearer(viewer), 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), 'If-Match': '"2"' },
            body, expect: 403, slug: 'forbidden',
        });
    }
    await check.call('delete with a stale version', 'DELETE', target, {
        headers: { ...bearer(session), 'Idempotency-Key': randomUUID(), 'If-Match': '"1"' }, expect: 412, slug: 'version-conflict',
    });
    const deleteKey = randomUUID();
    await check.call('delete the list', 'DELETE', target, {
        headers: { ...bearer(session), 'Idempotency-Key': deleteKey, 'If-Match': '"2"' }, expect: 204,
    });
    await check.call('replay the delete', 'DELETE', target, {
        headers: { ...bearer(session), 'Idempotency-Key': deleteKey, 'If-Match': '"2"' }, expect: 204,
    });
    await check.call('replace a deleted list', 'PUT', target, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-Match': '"2"' }, body, expect: 412, slug: 'version-conflict',
    });
    await check.call('get a deleted list', 'GET', target, { headers: bearer(session), expect: 404, slug: 'not-found' });
    await check.call('lists with POST', 'POST', target, { headers: json, body, expect: 405, slug: 'method-not-allowed' });
    // A list that stays, for the feed.
    await check.call('create another list', 'PUT', `/api/v1/lists/${randomUUID()}`, {
        headers: { ...json, 'Idempotency-Key': randomUUID(), 'If-None-Match': '*' }, body, expect: 201,
    });
}

// Orders: placing one, its replay, every refusal, the approvals routes and the account. Runs
// before the feeds are pulled, so that the orders feed carries this run's orders.
async function checkOrders(check, session, viewer, approver) {
    const ORDERS = '/api/v1/orders';
    const json = { ...bearer(session), 'Content-Type': 'application/json' };
    // A product the buyer can order below her spending limit, outside the tools category.
    const products = await check.call('products for the order checks', 'GET', '/api/v1/sync/products?after=0&limit=200', {
        headers: bearer(session), expect: 200, dataSchema: 'Product',
    });
    let line = null;
    let tool = null;
    for (const product of products?.items.map((i) => i.data).filter((d) => d && !d.discontinued) || []) {
        const step = Math.max(1, product.order_multiple || 1);
        const quantity = Math.max(step, Math.ceil((product.min_order_qty || 1) / step) * step);
        const quote = await check.call(`quote ${product.sku} for an order`, 'POST', '/api/v1/pricing/quote', {
            headers: json, body: JSON.stringify({ lines: [{ sku: product.sku, quantity }] }), expect: 200,
        });
        const q = quote?.lines[0];
        if (!q || q.problem || q.quantity !== quantity || Number(q.line_total) > 4000)
            continue;
        const candidate = { sku: product.sku, quantity: String(quantity), unit_price: q.unit_price };
        if (product.category.code.startsWith('TOO'))
            tool = tool || candidate;
        else
            line = line || candidate;
        if (line && tool)
            break;
    }
    if (!line) {
        check.expect('a product to order', false, 'no product of the buyer could be priced for an order');
        return;
    }
    const id = randomUUID();
    const body = JSON.stringify({ client_order_id: id, ship_to: 'HQ', po_number: 'PO-CONTRACT', lines: [line] });
    const placed = await check.call('place an order', 'POST', ORDERS, { headers: { ...json, 'Idempotency-Key': id }, body, expect: 201 });
    await check.call('replay the order', 'POST', ORDERS, { headers: { ...json, 'Idempotency-Key': id }, body, expect: 201 });
    if (placed) {
        await check.call('get the order', 'GET', `${ORDERS}/${placed.number}`, { headers: bearer(session), expect: 200 });
        await check.call('an order that does not exist', 'GET', `${ORDERS}/SO-1`, { headers: bearer(session), expect: 404, slug: 'not-found' });
    }
    await check.call('order with a reused key', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': id },
        body: JSON.stringify({ client_order_id: id, ship_to: 'HQ', lines: [line, line] }), expect: 422, slug: 'idempotency-key-reused',
    });
    const other = randomUUID();
    await check.call('order key is not the client order id', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ client_order_id: other, ship_to: 'HQ', lines: [line] }), expect: 422, slug: 'idempotency-key-mismatch',
    });
    await check.call('order without a key', 'POST', ORDERS, {
        headers: json, body: JSON.stringify({ client_order_id: other, ship_to: 'HQ', lines: [line] }), expect: 400, slug: 'idempotency-key-missing',
    });
    const stale = { ...line, unit_price: (Number(line.unit_price) + 0.01).toFixed(4) };
    const review = await check.call('order with a changed price', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': other },
        body: JSON.stringify({ client_order_id: other, ship_to: 'HQ', lines: [stale, { sku: 'NO-SUCH-SKU', quantity: '1', unit_price: '1' }] }),
        expect: 422, slug: 'order-needs-review',
    });
    if (review)
        check.expect('review lists the changed and the unavailable line', JSON.stringify(review.lines?.map((l) => l.problem)) === '["price-changed","unavailable"]',
            JSON.stringify(review.lines));
    const invalid = await check.call('invalid order', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': 'x' }, body: JSON.stringify({ client_order_id: 'x', ship_to: '', lines: [] }),
        expect: 422, slug: 'invalid-order',
    });
    if (invalid)
        check.expect('invalid order errors point at the members', JSON.stringify(invalid.errors?.map((e) => e.pointer)) === '["/client_order_id","/ship_to","/lines"]',
            JSON.stringify(invalid.errors));
    const third = randomUUID();
    await check.call('order to an unknown ship-to', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': third }, body: JSON.stringify({ client_order_id: third, ship_to: 'NOWHERE', lines: [line] }),
        expect: 422, slug: 'unknown-ship-to',
    });
    const big = randomUUID();
    await check.call('order over the credit limit', 'POST', ORDERS, {
        headers: { ...json, 'Idempotency-Key': big },
        body: JSON.stringify({ client_order_id: big, ship_to: 'HQ', lines: [{ ...line, quantity: String(Number(line.quantity) * 1000000) }] }),
        expect: 422,
    });
    await check.call('order as text', 'POST', ORDERS, {
        headers: { ...bearer(session), 'Content-Type': 'text/plain', 'Idempotency-Key': randomUUID() }, body: 'x', expect: 415, slug: 'unsupported-media-type',
    });
    if (viewer) {
        const v = randomUUID();
        await check.call('a viewer places an order', 'POST', ORDERS, {
            headers: { ...bearer(viewer), 'Content-Type': 'application/json', 'Idempotency-Key': v },
            body: JSON.stringify({ client_order_id: v, ship_to: 'HQ', lines: [line] }), expect: 403, slug: 'forbidden',
        });
        await check.call('a viewer reads the account', 'GET', '/api/v1/account', { headers: bearer(viewer), expect: 403, slug: 'forbidden' });
    }
    if (tool && approver) {
        const t = randomUUID();
        const pending = await check.call('order needing approval', 'POST', ORDERS, {
            headers: { ...json, 'Idempotency-Key': t }, body: JSON.stringify({ client_order_id: t, ship_to: 'HQ', lines: [tool] }), expect: 201,
        });
        await check.call('approvals as the buyer', 'GET', '/api/v1/approvals', { headers: bearer(session), expect: 403, slug: 'forbidden' });
        await check.call('approvals', 'GET', '/api/v1/approvals', { headers: bearer(approver), expect: 200 });
        if (pending) {
            const decision = { ...bearer(approver), 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() };
            await check.call('approve an order', 'POST', `${ORDERS}/${pending.number}/approve`, {
                headers: decision, body: '{"comment":"fine"}', expect: 200,
            });
            await check.call('reject an approved order', 'POST', `${ORDERS}/${pending.number}/reject`, {
                headers: { ...decision, 'Idempotency-Key': randomUUID() }, body: '{}', expect: 409, slug: 'order-not-pending',
            });
            await check.call('approve as the buyer', 'POST', `${ORDERS}/${pending.number}/approve`, {
                headers: { ...json, 'Idempotency-Key': randomUUID() }, body: '{}', expect: 403, slug: 'forbidden',
            });
        }
    }
    const account = await check.call('account', 'GET', '/api/v1/account', { headers: bearer(session), expect: 200 });
    if (account) {
        const etag = account && (await request(check.baseUrl, 'GET', '/api/v1/account', { headers: bearer(session) })).headers.etag;
        await check.call('account not modified', 'GET', '/api/v1/account', { headers: { ...bearer(session), 'If-None-Match': etag }, expect: 304 });
    }
}

// Account administration: users, ship-to locations and the audit trail, as the account admin;
// the refusals a buyer and bad bodies get.
// The company view of a parent company's approver: its subtree with figures, one subsidiary's
// orders, and the parent seen from a subsidiary.
async function checkCompany(check, approver, subsidiaryBuyer) {
    const overview = await check.call('company overview', 'GET', '/api/v1/accounts?from=2020-01-01&to=2026-12-31', { headers: bearer(approver), expect: 200 });
    if (overview) {
        const codes = overview.accounts.map((a) => a.code);
        check.expect('the overview starts at the caller\'s account', codes[0] === 'BMG', JSON.stringify(codes));
        check.expect('the overview lists the subsidiaries', codes.includes('BMG-YARD') && codes.includes('BMG-FLEET') && !codes.includes('CRF'), JSON.stringify(codes));
    }
    const page = await check.call('a subsidiary\'s orders', 'GET', '/api/v1/accounts/BMG-YARD/orders?limit=2', { headers: bearer(approver), expect: 200 });
    if (page)
        check.expect('the page holds at most the limit', page.orders.length <= 2 && page.total >= page.orders.length, `${page.orders.length} of ${page.total}`);
    await check.call('open orders only', 'GET', '/api/v1/accounts/BMG/orders?status=open', { headers: bearer(approver), expect: 200 });
    await check.call('a bad period', 'GET', '/api/v1/accounts?from=2026-12-01&to=2026-01-01', { headers: bearer(approver), expect: 400, slug: 'bad-request' });
    await check.call('a bad status', 'GET', '/api/v1/accounts/BMG/orders?status=late', { headers: bearer(approver), expect: 400, slug: 'bad-request' });
    await check.call('another customer\'s orders', 'GET', '/api/v1/accounts/CRF/orders', { headers: bearer(approver), expect: 404, slug: 'not-found' });
    await check.call('a buyer asks for the company view', 'GET', '/api/v1/accounts', { headers: bearer(subsidiaryBuyer), expect: 403, slug: 'forbidden' });
}

async function checkAdmin(check, admin, buyer) {
    const json = { ...bearer(admin), 'Content-Type': 'application/json' };
    const users = await check.call('users', 'GET', '/api/v1/users', { headers: bearer(admin), expect: 200 });
    await check.call('users as a buyer', 'GET', '/api/v1/users', { headers: bearer(buyer), expect: 403, slug: 'forbidden' });
    const locations = await check.call('locations', 'GET', '/api/v1/locations', { headers: bearer(buyer), expect: 200 });
    const shop = locations?.locations?.find((l) => !l.is_default);
    const name = `check.${randomUUID().slice(0, 8)}@bayside.example`;
    const created = await check.call('create a user', 'POST', '/api/v1/users', {
        headers: json, expect: 201,
        body: JSON.stringify({ username: name, display_name: 'Contract Check', email: name, role: 'buyer', spending_limit: '750.00', default_location: shop?.id ?? null, password: 'contract-check-1' }),
    });
    if (users && created)
        check.expect('the new user is listed', (await check.call('users again', 'GET', '/api/v1/users', { headers: bearer(admin), expect: 200 }))?.users?.length === users.users.length + 1, 'not listed');
    const invalid = await check.call('invalid user', 'POST', '/api/v1/users', {
        headers: json, expect: 422, slug: 'invalid-user',
        body: JSON.stringify({ username: name, display_name: '', email: 'nope', role: 'owner', spending_limit: '-1', password: 'x' }),
    });
    if (invalid)
        check.expect('invalid user errors point at the members', JSON.stringify(invalid.errors?.map((e) => e.pointer)) === '["/display_name","/email","/role","/spending_limit","/password"]',
            JSON.stringify(invalid.errors));
    await check.call('taken username', 'POST', '/api/v1/users', {
        headers: json, expect: 409, slug: 'username-taken',
        body: JSON.stringify({ username: 'buyer@bayside.example', display_name: 'Twin', email: 'twin@bayside.example', role: 'buyer', password: 'contract-check-1' }),
    });
    if (created) {
        await check.call('change a user', 'PATCH', `/api/v1/users/${created.id}`, {
            headers: json, expect: 200, body: JSON.stringify({ role: 'approver', spending_limit: null, default_location: null }),
        });
        await check.call('deactivate a user', 'PATCH', `/api/v1/users/${created.id}`, { headers: json, expect: 200, body: '{"active":false}' });
    }
    await check.call('user of another account', 'PATCH', '/api/v1/users/9', { headers: json, expect: 404, slug: 'not-found', body: '{"active":false}' });
    const me = await check.call('me as the admin', 'GET', '/api/v1/me', { headers: bearer(admin), expect: 200 });
    if (me)
        await check.call('deactivate yourself', 'PATCH', `/api/v1/users/${me.user.id}`, { headers: json, expect: 409, slug: 'self-deactivation', body: '{"active":false}' });
    const code = `C-${randomUUID().slice(0, 6)}`;
    const location = await check.call('create a location', 'POST', '/api/v1/locations', {
        headers: json, expect: 201,
        body: JSON.stringify({ code, name: 'Contract check', address: { line1: '1 Check Street', line2: null, city: 'Annapolis', region: 'MD', postal_code: '21401', country: 'US' } }),
    });
    await check.call('invalid location', 'POST', '/api/v1/locations', {
        headers: json, expect: 422, slug: 'invalid-location', body: JSON.stringify({ code: 'X', name: 'X', address: { line1: 'x' } }),
    });
    await check.call('taken location code', 'POST', '/api/v1/locations', {
        headers: json, expect: 409, slug: 'location-code-taken',
        body: JSON.stringify({ code: 'HQ', name: 'Twin', address: { line1: 'x', city: 'x', region: 'x', postal_code: '1', country: 'US' } }),
    });
    if (location) {
        await check.call('deactivate a location', 'PATCH', `/api/v1/locations/${location.id}`, { headers: json, expect: 200, body: '{"active":false}' });
        const id = randomUUID();
        await check.call('order to an inactive location', 'POST', '/api/v1/orders', {
            headers: { ...bearer(buyer), 'Content-Type': 'application/json', 'Idempotency-Key': id }, expect: 422, slug: 'ship-to-inactive',
            body: JSON.stringify({ client_order_id: id, ship_to: code, lines: [{ sku: 'ANY', quantity: '1', unit_price: '1.00' }] }),
        });
    }
    const hq = locations?.locations?.find((l) => l.is_default);
    if (hq)
        await check.call('unset the default location', 'PATCH', `/api/v1/locations/${hq.id}`, { headers: json, expect: 409, slug: 'default-location-required', body: '{"is_default":false}' });
    const audit = await check.call('audit trail', 'GET', '/api/v1/audit?limit=10', { headers: bearer(admin), expect: 200 });
    if (audit)
        check.expect('the audit trail is newest first', audit.events.length > 1 && audit.events[0].id > audit.events[1].id, JSON.stringify(audit.events.map((e) => e.id)));
    await check.call('audit with a bad limit', 'GET', '/api/v1/audit?limit=0', { headers: bearer(admin), expect: 400, slug: 'bad-request' });
}

async function run(check) {
    // Service
    const health = await check.call('health', 'GET', '/api/v1/health', { expect: 200 });
    if (health) {
        const doc = await check.call('problem type page', 'GET', '/problems/not-found', { expect: 200 });
        check.expect('problem type page has text', typeof doc === 'string' && doc.trim().length > 0, 'empty page');
    }

    // Token endpoint: password grant, refresh rotation, reuse of a rotated refresh token.
    const buyer = await signIn(check, 'buyer@bayside.example');
    if (!buyer)
        throw new CheckFailure('cannot sign in as buyer@bayside.example; nothing else can be checked');
    const refreshed = await check.call('refresh grant', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'refresh_token', refresh_token: buyer.refresh_token, client_id: 'quartermaster' }),
        expect: 200,
    });
    if (refreshed)
        check.expect('refresh token rotates', refreshed.refresh_token !== buyer.refresh_token, 'the same refresh token came back');
    await check.call('reused refresh token', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'refresh_token', refresh_token: buyer.refresh_token }),
        slug: 'invalid-grant',
    });
    // Reusing a rotated refresh token ends that whole sign-in.
    await check.call('access token of a sign-in whose refresh token was reused', 'GET', '/api/v1/me', {
        headers: bearer(refreshed), expect: 401, slug: 'unauthorized',
    });
    const session = await check.call('JSON token request', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username: 'buyer@bayside.example', password: DEMO_PASSWORD }),
        expect: 200,
    });
    if (!session)
        throw new CheckFailure('cannot sign in as buyer@bayside.example again; nothing else can be checked');
    await check.call('wrong password', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'password', username: 'buyer@bayside.example', password: 'not-the-password' }),
        slug: 'invalid-grant',
    });
    await check.call('unsupported grant type', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM }, body: form({ grant_type: 'client_credentials' }),
        expect: 400, slug: 'unsupported-grant-type',
    });
    await check.call('malformed JSON body', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': 'application/json' }, body: '{"grant_type": "password", ',
        expect: 400, slug: 'malformed-json',
    });
    await check.call('unsupported content type', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': 'text/plain' }, body: 'grant_type=password',
        expect: 415, slug: 'unsupported-media-type',
    });
    await check.call('oversized body', 'POST', '/api/v1/auth/token', {
        headers: { 'Content-Type': FORM },
        body: form({ grant_type: 'password', username: 'x'.repeat(2 * 1024 * 1024) }),
        expect: 413, slug: 'payload-too-large',
    });

    // Single sign-on: metadata, the sign-in page, its form, and the authorization_code grant.
    const metadata = await check.call('authorization server metadata', 'GET', '/.well-known/oauth-authorization-server', { expect: 200 });
    if (metadata)
        check.expect('metadata offers PKCE S256', (metadata.code_challenge_methods_supported || []).includes('S256'), JSON.stringify(metadata));
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = 'http://127.0.0.1:49152/callback';
    const authorization = {
        response_type: 'code', client_id: 'quartermaster', redirect_uri: redirectUri, state: 'contract-check',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    };
    const authorizePath = `/oauth/authorize?${new URLSearchParams(authorization)}`;
    await check.call('sign-in page', 'GET', authorizePath, { expect: 200 });
    await check.call('sign-in page for an unknown client', 'GET',
        `/oauth/authorize?${new URLSearchParams({ ...authorization, client_id: 'unknown' })}`, { expect: 400 });
    await check.call('authorization request with a plain challenge', 'GET',
        `/oauth/authorize?${new URLSearchParams({ ...authorization, code_challenge_method: 'plain' })}`, { expect: 302 });
    const signInForm = { ...authorization, username: 'buyer@bayside.example', password: DEMO_PASSWORD, action: 'sign-in' };
    await check.call('sign-in form', 'POST', '/oauth/authorize', { headers: { 'Content-Type': FORM }, body: form(signInForm), expect: 302 });
    await check.call('sign-in form with a wrong password', 'POST', '/oauth/authorize', {
        headers: { 'Content-Type': FORM }, body: form({ ...signInForm, password: 'not-the-password' }), expect: 200,
    });
    await check.call('sign-in form cancelled', 'POST', '/oauth/authorize', {
        headers: { 'Content-Type': FORM }, body: form({ ...signInForm, action: 'cancel' }), expect: 302,
    });
    await check.call('sign-in form as JSON', 'POST', '/oauth/authorize', {
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(signInForm), expect: 415, slug: 'unsupported-media-type',
    });
    const redirected = await request(check.baseUrl, 'POST', '/oauth/authorize', { headers: { 'Content-Type': FORM }, body: form(signInForm) });
    const code = redirected.headers.location ? new URL(redirected.headers.location).searchParams.get('code') : null;
    check.expect('sign-in redirects with a code', Boolean(code), `status ${redirected.status}, Location ${redirected.headers.location}`);
    if (code) {
        const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'quartermaster', code_verifier: verifier };
        await check.call('authorization code grant', 'POST', '/api/v1/auth/token', {
            headers: { 'Content-Type': FORM }, body: form(exchange), expect: 200,
        });
        await check.call('reused authorization code', 'POST', '/api/v1/auth/token', {
            headers: { 'Content-Type': FORM }, body: form(exchange), expect: 400, slug: 'invalid-grant',
        });
    }

    // The signed-in user, for every demo user.
    for (const username of DEMO_USERS) {
        const tokens = username === 'buyer@bayside.example' ? session : await signIn(check, username);
        if (!tokens)
            continue;
        const me = await check.call(`me as ${username}`, 'GET', '/api/v1/me', { headers: bearer(tokens), expect: 200 });
        if (me)
            check.expect(`me as ${username} names that user`, me.user.username === username, `got ${me.user.username}`);
    }
    await check.call('no token', 'GET', '/api/v1/me', { expect: 401, slug: 'unauthorized' });
    await check.call('garbage token', 'GET', '/api/v1/me', {
        headers: { Authorization: 'Bearer not-a-token' }, expect: 401, slug: 'unauthorized',
    });

    const bayViewer = await signIn(check, 'viewer@bayside.example');
    await checkLists(check, session, bayViewer);
    await checkOrders(check, session, bayViewer, await signIn(check, 'approver@bayside.example'));
    await checkAdmin(check, await signIn(check, 'admin@bayside.example'), session);
    await checkCompany(check, await signIn(check, 'approver@bayside.example'), await signIn(check, 'buyer@yard.bayside.example'));

    // Every feed, paged to the end.
    let highest = 0;
    const pulledFeeds = {};
    for (const feed of Object.keys(FEED_DATA_SCHEMA)) {
        const pulled = await pullFeed(check, session, feed, 128);
        if (pulled) {
            highest = Math.max(highest, pulled.next);
            pulledFeeds[feed] = pulled.live;
        }
    }
    const cedarViewer = await signIn(check, 'viewer@cedarridge.example');
    if (cedarViewer) {
        await check.call('prices hidden from a Cedar Ridge viewer', 'GET', '/api/v1/sync/prices?after=0', {
            headers: bearer(cedarViewer), expect: 403, slug: 'forbidden',
        });
    }
    await checkQuotes(check, session, cedarViewer, pulledFeeds.products);
    await check.call('cursor beyond the feed', 'GET', `/api/v1/sync/products?after=${highest + 1000000}`, {
        headers: bearer(session), expect: 410, slug: 'cursor-expired',
    });
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=5001', 'full=1']) {
        await check.call(`bad cursor or limit (${query})`, 'GET', `/api/v1/sync/products?${query}`, {
            headers: bearer(session), expect: 400, slug: 'invalid-cursor',
        });
    }
    await check.call('unknown feed', 'GET', '/api/v1/sync/invoices-and-more?after=0', {
        headers: bearer(session), expect: 404, slug: 'not-found',
    });
    await check.call('feed without a token', 'GET', '/api/v1/sync/products?after=0', { expect: 401, slug: 'unauthorized' });

    // Routes and methods the contract does not have.
    await check.call('unknown route', 'GET', '/api/v1/no-such-route', { headers: bearer(session), expect: 404, slug: 'not-found' });
    await check.call('unknown problem type', 'GET', '/problems/no-such-problem', { expect: 404, slug: 'not-found' });
    await check.call('wrong method', 'DELETE', '/api/v1/health', { expect: 405, slug: 'method-not-allowed' });
    await check.call('wrong method', 'POST', '/api/v1/me', {
        headers: { ...bearer(session), 'Content-Type': 'application/json' }, body: '{}',
        expect: 405, slug: 'method-not-allowed',
    });

    // Revocation ends the sign-in: its access token stops working.
    await check.call('revoke', 'POST', '/api/v1/auth/revoke', {
        headers: { 'Content-Type': FORM }, body: form({ token: session.refresh_token, token_type_hint: 'refresh_token' }),
        expect: 200,
    });
    await check.call('revoke an unknown token', 'POST', '/api/v1/auth/revoke', {
        headers: { 'Content-Type': FORM }, body: form({ token: 'never-issued' }), expect: 200,
    });
    await check.call('access token of a revoked sign-in', 'GET', '/api/v1/me', {
        headers: bearer(session), expect: 401, slug: 'unauthorized',
    });
    await check.call('health after all that', 'GET', '/api/v1/health', { expect: 200 });
}

// ---------------------------------------------------------------------------
function parseArgs(argv) {
    const options = { url: null, products: 300 };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--url') options.url = argv[++i];
        else if (argv[i] === '--products') options.products = Number(argv[++i]);
        else throw new CheckFailure(`unknown argument ${argv[i]}; usage: check-responses.mjs [--url URL] [--products N]`);
    }
    return options;
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const contract = new Contract(specFile);
    let portal = null;
    let baseUrl = options.url;
    const backend = process.env.QM_TEST_BACKEND || 'sqlite';
    try {
        if (!baseUrl) {
            portal = await openDemoPortal(backend, ['--products', String(options.products)]);
            baseUrl = portal.url;
        }
        console.log(`checking ${baseUrl} (${options.url ? 'running portal' : backend}) against ${path.relative(process.cwd(), specFile) || specFile}`);
        const check = new Checker(contract, baseUrl);
        try {
            await run(check);
        } catch (e) {
            if (!(e instanceof CheckFailure))
                throw e;
            check.failures.push(e.message);
            console.log(`FAIL  ${e.message}`);
        }
        if (portal) {
            const code = await portal.stop();
            check.expect('qm-portal exits cleanly on SIGTERM', code === 0, `exit code ${code}`);
            if (check.failures.length)
                console.log(`\nqm-portal output (last 40 lines):\n${portal.output().split('\n').slice(-40).join('\n')}`);
            portal = null;
        }
        console.log(`\n${check.failures.length ? 'FAILED' : 'passed'}: ${check.passed} passed, ${check.failures.length} failed`);
        if (check.failures.length) {
            console.log('\nfailures:');
            for (const f of check.failures)
                console.log(`  ${f.split('\n')[0]}`);
        }
        return check.failures.length ? 1 : 0;
    } finally {
        if (portal)
            await portal.stop();
    }
}

main().then((code) => process.exit(code), (e) => {
    console.error(`check-responses: ${e instanceof CheckFailure ? e.message : e.stack}`);
    process.exit(1);
});
