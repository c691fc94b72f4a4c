export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./lib/config/startup-check");
    (await import("./lib/http/methods")).refuseUnroutedMethods();
  }
}
