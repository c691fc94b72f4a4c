// `npm run env:example`: rewrites .env.example from lib/config/env.ts.
import fs from "node:fs";
import { envExampleText } from "@/lib/config/env-example";

fs.writeFileSync(".env.example", envExampleText());
console.log("wrote .env.example");
