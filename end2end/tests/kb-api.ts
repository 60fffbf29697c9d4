import { expect, request, type APIRequestContext } from '@playwright/test';
import { account, type Role } from './helpers';

// Knowledge-base set-up over the REST API (a signed-in request context), for tests whose subject is what visitors
// see rather than how the article was written.

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** A request context signed in as `role`; cookie-authenticated writes carry this site's Origin (CSRF). */
export async function apiAs(role: Role): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const who = account(role);
  const login = await api.post('/api/v1/auth/login', { data: { email: who.email, password: who.password } });
  expect(login.status(), `sign in as ${role}`).toBe(200);
  return api;
}

export interface CreatedArticle {
  id: string;
  slug: string;
  lang: string;
  title: string;
}

/** Creates a published article and returns it. */
export async function publishArticle(
  api: APIRequestContext,
  article: { lang: string; title: string; body: string; tags?: string[]; translation_of?: string },
): Promise<CreatedArticle> {
  const response = await api.post('/api/v1/kb/articles', {
    data: { lang: article.lang, title: article.title, body_markdown: article.body, tags: article.tags ?? [],
      translation_of: article.translation_of, status: 'published' },
  });
  expect(response.status(), `create ${article.title}: ${await response.text()}`).toBe(201);
  return (await response.json()) as CreatedArticle;
}

/** A suffix that keeps titles and slugs unique across reruns against the same database. */
export function nonce(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
