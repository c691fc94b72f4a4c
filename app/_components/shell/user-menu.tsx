import { signOutAction } from "@/app/(auth)/actions";

export function UserMenu({ name, email }: { name: string | null; email: string }) {
  return (
    <div className="flex items-center justify-between gap-2 rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium" data-testid="user-name" title={name ?? email}>
          {name ?? email}
        </p>
        <p className="truncate text-xs text-zinc-600 dark:text-zinc-400" title={email}>
          {email}
        </p>
      </div>
      <form action={signOutAction}>
        <button type="submit" className="btn-secondary whitespace-nowrap px-2.5 py-1.5 text-xs">
          Sign out
        </button>
      </form>
    </div>
  );
}
