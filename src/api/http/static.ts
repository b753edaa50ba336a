import crypto from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'

/**
 * Files the build bundled (the dashboard, the IDE), read once into memory and served with an ETag
 * (a repeat visit costs a 304) and gzip-compressed where the build wrote `<file>.gz` and the
 * browser takes it.
 */
export interface StaticFile {
  type: string
  body: Buffer
  gzip: Buffer | null
  etag: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
}

/** The named files of `dir` that exist (a missing build leaves them out), by name. */
export function loadStatic(dir: string, names: string[]): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  for (const name of names) {
    const file = path.join(dir, name)
    if (!fs.existsSync(file)) continue
    const gz = `${file}.gz`
    const type = TYPES[path.extname(name)] ?? 'application/octet-stream'
    files.set(name, staticFile(type, fs.readFileSync(file), fs.existsSync(gz) ? fs.readFileSync(gz) : null))
  }
  return files
}

/** A body to serve as a static file, its ETag the hash of its bytes. */
export function staticFile(type: string, body: Buffer, gzip: Buffer | null = null): StaticFile {
  return { type, body, gzip, etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"` }
}

/** Sends a file: 304 when the browser has this version, gzip when it accepts it. */
export function sendStatic(req: http.IncomingMessage, res: http.ServerResponse, file: StaticFile): void {
  res.setHeader('cache-control', 'no-cache')
  res.setHeader('etag', file.etag)
  res.setHeader('vary', 'accept-encoding')
  if (ifNoneMatch(req.headers['if-none-match'], file.etag)) {
    res.statusCode = 304
    return void res.end()
  }
  res.setHeader('content-type', file.type)
  const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  if (gzip) res.setHeader('content-encoding', 'gzip')
  res.statusCode = 200
  res.end(gzip ? file.gzip : file.body)
}

/** If-None-Match names this entity tag (or `*`), weak or strong, in a comma-separated list. */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag.replace(/^W\//, '') === etag
  })
}
