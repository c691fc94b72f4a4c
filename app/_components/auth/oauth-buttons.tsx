import { signInWithProvider } from "@/app/(auth)/actions";
import { oauthProviderButtons } from "@/lib/auth/providers";

export function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  const buttons = oauthProviderButtons();
  if (buttons.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 py-2 text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" /> or <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
      {buttons.map((b) => (
        <form key={b.id} action={signInWithProvider}>
          <input type="hidden" name="provider" value={b.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="btn-secondary w-full">
            Continue with {b.name}
          </button>
        </form>
      ))}
    </div>
  );
}
