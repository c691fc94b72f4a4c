// Imported first by command-line entry points (tsx): the same .env* files `next start` reads.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
