// The Agents SDK validates with zod, which compiles its parsers with `new Function` when it may
// and probes for that with `Function("")` as its schemas are built. The pages'
// Content-Security-Policy has no 'unsafe-eval', so the probe is a reported violation. zod reads
// its settings from this global when it loads (`z.config` would come too late: the bundler
// evaluates zod and the SDK's schemas together), so it is set here, before any zod module runs.
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig ??= {};
scope.__zod_globalConfig.jitless = true;

export {};
