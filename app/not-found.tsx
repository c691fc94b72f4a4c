import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Not found" };

// Rendered per request, like every page: a prerendered page has no CSP nonce on its scripts.
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="card space-y-3 text-center">
        <h1 className="text-lg font-semibold">Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        {/* A plain link: the not-found boundary ships with every page, a client Link would too. */}
        <a href="/" className="btn-primary inline-block">
          Back to the dashboard
        </a>
      </div>
    </main>
  );
}
