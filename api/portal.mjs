// Shared by the API checks: HTTP requests, and a real qm-portal with demo data started on a
// free loopback port, on SQLite (a temporary folder) or PostgreSQL (a new database on the
// server whose URL is in the file named by QM_TEST_PG_URL_FILE).

import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A failed check: the scripts report its message and carry on or stop.
export class CheckFailure extends Error {}

// The demo supplier's users (qm-portal --demo); every password is "demo".
export const DEMO_PASSWORD = 'demo';
export const DEMO_USERS = [
    'buyer@bayside.example',
    'approver@bayside.example',
    'admin@bayside.example',
    'viewer@bayside.example',
    'buyer@yard.bayside.example',
    'buyer@fleet.bayside.example',
    'buyer@cedarridge.example',
    'viewer@cedarridge.example',
    'buyer@northgate.example',
];

export const FORM = 'application/x-www-form-urlencoded';
export const form = (fields) => new URLSearchParams(fields).toString();

export function request(baseUrl, method, target, { headers = {}, body } = {}) {
    const url = new URL(target, baseUrl);
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    return new Promise((resolve, reject) => {
        let answered = false;
        const req = http.request(url, {
            method,
            agent: false,
            headers: { ...(payload ? { 'Content-Length': payload.length } : {}), ...headers },
        }, (res) => {
            answered = true;
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        req.setTimeout(30000, () => req.destroy(new Error(`no answer to ${method} ${target} within 30 s`)));
        // A server may answer (413, say) and close before it has read the whole body.
        req.on('error', (e) => { if (!answered) reject(e); });
        if (payload)
            req.write(payload);
        req.end();
    });
}

function findProgram(name) {
    const dirs = (process.env.PATH || '').split(path.delimiter);
    for (const dir of [...dirs, '/usr/lib/postgresql/15/bin']) {
        const candidate = path.join(dir, name);
        if (dir && existsSync(candidate))
            return candidate;
    }
    return null;
}

// A fresh database on the fixture's PostgreSQL server; returns the --db URL and a cleanup.
function createPostgresDatabase() {
    const urlFile = process.env.QM_TEST_PG_URL_FILE;
    if (!urlFile || !existsSync(urlFile))
        throw new CheckFailure(`QM_TEST_PG_URL_FILE (${urlFile || 'unset'}) names no file: the postgres fixture did not start a server`);
    const serverUrl = new URL(readFileSync(urlFile, 'utf8').trim());
    const psql = findProgram('psql');
    if (!psql)
        throw new CheckFailure('psql not found (Debian package postgresql-client)');
    const name = `qm_api_${randomBytes(6).toString('hex')}`;
    const adminUrl = new URL(serverUrl);
    adminUrl.protocol = 'postgresql:';
    adminUrl.pathname = '/postgres';
    const sql = (statement) => execFileSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', adminUrl.toString(), '-c', statement],
        { stdio: ['ignore', 'ignore', 'pipe'] });
    sql(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/${name}`;
    return { db: dbUrl.toString(), cleanup: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function startPortal(bin, args, timeoutMs) {
    return new Promise((resolve, reject) => {
        const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const timer = setTimeout(() => {
            child.kill('SIGTERM');
            reject(new CheckFailure(`qm-portal did not print its listening line within ${timeoutMs / 1000} s:\n${output}`));
        }, timeoutMs);
        const onData = (chunk) => {
            output += chunk;
            const m = /qm-portal listening on (https?:\/\/\S+)/.exec(output);
            if (m) {
                clearTimeout(timer);
                resolve({ child, url: m[1], output: () => output });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', (chunk) => { output += chunk; });
        child.on('error', (e) => { clearTimeout(timer); reject(new CheckFailure(`cannot start ${bin}: ${e.message}`)); });
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new CheckFailure(`qm-portal exited (${signal || code}) before listening:\n${output}`));
        });
    });
}

export function stopPortal(portal) {
    return new Promise((resolve) => {
        if (portal.child.exitCode !== null || portal.child.signalCode !== null)
            return resolve(portal.child.exitCode);
        const timer = setTimeout(() => portal.child.kill('SIGKILL'), 15000);
        portal.child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
        portal.child.kill('SIGTERM');
    });
}

// Starts qm-portal (QM_PORTAL_BIN) with a fresh demo database on `backend` ("sqlite" or
// "postgres") and `args` added; returns { url, output(), stop() } where stop() ends the
// server (resolving to its exit code) and removes the database.
export async function openDemoPortal(backend, args = []) {
    const bin = process.env.QM_PORTAL_BIN;
    if (!bin || !existsSync(bin))
        throw new CheckFailure(`QM_PORTAL_BIN (${bin || 'unset'}) does not name the qm-portal executable`);
    let db;
    let cleanup;
    if (backend === 'postgres') {
        ({ db, cleanup } = createPostgresDatabase());
    } else if (backend === 'sqlite') {
        const dir = mkdtempSync(path.join(tmpdir(), 'qm-api-'));
        cleanup = () => rmSync(dir, { recursive: true, force: true });
        db = `sqlite:${path.join(dir, 'portal.sqlite')}`;
    } else {
        throw new CheckFailure(`QM_TEST_BACKEND=${backend}: expected sqlite or postgres`);
    }
    let portal;
    try {
        portal = await startPortal(bin, ['--db', db, '--demo', '--port', '0', ...args], 180000);
    } catch (e) {
        cleanup();
        throw e;
    }
    let stopped = null;
    return {
        url: portal.url,
        output: portal.output,
        stop: () => {
            stopped ??= stopPortal(portal).finally(() => {
                try { cleanup(); } catch (e) { console.log(`cleanup: ${e.message}`); }
            });
            return stopped;
        },
    };
}
