import Link from "next/link";

const MESSAGES: Record<string, string> = {
  link_used: "This link was already used, or a newer one was sent.",
  link_expired: "This link has expired.",
  not_found: "This link is not valid. Check that you copied all of it.",
};

/** What a person following a single-use link reads when it cannot be used. */
export function linkProblemMessage(code: string): string {
  return MESSAGES[code] ?? MESSAGES.not_found ?? "";
}

export function LinkProblem({ code, again }: { code: string; again: { href: string; label: string } }) {
  return (
    <div className="space-y-3">
      <p role="alert" className="alert-error" data-testid="link-problem">
        {linkProblemMessage(code)}
      </p>
      <Link href={again.href} className="btn-primary inline-block">
        {again.label}
      </Link>
    </div>
  );
}
